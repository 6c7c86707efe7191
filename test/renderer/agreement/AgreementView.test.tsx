// The Agreement view against the fake API: figures equal the core report, null figures give their reason,
// excluded records are counted, the browser filters and opens a two-layer compare view, and the figures
// follow a save without the view being reopened.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agreementReport, bootstrapIntervals, disagreementTable, labelConfusion } from '../../../src/core/agreement';
import type { ReportWork } from '../../../src/core/api';
import type { AnnotationRecord } from '../../../src/core/model';
import { type AgreementResult, agreementOverview, disagreementRows, documentRows } from '../../../src/core/reports';
import { AgreementView } from '../../../src/renderer/agreement/AgreementView';
import { App } from '../../../src/renderer/app/App';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi, DOCS, type FakeApi } from '../fakeApi';

function rec(document: string, annotator: string, spans: [number, number, string][]): AnnotationRecord {
  const doc = DOCS.find((d) => d.id === document)!;
  return {
    document,
    annotator,
    textHash: doc.textHash,
    codebookVersion: 3,
    status: 'done',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    docLabels: {},
    updatedAt: 'then',
  };
}

// doc-1: "Prices" agreed; "sharply" Economic vs Security; "in Köln" only bob. doc-2: "وزیر" agreed.
const RECORDS = [
  rec('doc-1', 'alice', [
    [0, 6, 'Economic'],
    [15, 22, 'Economic'],
  ]),
  rec('doc-1', 'bob', [
    [0, 6, 'Economic'],
    [15, 22, 'Security'],
    [23, 30, 'Source'],
  ]),
  rec('doc-2', 'alice', [[0, 4, 'Source']]),
  rec('doc-2', 'bob', [[0, 4, 'Source']]),
];

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

async function expected(api: FakeApi) {
  return agreementReport(await api.agreementInput());
}

/** Renders the view inside a store of its own (the store drives "a save reached the disk"). */
function renderView(api: FakeApi) {
  const store = createAppStore(api);
  render(
    <StoreContext.Provider value={store}>
      <AgreementView />
    </StoreContext.Provider>,
  );
  return store;
}

