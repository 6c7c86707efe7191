// An edit in the reader renders what it changes and nothing else: the paragraph it touches, the counts it
// changes, the open document's row once its span count changed. Renders are seen through React's devtools hook
// (renders.ts); each case records from the key press until the edit is saved and its frames have run.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/model';
import { CODEBOOK, createFakeApi, DOCS, type FakeApi } from '../fakeApi';
import { type Render, recordRenders } from '../renders';
import { selectText } from '../selectText';
import { ALICE, asAlice, openApp } from '../workspace';

asAlice();

const TEXT = DOCS[0].text;
/** Code point offsets of a word of doc-1. */
const at = (word: string, label: string, id: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(word))].length;
  return { id, start, end: start + [...word].length, label };
};
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));

// Two paragraphs: "Prices rose 👍🏽 sharply in Köln." and "The minister blamed élites.", one relation in the second.
const RECORD: AnnotationRecord = {
  ...ALICE,
  spans: [at('Prices', 'Economic', 's1'), at('minister', 'Source', 's3'), at('blamed', 'Economic', 's4')],
  relations: [{ from: 's3', to: 's4', type: 'blames' }],
};

/** Renders of a document row since `from` with every prop as in that row's render before: drawn again for nothing. */
function wastedRows(all: Render[], from: number): string[] {
  const last = new Map<string, Record<string, unknown>>();
  const out: string[] = [];
  for (const [i, r] of all.entries()) {
    if (r.name !== 'DocItem' || !r.props) continue;
    const id = (r.props.d as { id: string }).id;
    const before = last.get(id);
    if (i >= from && before && Object.keys(r.props).every((k) => r.props?.[k] === before[k])) out.push(id);
    last.set(id, r.props);
  }
  return out;
}

async function open(): Promise<{ api: FakeApi; reader: HTMLElement }> {
  const api = createFakeApi({ records: [RECORD] });
  api.info.codebook = {
    ...CODEBOOK,
    relationTypes: [
      { name: 'blames', color: '#aa0000' },
      { name: 'names', color: '#0000aa' },
    ],
  };
  const reader = await openApp(api);
  await waitFor(() => expect(screen.getAllByTestId('relation-row')).toHaveLength(1));
  await frames();
  return { api, reader };
}

const run = (text: string) => screen.getAllByTestId('span-run').find((r) => r.textContent === text)!;

