// From UTF-16 text ranges to DOM Ranges over the reader's runs, for highlighting without re-rendering
// (the CSS Custom Highlight API paints them; nothing in the React tree changes).
import { RUN_SELECTOR } from './selection';

/** The runs in text order with their starts, for binary search; built once per search. */
function runIndex(root: Element): { runs: HTMLElement[]; starts: number[] } {
  const runs = [...root.querySelectorAll<HTMLElement>(RUN_SELECTOR)];
  return { runs, starts: runs.map((r) => Number(r.dataset.start)) };
}

/** The text node and offset holding UTF-16 offset `o` (a run may hold several text nodes; chips hold none). */
function locate(index: ReturnType<typeof runIndex>, o: number, isEnd: boolean): [Node, number] | null {
  const { runs, starts } = index;
  if (starts.length === 0) return null;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] < o || (!isEnd && starts[mid] === o)) lo = mid;
    else hi = mid - 1;
  }
  const run = runs[lo];
  let offset = o - starts[lo];
  if (offset < 0 || offset > Number(run.dataset.end) - starts[lo]) return null;
  const walker = run.ownerDocument.createTreeWalker(run, 4 /* NodeFilter.SHOW_TEXT */);
  let last: Text | null = null;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (offset < t.data.length || (offset === t.data.length && isEnd)) return [t, offset];
    offset -= t.data.length;
    last = t;
  }
  return last ? [last, last.data.length] : null;
}

/** DOM Ranges for each [start, end) (UTF-16) that lies within the rendered runs. */
export function toDomRanges(root: Element, ranges: Array<{ start: number; end: number }>): Range[] {
  const index = runIndex(root);
  const out: Range[] = [];
  for (const r of ranges) {
    const a = locate(index, r.start, false);
    const b = locate(index, r.end, true);
    if (!a || !b) continue;
    const range = root.ownerDocument.createRange();
    range.setStart(...a);
    range.setEnd(...b);
    out.push(range);
  }
  return out;
}

/**
 * What `read` makes of a DOM Range over each [start, end) (UTF-16), or of null where it is not within the
 * rendered runs; one index and one Range object for all. The browser keeps every Range it has handed out up to
 * date through each later change of the DOM until the Range is collected, so hundreds of them kept alive make
 * every edit's commit slower; `read` must not keep the Range.
 */
export function readDomRanges<T>(
  root: Element,
  ranges: Array<{ start: number; end: number }>,
  read: (range: Range | null) => T,
): T[] {
  const index = runIndex(root);
  const range = root.ownerDocument.createRange();
  const out = ranges.map((r) => {
    const a = locate(index, r.start, false);
    const b = a && locate(index, r.end, true);
    if (!a || !b) return read(null);
    range.setStart(...a);
    range.setEnd(...b);
    return read(range);
  });
  return out;
}

/** Paints ranges under a highlight name where the browser supports it; returns false where it does not. */
export function paintHighlight(name: string, ranges: Range[]): boolean {
  const css = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS;
  const Ctor = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (!css?.highlights || !Ctor) return false;
  if (ranges.length === 0) css.highlights.delete(name);
  else css.highlights.set(name, new Ctor(...ranges));
  return true;
}
