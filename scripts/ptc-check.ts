// Checks the SemEval-2020 Task 11 corpus (PTC) through a real import and export: every span must cover
// exactly the official text, every article file must come back byte-identical, and the exported labels must
// equal the official ones line for line. The corpus is not shipped with Frame Lens (no licence grants it) and
// CI cannot download it: point PTC_DIR at a copy holding `train-articles/` and `train-task2-TC.labels`.
// Run: PTC_DIR=/path/to/datasets node bin/run-ts.js scripts/ptc-check.ts [--out DIR]
// With --out, the exported folder is kept there, to score with the official scorer by hand, e.g.
//   python3 tools/task-TC_scorer.py -s DIR/labels.tsv -r datasets/train-task2-TC.labels -p tools/data/propaganda-techniques-names-semeval2020task11.txt
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportProject } from '../src/backend/exporter';
import { importIntoProject } from '../src/backend/importer';
import { Project } from '../src/backend/project';
import { spanText } from '../src/core/text';

const dir = process.env.PTC_DIR;
if (!dir || !existsSync(join(dir, 'train-articles'))) {
  console.log('skip: set PTC_DIR to a folder holding train-articles/ and train-task2-TC.labels');
  process.exit(0);
}
const outArg = process.argv.indexOf('--out');
const keep = outArg > 0 ? process.argv[outArg + 1] : undefined;
const scratch = mkdtempSync(join(tmpdir(), 'framelens-ptc-'));
const articles = join(dir, 'train-articles');
const labels = join(dir, 'train-task2-TC.labels');
const failures: string[] = [];

const project = await Project.create(join(scratch, 'p'), 'PTC');
const report = await importIntoProject(project, {
  paths: [articles, labels],
  format: 'ptc',
  annotator: 'gold',
  labels,
  verify: true,
  dryRun: true,
});
if (report.verify?.length) failures.push(`verify lists ${report.verify.length}: ${report.verify[0].problem}`);
await importIntoProject(project, { paths: [articles, labels], format: 'ptc', annotator: 'gold', labels });

// Every official line's span covers the same text in the stored document as in the article file.
let spans = 0;
for (const line of readFileSync(labels, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const [id, , start, end] = line.split('\t');
  const official = [...readFileSync(join(articles, `article${id}.txt`), 'utf8')]
    .slice(Number(start), Number(end))
    .join('');
  const doc = await project.getDocument(`article${id}`);
  const stored = spanText(doc.text, { start: Number(start), end: Number(end) });
  if (stored !== official)
    failures.push(`article${id} ${start}-${end}: ${JSON.stringify(stored)} ≠ ${JSON.stringify(official)}`);
  spans++;
}

const out = keep ?? join(scratch, 'out');
await exportProject(project, { format: 'ptc', out, gold: true });
let identical = 0;
for (const name of readdirSync(articles).filter((n) => n.endsWith('.txt'))) {
  if (readFileSync(join(articles, name)).equals(readFileSync(join(out, name)))) identical++;
  else failures.push(`${name} differs after export`);
}
const sameLabels = readFileSync(labels).equals(readFileSync(join(out, 'labels.tsv')));
if (!sameLabels) failures.push('labels.tsv differs from the official labels file');
rmSync(scratch, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      articles: report.summary.documents.added,
      spans,
      spans_stored: report.summary.spans.stored,
      articles_byte_identical: identical,
      labels_file_byte_identical: sameLabels,
      failures: failures.slice(0, 20),
      ...(keep ? { exported_to: keep } : {}),
    },
    null,
    2,
  ),
);
process.exit(failures.length ? 1 : 0);
