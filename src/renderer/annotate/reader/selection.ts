// Mapping a DOM selection inside the reader to UTF-16 offsets of the document text, through the
// `data-start`/`data-end` attributes every run element carries. Label chips hold no text nodes.

/** The attribute that marks a run element (and its UTF-16 start offset). */
export const RUN_SELECTOR = '[data-start][data-end]';

function runBounds(el: Element): { start: number; end: number } | null {
  const s = el.getAttribute('data-start');
  const e = el.getAttribute('data-end');
  if (s === null || e === null) return null;
  return { start: Number(s), end: Number(e) };
}

/** The length of text inside `run` that comes before (node, offset) — runs may hold several text nodes. */
function textBefore(run: Element, node: Node, offset: number): number {
  const doc = run.ownerDocument;
  const walker = doc.createTreeWalker(run, 4 /* NodeFilter.SHOW_TEXT */);
  let total = 0;
  if (node.nodeType === 3) {
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t === node) return total + offset;
      total += (t as Text).data.length;
    }
    return total;
  }
  // An element boundary: count text of the children before `offset`.
  const kids = node.childNodes;
  for (let i = 0; i < offset && i < kids.length; i++) total += kids[i].textContent?.length ?? 0;
  // When `node` is a descendant of the run, add the text that precedes `node` itself.
  if (node !== run) {
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (node.contains(t)) break;
      if (node.compareDocumentPosition(t) & 4 /* FOLLOWING */) break;
      total += (t as Text).data.length;
    }
  }
  return total;
}

/** A boundary between elements maps to the start of the next run, or the end of the previous one. */
function offsetBefore(root: Element, target: Node | null, after: Node): number | null {
  const runs = root.querySelectorAll(RUN_SELECTOR);
  let prevEnd: number | null = null;
  for (const run of runs) {
    const isNext = target
      ? target === run || target.contains(run) || !!(target.compareDocumentPosition(run) & 4)
      : after !== run && !after.contains(run) && !!(after.compareDocumentPosition(run) & 4);
    if (isNext) return runBounds(run)?.start ?? null;
    prevEnd = runBounds(run)?.end ?? prevEnd;
  }
  return prevEnd;
}

/**
 * One DOM boundary point (as Selection/Range give them) to a UTF-16 offset into the text.
 * Points outside `root` clamp to its first or last run; returns null when the reader has no runs.
 */
export function pointToOffset(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) {
    let before: boolean;
    if (node.contains(root)) {
      const child = node.childNodes[offset];
      // A child after the root means the boundary is after it; a child before it, before it.
      before = child ? child === root || child.contains(root) || !(root.compareDocumentPosition(child) & 4) : false;
    } else {
      before = !!((root.compareDocumentPosition(node) & 2) /* PRECEDING */);
    }
    return before ? offsetBefore(root, root, root) : offsetBefore(root, null, root);
  }
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const run = el?.closest(RUN_SELECTOR);
  if (run && root.contains(run)) {
    const b = runBounds(run)!;
    return Math.min(b.end, b.start + textBefore(run, node, offset));
  }
  if (node.nodeType === 1) {
    const kids = node.childNodes;
    return offset < kids.length ? offsetBefore(root, kids[offset], node) : offsetBefore(root, null, node);
  }
  // A text node outside any run (should not happen in the reader): use the next run.
  return offsetBefore(root, null, node);
}

/** The selection inside the reader as an ordered UTF-16 range, or null when nothing usable is selected. */
export function selectionToRange(root: Element, sel: Selection | null): { start: number; end: number } | null {
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  // At least one end must be in the reader; the other is clamped to the reader's edge.
  if (!root.contains(range.startContainer) && !root.contains(range.endContainer)) return null;
  const a = pointToOffset(root, range.startContainer, range.startOffset);
  const b = pointToOffset(root, range.endContainer, range.endOffset);
  if (a === null || b === null || a === b) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** The DOM position under the pointer (both the standard and Chromium's older API). */
export function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & {
    caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?(x: number, y: number): Range | null;
  };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos) return { node: pos.offsetNode, offset: pos.offset };
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
