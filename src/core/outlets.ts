// Framing across outlets: which phrases each outlet used for a label, and how often labels occur per
// outlet. `framelens outlets --json` prints `outletPhrases` exactly: scripts read that shape.
import type { AnnotationRecord, DocumentMeta } from './model';
import { OffsetMap } from './offsets';

/** The outlet key of documents that name none. */
export const UNKNOWN_OUTLET = '(unknown)';

export interface OutletDocument {
  id: string;
  text: string;
  meta: DocumentMeta;
}

export interface PhraseRow {
  phrase: string;
  count: number;
  documents: string[];
  /** In the app's paged answer: how many documents there are; `documents` is then left empty. */
  documentCount?: number;
}

/** `{"labels": {"<label>": {"<outlet>": [PhraseRow...]}}}`. */
export interface OutletPhrases {
  labels: Record<string, Record<string, PhraseRow[]>>;
}

/** A span's text case-folded with whitespace collapsed: how phrases are compared and shown. */
export function normalizePhrase(text: string): string {
  // Default (root-locale) case mapping is what toLowerCase does; toLocaleLowerCase('und') gives the same result
  // through a far slower path.
  const lower = text.toLowerCase();
  return spacedOnce(lower) ? lower : lower.replace(/\s+/gu, ' ').trim();
}

/** No whitespace but single inner spaces: nothing to collapse or trim (checked without a regular expression). */
function spacedOnce(text: string): boolean {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (space) return false;
      space = true;
    } else if (c < 32 || (c >= 127 && c <= 160) || (c >= 0x1680 && isSpace(c))) return false;
    else space = false;
  }
  return true;
}

/** The characters beyond Latin-1 that `\s` matches. */
function isSpace(c: number): boolean {
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A looser key that also folds a simple English plural ("riots" ~ "riot"), for grouping in the UI. */
export function phraseStem(phrase: string): string {
  // no word ends in "s": nothing to fold (most phrases)
  if (!phrase.endsWith('s') && !phrase.includes('s ')) return phrase;
  return phrase
    .split(' ')
    .map((w) => (w.length > 3 && /[^siu]s$/.test(w) ? w.slice(0, -1) : w))
    .join(' ');
}

/**
 * Phrases counted per key (a label, a relation type) per outlet, with the documents they occur in. A phrase's
 * documents are pushed as met (one record's spans come together, so a repeat is usually the last one) and sorted
 * and made unique once at the end: far cheaper than a set per phrase over hundreds of thousands of phrases.
 */
class PhraseTally {
  private readonly acc = new Map<string, Map<string, PhraseCounts>>();

  private lastKey = '';
  private lastOutlet = '';
  private last: PhraseCounts | null = null;

  /**
   * The phrase table of a key and outlet. Consecutive spans mostly share the outlet but not the key (a record's
   * spans come in text order, labels mixed), so each table is one object kept in the map, not made per change.
   */
  byPhrase(key: string, outlet: string): PhraseCounts {
    if (this.last && key === this.lastKey && outlet === this.lastOutlet) return this.last;
    let byOutlet = this.acc.get(key);
    if (!byOutlet) {
      byOutlet = new Map();
      this.acc.set(key, byOutlet);
    }
    let counts = byOutlet.get(outlet);
    if (!counts) {
      counts = new PhraseCounts();
      byOutlet.set(outlet, counts);
    }
    this.lastKey = key;
    this.lastOutlet = outlet;
    this.last = counts;
    return counts;
  }

  /** Keys and outlets in order; each outlet's phrases by count, then phrase. */
  rows(): PhraseTable {
    const out: Record<string, Record<string, PhraseRow[]>> = {};
    for (const [key, byOutlet] of [...this.acc.entries()].sort((a, b) => byString(a[0], b[0]))) {
      out[key] = {};
      for (const [outlet, counts] of [...byOutlet.entries()].sort((a, b) => byString(a[0], b[0])))
        out[key][outlet] = counts.rows();
    }
    return out;
  }
}

class PhraseCounts {
  // The rows themselves, made once as met: a table of hundreds of thousands of phrases is not built twice.
  private readonly byPhrase = new Map<string, PhraseRow>();

  /**
   * The rows by count, then phrase. Phrases are sorted first by the built-in order (UTF-16 code units, as
   * byString compares, without a call per comparison), then stably by count, one bucket per count: most phrases
   * occur once, so a comparison sort would order nearly equal counts at a call per pair.
   */
  rows(): PhraseRow[] {
    const phrases = [...this.byPhrase.keys()].sort();
    const byCount = new Map<number, PhraseRow[]>();
    for (const phrase of phrases) {
      const row = this.byPhrase.get(phrase)!;
      row.documents = uniqueSorted(row.documents);
      const bucket = byCount.get(row.count);
      if (bucket) bucket.push(row);
      else byCount.set(row.count, [row]);
    }
    if (byCount.size === 1) return [...byCount.values()][0]!;
    const out: PhraseRow[] = [];
    for (const count of [...byCount.keys()].sort((a, b) => b - a)) for (const row of byCount.get(count)!) out.push(row);
    return out;
  }

  addTo(phrase: string, document: string): void {
    const row = this.byPhrase.get(phrase);
    if (!row) this.byPhrase.set(phrase, { phrase, count: 1, documents: [document] });
    else {
      row.count++;
      if (row.documents[row.documents.length - 1] !== document) row.documents.push(document);
    }
  }
}

function uniqueSorted(ids: string[]): string[] {
  if (ids.length === 1) return ids;
  // records come in document order, so most lists are sorted already: a pass instead of a sort
  let i = 1;
  while (i < ids.length && ids[i - 1]! < ids[i]!) i++;
  if (i === ids.length) return ids;
  ids.sort(byString);
  let n = 1;
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[n - 1]) ids[n++] = ids[i]!;
  ids.length = n;
  return ids;
}

