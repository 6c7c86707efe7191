// Outlet comparison and suggestions over a project's files: loads the documents and the selected
// layers, then hands them to the pure functions in src/core.

import type { OutletReport } from '../core/api';
import type { AnnotationRecord } from '../core/model';
import { GOLD } from '../core/model';
import type { OutletDocument } from '../core/outlets';
import { buildLexicon, findSuggestions, type Suggestion } from '../core/suggestions';
import { type Project, ProjectError } from './project';
import { outletTables } from './reportCompute';

/** Whose spans count: one annotator, gold, or (default) every annotator but gold. */
interface LayerSelection {
  annotator?: string;
  gold?: boolean;
}

/** The selected layers' records, refusing an unknown annotator by name. */
export async function selectedRecords(project: Project, selection: LayerSelection): Promise<AnnotationRecord[]> {
  const annotators = await project.annotators();
  if (selection.annotator && !annotators.includes(selection.annotator))
    throw new ProjectError(
      `no annotator ${JSON.stringify(selection.annotator)} (known: ${annotators.join(', ') || 'none'})`,
    );
  const names = selection.gold
    ? [GOLD]
    : selection.annotator
      ? [selection.annotator]
      : annotators.filter((a) => a !== GOLD);
  const out: AnnotationRecord[] = [];
  for (const a of names) out.push(...(await project.records(a)));
  return out;
}

/** Every document with its text (loaded in parallel batches); `progress` hears documents read of all. */
export async function loadDocuments(
  project: Project,
  progress?: (done: number, total: number) => void,
): Promise<OutletDocument[]> {
  const ids = [...project.index.keys()];
  const out: OutletDocument[] = [];
  for (let i = 0; i < ids.length; i += 64) {
    out.push(...(await Promise.all(ids.slice(i, i + 64).map((id) => project.getDocument(id)))));
    progress?.(out.length, ids.length);
  }
  return out;
}

/** `framelens outlets --json`: phrases per label per outlet, plus label rates per outlet beside them. */
export async function projectOutlets(
  project: Project,
  options: LayerSelection & { label?: string; story?: string },
  visible: (records: AnnotationRecord[]) => Promise<AnnotationRecord[]> = async (r) => r,
): Promise<OutletReport> {
  const documents = await loadDocuments(project);
  const records = await visible(await selectedRecords(project, options));
  return outletTables(documents, records, { label: options.label, story: options.story });
}

/**
 * Suggestions for one annotator: phrases any coder marked, found unlabelled in that annotator's documents. On a
 * document `blind` names (one the annotator codes in an open round) only the annotator's own phrases count, and
 * elsewhere only phrases marked on documents not blind to the annotator.
 */
export async function projectSuggestions(
  project: Project,
  annotator: string,
  documentIds?: string[],
  blind: (document: string) => boolean = () => false,
): Promise<Suggestion[]> {
  const documents = await loadDocuments(project);
  const all = await selectedRecords(project, {});
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  const mine = new Map(all.filter((r) => r.annotator === annotator).map((r) => [r.document, r.spans]));
  const wanted = documentIds ? new Set(documentIds) : null;
  const asked = documents.filter((d) => !wanted || wanted.has(d.id));
  const open = asked.filter((d) => !blind(d.id));
  const closed = asked.filter((d) => blind(d.id));
  const out = findSuggestions(
    buildLexicon(
      texts,
      all.filter((r) => r.annotator === annotator || !blind(r.document)),
    ),
    open,
    mine,
  );
  if (closed.length === 0) return out;
  out.push(
    ...findSuggestions(
      buildLexicon(
        texts,
        all.filter((r) => r.annotator === annotator),
      ),
      closed,
      mine,
    ),
  );
  const order = new Map(asked.map((d, i) => [d.id, i]));
  return out.sort((a, b) => order.get(a.document)! - order.get(b.document)!);
}
