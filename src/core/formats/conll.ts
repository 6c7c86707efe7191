// CoNLL NER columns with IOB2 tags: one `token<TAB>tag` line per token, a blank line between sentences,
// a `-DOCSTART-<TAB><doc id>[<TAB><annotator>]` line before each document. Tokens are Intl.Segmenter word
// segments cut at span boundaries, so each span covers whole tokens.
//
// A sentence break never falls inside a span (the two sentences are written as one).
//
// Overlap rule: CoNLL holds one tag per token, so overlapping (or nested) spans are REFUSED: the export
// throws a `ConllOverlapError` naming the document, the annotator and both spans, and writes nothing. We
// chose refusal over one column per label because every CoNLL reader (spaCy, Hugging Face, flair) expects
// exactly one tag column; export overlapping annotations as jsonl, brat or webanno-tsv instead.
//
// What CoNLL cannot carry: the exact text (import rebuilds it as tokens joined by spaces, sentences by line
// breaks), whitespace at span edges, notes, document labels, metadata and status.
//
// Import reads the last column as the tag (so CoNLL-2003's four columns work), accepts IOB2, IOB1 (an `I-`
// after `O` or another type starts a span) and the E-/S- (BIOES) and L-/U- (BILOU) tags; any other tag is
// an error naming the line.
import type { Span } from '../model';
import { sortSpans } from '../text';
import {
  assertRecordsHaveDocuments,
  checkId,
  type ExportInput,
  FormatError,
  fileStem,
  type ImportOptions,
  type ImportResult,
  type InterchangeLine,
  OffsetMap,
  recordsByDocument,
  safeId,
  sortedDocuments,
  splitLines,
  stripBom,
  WarningCounter,
} from './common';
import { type Range, tokenSentences, wordTokens } from './tokens';

/** The export's refusal of overlapping spans, as one readable line. */
export class ConllOverlapError extends Error {
  constructor(
    readonly document: string,
    readonly annotator: string,
    readonly first: Span,
    readonly second: Span,
  ) {
    super(
      `conll: document ${document} (annotator ${annotator}): span ${first.start}-${first.end} ${JSON.stringify(first.label)} overlaps span ${second.start}-${second.end} ${JSON.stringify(second.label)}; CoNLL holds one tag per token, so remove the overlap or export as jsonl, brat or webanno-tsv`,
    );
    this.name = 'ConllOverlapError';
  }
}

/** The tokens and IOB2 tags of one document's text and spans (spans must not overlap). */
export function conllSentences(
  text: string,
  spans: Span[],
  extraCuts: Span[] = [],
): { token: string; tag: string }[][] {
  const map = new OffsetMap(text);
  const u16 = sortSpans(spans).map((s) => ({ label: s.label, start: map.toUtf16(s.start), end: map.toUtf16(s.end) }));
  const cuts: number[] = [];
  for (const s of u16) cuts.push(s.start, s.end);
  // Cuts of the document's other annotators too, so every annotator's block has the same tokens.
  for (const s of extraCuts) cuts.push(map.toUtf16(s.start), map.toUtf16(s.end));
  const tokens = wordTokens(text, cuts);
  const tags = new Map<number, string>();
  const owner = new Map<number, number>();
  let k = 0;
  u16.forEach((s, si) => {
    while (k < tokens.length && tokens[k].end <= s.start) k++;
    let first = true;
    for (let j = k; j < tokens.length && tokens[j].start < s.end; j++) {
      tags.set(tokens[j].start, `${first ? 'B' : 'I'}-${s.label}`);
      owner.set(tokens[j].start, si);
      first = false;
    }
  });
  // A sentence break never splits a span (readers close spans at blank lines): merge those sentences.
  const merged: Range[][] = [];
  for (const sentence of tokenSentences(text, tokens)) {
    const prev = merged[merged.length - 1];
    const a = prev ? owner.get(prev[prev.length - 1].start) : undefined;
    if (prev && a !== undefined && a === owner.get(sentence[0].start)) prev.push(...sentence);
    else merged.push([...sentence]);
  }
  return merged.map((sentence) =>
    sentence.map((t) => ({ token: text.slice(t.start, t.end), tag: tags.get(t.start) ?? 'O' })),
  );
}

