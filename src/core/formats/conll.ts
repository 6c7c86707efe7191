// CoNLL NER columns with IOB2 tags: one `token<TAB>tag` line per token, a blank line between sentences,
// a `-DOCSTART-<TAB><doc id>[<TAB><annotator>]` line before each document (a standard
// `-DOCSTART- -X- O O` line only starts a new document). The source's tokens are kept at import, so an
// export writes the same tokens (CoNLL-2003 POS and chunk columns still line up); a document without stored
// tokens is tokenized with Intl.Segmenter. A token is cut where a span edge falls inside it.
//
// Overlap rule: CoNLL holds one tag per token, so overlapping (or nested) spans are REFUSED: the export
// throws a `ConllOverlapError` naming the document, the annotator and both spans, and writes nothing. Every
// CoNLL reader (spaCy, Hugging Face, flair) expects one tag column; export overlaps as jsonl, brat or
// webanno-tsv. A sentence break never falls inside a span (the two sentences are written as one).
//
// Import reads the last column as the tag (`tagColumns` names others, e.g. GermEval 2014's outer and inner
// columns); a first column of running numbers is an index; comment lines (`#` lines at a sentence start that
// hold no tag, as GermEval's `#<TAB>http://…`) are not tokens. Tags: IOB2, IOB1 (an `I-` after `O` or another
// type starts a span), BIOES and BILOU; any other tag is an error naming the line. The text is rebuilt from the
// tokens (joined by spaces, sentences by line breaks).
import type { Span } from '../model';
import { orderSpans } from '../text';
import {
  checkId,
  FormatError,
  fileStem,
  OffsetMap,
  recordsByDocument,
  safeId,
  sortedDocuments,
  splitLines,
  stripBom,
  textFiles,
} from './common';
import { layoutTokens, type Range } from './tokens';
import type { ExportInput, Format, InterchangeLine, ParseContext, TokenSentences } from './types';

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
function conllSentences(
  text: string,
  spans: Span[],
  extraCuts: Span[] = [],
  stored?: TokenSentences,
): { token: string; tag: string }[][] {
  const map = new OffsetMap(text);
  const u16 = orderSpans(spans).map((s) => ({ label: s.label, start: map.toUtf16(s.start), end: map.toUtf16(s.end) }));
  const cuts: number[] = [];
  for (const s of u16) cuts.push(s.start, s.end);
  // Cuts of the document's other annotators too, so every annotator's block has the same tokens.
  for (const s of extraCuts) cuts.push(map.toUtf16(s.start), map.toUtf16(s.end));
  const layout = layoutTokens(text, cuts, stored);
  const tokens = layout.flat();
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
  for (const sentence of layout) {
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
  const byDoc = recordsByDocument(input.records);
  const out: string[] = [];
  for (const doc of sortedDocuments(input.documents)) {
    const records = byDoc.get(doc.id) ?? [];
    const blocks = records.length
      ? records.map((r) => ({ annotator: r.annotator, spans: orderSpans(r.spans) }))
      : [null];
    for (const block of blocks) {
      const spans = block?.spans ?? [];
      for (let i = 1; i < spans.length; i++) {
        const prev = spans.slice(0, i).reduce((a, b) => (b.end > a.end ? b : a));
        if (spans[i].start < prev.end) throw new ConllOverlapError(doc.id, block?.annotator ?? '', prev, spans[i]);
      }
      out.push(block ? `-DOCSTART-\t${doc.id}\t${block.annotator}` : `-DOCSTART-\t${doc.id}`, '');
      const allSpans = records.flatMap((r) => r.spans);
      for (const sentence of conllSentences(doc.text, spans, allSpans, doc.tokens)) {
        for (const t of sentence) out.push(`${t.token}\t${t.tag}`);
        out.push('');
      }
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

const TAG = /^(?:O|[BIESLU]-.+)$/;

interface Building {
  id: string;
  annotator?: string;
  sentences: string[][];
  spans: { startToken: [number, number]; endToken: [number, number]; label: string }[];
  line: number;
}

interface ConllImportOptions {
  /** 1-based numbers of the tag columns, comma-separated; default: the last column. */
  tagColumns?: string;
}

function parseTagColumns(value: string | undefined, file: string): number[] | null {
  if (value === undefined || value.trim() === '' || value.trim() === 'last') return null;
  const cols = value.split(',').map((v) => Number(v.trim()));
  if (cols.some((c) => !Number.isInteger(c) || c < 1))
    throw new FormatError(file, 0, `tag columns ${JSON.stringify(value)}: give 1-based column numbers, e.g. 3,4`);
  return cols.map((c) => c - 1);
}

/** A `-DOCSTART-` line as Frame Lens writes it names the document and annotator; a standard one names none. */
function docstart(cols: string[]): { id: string | null; annotator: string | undefined } {
  const rest = cols.slice(1);
  const standard = rest.length === 0 || rest[0] === '-X-' || rest.every((c) => TAG.test(c));
  if (standard) return { id: null, annotator: undefined };
  const id = rest[0] && safeId(rest[0]) === rest[0] ? rest[0] : null;
  const annotator = rest[1] && safeId(rest[1]) === rest[1] ? rest[1] : undefined;
  return { id, annotator };
}

/** Reads CoNLL columns back into documents with spans (text rebuilt from the tokens, tokens kept). */
export function parseConll(
  file: string,
  input: string,
  options: ConllImportOptions & { annotator?: string },
  ctx: ParseContext,
): InterchangeLine[] {
  const lines = splitLines(stripBom(input));
  const docs: Building[] = [];
  const stem = safeId(fileStem(file)) ?? 'conll';
  const hasDocstart = lines.some((l) => l.startsWith('-DOCSTART-'));
  const tagColumns = parseTagColumns(options.tagColumns, file);
  let doc: Building | null = null;
  let sentence: string[] | null = null;
  let open: { label: string; start: [number, number]; end: [number, number] }[] = [];
  let indexed: boolean | null = null;
  const closeSpan = (k: number) => {
    const o = open[k];
    if (o && doc) doc.spans.push({ startToken: o.start, endToken: o.end, label: o.label });
    open[k] = undefined as unknown as (typeof open)[number];
  };
  const closeAll = () => {
    for (let k = 0; k < open.length; k++) closeSpan(k);
    open = [];
  };
  const newDoc = (id: string | null, annotator: string | undefined, line: number) => {
    closeAll();
    sentence = null;
    doc = { id: id ?? `${stem}-${docs.length + 1}`, annotator, sentences: [], spans: [], line };
    docs.push(doc);
  };
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const line = raw.trim();
    if (line === '') {
      closeAll();
      sentence = null;
      continue;
    }
    const cols = raw.includes('\t') ? raw.split('\t').map((c) => c.trim()) : line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      const d = docstart(cols);
      if (d.id) checkId(d.id, file, n);
      newDoc(d.id, d.annotator, n);
      continue;
    }
    if (sentence === null && line.startsWith('#') && (cols.length < 2 || !TAG.test(cols[cols.length - 1]))) {
      ctx.drop('comments', file, n, line.slice(0, 60));
      continue;
    }
    if (cols.length < 2 || cols[0] === '')
      throw new FormatError(file, n, 'expected a token and a tag separated by a tab or spaces');
    indexed ??= cols.length >= 3 && /^\d+$/.test(cols[0]) && cols[0] === '1';
    const tokenCol = indexed ? 1 : 0;
    const tags = (tagColumns ?? [cols.length - 1]).map((c) => {
      if (c >= cols.length || c === tokenCol)
        throw new FormatError(file, n, `no tag column ${c + 1} (the line has ${cols.length} columns)`);
      return cols[c];
    });
    for (let c = 0; c < cols.length; c++)
      if (c !== tokenCol && !(indexed && c === 0) && !(tagColumns ?? [cols.length - 1]).includes(c))
        ctx.drop('columns', file, n, `column ${c + 1} ${JSON.stringify(cols[c].slice(0, 20))}`);
    const token = cols[tokenCol];
    if (!doc) newDoc(hasDocstart ? null : stem, undefined, n);
    const d = doc as unknown as Building;
    if (!sentence) {
      sentence = [];
      d.sentences.push(sentence);
    }
    const pos: [number, number] = [d.sentences.length - 1, sentence.length];
    sentence.push(token);
    tags.forEach((tag, k) => {
      if (tag === 'O') {
        closeSpan(k);
        return;
      }
      const m = /^([BIESLU])-(.+)$/.exec(tag);
      if (!m) throw new FormatError(file, n, `a tag is not O or B-/I-/E-/S-<label>`);
      const [, prefix, label] = m;
      const current = open[k];
      if (prefix === 'B' || prefix === 'S' || prefix === 'U' || !current || current.label !== label) {
        if ((prefix === 'I' || prefix === 'E' || prefix === 'L') && (!current || current.label !== label))
          ctx.warn('I- tags that start a span (IOB1 or a broken sequence)', `line ${n}`);
        closeSpan(k);
        open[k] = { label, start: pos, end: pos };
      } else current.end = pos;
      if (prefix === 'S' || prefix === 'U' || prefix === 'E' || prefix === 'L') closeSpan(k);
    });
  }
  closeAll();
  const out: InterchangeLine[] = [];
  if (options.annotator) checkId(options.annotator, file, 0, 'annotator');
  const seen = new Set<string>();
  for (const d of docs) {
    const starts: number[][] = [];
    const tokens: TokenSentences = [];
    let text = '';
    let cp = 0;
    d.sentences.forEach((s, si) => {
      if (si > 0) {
        text += '\n';
        cp++;
      }
      starts.push([]);
      tokens.push([]);
      s.forEach((t, ti) => {
        if (ti > 0) {
          text += ' ';
          cp++;
        }
        starts[si].push(cp);
        const len = [...t].length;
        tokens[si].push([cp, cp + len]);
        text += t;
        cp += len;
      });
    });
    const tokenEnd = (p: [number, number]) => starts[p[0]][p[1]] + [...d.sentences[p[0]][p[1]]].length;
    const spans = d.spans.map((s) => ({
      start: starts[s.startToken[0]][s.startToken[1]],
      end: tokenEnd(s.endToken),
      label: s.label,
    }));
    const annotator = d.annotator ?? options.annotator;
    const key = `${d.id}\u0000${annotator ?? ''}`;
    if (seen.has(key)) throw new FormatError(file, d.line, `document ${d.id} appears twice`);
    seen.add(key);
    out.push({
      id: d.id,
      text,
      meta: {},
      ...(annotator ? { annotator } : {}),
      spans: orderSpans(spans),
      docLabels: {},
      ...(tokens.length ? { tokens } : {}),
      where: { file, line: d.line },
    });
  }
  return out;
}

export const conll: Format<ConllImportOptions> = {
  name: 'conll',
  title: 'CoNLL columns with IOB tags (CoNLL-2003, GermEval 2014 with --tag-columns)',
  extensions: ['.conll', '.iob', '.bio'],
  input: 'text',
  offsets: 'none',
  folder: false,
  carries: ['documents', 'spans', 'annotators', 'tokens'],
  loses: [
    'exact whitespace (the text is the tokens joined by spaces)',
    'notes',
    'document labels',
    'metadata',
    'status',
    'span ids',
    'overlapping spans (refused at export)',
    'other columns and comment lines (refused unless named with --drop)',
  ],
  text: {
    bom: 'a BOM before the first line is not a token',
    crlf: 'line ends separate lines; the rebuilt text uses LF between sentences',
    nfc: 'tokens kept as written',
    equalTexts: 'different -DOCSTART- ids are different documents',
  },
  importOptions: [
    {
      key: 'tagColumns',
      flag: 'tag-columns',
      label: 'Tag columns',
      help: 'CoNLL: 1-based numbers of the IOB tag columns, comma-separated (default: the last column; GermEval 2014: 3,4)',
      kind: 'text',
      placeholder: 'last',
    },
  ],
  exportOptions: [],
  *parse(files, options, ctx) {
    for (const f of textFiles(files)) yield* parseConll(f.path, f.text, options, ctx);
  },
  format: formatConll,
};
