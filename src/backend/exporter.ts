// Export of a project to the interchange JSONL, written whole to a temp file and renamed into place.
import type { ExportOptions, ExportReport } from '../core/api';
import { formatInterchangeLine } from '../core/formats/jsonl';
import { GOLD } from '../core/model';
import { writeFileDurably } from './durableFile';
import { type Project, ProjectError } from './project';

/** Why: lines ordered by document id, then annotator; a document nobody (selected) annotated gets one bare line. */
export async function exportJsonl(project: Project, options: ExportOptions): Promise<ExportReport> {
  const annotators = await project.annotators();
  let selected = annotators;
  if (options.gold) selected = [GOLD];
  else if (options.annotator) {
    if (!annotators.includes(options.annotator))
      throw new ProjectError(
        `no annotator ${JSON.stringify(options.annotator)} (known: ${annotators.join(', ') || 'none'})`,
      );
    selected = [options.annotator];
  }
  const lines: string[] = [];
  for (const id of project.index.keys()) {
    const doc = await project.getDocument(id);
    let wrote = false;
    for (const annotator of selected) {
      const record = await project.readRecord(annotator, id);
      if (!record) continue;
      lines.push(formatInterchangeLine(doc, record, options.offsets));
      wrote = true;
    }
    if (!wrote) lines.push(formatInterchangeLine(doc, null, options.offsets));
  }
  await writeFileDurably(options.out, lines.length ? `${lines.join('\n')}\n` : '');
  return { out: options.out, lines: lines.length };
}