/**
 * What the outlet tables need of the documents, without their texts: each document's metadata, its number of
 * words, and the phrase (as normalizePhrase gives it) a span covers. Built from the texts (textCorpus) or from a
 * derived cache of the same values.
 */
export interface OutletCorpus {
  documents: { id: string; meta: DocumentMeta }[];
  words(document: string): number;
  /** The phrase of each span of one document, looked up once per document rather than once per span. */
  phrases(document: string): (span: { start: number; end: number }) => string;
}

/** The corpus of documents in hand: offset maps and word counts are computed once, when first asked for. */
export function textCorpus(documents: OutletDocument[]): OutletCorpus {
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  const maps = new Map<string, OffsetMap>();
  return {
    documents,
    words: (id) => countWords(texts.get(id) ?? ''),
    phrases: (id) => {
      const text = texts.get(id) ?? '';
      return (span) => {
        let map = maps.get(id);
        if (!map) {
          map = new OffsetMap(text);
          maps.set(id, map);
        }
        return normalizePhrase(text.slice(map.toUtf16(span.start), map.toUtf16(span.end)));
      };
    },
  };
}

/** An OutletCorpus as plain data, as a derived cache keeps it (and a worker thread gets it by structured clone). */
export interface CorpusTables {
  documents: { id: string; meta: DocumentMeta }[];
  words: Map<string, number>;
  /** Per document, the normalised phrase by spanKey(start, end) of every span the records count. */
  phrases: Map<string, Map<number, string>>;
}

export function tableCorpus(tables: CorpusTables): OutletCorpus {
  return {
    documents: tables.documents,
    words: (id) => tables.words.get(id) ?? 0,
    phrases: (id) => {
      const kept = tables.phrases.get(id);
      return (span) => {
        const phrase = kept?.get(spanKey(span.start, span.end));
        // a missing phrase would silently count as another phrase: the tables are refused instead
        if (phrase === undefined) throw new Error(`no phrase kept for ${id} ${span.start}-${span.end}`);
        return phrase;
      };
    },
  };
}

/** The key a span's phrase is kept under in a phrase table (code point offsets, exact below 2^26). */
export function spanKey(start: number, end: number): number {
  return start * 67_108_864 + end;
}

/**
 * Phrase rows keyed by what `visit` counts each span under, over the records whose document is known (and of
 * `story` when asked).
 */
function phraseRows(
  corpus: OutletCorpus,
  records: AnnotationRecord[],
  story: string | undefined,
  visit: (record: AnnotationRecord, count: (key: string, span: { start: number; end: number }) => void) => void,
): Record<string, Record<string, PhraseRow[]>> {
  const tally = new PhraseTally();
  const docs = new Map(corpus.documents.map((d) => [d.id, d]));
  for (const record of records) {
    const doc = docs.get(record.document);
    if (!doc) continue;
    if (story !== undefined && doc.meta.story !== story) continue;
    const document = doc.id;
    const outlet = doc.meta.outlet?.trim() || UNKNOWN_OUTLET;
    const phraseOf = corpus.phrases(document);
    visit(record, (key, span) => tally.byPhrase(key, outlet).addTo(phraseOf(span), document));
  }
  return tally.rows();
}

