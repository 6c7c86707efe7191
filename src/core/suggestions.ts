// Suggestions from what coders already found: a phrase lexicon per label, and unlabelled occurrences of
// those phrases elsewhere in the corpus. A suggestion is never an annotation until accepted.
import type { AnnotationRecord } from './model';
import { OffsetMap } from './offsets';
import { normalizePhrase } from './outlets';

/** One lexicon entry: a phrase, its label, and where coders marked it. */
interface LexiconEntry {
  phrase: string;
  label: string;
  sources: { document: string; annotator: string }[];
}

/** One suggested span (code points), with where the suggestion came from. */
export interface Suggestion {
  document: string;
  start: number;
  end: number;
  label: string;
  phrase: string;
  sources: { document: string; annotator: string }[];
  /** The line around the occurrence (up to 70 characters each side), so a list needs no document text. */
  context: { before: string; match: string; after: string };
}

const MIN_PHRASE = 3;

/** Phrase → label lexicon from every coder's spans (phrases shorter than 3 characters skipped). */
export function buildLexicon(documents: Map<string, string>, records: AnnotationRecord[]): LexiconEntry[] {
  const byKey = new Map<string, LexiconEntry>();
  for (const r of records) {
    const text = documents.get(r.document);
    if (text === undefined) continue;
    const map = new OffsetMap(text);
    for (const s of r.spans) {
      const phrase = normalizePhrase(text.slice(map.toUtf16(s.start), map.toUtf16(s.end)));
      if (phrase.length < MIN_PHRASE) continue;
      const key = `${s.label}\u0000${phrase}`;
      const entry = byKey.get(key) ?? { phrase, label: s.label, sources: [] };
      byKey.set(key, entry);
      if (!entry.sources.some((x) => x.document === r.document && x.annotator === r.annotator))
        entry.sources.push({ document: r.document, annotator: r.annotator });
    }
  }
  return [...byKey.values()].sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1));
}

function escapePhrase(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** Finds whole-word occurrences of lexicon phrases that no span of that label touches. */
export function findSuggestions(
  lexicon: LexiconEntry[],
  documents: { id: string; text: string }[],
  existing: Map<string, { start: number; end: number; label: string }[]>,
): Suggestion[] {
  if (!lexicon.length) return [];
  const byPhrase = new Map<string, LexiconEntry[]>();
  for (const e of lexicon) byPhrase.set(e.phrase, [...(byPhrase.get(e.phrase) ?? []), e]);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...byPhrase.keys()].map(escapePhrase).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  const out: Suggestion[] = [];
  for (const doc of documents) {
    const spans = existing.get(doc.id) ?? [];
    let map: OffsetMap | null = null;
    for (const m of doc.text.matchAll(pattern)) {
      const entries = byPhrase.get(normalizePhrase(m[0]));
      if (!entries) continue;
      map ??= new OffsetMap(doc.text);
      const start = map.toCodePoint(m.index);
      const end = map.toCodePoint(m.index + m[0].length);
      for (const e of entries) {
        // Already (even partly) labelled with this label: not an unlabelled occurrence.
        if (spans.some((s) => s.label === e.label && s.start < end && s.end > start)) continue;
        const u16Start = m.index;
        const u16End = m.index + m[0].length;
        const lineStart = doc.text.lastIndexOf('\n', u16Start - 1) + 1;
        const nl = doc.text.indexOf('\n', u16End);
        const context = {
          before: doc.text.slice(Math.max(lineStart, u16Start - 70), u16Start),
          match: m[0],
          after: doc.text.slice(u16End, Math.min(nl < 0 ? doc.text.length : nl, u16End + 70)),
        };
        out.push({ document: doc.id, start, end, label: e.label, phrase: e.phrase, sources: e.sources, context });
      }
    }
  }
  return out;
}
