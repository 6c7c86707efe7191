// A relation made with the keyboard mounts its own arc and leaves every other arc alone: each arc is counted
// as it renders (the arc component seen through a wrapper), and the arc already drawn keeps its element. A new
// span reads again only the boxes of relation ends in the paragraph it changed, in the key press's own task, and the
// boxes are read through one Range rather than one per end. The test DOM lays nothing
// out, so each span's box is made up from its offset and its paragraph, and each box read is counted.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from '../../../../src/core/model';
import type { ArcProps } from '../../../../src/renderer/annotate/reader/RelationArc';
import { CODEBOOK, createFakeApi, DOCS } from '../../fakeApi';
import { selectText } from '../../selectText';
import { ALICE, asAlice } from '../../workspace';

const rendered = { paths: [] as string[] };
let realArcPath: ((props: ArcProps) => ReactNode) | null = null;

/** The arc component as the app renders it, each render counted. */
function CountedArcPath(props: ArcProps) {
  rendered.paths.push(props.d);
  return realArcPath?.(props) ?? null;
}

/** The app with its arc component seen through a wrapper (the setup file loaded the app already: loaded anew). */
async function appWithCountedArcs() {
  vi.resetModules();
  vi.doMock('../../../../src/renderer/annotate/reader/RelationArc', async (importOriginal) => {
    const real = await importOriginal<typeof import('../../../../src/renderer/annotate/reader/RelationArc')>();
    realArcPath = real.ArcPath;
    return { ...real, ArcPath: CountedArcPath };
  });
  return (await import('../../../../src/renderer/app/App')).App;
}

asAlice();

const TEXT = DOCS[0].text;
/** Code point offsets of a word of doc-1. */
const at = (word: string, label: string, id: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(word))].length;
  return { id, start, end: start + [...word].length, label };
};

