import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../../../../src/core/model';
import { OffsetMap } from '../../../../src/core/offsets';
import { selectionToSpan } from '../../../../src/renderer/annotate/reader/apply';
import { toDomRanges } from '../../../../src/renderer/annotate/reader/highlight';
import { Paragraph } from '../../../../src/renderer/annotate/reader/Paragraph';
import { TextLayout } from '../../../../src/renderer/annotate/reader/segments';
import { pointToOffset, selectionToRange } from '../../../../src/renderer/annotate/reader/selection';
import { labelLook } from '../../../../src/renderer/codebook/labelLook';

afterEach(cleanup);

const look = labelLook([{ name: 'A', color: '#336699' }]);

/** Renders a text the way the reader does (code-point spans) and returns its root. */
function renderText(text: string, spans: Span[] = []): HTMLElement {
  const layout = new TextLayout(text, new OffsetMap(text));
  const states = layout.update(null, [{ kind: 'own', spans }]);
  const { container } = render(
    <article data-testid="reader">
      {layout.paragraphs.map((p, i) => (
        <Paragraph
          key={p.start}
          text={text}
          index={i}
          start={p.start}
          end={p.end}
          rtl={false}
          spans={layout.paragraphViews(states, i)}
          look={look}
          selected={null}
          onPick={() => undefined}
        />
      ))}
    </article>,
  );
  return container.querySelector('article')!;
}

/** The first text node of the run that starts at UTF-16 offset `start` (chips hold none). */
function runText(root: Element, start: number): Text {
  const run = root.querySelector(`[data-start="${start}"]`);
  const walker = document.createTreeWalker(run ?? root, NodeFilter.SHOW_TEXT);
  const t = run && walker.nextNode();
  if (!t) throw new Error(`no run at ${start}`);
  return t as Text;
}

/** Selects from (node a, offset) to (node b, offset) in the document's selection. */
function select(a: Node, ao: number, b: Node, bo: number): Selection {
  const sel = window.getSelection()!;
  sel.removeAllRanges();
  const range = document.createRange();
  range.setStart(a, ao);
  range.setEnd(b, bo);
  sel.addRange(range);
  return sel;
}

/** Selects UTF-16 offsets [a, b) of the text through the DOM positions the reader maps them to. */
function selectOffsets(root: HTMLElement, a: number, b: number): Selection {
  const [r] = toDomRanges(root, [{ start: a, end: b }]);
  return select(r.startContainer, r.startOffset, r.endContainer, r.endOffset);
}

const views = (_text: string, spans: Array<[number, number, string]>): Span[] =>
  spans.map(([start, end, label]) => ({ start, end, label }));

describe('pointToOffset', () => {
  it('adds the offset within a run to the run start', () => {
    const text = 'alpha beta gamma';
    const root = renderText(text, views(text, [[6, 10, 'A']]));
    expect(pointToOffset(root, runText(root, 6), 2)).toBe(8);
    expect(pointToOffset(root, runText(root, 10), 0)).toBe(10);
    expect(pointToOffset(root, runText(root, 0), 5)).toBe(5);
  });

  it('maps element boundaries (before a chip, between runs, end of paragraph)', () => {
    const text = 'alpha beta gamma';
    const root = renderText(text, views(text, [[6, 10, 'A']]));
    const p = root.querySelector('p')!;
    // Children of <p>: run(0-6), run(6-10) holding the chip glued to "beta", run(10-16).
    expect(p.childNodes.length).toBe(3);
    expect(pointToOffset(root, p, 1)).toBe(6);
    expect(pointToOffset(root, p, 2)).toBe(10);
    expect(pointToOffset(root, p, 3)).toBe(16);
    // Before the chip, inside the glue: the start of the span's text.
    const glue = root.querySelector('[data-start="6"] .glue')!;
    expect(pointToOffset(root, glue, 0)).toBe(6);
    expect(pointToOffset(root, glue, 1)).toBe(6);
    // The run element itself as container: offset 1 = after its text (the glue is its only child).
    expect(pointToOffset(root, root.querySelector('[data-start="6"]')!, 1)).toBe(10);
  });

  it('clamps points outside the reader to its edges', () => {
    const text = 'one\ntwo';
    const root = renderText(text);
    const before = document.createElement('div');
    const after = document.createElement('div');
    root.parentElement!.insertBefore(before, root);
    root.parentElement!.appendChild(after);
    expect(pointToOffset(root, before, 0)).toBe(0);
    expect(pointToOffset(root, after, 0)).toBe(7);
  });
});

