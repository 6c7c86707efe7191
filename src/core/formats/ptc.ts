// PTC, the SemEval-2020 Task 11 corpus layout: one `article<ID>.txt` per document, and a tab-separated labels
// file of `ID<TAB>label<TAB>start<TAB>end` lines (the technique-classification file), offsets in code points
// (the corpus was built in Python). The span-identification file (`ID<TAB>start<TAB>end`, no label) is read
// too, with the label `spanLabel` (default "propaganda").
//
// Document ids are the file names without extension (interchange.md): `article111.txt` → `article111`; a
// labels line's ID matches `article<ID>` (or `<ID>` for files not named article*). Export writes
// `article<ID>.txt` where ID is the document id without a leading "article", so ids that do not start with
// "article" come back with it. PTC cannot carry notes, document labels, metadata or status.
import type { Span } from '../model';
import { sortSpans } from '../text';
import {
  annotatorsOf,
  assertRecordsHaveDocuments,
  checkId,
  cmp,
  type ExportInput,
  type FolderOutput,
  FormatError,
  fileStem,
  type ImportOptions,
  type ImportResult,
  type InterchangeLine,
  OffsetMap,
  type SourceFile,
  sortedDocuments,
  sortedRecords,
  splitLines,
  stripBom,
  toCodePointSpan,
} from './common';

/** PTC import options. */
export interface PtcImportOptions extends Pick<ImportOptions, 'annotator'> {
  spanLabel?: string;
}

/** The ID a labels file uses for a document id. */
export function ptcArticleId(docId: string): string {
  return docId.startsWith('article') && docId.length > 'article'.length ? docId.slice('article'.length) : docId;
}

/** Reads the articles and (optionally) the labels file into documents and one record each. */
export function parsePtc(
  articles: SourceFile[],
  labels: SourceFile | null,
  options: PtcImportOptions = {},
): ImportResult {
  const docs = new Map<string, InterchangeLine>();
  const maps = new Map<string, OffsetMap>();
  for (const f of [...articles].sort((a, b) => cmp(a.path, b.path))) {
    const id = checkId(fileStem(f.path), f.path, 0);
    if (docs.has(id)) throw new FormatError(f.path, 0, `document ${id} appears twice`);
    docs.set(id, { id, text: f.text, meta: {}, spans: [], docLabels: {} });
  }
  const annotator = options.annotator;
  if (annotator) checkId(annotator, labels?.path ?? 'articles', 0, 'annotator');
  const touched = new Set<string>();
  if (labels) {
    for (const [i, raw] of splitLines(stripBom(labels.text)).entries()) {
      const n = i + 1;
      if (raw.trim() === '') continue;
      const cols = raw.split('\t').map((c) => c.trim());
      let ref: string;
      let label: string;
      let start: string;
      let end: string;
      if (cols.length === 4) [ref, label, start, end] = cols;
      else if (cols.length === 3) {
        [ref, start, end] = cols;
        label = options.spanLabel ?? 'propaganda';
      } else
        throw new FormatError(labels.path, n, `expected ID<TAB>label<TAB>start<TAB>end, found ${cols.length} fields`);
      if (!label) throw new FormatError(labels.path, n, 'the label is empty');
      const doc = docs.get(`article${ref}`) ?? docs.get(ref);
      if (!doc) throw new FormatError(labels.path, n, `no article${ref}.txt among the articles`);
      const num = (v: string) => (/^\d{1,15}$/.test(v) ? Number(v) : v);
      let map = maps.get(doc.id);
      if (!map) {
        map = new OffsetMap(doc.text);
        maps.set(doc.id, map);
      }
      const o = toCodePointSpan(map, num(start), num(end), 'codepoint', labels.path, n, 'span');
      if (o.end === o.start) throw new FormatError(labels.path, n, `span: end ${o.end} is not after start ${o.start}`);
      doc.spans.push({ start: o.start, end: o.end, label });
      touched.add(doc.id);
    }
  }
  const lines: InterchangeLine[] = [];
  for (const doc of docs.values()) {
    if (labels && annotator) lines.push({ ...doc, annotator, spans: sortSpans(doc.spans) });
    else if (touched.has(doc.id)) lines.push({ ...doc, spans: sortSpans(doc.spans) });
    else lines.push(doc);
  }
  return { lines, warnings: [] };
}

/** One labels file: lines sorted by document, start, end, label. */
export function formatPtcLabels(rows: { doc: string; spans: Span[] }[]): string {
  const out: string[] = [];
  for (const r of [...rows].sort((a, b) => cmp(a.doc, b.doc)))
    for (const s of sortSpans(r.spans)) out.push(`${ptcArticleId(r.doc)}\t${s.label}\t${s.start}\t${s.end}`);
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Writes `article<ID>.txt` files and `labels.tsv` (`labels.<annotator>.tsv` for each of several annotators). */
export function formatPtc(input: ExportInput): FolderOutput {
  assertRecordsHaveDocuments(input);
  const files: Record<string, string> = {};
  for (const doc of sortedDocuments(input.documents)) files[`article${ptcArticleId(doc.id)}.txt`] = doc.text;
  const annotators = annotatorsOf(input.records);
  const records = sortedRecords(input.records);
  if (annotators.length <= 1)
    files['labels.tsv'] = formatPtcLabels(records.map((r) => ({ doc: r.document, spans: r.spans })));
  else
    for (const a of annotators)
      files[`labels.${a}.tsv`] = formatPtcLabels(
        records.filter((r) => r.annotator === a).map((r) => ({ doc: r.document, spans: r.spans })),
      );
  return { files };
}