/** Writes CoNLL: refuses overlapping spans (see the file comment), one block per (document, annotator). */
export function formatConll(input: ExportInput): string {
  assertRecordsHaveDocuments(input);
  const byDoc = recordsByDocument(input.records);
  const out: string[] = [];
  for (const doc of sortedDocuments(input.documents)) {
    const records = byDoc.get(doc.id) ?? [];
    const blocks = records.length ? records.map((r) => ({ annotator: r.annotator, spans: r.spans })) : [null];
    for (const block of blocks) {
      const spans = block?.spans ?? [];
      for (let i = 1; i < spans.length; i++) {
        const prev = spans.slice(0, i).reduce((a, b) => (b.end > a.end ? b : a));
        if (spans[i].start < prev.end) throw new ConllOverlapError(doc.id, block?.annotator ?? '', prev, spans[i]);
      }
      out.push(block ? `-DOCSTART-\t${doc.id}\t${block.annotator}` : `-DOCSTART-\t${doc.id}`, '');
      const allSpans = records.flatMap((r) => r.spans);
      for (const sentence of conllSentences(doc.text, spans, allSpans)) {
        for (const t of sentence) out.push(`${t.token}\t${t.tag}`);
        out.push('');
      }
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

interface Building {
  id: string;
  annotator?: string;
  sentences: string[][];
  spans: { startToken: [number, number]; endToken: [number, number]; label: string }[];
  line: number;
}

/** Reads CoNLL NER columns back into documents with spans (text rebuilt from the tokens). */
export function parseConll(file: string, input: string, options: ImportOptions = {}): ImportResult {
  const lines = splitLines(stripBom(input));
  const warnings = new WarningCounter();
  const docs: Building[] = [];
  const stem = safeId(fileStem(file)) ?? 'conll';
  const hasDocstart = lines.some((l) => l.startsWith('-DOCSTART-'));
  let doc: Building | null = null;
  let sentence: string[] | null = null;
  let open: { label: string; start: [number, number]; end: [number, number] } | null = null;
  const closeSpan = () => {
    if (open && doc) doc.spans.push({ startToken: open.start, endToken: open.end, label: open.label });
    open = null;
  };
  const newDoc = (id: string | null, annotator: string | undefined, line: number) => {
    closeSpan();
    sentence = null;
    doc = { id: id ?? `${stem}-${docs.length + 1}`, annotator, sentences: [], spans: [], line };
    docs.push(doc);
  };
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const line = raw.trim();
    if (line === '') {
      closeSpan();
      sentence = null;
      continue;
    }
    const cols = raw.includes('\t') ? raw.split('\t').map((c) => c.trim()) : line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      const id = cols[1] && safeId(cols[1]) === cols[1] ? checkId(cols[1], file, n) : null;
      const annotator = cols[2] && safeId(cols[2]) === cols[2] ? cols[2] : undefined;
      newDoc(id, annotator, n);
      continue;
    }
    if (cols.length < 2 || cols[0] === '')
      throw new FormatError(file, n, 'expected a token and a tag separated by a tab or spaces');
    const token = cols[0];
    const tag = cols[cols.length - 1];
    if (!doc) newDoc(hasDocstart ? null : stem, undefined, n);
    const d = doc as unknown as Building;
    if (!sentence) {
      sentence = [];
      d.sentences.push(sentence);
    }
    const pos: [number, number] = [d.sentences.length - 1, sentence.length];
    sentence.push(token);
    const m = /^([BIESLU])-(.+)$/.exec(tag);
    if (tag === 'O') {
      closeSpan();
      continue;
    }
    if (!m) throw new FormatError(file, n, `tag ${JSON.stringify(tag.slice(0, 40))} is not O or B-/I-/E-/S-<label>`);
    const [, prefix, label] = m;
    const current = open as { label: string; start: [number, number]; end: [number, number] } | null;
    if (prefix === 'B' || prefix === 'S' || prefix === 'U' || !current || current.label !== label) {
      if ((prefix === 'I' || prefix === 'E' || prefix === 'L') && (!current || current.label !== label))
        warnings.add('I- tags that start a span (IOB1 or a broken sequence)', `line ${n}`);
      closeSpan();
      open = { label, start: pos, end: pos };
    } else current.end = pos;
    if (prefix === 'S' || prefix === 'U' || prefix === 'E' || prefix === 'L') closeSpan();
  }
  closeSpan();
  const out: InterchangeLine[] = [];
  const annotatorOption = options.annotator;
  if (annotatorOption) checkId(annotatorOption, file, 0, 'annotator');
  for (const d of docs) {
    // Rebuild the text: tokens joined by spaces, sentences by line breaks; remember each token's code points.
    const starts: number[][] = [];
    let text = '';
    let cp = 0;
    d.sentences.forEach((s, si) => {
      if (si > 0) {
        text += '\n';
        cp++;
      }
      starts.push([]);
      s.forEach((t, ti) => {
        if (ti > 0) {
          text += ' ';
          cp++;
        }
        starts[si].push(cp);
        text += t;
        cp += [...t].length;
      });
    });
    const tokenEnd = (p: [number, number]) => starts[p[0]][p[1]] + [...d.sentences[p[0]][p[1]]].length;
    const spans = d.spans.map((s) => ({
      start: starts[s.startToken[0]][s.startToken[1]],
      end: tokenEnd(s.endToken),
      label: s.label,
    }));
    const annotator = d.annotator ?? annotatorOption;
    out.push({ id: d.id, text, meta: {}, ...(annotator ? { annotator } : {}), spans: sortSpans(spans), docLabels: {} });
  }
  const seen = new Set<string>();
  for (const l of out) {
    const key = `${l.id}\u0000${l.annotator ?? ''}`;
    if (seen.has(key)) throw new FormatError(file, 0, `document ${l.id} appears twice`);
    seen.add(key);
  }
  return { lines: out, warnings: warnings.list() };
}