/** Phrase rows by key (a label, a relation type), then outlet, as outletPhrases and relationTargets give them. */
export type PhraseTable = Record<string, Record<string, PhraseRow[]>>;

/**
 * `table` with some documents' share replaced: `before` is what those documents added to it (the same function
 * over those documents alone, as they were), `after` what they add now. The rows, columns and keys in order as a
 * count over every document gives them; what the change does not touch is shared with `table`, which is left as
 * it was. Throws when `table` does not hold `before` (it was not counted from those documents as they were).
 */
export function replaceShare(table: PhraseTable, before: PhraseTable, after: PhraseTable): PhraseTable {
  const touched = new Map<string, Map<string, Map<string, PhraseRow>>>();
  const column = (key: string, outlet: string): Map<string, PhraseRow> => {
    let byOutlet = touched.get(key);
    if (!byOutlet) {
      byOutlet = new Map();
      touched.set(key, byOutlet);
    }
    let rows = byOutlet.get(outlet);
    if (!rows) {
      rows = new Map((table[key]?.[outlet] ?? []).map((r) => [r.phrase, r]));
      byOutlet.set(outlet, rows);
    }
    return rows;
  };
  for (const [key, byOutlet] of Object.entries(before))
    for (const [outlet, shares] of Object.entries(byOutlet)) {
      const rows = column(key, outlet);
      for (const share of shares) {
        const row = rows.get(share.phrase);
        if (!row || row.count < share.count) throw new Error(`the tables hold no ${key} / ${outlet} / ${share.phrase}`);
        if (row.count === share.count) rows.delete(share.phrase);
        else {
          const gone = new Set(share.documents);
          rows.set(share.phrase, {
            phrase: row.phrase,
            count: row.count - share.count,
            documents: row.documents.filter((d) => !gone.has(d)),
          });
        }
      }
    }
  for (const [key, byOutlet] of Object.entries(after))
    for (const [outlet, shares] of Object.entries(byOutlet)) {
      const rows = column(key, outlet);
      for (const share of shares) {
        const row = rows.get(share.phrase);
        rows.set(share.phrase, {
          phrase: share.phrase,
          count: (row?.count ?? 0) + share.count,
          documents: row ? unionSorted(row.documents, share.documents) : share.documents,
        });
      }
    }
  const out: PhraseTable = { ...table };
  for (const [key, byOutlet] of touched) {
    const outlets = { ...out[key] };
    for (const [outlet, rows] of byOutlet) {
      if (rows.size === 0) delete outlets[outlet];
      else outlets[outlet] = [...rows.values()].sort(byCountThenPhrase);
    }
    if (Object.keys(outlets).length) out[key] = sortedByKey(outlets);
    else delete out[key];
  }
  return sortedByKey(out);
}

const byCountThenPhrase = (a: PhraseRow, b: PhraseRow) => b.count - a.count || byString(a.phrase, b.phrase);

/** Two sorted lists of distinct ids as one. */
function unionSorted(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) out.push(a[i++]!);
    else if (x === undefined || y < x) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

function sortedByKey<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => byString(a, b)));
}

/** Phrases per label per outlet, counted over spans, sorted by count then phrase. */
export function outletPhrases(
  documents: OutletDocument[] | OutletCorpus,
  records: AnnotationRecord[],
  filter: { label?: string; story?: string } = {},
): OutletPhrases {
  const labels = phraseRows(corpusOf(documents), records, filter.story, (record, count) => {
    for (const s of record.spans) if (filter.label === undefined || s.label === filter.label) count(s.label, s);
  });
  return { labels };
}

/**
 * `{"<relation type>": {"<outlet>": [PhraseRow...]}}`: per outlet, the spans relations of each type point at
 * (who is blamed, who is named what), by their text, counted over relations.
 */
export type RelationTargets = Record<string, Record<string, PhraseRow[]>>;

