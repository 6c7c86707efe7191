// WebAnno TSV 3.x, the way INCEpTION reads and writes it (its Tsv3XDeserializer/Tsv3XSerializer and the
// tsv3-suite test files). One file is one document. Offsets in the file are UTF-16 units (Java string
// indices: an emoji counts 2), converted here to code points.
//
// Import: every span layer; an annotation's label is the value of its feature `label`, else `value`, else
// its first feature with a value, else the layer's short name (`webanno.custom.Span` → `Span`); a feature
// `note` becomes the note; relation layers become relations between the spans of their attached layer, typed
// like a span is labelled. Multi-unit annotations are joined by their `[n]` ids, stacked ones split at
// unescaped `|`. The text is rebuilt as INCEpTION rebuilds it (sentence texts joined by their line break,
// gaps before a sentence padded with spaces), minus the line break INCEpTION appends after the last
// sentence, and the token boundaries are kept so an export writes the same tokens back.
//
// Export: layer `webanno.custom.Span|label|note` (create it, with string features `label` and `note`, in
// the INCEpTION project before importing) and, when there are relations, `webanno.custom.Relation|label|note`
// attached to it; the document's own tokens when it kept them, else
// Intl.Segmenter words, cut at span edges; contiguous sentences, so the text round-trips.
import type { Span } from '../model';
import { spanOrder } from '../text';
import {
  annotatorsOf,
  checkId,
  FormatError,
  fileStem,
  OffsetMap,
  orderedSpans,
  recordsByDocument,
  sortedDocuments,
  splitLines,
  stripBom,
  textFiles,
} from './common';
import { type AnnotatorFromFolderOption, annotatorFromFolder, folderOf } from './sharedOptions';
import { cutRange, layoutTokens, type Range } from './tokens';
import type { Format, InterchangeLine, LineRelation, ParseContext, TokenSentences } from './types';

type ColumnKind = 'primitive' | 'placeholder' | 'role' | 'slotTarget' | 'relationRef' | 'chain';

interface Layer {
  kind: 'SP' | 'RL' | 'CH';
  name: string;
  columns: { index: number; kind: ColumnKind; feature: string }[];
}

const VALUE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  '[': '[',
  ']': ']',
  '|': '|',
  _: '_',
  ';': ';',
  t: '\t',
  n: '\n',
  '*': '*',
};

/**
 * Copies `value`, letting `sequence` read each backslash sequence: given the index after the backslash, it
 * returns the text the sequence stands for and how many characters after the backslash it takes, or
 * null to keep the backslash as written.
 */
