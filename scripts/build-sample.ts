// Rebuilds annotations/ (the sample project the app opens by default) from scripts/sample/*.json,
// through the real backend: create, codebook, then one JSONL import of documents and both annotators.
// Run: node bin/run-ts.js scripts/build-sample.ts
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importIntoProject } from '../src/backend/importer';
import { Project } from '../src/backend/project';
import type { Codebook, DocumentMeta } from '../src/core/model';

const ROOT = join(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'scripts', 'sample');
const TARGET = join(ROOT, 'annotations');

const documents: { id: string; text: string; meta: DocumentMeta }[] = JSON.parse(
  await readFile(join(SAMPLE, 'documents.json'), 'utf8'),
);
const records: { document: string; annotator: string; status: string; spans: unknown[]; docLabels: unknown }[] =
  JSON.parse(await readFile(join(SAMPLE, 'annotations.json'), 'utf8'));
const codebook: Codebook = JSON.parse(await readFile(join(SAMPLE, 'codebook.json'), 'utf8'));

const staging = `${TARGET}.building`;
await rm(staging, { recursive: true, force: true });
const project = await Project.create(staging, 'Putin–Pezeshkian call, January 2026 (sample)', codebook);

const lines = [];
for (const doc of documents) {
  const { publishedRaw, ...meta } = doc.meta;
  const jsonMeta = publishedRaw ? { ...meta, published_raw: publishedRaw } : meta;
  const docRecords = records.filter((r) => r.document === doc.id);
  if (!docRecords.length) lines.push({ id: doc.id, text: doc.text, meta: jsonMeta });
  for (const r of docRecords)
    lines.push({
      id: doc.id,
      text: doc.text,
      meta: jsonMeta,
      annotator: r.annotator,
      status: r.status,
      spans: r.spans,
      doc_labels: r.docLabels,
    });
}
const jsonl = join(staging, '..', '.sample.jsonl');
await writeFile(jsonl, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
const report = await importIntoProject(project, { paths: [jsonl], format: 'jsonl' });
await rm(jsonl);
if (report.addedSpanLabels.length || report.addedDocLabelGroups.length)
  throw new Error(
    `the sample annotations use labels the codebook lacks: ${[...report.addedSpanLabels, ...report.addedDocLabelGroups].join(', ')}`,
  );
await rm(TARGET, { recursive: true, force: true });
await rename(staging, TARGET);
console.log(`annotations/: ${report.documentsAdded.length} documents, ${report.records} records`);
