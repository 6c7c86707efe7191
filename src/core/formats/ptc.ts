// PTC, the SemEval-2020 Task 11 corpus layout: one `article<ID>.txt` per document and tab-separated labels
// files of `ID<TAB>label<TAB>start<TAB>end` lines (technique classification) or `ID<TAB>start<TAB>end` lines
// (span identification, read with the label `spanLabel`). Offsets are code points of the article as Python
// reads it with the utf-8 codec: a BOM at the start of an article is a character the offsets count, so the
// text is kept exactly, BOM included, and written back.
//
// Each span gets the id `L<n>`, its position among its article's lines, so an export writes the lines in
// the order they were read: the labels file comes back byte-identical. Document ids are the file names
// without extension (`article111`); a labels line's ID matches `article<ID>` (or `<ID>`).
import type { Span } from '../model';
import { orderSpans } from '../text';
import {
  annotatorsOf,
  checkId,
  choiceOption,
  cmp,
  FormatError,
  fileStem,
  OffsetMap,
  sortedDocuments,
  sortedRecords,
  splitLines,
  stripBom,
  textFiles,
  toCodePointSpan,
} from './common';
import { type AnnotatorFromFolderOption, annotatorFromFolder } from './sharedOptions';
import type { Format, InterchangeLine, ParseContext, TextFile } from './types';

interface PtcImportOptions extends AnnotatorFromFolderOption {
  /** The labels file among the paths (default: every file not ending in .txt). */
  labels?: string;
  /** The label of span-identification lines, which have none. */
  spanLabel?: string;
}

interface PtcExportOptions {
  /** The SemEval subtask's layout: tc, ID, label, start, end; si, ID, start, end. */
  task?: 'tc' | 'si';
}

/** The ID a labels file uses for a document id. */
function ptcArticleId(docId: string): string {
  return docId.startsWith('article') && docId.length > 'article'.length ? docId.slice('article'.length) : docId;
}

const LINE_ID = /^L(\d+)$/;