describe('selectionToRange', () => {
  it('maps a selection across paragraphs and spans, in either direction', () => {
    const text = 'one two\nthree four';
    const root = renderText(text, views(text, [[4, 7, 'A']]));
    const sel = select(runText(root, 4), 1, runText(root, 8), 3);
    expect(selectionToRange(root, sel)).toEqual({ start: 5, end: 11 });
  });

  it('returns null for a collapsed selection or one outside the reader', () => {
    const text = 'one two';
    const root = renderText(text);
    expect(selectionToRange(root, select(runText(root, 0), 2, runText(root, 0), 2))).toBeNull();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.appendChild(outside);
    expect(selectionToRange(root, select(outside.firstChild!, 0, outside.firstChild!, 4))).toBeNull();
    outside.remove();
  });
});

describe('selectionToSpan (DOM → snapped → code points)', () => {
  it('counts an astral emoji as one code point', () => {
    const text = 'Prices 👍🏽 rose sharply';
    const root = renderText(text);
    const t = runText(root, 0);
    const u16 = text.indexOf('rose');
    const span = selectionToSpan(root, select(t, u16 + 1, t, u16 + 3), text, new OffsetMap(text), 'word', 'L');
    // "Prices " = 7, emoji = 2 code points (👍 + 🏽) but 4 UTF-16 units, space = 1.
    expect(span).toEqual({ start: 10, end: 14, label: 'L' });
    expect([...text].slice(10, 14).join('')).toBe('rose');
  });

  it('maps a selection of half a surrogate pair to the whole emoji in character mode', () => {
    const text = 'a😀b';
    const root = renderText(text);
    const t = runText(root, 0);
    const span = selectionToSpan(root, select(t, 1, t, 2), text, new OffsetMap(text), 'character', 'L');
    expect(span).toEqual({ start: 1, end: 2, label: 'L' });
  });

  it('keeps a combining mark with its base letter in character mode', () => {
    const text = 'blamed e\u0301lites';
    const root = renderText(text);
    const t = runText(root, 0);
    const span = selectionToSpan(root, select(t, 7, t, 8), text, new OffsetMap(text), 'character', 'L');
    expect(span).toEqual({ start: 7, end: 9, label: 'L' });
  });

  it('maps a selection in Persian text with a Latin name and digits, inside an existing span', () => {
    const text = 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت که قیمت‌ها 😀 بالا رفت.';
    const map = new OffsetMap(text);
    const root = renderText(text, views(text, [[0, 15, 'Source']]));
    // Drag from inside "Ali" (within the span run) to inside "۱۴۰۲" (in the following run).
    const ali = text.indexOf('Ali');
    const year = text.indexOf('۱۴۰۲');
    const sel = selectOffsets(root, ali + 1, year + 2);
    const span = selectionToSpan(root, sel, text, map, 'word', 'L');
    expect(span).not.toBeNull();
    expect([...text].slice(span!.start, span!.end).join('')).toBe('Ali Rezaei در سال ۱۴۰۲');
    // A word after the emoji: code points are one less than UTF-16 offsets.
    const up = text.indexOf('بالا');
    const s2 = selectionToSpan(root, selectOffsets(root, up, up + 1), text, map, 'word', 'L');
    expect(s2).toEqual({ start: up - 1, end: up - 1 + 4, label: 'L' });
  });

  it('ignores a white-space-only selection', () => {
    const text = 'one   two';
    const root = renderText(text);
    const t = runText(root, 0);
    expect(selectionToSpan(root, select(t, 3, t, 6), text, new OffsetMap(text), 'word', 'L')).toBeNull();
  });
});