export function relationTargets(
  documents: OutletDocument[] | OutletCorpus,
  records: AnnotationRecord[],
  filter: { story?: string; type?: string } = {},
): RelationTargets {
  const withRelations = records.filter((r) => r.relations?.length);
  return phraseRows(corpusOf(documents), withRelations, filter.story, (record, count) => {
    const spans = new Map(record.spans.map((s) => [s.id, s]));
    for (const x of record.relations ?? []) {
      if (filter.type !== undefined && x.type !== filter.type) continue;
      const target = spans.get(x.to);
      if (target) count(x.type, target);
    }
  });
}

/** Per outlet, how often each label occurs per 1,000 words of that outlet's documents. */
export type LabelRates = Record<string, { words: number; documents: number; perThousandWords: Record<string, number> }>;

/** Per outlet, its words and documents and how many spans each label has there. */
type LabelCounts = Map<string, { words: number; documents: number; counts: Map<string, number> }>;

/** How often each label occurs per outlet, per 1,000 words of that outlet's documents. */
export function labelRatesPerOutlet(
  documents: OutletDocument[] | OutletCorpus,
  records: AnnotationRecord[],
): LabelRates {
  const corpus = corpusOf(documents);
  const out = outletSizes(corpus);
  addLabelCounts(out, outletsOf(corpus), records, 1);
  return ratesOf(out);
}

/**
 * `rates`, the label rates of `before`'s records, brought up to `after` where only the records of documents in
 * `changed` differ: each outlet's counts as the rates imply them, less the changed documents' old spans, plus
 * their new ones, over `after`'s documents and words. Equal to labelRatesPerOutlet over `after`. Throws when
 * `rates` do not give back whole counts (an outlet without words), or hold less than `before`'s spans.
 */
export function updatedLabelRates(
  rates: LabelRates,
  before: { corpus: OutletCorpus; records: AnnotationRecord[] },
  after: { corpus: OutletCorpus; records: AnnotationRecord[] },
  changed: ReadonlySet<string>,
): LabelRates {
  const counts: LabelCounts = new Map();
  for (const [outlet, row] of Object.entries(rates)) {
    const labels = new Map<string, number>();
    for (const [label, rate] of Object.entries(row.perThousandWords)) {
      const n = Math.round((rate * row.words) / 1000);
      if (!row.words || (n * 1000) / row.words !== rate) throw new Error(`no whole count behind the rate of ${label}`);
      labels.set(label, n);
    }
    counts.set(outlet, { words: row.words, documents: row.documents, counts: labels });
  }
  const mine = (records: AnnotationRecord[]) => records.filter((r) => changed.has(r.document));
  addLabelCounts(counts, outletsOf(before.corpus), mine(before.records), -1);
  const out = outletSizes(after.corpus);
  for (const [outlet, row] of counts)
    for (const [label, n] of row.counts) {
      if (n < 0) throw new Error(`fewer ${label} spans in ${outlet} than the rates were counted from`);
      const target = out.get(outlet);
      if (n > 0 && !target) throw new Error(`${label} spans counted in ${outlet}, which has no documents now`);
      if (n > 0) target!.counts.set(label, n);
    }
  addLabelCounts(out, outletsOf(after.corpus), mine(after.records), 1);
  return ratesOf(out);
}

/** Each outlet's words and documents, with no spans counted yet. */
function outletSizes(corpus: OutletCorpus): LabelCounts {
  const out: LabelCounts = new Map();
  for (const d of corpus.documents) {
    const outlet = d.meta.outlet?.trim() || UNKNOWN_OUTLET;
    let row = out.get(outlet);
    if (!row) {
      row = { words: 0, documents: 0, counts: new Map() };
      out.set(outlet, row);
    }
    row.words += corpus.words(d.id);
    row.documents++;
  }
  return out;
}

function outletsOf(corpus: OutletCorpus): Map<string, string> {
  return new Map(corpus.documents.map((d) => [d.id, d.meta.outlet?.trim() || UNKNOWN_OUTLET]));
}

/** Adds (`sign` 1) or takes away (-1) the spans of `records` of documents with an outlet, per outlet and label. */
function addLabelCounts(
  out: LabelCounts,
  outletOf: ReadonlyMap<string, string>,
  records: AnnotationRecord[],
  sign: 1 | -1,
): void {
  for (const r of records) {
    const outlet = outletOf.get(r.document);
    if (!outlet) continue;
    let row = out.get(outlet);
    if (!row) {
      row = { words: 0, documents: 0, counts: new Map() };
      out.set(outlet, row);
    }
    const counts = row.counts;
    for (const s of r.spans) counts.set(s.label, (counts.get(s.label) ?? 0) + sign);
  }
}