/** Reads the articles and the labels files into documents and records. */
function parsePtc(
  articles: TextFile[],
  labelsFiles: TextFile[],
  options: PtcImportOptions & { annotator?: string },
  ctx: ParseContext,
): InterchangeLine[] {
  const docs = new Map<string, InterchangeLine>();
  const maps = new Map<string, OffsetMap>();
  for (const f of [...articles].sort((a, b) => cmp(a.path, b.path))) {
    const id = checkId(fileStem(f.path), f.path, 0);
    if (docs.has(id)) throw new FormatError(f.path, 0, `document ${id} appears twice`);
    docs.set(id, { id, text: f.text, meta: {}, spans: [], docLabels: {}, where: { file: f.path, line: 0 } });
  }
  const records = new Map<string, InterchangeLine>();
  const counters = new Map<string, number>();
  for (const labels of [...labelsFiles].sort((a, b) => cmp(a.path, b.path))) {
    const name = labels.path.split(/[\\/]/).pop() ?? labels.path;
    const named = /^labels\.(.+)\.tsv$/.exec(name)?.[1];
    const annotator = options.annotatorFromFolder && named ? named : options.annotator;
    if (annotator) checkId(annotator, labels.path, 0, 'annotator');
    for (const [i, raw] of splitLines(stripBom(labels.text)).entries()) {
      const n = i + 1;
      if (raw.trim() === '') continue;
      if (!annotator)
        throw new FormatError(labels.path, n, 'labels need an annotator: give --annotator NAME (e.g. gold)');
      const cols = raw.split('\t').map((c) => c.trim());
      let ref: string;
      let label: string;
      let start: string;
      let end: string;
      if (cols.length === 4) [ref, label, start, end] = cols;
      else if (cols.length === 3) {
        [ref, start, end] = cols;
        label = options.spanLabel ?? 'propaganda';
        ctx.detect('task', 'si');
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
      if (o.end === o.start) {
        ctx.drop('empty-spans', labels.path, n, `${ref} ${label} ${o.start}-${o.end}`);
        continue;
      }
      const key = `${doc.id}\u0000${annotator}`;
      let record = records.get(key);
      if (!record) {
        record = { ...doc, annotator, spans: [], where: { file: labels.path, line: n } };
        records.set(key, record);
      }
      const k = (counters.get(key) ?? 0) + 1;
      counters.set(key, k);
      record.spans.push({ id: `L${k}`, start: o.start, end: o.end, label });
    }
  }
  const lines: InterchangeLine[] = [];
  const annotatorsSeen = [...new Set([...records.values()].map((r) => r.annotator as string))];
  for (const doc of docs.values()) {
    const mine = [...records.values()].filter((r) => r.id === doc.id);
    if (mine.length) lines.push(...mine.map((r) => ({ ...r, spans: orderSpans(r.spans) })));
    // An article without labels is still coded by each annotator whose labels file covers the corpus.
    else if (labelsFiles.length && annotatorsSeen.length)
      for (const a of annotatorsSeen) lines.push({ ...doc, annotator: a, spans: [] });
    else lines.push(doc);
  }
  return lines;
}

/** A record's spans in the order a labels file lists them: read order (ids L1, L2…), then the rest. */
function lineOrder(spans: Span[]): Span[] {
  const read = spans.filter((s) => LINE_ID.test(s.id ?? ''));
  const rest = spans.filter((s) => !LINE_ID.test(s.id ?? ''));
  read.sort((a, b) => Number(LINE_ID.exec(a.id ?? '')?.[1]) - Number(LINE_ID.exec(b.id ?? '')?.[1]));
  return [...read, ...orderSpans(rest)];
}

/** One labels file: documents by id, each document's spans in line order. */
function formatPtcLabels(rows: { doc: string; spans: Span[] }[], layout: 'tc' | 'si' = 'tc'): string {
  const out: string[] = [];
  for (const r of [...rows].sort((a, b) => cmp(a.doc, b.doc)))
    for (const s of lineOrder(r.spans))
      out.push(
        layout === 'si'
          ? `${ptcArticleId(r.doc)}\t${s.start}\t${s.end}`
          : `${ptcArticleId(r.doc)}\t${s.label}\t${s.start}\t${s.end}`,
      );
  return out.length ? `${out.join('\n')}\n` : '';
}

export const ptc: Format<PtcImportOptions, PtcExportOptions> = {
  name: 'ptc',
  title: 'SemEval-2020 Task 11 (PTC): article<ID>.txt files and a labels TSV (ID, label, start, end)',
  extensions: ['.labels'],
  reads: ['.txt', '.labels', '.tsv'],
  input: 'text',
  offsets: 'codepoint',
  folder: true,
  carries: ['documents', 'spans', 'span ids', 'annotators'],
  loses: ['notes', 'document labels', 'metadata', 'status'],
  text: {
    bom: 'part of the article, as the official offsets count it; written back, so the files come back byte-identical',
    crlf: 'kept; a CR counts in the offsets',
    nfc: 'kept as written (the official offsets count the decomposed characters)',
    equalTexts: 'documents are article files: equal texts under different ids stay different documents',
  },
  importOptions: [
    {
      key: 'labels',
      flag: 'labels',
      label: 'Labels file (TSV: ID, label, start, end)',
      help: 'ptc: the labels file (found among the files when not given: every file not ending in .txt)',
      kind: 'path',
      placeholder: 'found among the files when empty',
    },
    {
      key: 'spanLabel',
      flag: 'span-label',
      label: 'Label of span-identification lines',
      help: 'ptc: the label given to ID<TAB>start<TAB>end lines, which name none (default: propaganda)',
      kind: 'text',
      placeholder: 'propaganda',
    },
    annotatorFromFolder,
  ],
  exportOptions: [
    choiceOption({
      key: 'task',
      flag: 'task',
      label: 'SemEval subtask',
      help: 'ptc: tc writes ID, label, start, end (technique classification); si writes ID, start, end (span identification)',
      choices: [
        ['tc', 'technique classification: ID, label, start, end'],
        ['si', 'span identification: ID, start, end'],
      ],
    }),
  ],
  parse(files, options, ctx) {
    const all = textFiles(files);
    const isLabels = (f: TextFile) => (options.labels ? f.path === options.labels : !/\.txt$/i.test(f.path));
    return parsePtc(
      all.filter((f) => !isLabels(f)),
      all.filter(isLabels),
      options,
      ctx,
    );
  },
  format(input, options) {
    const layout = options.task ?? 'tc';
    const files: Record<string, string> = {};
    for (const doc of sortedDocuments(input.documents)) files[`article${ptcArticleId(doc.id)}.txt`] = doc.text;
    const annotators = annotatorsOf(input.records);
    const records = sortedRecords(input.records);
    if (annotators.length <= 1)
      files['labels.tsv'] = formatPtcLabels(
        records.map((r) => ({ doc: r.document, spans: r.spans })),
        layout,
      );
    else
      for (const a of annotators)
        files[`labels.${a}.tsv`] = formatPtcLabels(
          records.filter((r) => r.annotator === a).map((r) => ({ doc: r.document, spans: r.spans })),
          layout,
        );
    return { files };
  },
};
