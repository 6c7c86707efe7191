// Finding a phrase in texts: case- and accent-insensitive matches with code-point offsets and context.
import type { Memo } from './model';
import { codePointLength } from './offsets';

/** One match of a corpus search, offsets in code points as at every boundary. */
export interface SearchHit {
  document: string;
  start: number;
  end: number;
  /** Text around the match: `before`, the match itself, `after` (each a short stretch, one line). */
  context: { before: string; match: string; after: string };
}

const folded = new Map<string, string>();

function foldChar(ch: string): string {
  let f = folded.get(ch);
  if (f === undefined) {
    const g = ch.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
    // Keep the length of every code point so offsets line up with the original text.
    f = g.length === ch.length ? g : ch.toLocaleLowerCase().length === ch.length ? ch.toLocaleLowerCase() : ch;
    if (folded.size < 65_536) folded.set(ch, f);
  }
  return f;
}

/**
 * Folds case and strips combining marks per code point, keeping every code point's UTF-16 length so indices of
 * the folded text stay aligned. Only capitals and non-ASCII characters are looked at one by one (memoized):
 * this runs over every document when the search index is built.
 */
export function fold(text: string): string {
  return text.replace(/[A-Z]|[^ -~\t\n\r]/gu, foldChar);
}

/** The distinct words of a folded text: the terms the corpus index keeps per document. */
export function foldedWords(foldedText: string): string[] {
  return [...new Set(foldedText.match(WORDS))];
}

const WORDS = /[\p{L}\p{N}_]+/gu;

/** Every (non-overlapping) match of `query` in `text`, as UTF-16 [start, end) pairs; whole words only when asked. */
export function findAll(text: string, query: string, wholeWords = false): Array<{ start: number; end: number }> {
  const q = fold(query.trim());
  if (!q) return [];
  const hay = fold(text);
  const out: Array<{ start: number; end: number }> = [];
  const word = /[\p{L}\p{N}_]/u;
  for (let i = hay.indexOf(q); i >= 0; i = hay.indexOf(q, i + q.length)) {
    const end = i + q.length;
    if (wholeWords && ((i > 0 && word.test(text[i - 1])) || (end < text.length && word.test(text[end])))) continue;
    out.push({ start: i, end });
  }
  return out;
}

/** The corpus hits of one document, with code-point offsets and a line of context. */
export function searchText(
  document: string,
  text: string,
  query: string,
  options: { wholeWords?: boolean; contextChars?: number } = {},
): SearchHit[] {
  const width = options.contextChars ?? 60;
  return findAll(text, query, options.wholeWords).map(({ start, end }) => {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = text.length;
    return {
      document,
      start: codePointLength(text.slice(0, start)),
      end: codePointLength(text.slice(0, end)),
      context: {
        before: text.slice(Math.max(lineStart, start - width), start),
        match: text.slice(start, end),
        after: text.slice(end, Math.min(lineEnd, end + width)),
      },
    };
  });
}

/** One memo a search matched, with the line around the first match in its title or text. */
export interface MemoHit {
  memo: Memo;
  where: 'title' | 'text';
  context: { before: string; match: string; after: string };
}

/** The memos whose title or text holds `query` (case- and accent-insensitive), in the order given. */
export function searchMemos(memos: readonly Memo[], query: string): MemoHit[] {
  const out: MemoHit[] = [];
  for (const memo of memos)
    for (const where of ['title', 'text'] as const) {
      const text = memo[where] ?? '';
      const [first] = findAll(text, query);
      if (!first) continue;
      const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
      let lineEnd = text.indexOf('\n', first.end);
      if (lineEnd < 0) lineEnd = text.length;
      out.push({
        memo,
        where,
        context: {
          before: text.slice(Math.max(lineStart, first.start - 60), first.start),
          match: text.slice(first.start, first.end),
          after: text.slice(first.end, Math.min(lineEnd, first.end + 60)),
        },
      });
      break;
    }
  return out;
}