describe('what an edit renders', () => {
  it('a new span renders its own paragraph, the label counts and its document row, and nothing that does not show it', async () => {
    const all = recordRenders();
    const { api, reader } = await open();
    const mark = all.renders.length;
    const renders = recordRenders();
    const sharply = TEXT.indexOf('sharply');
    selectText(reader, sharply, sharply + 'sharply'.length);
    fireEvent.keyDown(window, { key: '1' });
    await waitFor(() => expect(api.records.get('doc-1/alice')?.spans).toHaveLength(4));
    await waitFor(() => expect(screen.getByTestId('save-state').dataset.state).toBe('saved'));
    await frames();
    renders.stop();
    all.stop();

    // Only the first paragraph is drawn again, the second (with the relation) is left alone.
    const paragraphs = renders.renders.filter((r) => r.name === 'ParagraphView').map((r) => r.props?.index);
    expect(paragraphs.length).toBeGreaterThan(0);
    expect(new Set(paragraphs)).toEqual(new Set([0]));
    expect(renders.count('SpanLabels')).toBeGreaterThan(0);
    // The open document's row shows the new count; no row is drawn again with what it showed before.
    const rows = renders.renders
      .filter((r) => r.name === 'DocItem')
      .map((r) => (r.props?.d as { id: string } | undefined)?.id);
    expect(rows).toContain('doc-1');
    expect(wastedRows(all.renders, mark)).toEqual([]);
    await waitFor(() =>
      expect(screen.getAllByTestId('doc-item').find((b) => b.dataset.docId === 'doc-1')?.textContent).toContain('4'),
    );
    // Nothing here shows the new span.
    for (const name of [
      'RelationList',
      'RelationRow',
      'RelatingHint',
      'DocHeader',
      'LayerToggle',
      'ModelBox',
      'SpanPicker',
      'RelationTypePicker',
    ])
      expect(renders.count(name), name).toBe(0);
  });

  it('a new relation renders its row, and neither the document list nor the label counts', async () => {
    const { api } = await open();
    fireEvent.click(run('Prices'));
    fireEvent.keyDown(window, { key: 'r' });
    await screen.findByTestId('relating-hint');
    fireEvent.click(run('blamed'));
    const input = await screen.findByTestId('relation-picker-input');
    await frames();
    const renders = recordRenders();
    fireEvent.keyDown(input, { key: '2' });
    await waitFor(() => expect(api.records.get('doc-1/alice')?.relations).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('save-state').dataset.state).toBe('saved'));
    await frames();
    renders.stop();

    expect(screen.getAllByTestId('relation-row')).toHaveLength(2);
    expect(renders.count('RelationRow')).toBe(1);
    expect(renders.count('RelationList')).toBeGreaterThan(0);
    for (const name of ['DocumentListView', 'DocItem', 'SpanLabels', 'ParagraphView', 'DocHeader', 'ModelBox'])
      expect(renders.count(name), name).toBe(0);
  });

  it('R and Tab render nothing in the side panel: the linking hint floats outside it', async () => {
    await open();
    fireEvent.click(run('Prices'));
    await screen.findByTestId('selected-span');
    await frames();
    const renders = recordRenders();
    fireEvent.keyDown(window, { key: 'r' });
    const hint = await screen.findByTestId('relating-hint');
    fireEvent.keyDown(window, { key: 'Tab' });
    await waitFor(() => expect(screen.getByTestId('relating-hint').textContent).toMatch(/^Target:/));
    await frames();
    renders.stop();

    expect(hint.closest('aside')).toBeNull();
    expect(renders.count('RelatingHint')).toBeGreaterThan(0);
    for (const name of ['SidePanel', 'RelationList', 'RelationRow', 'SpanLabels', 'DocumentListView'])
      expect(renders.count(name), name).toBe(0);
  });

  it('moving a span’s end renders neither the label counts, the relation list nor the document list', async () => {
    const { api } = await open();
    fireEvent.click(run('Prices'));
    await screen.findByTestId('selected-span');
    await frames();
    const renders = recordRenders();
    fireEvent.keyDown(window, { key: 'ArrowRight', shiftKey: true });
    await waitFor(() => expect(api.records.get('doc-1/alice')?.spans[0].end).toBeGreaterThan(6));
    await waitFor(() => expect(screen.getByTestId('save-state').dataset.state).toBe('saved'));
    await frames();
    renders.stop();

    expect(renders.count('ParagraphView')).toBeGreaterThan(0);
    for (const name of ['SpanLabels', 'RelationList', 'RelationRow', 'DocumentListView', 'DocItem'])
      expect(renders.count(name), name).toBe(0);
  });

  it('reads no paragraph box while the key press is handled (the legend reads them after the frame)', async () => {
    const { api, reader } = await open();
    const original = HTMLElement.prototype.getBoundingClientRect;
    let reads = 0;
    HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
      if (this.matches('[data-para]')) reads++;
      return original.call(this);
    };
    try {
      const sharply = TEXT.indexOf('sharply');
      selectText(reader, sharply, sharply + 'sharply'.length);
      // fireEvent commits the edit and runs its effects before it returns.
      fireEvent.keyDown(window, { key: '1' });
      expect(api.records.get('doc-1/alice')?.spans ?? RECORD.spans).toBeDefined();
      expect(screen.getAllByTestId('span-run').some((r) => r.textContent === 'sharply')).toBe(true);
      expect(reads).toBe(0);
      // Once the frame has passed the legend reads what is on screen and lists the new label.
      await frames();
      await frames();
      expect(reads).toBeGreaterThan(0);
    } finally {
      HTMLElement.prototype.getBoundingClientRect = original;
    }
  });
});