function ratesOf(counts: LabelCounts): LabelRates {
  return Object.fromEntries(
    [...counts]
      .sort(([a], [b]) => byString(a, b))
      .map(([outlet, row]) => [
        outlet,
        {
          words: row.words,
          documents: row.documents,
          perThousandWords: Object.fromEntries(
            [...row.counts]
              .filter(([, n]) => n !== 0)
              .sort(([a], [b]) => byString(a, b))
              .map(([label, n]) => [label, row.words ? (n * 1000) / row.words : 0]),
          ),
        },
      ]),
  );
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** The number of words (runs of letters, digits and marks), without allocating a match array. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let word: boolean;
    if (c < 128) word = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
    else {
      const cp = text.codePointAt(i)!;
      word = WORD_CHAR.test(String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
    }
    if (word && !inWord) n++;
    inWord = word;
  }
  return n;
}

function corpusOf(documents: OutletDocument[] | OutletCorpus): OutletCorpus {
  return Array.isArray(documents) ? textCorpus(documents) : documents;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Document-level labels (stance, frames) counted per outlet and per month, for the outlet charts. */
export function docLabelCounts(
  documents: { id: string; meta: DocumentMeta; text?: string }[],
  records: AnnotationRecord[],
): {
  byOutlet: Record<string, Record<string, Record<string, number>>>;
  byMonth: Record<string, Record<string, Record<string, number>>>;
} {
  const meta = new Map(documents.map((d) => [d.id, d.meta]));
  const byOutlet: Record<string, Record<string, Record<string, number>>> = {};
  const byMonth: Record<string, Record<string, Record<string, number>>> = {};
  const add = (table: typeof byOutlet, group: string, key: string, value: string) => {
    table[group] ??= {};
    const g = table[group];
    g[key] ??= {};
    const row = g[key];
    row[value] = (row[value] ?? 0) + 1;
  };
  for (const r of records) {
    const m = meta.get(r.document);
    if (!m) continue;
    const outlet = m.outlet?.trim() || UNKNOWN_OUTLET;
    const month = m.published && /^\d{4}-\d{2}/.test(m.published) ? m.published.slice(0, 7) : '(undated)';
    for (const [group, value] of Object.entries(r.docLabels))
      for (const v of Array.isArray(value) ? value : [value]) {
        add(byOutlet, group, outlet, v);
        add(byMonth, group, month, v);
      }
  }
  return { byOutlet, byMonth };
}

/** One row of an outlet column: a phrase (or a plural group) with every variant it covers. */
export interface PhraseGroup {
  phrase: string;
  variants: string[];
  count: number;
  documents: string[];
  /** In the app's paged answer: how many documents there are; `documents` is then left empty. */
  documentCount?: number;
}

/** Rows as groups, folded by phraseStem when asked; sorted by count (highest first), then phrase. */
export function groupPhrases(rows: PhraseRow[], foldPlurals: boolean): PhraseGroup[] {
  const groups = new Map<string, PhraseRow[]>();
  for (const r of rows) {
    const key = foldPlurals ? phraseStem(r.phrase) : r.phrase;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: PhraseGroup[] = [];
  for (const rs of groups.values()) {
    // most groups hold one row (hundreds of thousands at 10,000 documents): no sort, set or copy to merge
    if (rs.length === 1) {
      const r = rs[0]!;
      out.push({ phrase: r.phrase, variants: [r.phrase], count: r.count, documents: distinctSorted(r.documents) });
      continue;
    }
    // The most used variant names the group; ties go to the shorter (singular) form.
    const named = [...rs].sort(
      (a, b) => b.count - a.count || a.phrase.length - b.phrase.length || byString(a.phrase, b.phrase),
    );
    out.push({
      phrase: named[0]!.phrase,
      variants: named.map((r) => r.phrase),
      count: rs.reduce((n, r) => n + r.count, 0),
      documents: [...new Set(rs.flatMap((r) => r.documents))].sort(byString),
    });
  }
  // rows come by count, then phrase, so the groups are nearly in order already
  return out.sort((a, b) => b.count - a.count || byString(a.phrase, b.phrase));
}

/** The ids once each, in order: a copy when they are so already (as counted rows hold them). */
function distinctSorted(ids: string[]): string[] {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return [...new Set(ids)].sort(byString);
  return ids.slice();
}