describe('Agreement view', () => {
  it('opens from the top bar switch and shows α_U as the core report computes it, with a reading and no interval on two documents', async () => {
    const api = createFakeApi({ records: RECORDS });
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('view-agreement'));
    const alpha = await screen.findByTestId('ag-alpha-u');
    const want = (await expected(api)).spans.alpha_u.overall!;
    expect(alpha.textContent).toBe(want.toFixed(3));
    const card = screen.getByTestId('ag-card-alpha_u');
    expect(card.textContent).toMatch(/same stretches of text/);
    expect(screen.getByTestId('ag-card-fleiss').textContent).toMatch(/conventions, not truths/);
    // two documents are too few for an interval: the card says so instead of printing one
    await waitFor(() => expect(card.textContent).toMatch(/no interval: 2 documents carry this figure/));
    expect(within(card).queryByTestId('ag-ci')).toBeNull();
    expect(screen.getByTestId('ag-status').textContent).toBe('up to date');
    fireEvent.click(screen.getByTestId('view-annotate'));
    expect(await screen.findByTestId('reader')).toBeTruthy();
  });

  it('shows the per-label table, the pair heatmap, the document table sorted by agreement, and the confusion matrix', async () => {
    const api = createFakeApi({ records: RECORDS });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    const report = await expected(api);
    const rows = screen.getAllByTestId('ag-label-row');
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(report.labels);
    expect(screen.getAllByTestId('ag-heat-cell')).toHaveLength(2);
    expect(screen.getAllByTestId('ag-heat-cell')[0].textContent).toBe(
      report.spans.pairs[0].cohen_kappa_char.overall!.toFixed(3),
    );
    // ascending by α_U: doc-1 (disagreements) before doc-2 (perfect)
    const order = () => screen.getAllByTestId('ag-doc-row').map((r) => r.dataset.docId);
    await waitFor(() => expect(order()).toEqual(['doc-1', 'doc-2']));
    fireEvent.click(screen.getByTestId('ag-doc-sort-alpha'));
    await waitFor(() => expect(order()).toEqual(['doc-2', 'doc-1']));
    expect(vi.mocked(api.agreementDocuments).mock.calls.at(-1)?.[1].sort).toEqual({ key: 'alpha', asc: false });
    const confusion = screen.getByTestId('ag-confusion');
    expect(within(confusion).getByTitle('Economic × Security: 1')).toBeTruthy();
    expect(within(confusion).getByTitle('Security × Economic: 1')).toBeTruthy();
  });

  it("shows exact relation F1 per pair, pooled and per type, beside the pair's exact span F1", async () => {
    const linked = (r: AnnotationRecord, links: [number, number, string][]): AnnotationRecord => ({
      ...r,
      spans: r.spans.map((s, i) => ({ ...s, id: `${r.annotator[0]}${i}` })),
      relations: links.map(([f, t, type]) => ({ from: `${r.annotator[0]}${f}`, to: `${r.annotator[0]}${t}`, type })),
    });
    // Both link "Prices" to "sharply" as blames, but bob labelled "sharply" Security: no match, 2·0/(1+1) = 0.
    const records = [
      linked(RECORDS[0], [[0, 1, 'blames']]),
      linked(RECORDS[1], [[0, 1, 'blames']]),
      RECORDS[2],
      RECORDS[3],
    ];
    const api = createFakeApi({ records });
    renderView(api);
    const table = await screen.findByTestId('ag-relations');
    const report = await expected(api);
    expect(report.relation_types).toEqual(['blames']);
    const row = within(table).getByTestId('ag-relation-row');
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent);
    expect(cells).toEqual([report.spans.pairs[0].f1_exact.overall!.toFixed(3), '0.000', '0.000']);
  });

  it('lists relation disagreements beside the span ones, filters them by kind, and jumps to one in the compare view', async () => {
    const linked = (r: AnnotationRecord, links: [number, number, string][]): AnnotationRecord => ({
      ...r,
      spans: r.spans.map((s, i) => ({ ...s, id: `${r.annotator[0]}${i}` })),
      relations: links.map(([f, t, type]) => ({ from: `${r.annotator[0]}${f}`, to: `${r.annotator[0]}${t}`, type })),
    });
    // doc-1: alice "Prices" blames "sharply"; bob the same spans but "Prices" refers to "in Köln" as well,
    // and his "sharply" is Security, so alice's relation has no exact match either.
    const records = [
      linked(RECORDS[0], [[0, 1, 'blames']]),
      linked(RECORDS[1], [
        [0, 2, 'blames'],
        [2, 0, 'refers to'],
      ]),
      RECORDS[2],
      RECORDS[3],
    ];
    const api = createFakeApi({ records });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    await waitFor(() => expect(screen.getByTestId('ag-rel-count').textContent).toMatch(/3 of 3 on relations/));
    const items = await screen.findAllByTestId('ag-rel-item');
    expect(items.map((i) => i.dataset.kind)).toEqual(['missing', 'missing', 'missing']);
    await waitFor(() =>
      expect(items[0].textContent).toMatch(
        /relation only one has.*alice:.*Economic “Prices” —blames→ Economic “sharply”.*bob:.*no relation between these spans/,
      ),
    );
    fireEvent.change(screen.getByTestId('ag-f-kind'), { target: { value: 'relation-missing' } });
    await waitFor(() => expect(screen.queryAllByTestId('ag-item')).toHaveLength(0));
    expect(screen.getAllByTestId('ag-rel-item')).toHaveLength(3);
    fireEvent.change(screen.getByTestId('ag-f-label'), { target: { value: 'Source' } });
    await waitFor(() => expect(screen.getAllByTestId('ag-rel-item')).toHaveLength(2));
    const bobs = screen.getAllByTestId('ag-rel-item');
    fireEvent.click(bobs[0]);
    const compare = await screen.findByTestId('ag-compare');
    const focused = within(compare)
      .getAllByTestId('ag-seg')
      .filter((s) => s.className.includes('ag-focus'))
      .map((s) => s.textContent)
      .join('');
    // the stretch from "Prices" to "in Köln", both ends of the relation
    expect(focused.startsWith('Prices')).toBe(true);
    expect(focused.endsWith('in Köln')).toBe(true);
    expect(screen.getByTestId('ag-rel-focus').textContent).toMatch(/bob:.*Economic “Prices” —blames→ Source “in Köln”/);
  });

  it('says a relation of another type, as the exact matching sees it', async () => {
    const linked = (r: AnnotationRecord, links: [number, number, string][]): AnnotationRecord => ({
      ...r,
      spans: r.spans.map((s, i) => ({ ...s, id: `${r.annotator[0]}${i}` })),
      relations: links.map(([f, t, type]) => ({ from: `${r.annotator[0]}${f}`, to: `${r.annotator[0]}${t}`, type })),
    });
    // alice: "Prices" blames "in Köln"; bob links the same two spans as "refers to".
    const a = linked({ ...RECORDS[0], spans: RECORDS[0].spans.slice(0, 1).concat(RECORDS[1].spans.slice(2)) }, [
      [0, 1, 'blames'],
    ]);
    const b = linked(RECORDS[1], [[0, 2, 'refers to']]);
    const api = createFakeApi({ records: [a, b, RECORDS[2], RECORDS[3]] });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    const items = await screen.findAllByTestId('ag-rel-item');
    expect(items.map((i) => i.dataset.kind)).toEqual(['type', 'type']);
    fireEvent.change(screen.getByTestId('ag-f-kind'), { target: { value: 'relation-direction' } });
    await waitFor(() => expect(screen.queryAllByTestId('ag-rel-item')).toHaveLength(0));
  });

  it('gives the reason beside a null figure and counts left-out records per file', async () => {
    const bad = { ...rec('doc-2', 'carol', [[0, 4, 'Not a label']]) };
    const api = createFakeApi({ records: [RECORDS[0], bad] });
    renderView(api);
    const alpha = await screen.findByTestId('ag-alpha-u');
    expect(alpha.textContent).toMatch(/needs at least two annotators/);
    const excluded = screen.getByTestId('ag-excluded');
    expect(excluded.textContent).toMatch(/1 annotation record left out of every figure/);
    expect(excluded.textContent).toMatch(/annotations\/carol\/doc-2\.json.*not in the codebook/);
  });

  it('lists disagreements, filters them, and opens one with both layers over the text', async () => {
    const api = createFakeApi({ records: RECORDS });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    await waitFor(() => expect(screen.getByTestId('ag-count').textContent).toBe('2 of 2 disagreements'));
    fireEvent.change(screen.getByTestId('ag-f-label'), { target: { value: 'Source' } });
    await waitFor(() => expect(screen.getByTestId('ag-count').textContent).toBe('1 of 2 disagreements'));
    fireEvent.change(screen.getByTestId('ag-f-label'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('ag-f-kind'), { target: { value: 'label' } });
    await waitFor(() => {
      const shown = screen.getAllByTestId('ag-item');
      expect(shown).toHaveLength(1);
      expect(shown[0].textContent).toMatch(/different label.*alice:.*Economic “sharply”.*bob:.*Security “sharply”/);
    });
    const items = screen.getAllByTestId('ag-item');
    expect(items[0].textContent).not.toMatch(/15–22/);
    fireEvent.click(items[0]);
    const compare = await screen.findByTestId('ag-compare');
    const segs = within(compare).getAllByTestId('ag-seg');
    expect(segs.map((s) => s.textContent).join('')).toBe(DOCS[0].text);
    const sharply = segs.find((s) => s.textContent === 'sharply')!;
    expect(sharply.dataset.a).toBe('Economic');
    expect(sharply.dataset.b).toBe('Security');
    expect(sharply.className).toMatch(/ag-diff/);
    expect(sharply.className).toMatch(/ag-focus/);
    const prices = segs.find((s) => s.textContent === 'Prices')!;
    expect(prices.className).not.toMatch(/ag-diff/);
    expect(compare.textContent).toMatch(/alice: line and label above.*bob: line and label below/);
    expect(
      within(compare)
        .getAllByTestId('ag-tag-a')
        .map((t) => t.textContent),
    ).toEqual(['Economic', 'Economic']);
    expect(
      within(compare)
        .getAllByTestId('ag-tag-b')
        .map((t) => t.textContent),
    ).toContain('Security');
  });

  it('shows the list for the newest filters when an older filter’s answer comes in last', async () => {
    const api = createFakeApi({ records: RECORDS });
    const answer = api.agreementDisagreements;
    const held: (() => void)[] = [];
    api.agreementDisagreements = vi.fn((id: string, rows: Parameters<typeof answer>[1]) =>
      rows.filters?.label === 'Source'
        ? new Promise<Awaited<ReturnType<typeof answer>>>((done) => held.push(() => done(answer(id, rows))))
        : answer(id, rows),
    );
    renderView(api);
    await waitFor(() => expect(screen.getByTestId('ag-count').textContent).toBe('2 of 2 disagreements'));
    fireEvent.change(screen.getByTestId('ag-f-label'), { target: { value: 'Source' } });
    await waitFor(() => expect(held).toHaveLength(1));
    fireEvent.change(screen.getByTestId('ag-f-label'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('ag-f-kind'), { target: { value: 'label' } });
    await waitFor(() => expect(screen.getByTestId('ag-count').textContent).toBe('1 of 2 disagreements'));
    await act(async () => {
      for (const release of held) release();
    });
    const items = screen.getAllByTestId('ag-item');
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toMatch(/different label/);
  });

  it('follows the annotations: a save that reaches the disk recomputes the figures', async () => {
    const api = createFakeApi({ records: RECORDS });
    const store = createAppStore(api);
    await act(() => store.getState().init());
    await waitFor(() => expect(store.getState().record).not.toBeNull());
    render(
      <StoreContext.Provider value={store}>
        <AgreementView />
      </StoreContext.Provider>,
    );
    await screen.findByTestId('ag-alpha-u');
    const before = screen.getByTestId('ag-alpha-u').textContent;
    expect(api.startReport).toHaveBeenCalledTimes(1);
    expect(store.getState().doc?.id).toBe('doc-1');
    const stored = store.getState().record!.spans.find((s) => s.start === 15 && s.label === 'Economic')!;
    act(() => {
      store.getState().removeSpan(stored.id!);
      store.getState().addSpan({ start: 15, end: 22, label: 'Security' });
      store.getState().addSpan({ start: 23, end: 30, label: 'Source' });
    });
    await waitFor(() => expect(screen.getByTestId('ag-count').textContent).toBe('0 of 0 disagreements'));
    const after = screen.getByTestId('ag-alpha-u').textContent;
    expect(after).toBe('1.000');
    expect(after).not.toBe(before);
    expect(vi.mocked(api.startReport).mock.calls.length).toBeGreaterThan(1);
  });

  it('on two documents no figure gets a verdict: the interval is withheld and says why, and "reliable" is gone', async () => {
    const api = createFakeApi({ records: RECORDS });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    await waitFor(() => expect(screen.getAllByTestId('ag-verdict').length).toBeGreaterThan(0));
    for (const v of screen.getAllByTestId('ag-verdict')) expect(v.textContent).toBe('no verdict');
    const view = screen.getByTestId('agreement-view');
    expect(view.textContent).not.toMatch(/\b(reliable|unreliable|inconclusive)\b|tentative(?! conclusions)/);
    const source = screen.getAllByTestId('ag-label-row').find((r) => r.querySelector('th')?.textContent === 'Source')!;
    expect(source.textContent).toMatch(/no interval: 2 documents carry this figure/);
    expect(screen.queryAllByTestId('ag-q')).toEqual([]);
  });

  it('shows the verdict and q the interval gives, never one read off the point estimate', async () => {
    const api = createFakeApi({ records: RECORDS });
    const input = await api.agreementInput();
    const report = agreementReport(input);
    const intervals = bootstrapIntervals(input, { draws: 20 });
    intervals.alpha_u.per_label.Economic = {
      estimate: report.spans.alpha_u.per_label.Economic,
      lower: 0.81,
      upper: 0.93,
      units: 40,
      valid_draws: 1000,
      q: [
        { alpha_min: 0.8, q: 0.012 },
        { alpha_min: 0.667, q: 0 },
      ],
      verdict: 'reliable',
    };
    const result: AgreementResult = {
      figures: {
        report,
        confusion: labelConfusion(input),
        disagreements: disagreementTable(input),
        relationDisagreements: [],
        model: null,
      },
      intervals: null,
      modelIntervals: null,
    };
    // the backend's job: the figures first, then the disagreement list, the bootstrap a quarter done, then done
    const first: ReportWork = {
      id: '00000000000000aa',
      kind: 'agreement',
      state: 'running',
      stage: 'disagreements',
      done: 0,
      total: 1,
      ready: true,
      parts: 1,
      thread: true,
      startedAt: 'now',
    };
    const running: ReportWork = { ...first, stage: 'intervals', done: 500, total: 2000, parts: 2 };
    let polls = 0;
    let stage = 0;
    const listedSoFar = () =>
      stage >= 1 ? result : { ...result, figures: { ...result.figures, disagreements: null, confusion: null } };
    api.startReport = vi.fn(async () => first);
    api.reportWork = vi.fn(async () => {
      polls++;
      if (stage === 0) return first;
      return stage === 1 || polls < 3 ? running : { ...running, state: 'done' as const, stage: 'done', parts: 3 };
    });
    api.agreementOverview = vi.fn(async () => agreementOverview(stage >= 2 ? { ...result, intervals } : listedSoFar()));
    api.agreementDocuments = vi.fn(async (_id, rows) => documentRows(result, rows));
    api.agreementDisagreements = vi.fn(async (_id, rows) => disagreementRows(listedSoFar(), rows));
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    await waitFor(() => expect(screen.getByTestId('ag-status').textContent).toBe('listing disagreements…'));
    expect(screen.getByTestId('ag-count').textContent).toBe('listing disagreements…');
    expect(screen.getByTestId('ag-confusion-pending').textContent).toBe('comparing spans…');
    expect(screen.getByTestId('agreement-view').textContent).toContain('CI …');
    stage = 1;
    await waitFor(() => expect(screen.getByTestId('ag-status').textContent).toBe('computing intervals… 25%'));
    const count = result.figures.disagreements!.count;
    expect(count).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getByTestId('ag-count').textContent).toBe(`${count} of ${count} disagreements`));
    await waitFor(() => expect(screen.getByTestId('ag-list').children.length).toBeGreaterThan(0));
    expect(screen.getByTestId('ag-confusion')).toBeTruthy();
    stage = 2;
    await waitFor(() => expect(screen.getByTestId('ag-status').textContent).toBe('up to date'));
    const row = screen.getAllByTestId('ag-label-row').find((r) => r.querySelector('th')?.textContent === 'Economic')!;
    expect(within(row).getByTestId('ag-verdict').textContent).toBe('reliable');
    expect(within(row).getByTestId('ag-q').textContent).toBe('q(α<.800) 0.012 · q(α<.667) 0.000');
    expect(within(row).getByTestId('ag-ci').textContent).toBe('95% CI 0.810 – 0.930');
  });

  it('asks for the figures as the annotator sees them (blind to others on an open round’s documents)', async () => {
    const api = createFakeApi({ records: RECORDS });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    expect(api.startReport).toHaveBeenCalledWith({ kind: 'agreement', selection: { viewer: 'alice' } });
  });

  it('shows a running report’s progress line with a Cancel button, and a cancel stops it', async () => {
    const api = createFakeApi({ records: RECORDS });
    const running: ReportWork = {
      id: '00000000000000bb',
      kind: 'agreement',
      state: 'running',
      stage: 'reading',
      done: 120,
      total: 400,
      ready: false,
      parts: 0,
      thread: true,
      startedAt: 'now',
    };
    api.startReport = vi.fn(async () => running);
    api.reportWork = vi.fn(async () => running);
    api.cancelReport = vi.fn(async () => ({ ...running, state: 'cancelled' as const, error: 'cancelled' }));
    renderView(api);
    await waitFor(() =>
      expect(screen.getByTestId('ag-status').textContent).toBe('reading the project… 120 of 400 documents'),
    );
    await waitFor(() => expect(vi.mocked(api.reportWork).mock.calls.length).toBeGreaterThan(0));
    fireEvent.click(screen.getByTestId('ag-cancel'));
    await waitFor(() => expect(screen.getByTestId('ag-status').textContent).toBe('cancelled'));
    expect(api.cancelReport).toHaveBeenCalledWith(running.id);
    expect(screen.queryByTestId('ag-cancel')).toBeNull();
    const polled = vi.mocked(api.reportWork).mock.calls.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(vi.mocked(api.reportWork).mock.calls.length).toBe(polled);
    expect(api.agreementOverview).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Recompute' })).toBeTruthy();
  });

  it('fetches the document rows a window at a time as the table is scrolled', async () => {
    const api = createFakeApi({ records: RECORDS });
    const total = 250;
    const row = (i: number) => ({
      id: `d${String(i).padStart(3, '0')}`,
      length: 10,
      annotators: ['alice', 'bob'],
      alpha_u: { overall: i / total, per_label: {} },
      index: i,
      reasons: {},
    });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    const overview = vi.mocked(api.agreementOverview).mock.results[0].value;
    api.agreementOverview = vi.fn(async () => ({
      ...(await overview),
      counts: { documents: total, disagreements: 0, relationDisagreements: 0 },
    }));
    api.agreementDocuments = vi.fn(async (_id, rows) => ({
      total,
      offset: rows.offset,
      rows: Array.from({ length: Math.max(0, Math.min(rows.limit, total - rows.offset)) }, (_, k) =>
        row(rows.offset + k),
      ),
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Recompute' }));
    await waitFor(() => expect(screen.getAllByTestId('ag-doc-row')).toHaveLength(100));
    expect(screen.getByTestId('ag-documents-scroll').textContent).toMatch(/100 of 250 rows/);
    const box = screen.getByTestId('ag-documents-scroll');
    Object.defineProperty(box, 'scrollHeight', { configurable: true, value: 3000 });
    Object.defineProperty(box, 'clientHeight', { configurable: true, value: 400 });
    box.scrollTop = 2500;
    fireEvent.scroll(box);
    await waitFor(() => expect(screen.getAllByTestId('ag-doc-row')).toHaveLength(200));
    // The first window may be asked twice when the job's parts land while the table first mounts (seen on a
    // loaded machine); the scroll asks for the next window once, and for nothing past it.
    const offsets = vi.mocked(api.agreementDocuments).mock.calls.map(([, r]) => r.offset);
    expect([...new Set(offsets)]).toEqual([0, 100]);
    expect(offsets.filter((o) => o === 100)).toHaveLength(1);
    fireEvent.click(screen.getByTestId('ag-more'));
    await waitFor(() => expect(screen.getAllByTestId('ag-doc-row')).toHaveLength(250));
    expect(screen.queryByTestId('ag-more')).toBeNull();
  });
});

describe('the model in the Agreement view', () => {
  // the model marks "Prices" (as both coders) and "sharply" as Economic, and nothing in doc-2
  const model = {
    trainedAt: '2026-04-01T09:00:00.000Z',
    spans: {
      'doc-1': [
        { id: 's1', start: 0, end: 6, label: 'Economic' },
        { id: 's2', start: 15, end: 22, label: 'Economic' },
      ],
    },
  };

  it('shows the model against each coder beside the coders’ own pair, per label, and where it falls short', async () => {
    const api = createFakeApi({ records: RECORDS, model });
    renderView(api);
    await screen.findByTestId('ag-alpha-u');
    const section = await screen.findByTestId('ag-model');
    const { modelAgreement } = await import('../../../src/core/learn/modelAgreement');
    const want = modelAgreement(await api.agreementInput());
    // the model's figures come in a later render than α_U
    await waitFor(() =>
      expect(
        within(section)
          .getAllByTestId('ag-model-pair')
          .map((r) => r.dataset.pair),
      ).toEqual(['model × alice', 'model × bob', 'alice × bob']),
    );
    const rows = within(section).getAllByTestId('ag-model-pair');
    expect(rows[0].querySelectorAll('td')[1].textContent).toContain(want.pairs[0].alpha_u.overall!.toFixed(3));
    // the model is one more coder only here: the report's annotators stay the people
    expect((await expected(api)).annotators).toEqual(['alice', 'bob']);
    const shortfalls = within(section).getByTestId('ag-model-shortfalls');
    expect(shortfalls.textContent).toBe(want.shortfalls.join(''));
    const labelRows = within(section).getAllByTestId('ag-model-label-row');
    expect(labelRows[0].querySelector('th')?.textContent).toBe('all labels');
    expect(labelRows.map((r) => r.dataset.below)).toEqual(
      want.comparison.filter((r) => r.measure === 'alpha_u').map((r) => String(r.below)),
    );
    fireEvent.change(within(section).getByTestId('ag-model-measure'), { target: { value: 'f1_exact' } });
    await waitFor(() =>
      expect(within(section).getAllByTestId('ag-model-label-row')[0].textContent).toContain(
        want.comparison.find((r) => r.measure === 'f1_exact' && r.label === null)!.humans!.toFixed(3),
      ),
    );
  });

  it('trains the model from the view, with progress, then shows its figures', async () => {
    const api = createFakeApi({ records: RECORDS });
    renderView(api);
    const section = await screen.findByTestId('ag-model');
    await waitFor(() => expect(section.textContent).toMatch(/No model yet/));
    expect(within(section).queryByTestId('ag-model-pairs')).toBeNull();
    fireEvent.click(within(section).getByTestId('train-model'));
    expect(await within(section).findByTestId('train-progress')).toBeTruthy();
    expect(api.startTraining).toHaveBeenCalled();
    await waitFor(() => expect(section.textContent).toMatch(/Trained .* with 5 folds/), { timeout: 4000 });
    expect(await within(section).findByTestId('ag-model-pairs', {}, { timeout: 4000 })).toBeTruthy();
  });
});
