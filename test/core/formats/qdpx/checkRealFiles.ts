// Checks real REFI-QDA files that cannot ship with the tests (see test/fixtures/qdpx/README.md):
//   node bin/run-ts.js test/core/formats/qdpx/checkRealFiles.ts DIR
// Every .qdpx (or .zip) and .qdc in DIR is read, mapped to Frame Lens, written back and read again; one line
// per file, exit 1 if any fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codebookFromQdc,
  frameLensToQdpx,
  parseQdc,
  parseQdpx,
  qdcFromCodebook,
  qdpxToFrameLens,
  writeQdc,
  writeQdpx,
} from '../../../../src/core/formats/qdpx/index';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: checkRealFiles.ts DIR');
  process.exit(2);
}
let failed = 0;
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  const bytes = new Uint8Array(readFileSync(path));
  try {
    if (/\.qdc$/i.test(name)) {
      const { codebook } = codebookFromQdc(parseQdc(bytes, { file: name }).codebook, { file: name });
      const again = codebookFromQdc(parseQdc(writeQdc(qdcFromCodebook(codebook))).codebook).codebook;
      if (JSON.stringify(again) !== JSON.stringify(codebook)) throw new Error('the codebook changed on the way back');
      console.log(`ok   ${name}: ${codebook.spanLabels.length} labels`);
      continue;
    }
    if (!/\.(qdpx|zip)$/i.test(name)) continue;
    const parsed = parseQdpx(bytes, { file: name });
    const mapped = qdpxToFrameLens(parsed.project, { file: name });
    const perCoder: Record<string, number> = {};
    for (const l of mapped.lines)
      if (l.annotator) perCoder[l.annotator] = (perCoder[l.annotator] ?? 0) + l.spans.length;
    const documents = [...new Map(mapped.lines.map((l) => [l.id, { id: l.id, text: l.text, meta: l.meta }])).values()];
    const records = mapped.lines
      .filter((l) => l.annotator)
      .map((l) => ({
        document: l.id,
        annotator: l.annotator!,
        textHash: '',
        codebookVersion: 1,
        status: 'in_progress' as const,
        spans: l.spans,
        docLabels: l.docLabels,
        updatedAt: '',
      }));
    const out = frameLensToQdpx({
      documents,
      records,
      codebook: mapped.codebook,
      memos: mapped.memos,
      keep: mapped.keep,
    });
    const back = qdpxToFrameLens(parseQdpx(writeQdpx(out.project)).project);
    const key = (l: { id: string; annotator?: string }) => `${l.id}\u0000${l.annotator ?? ''}`;
    const sorted = (lines: typeof mapped.lines) =>
      JSON.stringify([...lines].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
    if (sorted(back.lines) !== sorted(mapped.lines)) throw new Error('documents or spans changed on the way back');
    if (JSON.stringify(back.codebook) !== JSON.stringify(mapped.codebook))
      throw new Error('the codebook changed on the way back');
    console.log(
      `ok   ${name}: ${parsed.project.origin ?? '(no origin)'}; ${documents.length} documents, ${mapped.codebook.spanLabels.length} labels, ` +
        `${mapped.memos.length} memos, spans per coder ${JSON.stringify(perCoder)}; positions ${parsed.positions.unit}` +
        `${parsed.positions.crlfAsOne ? ' (CR LF as one)' : ''}; ${mapped.warnings.length + parsed.warnings.length} warnings`,
    );
    for (const w of [...parsed.warnings, ...mapped.warnings]) console.log(`     ${w}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${(error as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
