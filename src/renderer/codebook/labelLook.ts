// How a label looks in the text: the chip's colours (text readable on every codebook colour, computed by
// the WCAG formula rather than picked by hand) and the short name the chip shows (the analyst's own, or one
// derived from the name that no other label of the codebook shares).
import type { SpanLabel } from '../../core/model';

/** WCAG 2 AA for normal text. */
export const MIN_CONTRAST = 4.5;

const INK = '#000000';
const PAPER = '#ffffff';

function channels(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Relative luminance (WCAG 2); null for a colour that is not #rrggbb. */
export function luminance(hex: string): number | null {
  const c = channels(hex);
  if (!c) return null;
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two #rrggbb colours, 1–21. */
export function contrast(a: string, b: string): number {
  const la = luminance(a) ?? 0;
  const lb = luminance(b) ?? 0;
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The chip's background (the label's colour) and its text: black or white, whichever contrasts more.
 * One of the two always reaches at least 4.58:1 (the worst case is a background of luminance 0.18), so
 * the colour itself is never changed; a malformed colour falls back to grey.
 */
export function chipColors(color: string): { background: string; text: string } {
  const background = luminance(color) === null ? '#8a8a8a' : color.toLowerCase();
  const text = contrast(background, INK) >= contrast(background, PAPER) ? INK : PAPER;
  return { background, text };
}

/** Chips stay short enough to sit in a line of text. */
export const SHORT_MAX = 16;

const STOP = new Set([
  'and',
  'or',
  'of',
  'the',
  'a',
  'an',
  'as',
  'to',
  'in',
  'for',
  'on',
  'by',
  'with',
  'und',
  'de',
  'la',
  'le',
]);

/** A long word cut after a consonant, with a full stop: "delegitimizing" → "delegit.". */
function clip(word: string, keep: number): string {
  if ([...word].length <= keep + 1) return word;
  const letters = [...word];
  let k = keep;
  // End the stem on a consonant where the next letters allow, so it reads as an abbreviation.
  while (k < Math.min(letters.length - 1, keep + 2) && /[aeiouy]/i.test(letters[k - 1])) k++;
  return `${letters.slice(0, k).join('')}.`;
}

function words(part: string): string[] {
  return part
    .split(/[\s/]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w && !STOP.has(w.toLowerCase()));
}

/** Shorter and shorter ways to say a name, the first that fits being preferred. */
function candidates(name: string): string[] {
  const out = [name.trim()];
  const colon = name.indexOf(':');
  const head = words(colon >= 0 ? name.slice(0, colon) : name);
  const tail = colon >= 0 ? words(name.slice(colon + 1)) : [];
  const join = (h: string[], t: string[]) => (t.length ? `${h.join(' ')}: ${t.join(' ')}` : h.join(' '));
  const keeps = [8, 6, 5, 4, 3];
  const clipped = (ws: string[], keep: number) => ws.map((w) => clip(w, keep));
  for (const keep of keeps) out.push(join(clipped(head, keep), clipped(tail, keep)));
  // The head of a "Family: kind" name is shared by its family: its first word is enough.
  if (tail.length) for (const keep of keeps) out.push(join(clipped(head.slice(0, 1), keep), clipped(tail, keep)));
  for (const keep of keeps) out.push(join(clipped(head.slice(0, 2), keep), clipped(tail.slice(0, 2), keep)));
  for (const keep of keeps) out.push(join(clipped(head.slice(0, 1), keep), clipped(tail.slice(0, 1), keep)));
  return out.filter((c) => c.length > 0);
}

const readable = (form: string) =>
  form
    .split(/[\s:]+/)
    .filter(Boolean)
    .reduce((n, w) => n + Math.min(6, [...w.replace(/\.$/, '')].length), 0);

function best(forms: string[]): string | undefined {
  let out: string | undefined;
  for (const f of forms) if (out === undefined || readable(f) > readable(out)) out = f;
  return out;
}

const fits = (s: string) => [...s].length <= SHORT_MAX;
const norm = (s: string) => s.toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The chip text of every label: the analyst's short name where set, otherwise the shortest readable form of
 * the name that fits and that no other label reads as. Two labels never read the same: a clash (two
 * analyst-set names, or derived forms that meet) is told apart by a number.
 */
export function shortNames(labels: readonly Pick<SpanLabel, 'name' | 'short'>[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (name: string, short: string) => {
    let s = short;
    for (let n = 2; taken.has(norm(s)); n++) s = `${short} ${n}`;
    taken.add(norm(s));
    out.set(name, s);
  };
  for (const l of labels) if (l.short?.trim()) claim(l.name, l.short.trim());
  const rest = labels.filter((l) => !l.short?.trim());
  // Each derived name must differ from every other label's forms, so the one that reads best is taken
  // only when no other label could read the same.
  const forms = new Map(rest.map((l) => [l.name, candidates(l.name).filter(fits)]));
  const count = new Map<string, number>();
  for (const list of forms.values()) for (const f of new Set(list.map(norm))) count.set(f, (count.get(f) ?? 0) + 1);
  for (const l of rest) {
    const list = forms.get(l.name) ?? [];
    const free = list.filter((f) => count.get(norm(f)) === 1 && !taken.has(norm(f)));
    // The whole name when it fits; else the form that keeps the most of each word (a stem of six letters
    // reads as the word; more words say more).
    const own = free[0] === l.name.trim() ? free[0] : best(free);
    const fallback = list[list.length - 1] ?? [...l.name].slice(0, SHORT_MAX - 3).join('');
    claim(l.name, own ?? fallback);
  }
  return out;
}

/**
 * A label colour as a line or outline on white (underlines, other layers' outlines): darkened until it
 * reaches 3:1, the WCAG contrast for graphics, so a yellow label still shows.
 */
export function strokeColor(color: string): string {
  const c = channels(color);
  if (!c) return '#6e6e6e';
  for (let f = 1; f >= 0; f -= 0.05) {
    const hex = `#${c
      .map((v) =>
        Math.round(v * f)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrast(hex, PAPER) >= 3) return hex;
  }
  return INK;
}

/** Everything the reader needs to draw labels, built once per codebook. */
export interface LabelLook {
  color(label: string): string;
  stroke(label: string): string;
  chip(label: string): { background: string; text: string };
  short(label: string): string;
  /** The codebook's name for it, or the label itself when the codebook lacks it. */
  known(label: string): boolean;
}

/** The colour of a label missing from the codebook (imported or removed). */
export const UNKNOWN_COLOR = '#8a8a8a';

export function labelLook(labels: readonly SpanLabel[]): LabelLook {
  const byName = new Map(labels.map((l) => [l.name, l]));
  const shorts = shortNames(labels);
  const memo = <T>(f: (label: string) => T) => {
    const cache = new Map<string, T>();
    return (label: string) => {
      let v = cache.get(label);
      if (v === undefined) {
        v = f(label);
        cache.set(label, v);
      }
      return v;
    };
  };
  const color = (label: string) => byName.get(label)?.color ?? UNKNOWN_COLOR;
  return {
    color,
    stroke: memo((label) => strokeColor(color(label))),
    chip: memo((label) => chipColors(color(label))),
    short: (label) =>
      shorts.get(label) ?? ([...label].length > SHORT_MAX ? `${[...label].slice(0, SHORT_MAX - 1).join('')}…` : label),
    known: (label) => byName.has(label),
  };
}
