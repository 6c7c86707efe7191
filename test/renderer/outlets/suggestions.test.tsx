// The Suggestions tab: grouped by label, shown in context with their source; accepting saves the span in
// code points into the current annotator's record; rejecting hides it without saving anything.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/model';
import type { Suggestion } from '../../../src/core/suggestions';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { DOCS } from '../fakeApi';
import { outletApi, renderOutlets } from './helpers';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

// doc-1 is 'Prices rose 👍🏽 sharply in Köln…': the emoji is two code points (four UTF-16 units), so
// "sharply" is [15, 22) in code points but [17, 24) in UTF-16.
const SHARPLY: Suggestion = {
  document: 'doc-1',
  start: 15,
  end: 22,
  label: 'Economic',
  phrase: 'sharply',
  sources: [{ document: 'doc-9', annotator: 'bob' }],
  context: { before: 'Prices rose 👍🏽 ', match: 'sharply', after: ' in Köln' },
};
const KOLN: Suggestion = {
  ...SHARPLY,
  start: 26,
  end: 30,
  label: 'Source',
  phrase: 'köln',
  context: { before: 'sharply in ', match: 'Köln', after: '' },
};
const PRICES: Suggestion = {
  ...SHARPLY,
  start: 0,
  end: 6,
  phrase: 'prices',
  context: { before: '', match: 'Prices', after: ' rose' },
};

const existing: AnnotationRecord = {
  document: 'doc-1',
  annotator: 'alice',
  textHash: DOCS[0].textHash,
  codebookVersion: 3,
  status: 'todo',
  spans: [{ start: 31, end: 34, label: 'Security' }],
  docLabels: { stance: 'pro' },
  updatedAt: 'then',
};

function api(records: AnnotationRecord[] = [existing]) {
  const a = outletApi();
  for (const r of records) a.records.set(`${r.document}/${r.annotator}`, r);
  a.suggestions = vi.fn(async () => [SHARPLY, KOLN, PRICES]);
  return a;
}

describe('Outlets: suggestions', () => {
  it('lists the current annotator’s suggestions by label, in context, with where they came from', async () => {
    const a = api();
    await renderOutlets(a, 'suggestions');
    const groups = await screen.findAllByTestId('sugg-group');
    expect(a.suggestions).toHaveBeenCalledWith('alice');
    expect(groups.map((g) => g.dataset.label)).toEqual(['Economic', 'Source']);
    const item = within(groups[0]).getAllByTestId('sugg-item')[0];
    expect(item.querySelector('mark')?.textContent).toBe('sharply');
    expect(item.textContent).toContain('Prices rose 👍🏽 sharply in Köln');
    expect(within(item).getByTestId('sugg-source').textContent).toBe('marked by bob in doc-9');
    expect(a.saveAnnotations).not.toHaveBeenCalled();
  });

  it('accepting one saves the span in code points into the annotator’s record, keeping the rest', async () => {
    const a = api();
    await renderOutlets(a, 'suggestions');
    const [economic] = await screen.findAllByTestId('sugg-group');
    await act(async () => {
      fireEvent.click(within(economic).getAllByTestId('sugg-accept')[0]);
    });
    await waitFor(() => expect(a.saveAnnotations).toHaveBeenCalledTimes(1));
    expect(a.saveAnnotations).toHaveBeenCalledWith({
      document: 'doc-1',
      annotator: 'alice',
      textHash: DOCS[0].textHash,
      status: 'in_progress',
      spans: [
        { start: 15, end: 22, label: 'Economic' },
        { start: 31, end: 34, label: 'Security' },
      ],
      docLabels: { stance: 'pro' },
    });
    await waitFor(() => expect(screen.getAllByTestId('sugg-item')).toHaveLength(2));
  });

  it('accepts a whole group in one save per document, and starts a record when there is none', async () => {
    const a = api([]);
    await renderOutlets(a, 'suggestions');
    const [economic] = await screen.findAllByTestId('sugg-group');
    await act(async () => {
      fireEvent.click(within(economic).getByTestId('sugg-accept-all'));
    });
    await waitFor(() => expect(a.saveAnnotations).toHaveBeenCalledTimes(1));
    const saved = vi.mocked(a.saveAnnotations).mock.calls[0][0];
    expect(saved.spans).toEqual([
      { start: 0, end: 6, label: 'Economic' },
      { start: 15, end: 22, label: 'Economic' },
    ]);
    expect(saved.status).toBe('in_progress');
    expect(saved.docLabels).toEqual({});
    expect(saved.textHash).toBe(DOCS[0].textHash);
  });

  it('rejecting hides a suggestion for the session and saves nothing', async () => {
    const a = api();
    const first = await renderOutlets(a, 'suggestions');
    const [economic] = await screen.findAllByTestId('sugg-group');
    fireEvent.click(within(economic).getAllByTestId('sugg-reject')[0]);
    expect(screen.getAllByTestId('sugg-item')).toHaveLength(2);
    first.unmount();
    await renderOutlets(a, 'suggestions');
    await screen.findAllByTestId('sugg-group');
    expect(screen.getAllByTestId('sugg-item')).toHaveLength(2);
    expect(a.saveAnnotations).not.toHaveBeenCalled();
  });

  it('asks for an annotator when none is chosen', async () => {
    localStorage.clear();
    await renderOutlets(api(), 'suggestions');
    expect(await screen.findByTestId('sugg-no-annotator')).toBeTruthy();
  });
});
