// Every label is readable in every view: a chip that shows a label short or cut is named by the full label, can
// be reached by keyboard when it acts, and shows the full name on hover and on keyboard focus.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord, Span } from '../../src/core/model';
import { OffsetMap } from '../../src/core/offsets';
import { cooccurrence } from '../../src/core/segments';
import { Paragraph } from '../../src/renderer/annotate/reader/Paragraph';
import { TextLayout } from '../../src/renderer/annotate/reader/segments';
import { labelLook } from '../../src/renderer/codebook/labelLook';
import { ANNOTATOR_KEY } from '../../src/renderer/state/annotator';
import { DOCS } from './fakeApi';
import { outletApi, renderOutlets } from './outlets/helpers';

afterEach(cleanup);

const NEUTRAL = 'Unrest naming: neutral/legitimizing';
const HOSTILE = 'Unrest naming: delegitimizing';
const look = labelLook([
  { name: NEUTRAL, color: '#f2c94c' },
  { name: HOSTILE, color: '#eb5757' },
]);

function renderReader(text: string, own: Span[], suggested: Span[] = [], onPick = vi.fn()) {
  const layout = new TextLayout(text, new OffsetMap(text));
  const states = layout.update(null, [
    { kind: 'own', spans: own },
    { kind: 'suggestion', spans: suggested },
  ]);
  render(
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
          onPick={onPick}
        />
      ))}
    </article>,
  );
  return onPick;
}

describe('reader chips', () => {
  const text = 'They called it terrorist riots, not protests.';
  const own: Span[] = [
    { start: 15, end: 30, label: HOSTILE },
    { start: 36, end: 44, label: NEUTRAL },
  ];

  it('are buttons in the tab order, named by the full label while they read short', () => {
    renderReader(text, own);
    for (const label of [NEUTRAL, HOSTILE]) {
      const chip = screen.getByRole('button', { name: label });
      expect(chip.tabIndex).toBe(0);
      expect(chip.dataset.full).toBe(label);
      expect(chip.dataset.chip).not.toBe(label);
    }
    // The two labels never read the same on their chips.
    const shown = screen.getAllByTestId('span-chip').map((c) => c.dataset.chip);
    expect(new Set(shown).size).toBe(2);
  });

  it('pick their span by keyboard (Enter or Space fires a click without a pointer position)', () => {
    const onPick = renderReader(text, own);
    const chip = screen.getByRole('button', { name: HOSTILE });
    chip.focus();
    expect(document.activeElement).toBe(chip);
    fireEvent.click(chip, { detail: 0 });
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick.mock.calls[0][0]).toHaveLength(1);
    expect(onPick.mock.calls[0][0][0]).toMatch(/.+/);
  });

  it("name the model's suggestions too", () => {
    renderReader(text, [], [{ start: 0, end: 4, label: NEUTRAL }]);
    const chip = screen.getByTestId('suggestion-chip');
    expect(chip.tagName).toBe('BUTTON');
    expect(chip.getAttribute('aria-label')).toBe(`model suggests ${NEUTRAL}`);
    expect(chip.dataset.full).toContain(NEUTRAL);
  });

  it('hold no text, so offsets in the reader stay the text’s own', () => {
    renderReader(text, own);
    const article = screen.getByTestId('reader');
    expect(article.textContent).toBe(text);
  });
});

describe('outlets co-occurrence headers', () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(ANNOTATOR_KEY, 'alice');
  });

  it('are cut to fit but focusable, with the full name as their text and tooltip', async () => {
    const labels = [NEUTRAL, HOSTILE];
    const record: AnnotationRecord = {
      document: 'doc-1',
      annotator: 'alice',
      textHash: DOCS[0].textHash,
      codebookVersion: 3,
      status: 'done',
      spans: [
        { start: 0, end: 6, label: NEUTRAL },
        { start: 2, end: 9, label: HOSTILE },
      ],
      docLabels: {},
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const api = outletApi();
    api.cooccurrence = vi.fn(async () => cooccurrence([record], labels));
    await renderOutlets(api, 'cooccurrence');
    await waitFor(() => expect(within(screen.getByTestId('cooc-table')).getAllByTestId('cooc-col')).toHaveLength(2));
    for (const th of within(screen.getByTestId('cooc-table')).getAllByTestId('cooc-col')) {
      expect(th.tabIndex).toBe(0);
      expect(labels).toContain(th.dataset.full);
      expect(th.textContent).toBe(th.dataset.full);
    }
  });
});
