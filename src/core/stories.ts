// Grouping documents into stories (events): suggested from shared named phrases and close dates, so
// the outlet views can put two outlets' articles about the same event side by side.

interface StoryDocument {
  id: string;
  text: string;
  meta: { title?: string; published?: string; story?: string };
}

/** A document by its named phrases, in the order namedPhrases gives them. */
export interface NamedDocument {
  id: string;
  meta: StoryDocument['meta'];
  named: Iterable<string>;
}

/** One suggested story: its documents and the named phrases they share. */
export interface StorySuggestion {
  story: string;
  documents: string[];
  sharedPhrases: string[];
}

const STOP = new Set([
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'He',
  'She',
  'It',
  'They',
  'We',
  'But',
  'And',
  'As',
  'For',
  'Meanwhile',
  'Elsewhere',
]);

/** Capitalised multi-word names ("Vladimir Putin", "Masoud Pezeshkian") and single names seen twice. */
export function namedPhrases(text: string): Set<string> {
  const out = new Set<string>();
  const counts = new Map<string, number>();
  const words = text.match(/[\p{Lu}][\p{L}\p{M}’'-]+(?:\s+[\p{Lu}][\p{L}\p{M}’'-]+)*/gu) ?? [];
  for (const run of words) {
    const parts = run.split(/\s+/).filter((w) => !STOP.has(w));
    // Every adjacent pair of a capitalised run: "Russian President Vladimir Putin" gives "Vladimir Putin".
    for (let i = 0; i + 1 < parts.length; i++) out.add(`${parts[i]} ${parts[i + 1]}`);
    for (const p of parts) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  for (const [w, n] of counts) if (n >= 2 && w.length > 3) out.add(w);
  return out;
}

function days(a?: string, b?: string): number {
  if (!a || !b) return 0; // unknown dates do not keep documents apart
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/**
 * Suggests stories: documents within `maxDays` of each other sharing at least `minShared` named
 * phrases are linked, and linked documents form one story. Documents already given a story keep it.
 */
export function suggestStories(
  documents: StoryDocument[],
  options: { minShared?: number; maxDays?: number } = {},
): StorySuggestion[] {
  return suggestStoriesFrom(
    documents.map((d) => ({ id: d.id, meta: d.meta, named: namedPhrases(d.text) })),
    options,
  );
}

/** suggestStories over each document's named phrases found beforehand (a derived cache keeps them). */
export function suggestStoriesFrom(
  documents: NamedDocument[],
  options: { minShared?: number; maxDays?: number } = {},
): StorySuggestion[] {
  const minShared = options.minShared ?? 3;
  const maxDays = options.maxDays ?? 3;
  const phrases = documents.map((d) => d.named);
  const parent = documents.map((_, i) => i);
  const find = (i: number): number => {
    if (parent[i] !== i) parent[i] = find(parent[i]);
    return parent[i];
  };
  const shared = new Map<number, Set<string>>();
  // Candidate pairs come from an inverted index, not from every pair of documents; a phrase found in
  // very many documents (a country, a president) says little about one event and is skipped.
  const byPhrase = new Map<string, number[]>();
  phrases.forEach((set, i) => {
    for (const p of set) {
      const list = byPhrase.get(p);
      if (list) list.push(i);
      else byPhrase.set(p, [i]);
    }
  });
  const common = new Map<number, string[]>();
  const limit = Math.max(50, Math.ceil(documents.length * 0.05));
  for (const [phrase, docs] of byPhrase) {
    if (docs.length < 2 || docs.length > limit) continue;
    for (let x = 0; x < docs.length; x++)
      for (let y = x + 1; y < docs.length; y++) {
        const key = docs[x] * documents.length + docs[y];
        const list = common.get(key);
        if (list) list.push(phrase);
        else common.set(key, [phrase]);
      }
  }
  for (const [key, list] of common) {
    const i = Math.floor(key / documents.length);
    const j = key % documents.length;
    if (list.length < minShared || days(documents[i].meta.published, documents[j].meta.published) > maxDays) continue;
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[b] = a;
    const root = find(i);
    const set = shared.get(root) ?? new Set<string>();
    for (const p of list) set.add(p);
    shared.set(root, set);
  }
  const groups = new Map<number, number[]>();
  documents.forEach((_, i) => {
    const r = find(i);
    const list = groups.get(r);
    if (list) list.push(i);
    else groups.set(r, [i]);
  });
  // Roots change as groups merge: gather each final group's shared phrases from all its former roots.
  const finalShared = new Map<number, Set<string>>();
  for (const [k, set] of shared) {
    const r = find(k);
    finalShared.set(r, new Set([...(finalShared.get(r) ?? []), ...set]));
  }
  const out: StorySuggestion[] = [];
  for (const [root, members] of groups) {
    if (members.length < 2) continue;
    const common = [...(finalShared.get(root) ?? [])].sort();
    const existing = members.map((i) => documents[i].meta.story).find(Boolean);
    const story =
      existing ??
      slug(
        common
          .filter((p) => p.includes(' '))
          .slice(0, 2)
          .join(' ') ||
          common[0] ||
          documents[members[0]].id,
      );
    out.push({ story, documents: members.map((i) => documents[i].id).sort(), sharedPhrases: common });
  }
  return out.sort((a, b) => (a.story < b.story ? -1 : 1));
}

/** A story key from phrases: lower case, ASCII-safe where possible, hyphens. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
