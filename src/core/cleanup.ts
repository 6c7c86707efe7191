// Clean-up of scraped article text, offered with a preview and never silent: every removal is an
// action the user can see (and switch off), with the lines it removes and why.
import { type DateReading, readDate } from './dates';

/** The kinds of mess scrapers leave; each can be switched off. */
export const CLEANUP_KINDS = [
  'error-page',
  'boilerplate',
  'trailing-links',
  'duplicate-body',
  'truncated-title',
  'header',
  'scraper-line',
] as const;
/** One kind of clean-up. */
export type CleanupKind = (typeof CLEANUP_KINDS)[number];

/** One proposed removal: which lines (0-based, half-open), what they say, and why. */
export interface CleanupAction {
  kind: CleanupKind;
  from: number;
  to: number;
  removed: string[];
  reason: string;
}

/** Metadata found in the header lines while cleaning (title, author line, dates). */
export interface FoundMeta {
  title?: string;
  author?: string;
  date?: DateReading;
}

/** The preview: the text before and after, the actions, and what was learnt about the article. */
export interface CleanupResult {
  before: string;
  text: string;
  actions: CleanupAction[];
  meta: FoundMeta;
}

const ERROR_LINES = [
  /^sorry!*$/i,
  /^error!?\s.*(page|article) (you were looking for|you requested) (doesn[’']t|does not|could not|cannot) (exist|be found)/i,
  /^(404|page not found|the page you (were looking for|requested) (doesn[’']t|does not) exist\.?)$/i,
];
const BOILERPLATE_BLOCK = /^(legal disclaimer|disclaimer|copyright notice):?$/i;
const BOILERPLATE_LINE = [
  /^comments?\s*(no comments?|\d+( comments?)?)$/i,
  /^(share|share this( article)?|print|email|tweet|advertisement|read more|subscribe( now)?)$/i,
  /^(all rights reserved\.?|©.*all rights reserved\.?)$/i,
];
const TRAILING_MARKERS =
  /^(most popular( stories)?|related (stories|articles|news)|you may also like|more from .*|trending( now)?|read next)$/i;
const SCRAPER_LINE = /^date\s+(\S+)\s+(\d{3})$/i;

/**
 * Proposes every clean-up it recognises; `enabled` switches kinds off (all on by default).
 * Rules, in order: a scraper status line (`date 2026-01-19 403`), error-page text, a title line cut
 * short and then printed whole, header lines (title, byline, date) before the body, boilerplate
 * blocks and lines, everything after a "Most popular stories"-style marker, and a run of paragraphs
 * printed twice in a row.
 */
export function cleanScrapedText(raw: string, enabled: Partial<Record<CleanupKind, boolean>> = {}): CleanupResult {
  const on = (k: CleanupKind) => enabled[k] !== false;
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const remove = new Map<number, CleanupAction>();
  const actions: CleanupAction[] = [];
  const meta: FoundMeta = {};
  const propose = (kind: CleanupKind, from: number, to: number, reason: string) => {
    if (!on(kind) || to <= from) return;
    for (let i = from; i < to; i++) if (remove.has(i)) return;
    const action = { kind, from, to, removed: lines.slice(from, to), reason };
    actions.push(action);
    for (let i = from; i < to; i++) remove.set(i, action);
  };
  const blank = (i: number) => lines[i].trim() === '';

  lines.forEach((line, i) => {
    const m = line.trim().match(SCRAPER_LINE);
    if (m) {
      const date = readDate(m[1]);
      if (!meta.date || !('iso' in meta.date)) meta.date = date;
      propose('scraper-line', i, i + 1, `scraper status line (date ${m[1]}, HTTP ${m[2]})`);
    }
    if (ERROR_LINES.some((re) => re.test(line.trim()))) propose('error-page', i, i + 1, 'error-page text');
  });

  // Header: leading short lines before the first body paragraph.
  const firstBody = lines.findIndex((l, i) => !remove.has(i) && isBodyParagraph(l));
  const header = firstBody < 0 ? [] : [...Array(firstBody).keys()].filter((i) => !remove.has(i) && !blank(i));
  for (const [k, i] of header.entries()) {
    const line = lines[i].trim();
    const next = header[k + 1] !== undefined ? lines[header[k + 1]].trim() : undefined;
    if (next && next.length > line.length && next.startsWith(line)) {
      propose('truncated-title', i, i + 1, 'the title cut short, printed again in full on the next line');
      continue;
    }
    const date = readDate(line);
    if ('iso' in date || /^\d{1,2}[/.-]\d{1,2}[/.-]\d+$/.test(line)) {
      if (!meta.date || !('iso' in meta.date) || 'iso' in date) meta.date = date;
      propose(
        'header',
        i,
        i + 1,
        'iso' in date ? `date line (${date.iso})` : `date line, not a valid date: ${date.problem}`,
      );
    } else if (!meta.title) {
      meta.title = line;
      propose('header', i, i + 1, 'title line (kept as the title, not as body text)');
    } else if (line.length <= 40) {
      meta.author = line.replace(/^by\s+/i, '');
      propose('header', i, i + 1, 'byline');
    }
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (BOILERPLATE_BLOCK.test(line)) {
      let end = i + 1;
      while (end < lines.length && blank(end)) end++;
      propose('boilerplate', i, Math.min(end + 1, lines.length), `"${line}" and the paragraph it introduces`);
    } else if (BOILERPLATE_LINE.some((re) => re.test(line))) propose('boilerplate', i, i + 1, 'page furniture');
    else if (TRAILING_MARKERS.test(line)) {
      propose('trailing-links', i, lines.length, `"${line}" and everything after it (links to other stories)`);
      break;
    }
  }

  const dup = repeatedRun(lines, remove);
  if (dup)
    propose(
      'duplicate-body',
      dup.from,
      dup.to,
      `${dup.to - dup.from} lines printed twice in a row (the second copy removed)`,
    );

  const kept = lines.filter((_, i) => !remove.has(i));
  while (kept.length && kept[0].trim() === '') kept.shift();
  while (kept.length && kept[kept.length - 1].trim() === '') kept.pop();
  actions.sort((a, b) => a.from - b.from);
  return { before: raw, text: kept.join('\n'), actions, meta };
}

function isBodyParagraph(line: string): boolean {
  const t = line.trim();
  return t.length >= 120 || (t.length >= 40 && /[.!?”"’)]$/.test(t));
}

/** The longest run of lines immediately repeated (at least two lines, or one line of 80 characters). */
function repeatedRun(lines: string[], removed: Map<number, unknown>): { from: number; to: number } | null {
  const idx = lines.map((_, i) => i).filter((i) => !removed.has(i) && lines[i].trim() !== '');
  const text = idx.map((i) => lines[i].trim());
  let best: { start: number; len: number } | null = null;
  for (let len = Math.floor(text.length / 2); len >= 1; len--) {
    for (let start = 0; start + 2 * len <= text.length; start++) {
      let same = true;
      for (let k = 0; k < len && same; k++) same = text[start + k] === text[start + len + k];
      if (!same) continue;
      const chars = text.slice(start, start + len).join('').length;
      if (len >= 2 || chars >= 80) best = { start, len };
      break;
    }
    if (best) break;
  }
  if (!best) return null;
  return { from: idx[best.start + best.len], to: idx[best.start + 2 * best.len - 1] + 1 };
}