function unescapeWith(value: string, sequence: (at: number) => [text: string, length: number] | null): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      const hit = sequence(i + 1);
      if (hit) {
        out += hit[0];
        i += hit[1];
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** INCEpTION's value unescaping (`\\ \[ \] \| \_ \-> \; \t \n \*`), in one pass. */
export function unescapeTsvValue(value: string): string {
  return unescapeWith(value, (at) => {
    if (value[at] === '-' && value[at + 1] === '>') return ['->', 2];
    const r = VALUE_ESCAPES[value[at]];
    return r === undefined ? null : [r, 1];
  });
}

/** INCEpTION's value escaping, so labels holding `|`, `[`, `_` or `*` survive. */
export function escapeTsvValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '-' && value[i + 1] === '>') {
      out += '\\->';
      i++;
    } else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if ('\\[]|_;*'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

const TEXT_ESCAPES: Record<string, string> = { t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\' };

/** INCEpTION's #Text unescaping (3.2+): `\t \n \f \r \b \\`, and a backslash before a raw control character. */
export function unescapeTsvText(value: string, minor: number): string {
  return unescapeWith(value, (at) => {
    const d = value[at];
    const code = d.charCodeAt(0);
    if (TEXT_ESCAPES[d] !== undefined) return [TEXT_ESCAPES[d], 1];
    if (code < 32 && !(code > 7 && code < 14)) return [d, 1];
    // 3.0/3.1 used Java escapes: \uXXXX and quotes too.
    if (minor <= 1) {
      const hex = value.slice(at + 1, at + 5);
      if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(Number.parseInt(hex, 16)), 5];
      if (d === '"' || d === "'") return [d, 1];
    }
    return null;
  });
}

/** INCEpTION's #Text escaping of one line of a sentence. */
export function escapeTsvText(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\f') out += '\\f';
    else if (c === '\r') out += '\\r';
    else if (c === '\b') out += '\\b';
    else if (c === '\\') out += '\\\\';
    else if (code < 32 && !(code > 7 && code < 14)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** Splits a stacked cell at `|` not escaped by a backslash. */
function splitStack(cell: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c === '\\' && i + 1 < cell.length) {
      cur += c + cell[i + 1];
      i++;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function parseLayer(line: string, kind: 'SP' | 'RL' | 'CH', firstIndex: number): Layer {
  const rest = line.slice(line.indexOf('=') + 1);
  const fields = rest.split('|').filter((f) => f !== '');
  const layer: Layer = { kind, name: fields[0] ?? '', columns: [] };
  let index = firstIndex;
  let prev: ColumnKind | null = null;
  for (const f of fields.slice(1)) {
    let k: ColumnKind;
    if (kind === 'SP' && f.startsWith('ROLE_')) k = 'role';
    else if (kind === 'SP' && prev === 'role') k = 'slotTarget';
    else if (kind === 'RL' && f.startsWith('BT_')) k = 'relationRef';
    else if (kind === 'CH') k = 'chain';
    else k = 'primitive';
    layer.columns.push({ index: index++, kind: k, feature: f });
    prev = k;
  }
  if (fields.length <= 1) layer.columns.push({ index: index++, kind: 'placeholder', feature: '' });
  return layer;
}

interface Ann {
  layer: Layer;
  begin: number;
  end: number;
  values: Map<string, string | null>;
  line: number;
  /** The token id of the first row it is on: what a relation's `BT_` reference names. */
  row: string;
}

/** One relation read from a relation layer's row: it points at the row's annotation (the dependent). */
interface PendingRelation {
  layer: Layer;
  row: string;
  line: number;
  values: Map<string, string | null>;
  ref: string;
}

/** Reads one WebAnno TSV 3.x file into one document (and its annotations, under `annotator`). */
export function parseWebannoTsv(
  file: string,
  input: string,
  annotator: string | undefined,
  ctx: ParseContext,
): InterchangeLine {
  const raw = splitLines(stripBom(input));
  const header = /^#FORMAT=(.*) (\d+)(?:\.(\d+))?$/.exec(raw[0] ?? '');
  if (header?.[1] !== 'WebAnno TSV')
    throw new FormatError(file, 1, 'not a WebAnno TSV 3 file (the first line must be "#FORMAT=WebAnno TSV 3.x")');
  if (header[2] !== '3')
    throw new FormatError(file, 1, `WebAnno TSV ${header[2]} is not supported; export WebAnno TSV 3 from INCEpTION`);
  const minor = header[3] !== undefined ? Number(header[3]) : 0;
  const layers: Layer[] = [];
  let columnCount = 0;
  let i = 1;
  for (; i < raw.length; i++) {
    const m = /^#T_(SP|RL|CH)=/.exec(raw[i]);
    if (!m) break;
    const layer = parseLayer(raw[i], m[1] as 'SP' | 'RL' | 'CH', columnCount);
    if (!layer.name) throw new FormatError(file, i + 1, 'a layer declaration without a type name');
    columnCount += layer.columns.length;
    layers.push(layer);
  }
  let text = '';
  let sentenceText: string[] = [];
  let state: 'between' | 'header' | 'tokens' = 'between';
  const anns = new Map<string, Ann>();
  const pending: PendingRelation[] = [];
  const tokenChecks: { line: number; begin: number; end: number; token: string }[] = [];
  const sentences: [number, number][][] = [];
  for (; i < raw.length; i++) {
    const line = raw[i];
    const n = i + 1;
    if (line === '') {
      state = 'between';
      continue;
    }
    if (line.startsWith('#') && state !== 'tokens') {
      state = 'header';
      if (line.startsWith('#Text=')) sentenceText.push(unescapeTsvText(line.slice(6), minor));
      continue;
    }
    if (state === 'between')
      throw new FormatError(file, n, 'expected a sentence header ("#Text=...") before the token lines');
    const fields = line.split('\t');
    if (fields.length < columnCount + 3)
      throw new FormatError(file, n, `expected ${columnCount + 3} tab-separated fields, found ${fields.length}`);
    const id = fields[0];
    const m = /^(\d{1,9})-(\d{1,15})$/.exec(fields[1]);
    if (!/^\d{1,9}-\d{1,9}(\.\d{1,9})?$/.test(id)) throw new FormatError(file, n, 'token id is not "sentence-token"');
    if (!m) throw new FormatError(file, n, 'offsets are not "begin-end"');
    const begin = Number(m[1]);
    const end = Number(m[2]);
    if (end < begin) throw new FormatError(file, n, `end ${end} is before begin ${begin}`);
    const isSub = id.includes('.');
    if (state === 'header') {
      if (isSub) throw new FormatError(file, n, 'a sentence starts with a sub-token');
      // INCEpTION: a sentence that directly follows the previous one drops that one's line break.
      if (text.length > begin) {
        if (text.length === begin + 1 && text.endsWith('\n')) text = text.slice(0, -1);
        else throw new FormatError(file, n, `the sentence starts at ${begin}, inside the previous sentence`);
      }
      if (text.length < begin) text += ' '.repeat(begin - text.length);
      text += sentenceText.map((t) => `${t}\n`).join('');
      sentenceText = [];
      sentences.push([]);
      state = 'tokens';
    }
    if (end > text.length)
      throw new FormatError(
        file,
        n,
        `offsets ${begin}-${end} are past the sentence's text (${text.length} UTF-16 units)`,
      );
    if (!isSub) {
      tokenChecks.push({ line: n, begin, end, token: fields[2] });
      sentences[sentences.length - 1].push([begin, end]);
    }
    for (const layer of layers) {
      if (layer.kind === 'RL') {
        const refColumn = layer.columns.find((c) => c.kind === 'relationRef');
        const refs = refColumn ? (fields[3 + refColumn.index] ?? '_') : '_';
        if (refs === '_' || refs === '') continue;
        const stack = splitStack(refs);
        const features = layer.columns
          .filter((c) => c.kind === 'primitive')
          .map((c) => ({ feature: c.feature, cells: splitStack(fields[3 + c.index] ?? '_') }));
        stack.forEach((ref, k) => {
          const values = new Map<string, string | null>();
          for (const f of features) {
            const v = f.cells[k] ?? f.cells[0];
            values.set(f.feature, v === undefined || v === '_' || v === '*' || v === '' ? null : unescapeTsvValue(v));
          }
          pending.push({ layer, row: id, line: n, values, ref });
        });
        continue;
      }
      if (layer.kind !== 'SP') {
        const cells = layer.columns.map((c) => fields[3 + c.index]).filter((c) => c !== '_' && c !== '');
        if (cells.length) ctx.drop('chains', file, n, `${layer.name} ${cells[0]}`);
        continue;
      }
      for (const col of layer.columns) {
        const cell = fields[3 + col.index];
        if (cell === '_' || cell === '') continue;
        if (col.kind === 'role' || col.kind === 'slotTarget') {
          if (col.kind === 'role') ctx.drop('slots', file, n, `${layer.name}.${col.feature} ${cell}`);
          continue;
        }
        splitStack(cell).forEach((rawValue, stackIndex) => {
          let value = rawValue;
          let disamb: string | null = null;
          if (value.endsWith(']') && !value.endsWith('\\]')) {
            const open = value.lastIndexOf('[');
            if (open >= 0) {
              disamb = value.slice(open + 1, -1);
              value = value.slice(0, open);
              if (!/^\d{1,9}$/.test(disamb))
                throw new FormatError(file, n, `annotation id [${disamb.slice(0, 20)}] is not a number`);
            }
          }
          const key = disamb !== null ? `${layer.name}#${disamb}` : `${layer.name}@${id}@${stackIndex}`;
          let ann = anns.get(key);
          if (!ann) {
            ann = { layer, begin, end, values: new Map(), line: n, row: id };
            anns.set(key, ann);
          } else {
            ann.begin = Math.min(ann.begin, begin);
            ann.end = Math.max(ann.end, end);
          }
          if (col.kind === 'primitive' && !ann.values.get(col.feature))
            ann.values.set(col.feature, value === '*' || value === '' ? null : unescapeTsvValue(value));
        });
      }
    }
  }
  if (tokenChecks.length > 0 && text.endsWith('\n')) text = text.slice(0, -1);
  for (const t of tokenChecks) {
    const at = text.slice(t.begin, t.end);
    if (t.end <= text.length && at !== t.token && unescapeTsvValue(t.token) !== at)
      throw new FormatError(
        file,
        t.line,
        `token ${JSON.stringify(t.token.slice(0, 40))} but the text at ${t.begin}-${t.end} is ${JSON.stringify(at.slice(0, 40))}`,
      );
  }
  const docId = checkId(fileStem(file), file, 0);
  const map = new OffsetMap(text);
  const cp = (u16: number, line: number) => {
    try {
      return map.toCodePoint(Math.min(u16, text.length));
    } catch (error) {
      throw new FormatError(file, line, `offset ${u16}: ${(error as Error).message}`);
    }
  };
  const spans: Span[] = [];
  const spanOf = new Map<Ann, number>();
  for (const ann of anns.values()) {
    const v = ann.values;
    const labelKey = labelFeature(v);
    const label = (labelKey ? v.get(labelKey) : null) ?? ann.layer.name.split('.').pop() ?? ann.layer.name;
    const start = cp(ann.begin, ann.line);
    const stop = cp(ann.end, ann.line);
    if (stop <= start) {
      ctx.drop('empty-spans', file, ann.line, `${ann.layer.name} ${JSON.stringify(label)} at ${ann.begin}`);
      continue;
    }
    for (const [k, x] of v)
      if (x !== null && k !== labelKey && k !== 'note')
        ctx.drop('features', file, ann.line, `${ann.layer.name}.${k} = ${JSON.stringify(x)}`);
    const note = v.get('note');
    spanOf.set(ann, spans.length);
    spans.push({ start, end: stop, label: label || ann.layer.name, ...(note ? { note } : {}) });
  }
  const relations = resolveRelations(file, pending, anns, spanOf, ctx);
  if (annotator) checkId(annotator, file, 0, 'annotator');
  const tokens: TokenSentences = sentences
    .filter((s) => s.length > 0)
    .map((s) => s.map(([b, e]) => [cp(b, 0), cp(e, 0)] as [number, number]));
  return {
    id: docId,
    text,
    meta: {},
    ...(annotator && spans.length ? { annotator } : {}),
    ...orderedSpans(spans, relations),
    docLabels: {},
    ...(tokens.length ? { tokens } : {}),
    where: { file, line: 0 },
  };
}

/** The label of an annotation's features: `label`, else `value`, else the first with a value (undefined: none). */
function labelFeature(v: Map<string, string | null>): string | undefined {
  return v.get('label')
    ? 'label'
    : v.get('value')
      ? 'value'
      : [...v.entries()].find(([k, x]) => x !== null && k !== 'note')?.[0];
}

/**
 * A relation row's `BT_` cell names its governor as `row` or `row[gov_dep]`: the span annotation of the
 * attached layer that begins on that row, picked by its `[n]` id when the ids are not 0; the dependent is
 * the annotation of the relation's own row, picked likewise.
 */
function resolveRelations(
  file: string,
  pending: PendingRelation[],
  anns: Map<string, Ann>,
  spanOf: Map<Ann, number>,
  ctx: ParseContext,
): LineRelation[] {
  if (!pending.length) return [];
  const beginning = new Map<string, Ann[]>();
  for (const a of anns.values()) {
    const k = `${a.layer.name}\u0000${a.row}`;
    beginning.set(k, [...(beginning.get(k) ?? []), a]);
  }
  const out: LineRelation[] = [];
  const seen = new Set<string>();
  for (const r of pending) {
    const m = /^(\d{1,9}-\d{1,9}(?:\.\d{1,9})?)(?:\[(\d{1,9})_(\d{1,9})\])?$/.exec(r.ref);
    if (!m)
      throw new FormatError(
        file,
        r.line,
        `relation reference ${JSON.stringify(r.ref.slice(0, 30))} is not "row" or "row[gov_dep]"`,
      );
    const attached = r.layer.columns.find((c) => c.kind === 'relationRef')?.feature.slice(3) ?? '';
    const pick = (row: string, id: string | undefined): Ann | undefined => {
      if (id !== undefined && id !== '0') return anns.get(`${attached}#${id}`);
      const here = beginning.get(`${attached}\u0000${row}`) ?? [];
      return here.length === 1 ? here[0] : undefined;
    };
    const gov = pick(m[1], m[2]);
    const dep = pick(r.row, m[3]);
    const from = gov ? spanOf.get(gov) : undefined;
    const to = dep ? spanOf.get(dep) : undefined;
    const labelKey = labelFeature(r.values);
    const type = (labelKey ? r.values.get(labelKey) : null) ?? r.layer.name.split('.').pop() ?? r.layer.name;
    const why =
      from === undefined || to === undefined
        ? 'an end is not a span of the attached layer'
        : from === to
          ? 'links a span to itself'
          : seen.has(`${from}>${to}>${type}`)
            ? 'repeats a relation of the same type between the same spans'
            : null;
    if (why !== null || from === undefined || to === undefined) {
      ctx.drop('relations', file, r.line, `${r.layer.name} ${JSON.stringify(type)} ${r.ref} → ${r.row} (${why})`);
      continue;
    }
    seen.add(`${from}>${to}>${type}`);
    for (const [k, x] of r.values)
      if (x !== null && k !== labelKey && k !== 'note')
        ctx.drop('features', file, r.line, `${r.layer.name}.${k} = ${JSON.stringify(x)}`);
    const note = r.values.get('note');
    out.push({ from, to, type, ...(note ? { note } : {}) });
  }
  return out;
}

/** The export's refusal of a text WebAnno TSV cannot carry, as one readable line. */
export class WebannoTextError extends Error {
  constructor(
    readonly document: string,
    problem: string,
  ) {
    super(
      `webanno-tsv: document ${document}: ${problem}; export it as jsonl, brat or ptc, which keep the text exactly`,
    );
    this.name = 'WebannoTextError';
  }
}

// A token line holds its text raw, so a token can hold anything but a tab or a line break.
const UNTOKENIZABLE = /[\t\n\r]/;

/**
 * INCEpTION rebuilds whatever precedes the first token as spaces. Spaces are therefore safe there; anything
 * else (a BOM, a no-break space, a zero-width character) becomes tokens of its own so that the first sentence
 * starts at it and its #Text carries it. A tab or line break cannot start a token and is refused.
 */
function leadingTokens(document: string, text: string, first: number): Range[] {
  let k = 0;
  while (k < first && text[k] === ' ') k++;
  if (k === first) return [];
  if (UNTOKENIZABLE.test(text[k]))
    throw new WebannoTextError(
      document,
      `the text starts with ${JSON.stringify(text.slice(0, k + 1))} before its first word, which INCEpTION would read back as spaces`,
    );
  const out: Range[] = [];
  let i = k;
  while (i < first) {
    if (text[i] === ' ' || UNTOKENIZABLE.test(text[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < first && text[j] !== ' ' && !UNTOKENIZABLE.test(text[j])) j++;
    out.push({ start: i, end: j });
    i = j;
  }
  return out;
}

const WEBANNO_LAYER = 'webanno.custom.Span';
const WEBANNO_RELATION_LAYER = 'webanno.custom.Relation';

/**
 * Writes one document (with one record's spans and relations, or none) as WebAnno TSV 3.3; refuses a text it
 * cannot carry. A relation sits on the row where its `to` span begins and names the row where its `from` span
 * begins; with relations, every span carries an `[n]` id so stacked spans stay apart.
 */
export function formatWebannoTsvDocument(
  text: string,
  spans: Span[],
  stored?: TokenSentences,
  relations: readonly LineRelation[] = [],
  document = 'document',
): string {
  const map = new OffsetMap(text);
  const order = spanOrder(spans);
  const u16 = order
    .map((i) => spans[i])
    .map((s) => ({ span: s, start: map.toUtf16(s.start), end: map.toUtf16(s.end) }));
  const now = new Array<number>(spans.length);
  order.forEach((old, i) => {
    now[old] = i;
  });
  const cuts = new Set<number>();
  for (const s of u16) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const sentences = layoutTokens(text, cuts, stored);
  const lead = leadingTokens(document, text, sentences[0]?.[0]?.start ?? text.length);
  if (lead.length) {
    const cutLead = lead.flatMap((r) => cutRange(text, r, cuts));
    if (sentences.length) sentences[0] = [...cutLead, ...sentences[0]];
    else sentences.push(cutLead);
  }
  if (sentences.length === 0 && text !== '')
    throw new WebannoTextError(
      document,
      'the text has no word to make a token of, and WebAnno TSV holds text only in sentences',
    );
  const tokens = sentences.flat();
  // Which tokens each span covers (tokens overlapping it); spans covering no token are dropped.
  const covering: Range[][] = u16.map(() => []);
  const perToken = new Map<Range, number[]>();
  let from = 0;
  u16.forEach((s, si) => {
    while (from < tokens.length && tokens[from].end <= s.start) from++;
    for (let k = from; k < tokens.length && tokens[k].start < s.end; k++) {
      if (tokens[k].end > s.start) {
        covering[si].push(tokens[k]);
        const list = perToken.get(tokens[k]) ?? [];
        list.push(si);
        perToken.set(tokens[k], list);
      }
    }
  });
  const ids = new Map<number, number>();
  let nextId = 1;
  const linked = relations.filter((r) => covering[now[r.from]].length && covering[now[r.to]].length);
  u16.forEach((_, si) => {
    if (covering[si].length > 1 || linked.length) ids.set(si, nextId++);
  });
  const rowOf = new Map<Range, string>();
  sentences.forEach((sentence, sIndex) => {
    sentence.forEach((t, tIndex) => {
      rowOf.set(t, `${sIndex + 1}-${tIndex + 1}`);
    });
  });
  const onRow = new Map<Range, LineRelation[]>();
  for (const r of linked) {
    const first = covering[now[r.to]][0];
    onRow.set(first, [...(onRow.get(first) ?? []), r]);
  }
  const out: string[] = [
    '#FORMAT=WebAnno TSV 3.3',
    `#T_SP=${WEBANNO_LAYER}|label|note`,
    ...(linked.length ? [`#T_RL=${WEBANNO_RELATION_LAYER}|label|note|BT_${WEBANNO_LAYER}`] : []),
    '',
    '',
  ];
  sentences.forEach((sentence, sIndex) => {
    const begin = sentence[0].start;
    const end = sIndex + 1 < sentences.length ? sentences[sIndex + 1][0].start : text.length;
    if (sIndex > 0) out.push('');
    for (const part of text.slice(begin, end).split('\n')) out.push(`#Text=${escapeTsvText(part)}`);
    sentence.forEach((t, tIndex) => {
      const on = perToken.get(t) ?? [];
      const cell = (f: (s: Span) => string) =>
        on.length === 0
          ? '_'
          : on
              .map((si) => {
                const id = ids.get(si);
                return `${f(u16[si].span)}${id !== undefined ? `[${id}]` : ''}`;
              })
              .join('|');
      const label = cell((s) => escapeTsvValue(s.label));
      const note = cell((s) => (s.note ? escapeTsvValue(s.note) : '*'));
      let rel = '';
      if (linked.length) {
        const here = onRow.get(t) ?? [];
        const col = (f: (r: LineRelation) => string) => (here.length ? here.map(f).join('|') : '_');
        const ref = (r: LineRelation) => {
          const gov = now[r.from];
          return `${rowOf.get(covering[gov][0])}[${ids.get(gov)}_${ids.get(now[r.to])}]`;
        };
        rel = `${col((r) => escapeTsvValue(r.type))}\t${col((r) => (r.note ? escapeTsvValue(r.note) : '*'))}\t${col(ref)}\t`;
      }
      out.push(
        `${sIndex + 1}-${tIndex + 1}\t${t.start}-${t.end}\t${text.slice(t.start, t.end)}\t${label}\t${note}\t${rel}`,
      );
    });
  });
  return `${out.join('\n')}\n`;
}

export const webannoTsv: Format<AnnotatorFromFolderOption> = {
  name: 'webanno-tsv',
  title: 'WebAnno TSV 3 (INCEpTION): one .tsv per document (with several annotators, a folder each)',
  extensions: ['.tsv'],
  reads: ['.tsv'],
  input: 'text',
  offsets: 'utf16',
  folder: true,
  carries: ['documents', 'spans', 'notes', 'annotators', 'tokens', 'relations'],
  loses: [
    'metadata',
    'document labels',
    'status (a record without spans comes back as no record)',
    'span ids',
    'span edges in whitespace (they snap to the tokens inside)',
    'relations whose ends are not spans of the file (refused unless named with --drop); chains, slot features, other features (likewise)',
  ],
  text: {
    bom: 'a BOM before #FORMAT is not content; a U+FEFF at the start of a text is written as a token of its own, so INCEpTION and the import read it back (a text that starts with a tab or line break is refused: INCEpTION rebuilds it as spaces)',
    crlf: 'kept (#Text escapes a CR as \\r)',
    nfc: 'kept as written',
    equalTexts: 'documents are files: equal texts under different names stay different documents',
  },
  importOptions: [annotatorFromFolder],
  exportOptions: [],
  *parse(files, options, ctx) {
    for (const f of textFiles(files)) {
      const folder = folderOf(f.path);
      const annotator = options.annotatorFromFolder && folder ? folder : options.annotator;
      yield parseWebannoTsv(f.path, f.text, annotator, ctx);
    }
  },
  format(input) {
    const annotators = annotatorsOf(input.records);
    const byDoc = recordsByDocument(input.records);
    const files: Record<string, string> = {};
    const folders = annotators.length > 1 ? annotators.map((a) => `${a}/`) : [''];
    for (const folder of folders) {
      const annotator = folder ? folder.slice(0, -1) : null;
      for (const doc of sortedDocuments(input.documents)) {
        const record = (byDoc.get(doc.id) ?? []).find((r) => annotator === null || r.annotator === annotator);
        files[`${folder}${doc.id}.tsv`] = formatWebannoTsvDocument(
          doc.text,
          record?.spans ?? [],
          doc.tokens,
          record?.relations,
          doc.id,
        );
      }
    }
    return { files };
  },
};
