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
  private readonly acc = new Map<string, Map<string, Map<string, { count: number; documents: string[] }>>>();

  add(key: string, outlet: string, phrase: string, document: string): void {
    this.byPhrase(key, outlet).addTo(phrase, document);
  }

  private lastKey = '';
  private lastOutlet = '';
  private last: PhraseCounts | null = null;

  /** The phrase table of a key and outlet; consecutive spans mostly share both. */
  byPhrase(key: string, outlet: string): PhraseCounts {
    if (this.last && key === this.lastKey && outlet === this.lastOutlet) return this.last;
    let byOutlet = this.acc.get(key);
    if (!byOutlet) {
      byOutlet = new Map();
      this.acc.set(key, byOutlet);
    }
    let byPhrase = byOutlet.get(outlet);
    if (!byPhrase) {
      byPhrase = new Map();
      byOutlet.set(outlet, byPhrase);
    }
    this.lastKey = key;
    this.lastOutlet = outlet;
    this.last = new PhraseCounts(byPhrase);
    return this.last;
  }

  /** Keys and outlets in order; each outlet's phrases by count, then phrase. */
  rows(): Record<string, Record<string, PhraseRow[]>> {
    const out: Record<string, Record<string, PhraseRow[]>> = {};
    for (const [key, byOutlet] of [...this.acc.entries()].sort((a, b) => byString(a[0], b[0]))) {
      out[key] = {};
      for (const [outlet, byPhrase] of [...byOutlet.entries()].sort((a, b) => byString(a[0], b[0])))
        out[key][outlet] = [...byPhrase.entries()]
          .map(([phrase, row]) => ({ phrase, count: row.count, documents: uniqueSorted(row.documents) }))
          .sort((a, b) => b.count - a.count || byString(a.phrase, b.phrase));
    }
    return out;
  }
}

class PhraseCounts {
  constructor(private readonly byPhrase: Map<string, { count: number; documents: string[] }>) {}

  addTo(phrase: string, document: string): void {
    const row = this.byPhrase.get(phrase);
    if (!row) this.byPhrase.set(phrase, { count: 1, documents: [document] });
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
  phrase(document: string, span: { start: number; end: number }): string;
}

/** The corpus of documents in hand: offset maps and word counts are computed once, when first asked for. */
export function textCorpus(documents: OutletDocument[]): OutletCorpus {
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  const maps = new Map<string, OffsetMap>();
  return {
    documents,
    words: (id) => countWords(texts.get(id) ?? ''),
    phrase: (id, span) => {
      const text = texts.get(id) ?? '';
      let map = maps.get(id);
      if (!map) {
        map = new OffsetMap(text);
        maps.set(id, map);
      }
      return normalizePhrase(text.slice(map.toUtf16(span.start), map.toUtf16(span.end)));
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
    phrase: (id, span) => {
      const phrase = tables.phrases.get(id)?.get(spanKey(span.start, span.end));
      // a missing phrase would silently count as another phrase: the tables are refused instead
      if (phrase === undefined) throw new Error(`no phrase kept for ${id} ${span.start}-${span.end}`);
      return phrase;
    },
  };
}

/** The key a span's phrase is kept under in a phrase table (code point offsets, exact below 2^26). */
export function spanKey(start: number, end: number): number {
  return start * 67_108_864 + end;
}

/** Each record whose document is known (and of `story` when asked), with the document's outlet. */
function* recordsOfStory(corpus: OutletCorpus, records: AnnotationRecord[], story: string | undefined) {
  const docs = new Map(corpus.documents.map((d) => [d.id, d]));
  for (const record of records) {
    const doc = docs.get(record.document);
    if (!doc) continue;
    if (story !== undefined && doc.meta.story !== story) continue;
    yield { record, document: doc.id, outlet: doc.meta.outlet?.trim() || UNKNOWN_OUTLET };
  }
}

/** Phrase rows keyed by what `visit` counts each span under, over the records of a story. */
function phraseRows(
  corpus: OutletCorpus,
  records: AnnotationRecord[],
  story: string | undefined,
  visit: (record: AnnotationRecord, count: (key: string, span: { start: number; end: number }) => void) => void,
): Record<string, Record<string, PhraseRow[]>> {
  const tally = new PhraseTally();
  for (const { record, document, outlet } of recordsOfStory(corpus, records, story))
    visit(record, (key, span) => tally.add(key, outlet, corpus.phrase(document, span), document));
  return tally.rows();
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

/** How often each label occurs per outlet, per 1,000 words of that outlet's documents. */
export function labelRatesPerOutlet(
  documents: OutletDocument[] | OutletCorpus,
  records: AnnotationRecord[],
): Record<string, { words: number; documents: number; perThousandWords: Record<string, number> }> {
  const corpus = corpusOf(documents);
  const out: Record<string, { words: number; documents: number; counts: Record<string, number> }> = {};
  const outletOf = new Map<string, string>();
  for (const d of corpus.documents) {
    const outlet = d.meta.outlet?.trim() || UNKNOWN_OUTLET;
    outletOf.set(d.id, outlet);
    out[outlet] ??= { words: 0, documents: 0, counts: {} };
    const row = out[outlet];
    row.words += corpus.words(d.id);
    row.documents++;
  }
  for (const r of records) {
    const outlet = outletOf.get(r.document);
    if (!outlet) continue;
    for (const s of r.spans) out[outlet].counts[s.label] = (out[outlet].counts[s.label] ?? 0) + 1;
  }
  return Object.fromEntries(
    Object.entries(out)
      .sort(([a], [b]) => byString(a, b))
      .map(([outlet, row]) => [
        outlet,
        {
          words: row.words,
          documents: row.documents,
          perThousandWords: Object.fromEntries(
            Object.entries(row.counts)
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
  const groups = new Map<string, { rows: PhraseRow[] }>();
  for (const r of rows) {
    const key = foldPlurals ? phraseStem(r.phrase) : r.phrase;
    const g = groups.get(key) ?? { rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ rows: rs }) => {
      // The most used variant names the group; ties go to the shorter (singular) form.
      const named = [...rs].sort(
        (a, b) => b.count - a.count || a.phrase.length - b.phrase.length || byString(a.phrase, b.phrase),
      );
      return {
        phrase: named[0].phrase,
        variants: named.map((r) => r.phrase),
        count: rs.reduce((n, r) => n + r.count, 0),
        documents: [...new Set(rs.flatMap((r) => r.documents))].sort(byString),
      };
    })
    .sort((a, b) => b.count - a.count || byString(a.phrase, b.phrase));
}