const original = Range.prototype.getClientRects;
/** The paragraph of each box read. */
let reads: number[] = [];
beforeEach(() => {
  reads = [];
  // A span's first line box: 8px per character from its run's start, 40px per paragraph.
  Range.prototype.getClientRects = function (this: Range) {
    const node = this.startContainer;
    const run = (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest<HTMLElement>('[data-start]');
    const para = run?.closest<HTMLElement>('[data-para]');
    if (!run || !para) return [] as unknown as DOMRectList;
    reads.push(Number(para.dataset.para));
    const left = (Number(run.dataset.start) + this.startOffset) * 8;
    const top = Number(para.dataset.para) * 40;
    return [
      { left, right: left + 32, width: 32, top, bottom: top + 16, height: 16, x: left, y: top },
    ] as unknown as DOMRectList;
  };
  rendered.paths = [];
});
afterEach(() => {
  Range.prototype.getClientRects = original;
});

/** Opens the app on the record with the arc component counted, once its one arc is drawn. */
async function openWithOneArc(record: AnnotationRecord) {
  const api = createFakeApi({ records: [record] });
  api.info.codebook = { ...CODEBOOK, relationTypes: [{ name: 'blames', color: '#aa0000' }] };
  const App = await appWithCountedArcs();
  render(<App api={api} />);
  const reader = await screen.findByTestId('reader');
  await waitFor(() => expect(reader.className).not.toContain('loading'));
  await waitFor(() => expect(screen.getAllByTestId('relation-arc')).toHaveLength(1));
  return api;
}

/** Four spans of the test text: two already related in each test, two to relate or to read. */
const fourSpans = () => [
  at('Prices', 'Economic', 's1'),
  at('rose', 'Security', 's2'),
  at('minister', 'Source', 's3'),
  at('blamed', 'Economic', 's4'),
];

describe('relation arcs', () => {
  it('mounts only the new relation’s arc when one is made; the arc already drawn is not rendered again', async () => {
    const record: AnnotationRecord = {
      ...ALICE,
      spans: fourSpans(),
      relations: [{ from: 's1', to: 's2', type: 'blames' }],
    };
    const api = await openWithOneArc(record);
    const first = screen.getByTestId('relation-arc');
    const firstPath = first.getAttribute('d');
    expect(rendered.paths).toContain(firstPath);
    rendered.paths = [];

    const run = (text: string) => screen.getAllByTestId('span-run').find((r) => r.textContent === text)!;
    fireEvent.click(run('minister'));
    fireEvent.keyDown(window, { key: 'r' });
    await screen.findByTestId('relating-hint');
    fireEvent.click(run('blamed'));
    fireEvent.keyDown(await screen.findByTestId('relation-picker-input'), { key: '1' });

    await waitFor(() => expect(screen.getAllByTestId('relation-arc')).toHaveLength(2));
    await waitFor(() => expect(api.records.get('doc-1/alice')?.relations).toHaveLength(2));
    const arcs = screen.getAllByTestId('relation-arc');
    // The first arc is the same element, never rendered again; the new one rendered (once or more).
    expect(arcs[0]).toBe(first);
    expect(rendered.paths.filter((d) => d === firstPath)).toEqual([]);
    expect(rendered.paths.length).toBeGreaterThan(0);
    expect(new Set(rendered.paths)).toEqual(new Set([arcs[1].getAttribute('d')]));
  });

  it('reads the ends’ boxes through one Range, so no Range per end is left for every later DOM change to update', async () => {
    const made = vi.spyOn(document, 'createRange');
    try {
      const record: AnnotationRecord = {
        ...ALICE,
        spans: fourSpans(),
        relations: [
          { from: 's1', to: 's2', type: 'blames' },
          { from: 's3', to: 's4', type: 'blames' },
        ],
      };
      const api = createFakeApi({ records: [record] });
      api.info.codebook = { ...CODEBOOK, relationTypes: [{ name: 'blames', color: '#aa0000' }] };
      const App = await appWithCountedArcs();
      render(<App api={api} />);
      await waitFor(() => expect(screen.getAllByTestId('relation-arc')).toHaveLength(2));
      expect(reads.length).toBeGreaterThanOrEqual(4);
      expect(made.mock.calls.length).toBeLessThan(reads.length);
    } finally {
      made.mockRestore();
    }
  });

  it('reads again only the ends in the paragraph a new span changed, and routes no arc again', async () => {
    const record: AnnotationRecord = {
      ...ALICE,
      spans: [at('Prices', 'Economic', 's1'), at('minister', 'Source', 's3'), at('blamed', 'Economic', 's4')],
      relations: [{ from: 's3', to: 's4', type: 'blames' }],
    };
    const api = await openWithOneArc(record);
    const reader = screen.getByTestId('reader');
    const arc = screen.getByTestId('relation-arc');
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
    await frames();
    // Both ends are in the second paragraph; a new span in the first leaves their boxes and their arc alone.
    reads = [];
    rendered.paths = [];
    const sharply = TEXT.indexOf('sharply');
    selectText(reader, sharply, sharply + 'sharply'.length);
    fireEvent.keyDown(window, { key: '1' });
    await waitFor(() => expect(api.records.get('doc-1/alice')?.spans).toHaveLength(4));
    await frames();
    expect(reads).toEqual([]);
    expect(rendered.paths).toEqual([]);
    expect(screen.getByTestId('relation-arc')).toBe(arc);

    // A new span in their paragraph moves text there: its ends are read again.
    const the = TEXT.indexOf('The');
    selectText(reader, the, the + 3);
    fireEvent.keyDown(window, { key: '2' });
    await waitFor(() => expect(api.records.get('doc-1/alice')?.spans).toHaveLength(5));
    await frames();
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set([1]));
  });

  it('reads the ends a new span moved in the key press’s own task, before the frame that shows the span', async () => {
    const record: AnnotationRecord = {
      ...ALICE,
      spans: [at('Prices', 'Economic', 's1'), at('minister', 'Source', 's3'), at('blamed', 'Economic', 's4')],
      relations: [{ from: 's3', to: 's4', type: 'blames' }],
    };
    await openWithOneArc(record);
    const reader = screen.getByTestId('reader');
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
    await frames();
    reads = [];
    const the = TEXT.indexOf('The');
    selectText(reader, the, the + 3);
    fireEvent.keyDown(window, { key: '2' });
    // Only the microtasks queued by the key press have run: no timer, no animation frame.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(new Set(reads)).toEqual(new Set([1]));
  });
});
