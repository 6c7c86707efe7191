// The Adjudicate view against the fake API: the queue from lowest agreement, the stacked compare with each
// difference marked, decisions sent with reason and who, accept-all-unanimous, and a live reload when another
// annotator's file of the open document changes on disk.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agreementReport } from '../../../src/core/agreement';
import type { FrameLensApi } from '../../../src/core/api';
import { GOLD } from '../../../src/core/model';
import { AdjudicateView } from '../../../src/renderer/adjudicate/AdjudicateView';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import type { AppStore } from '../../../src/renderer/state/types';
import { holdNextAnswer } from '../fakeApi';
import { createTeamApi, RECORDS, rec } from './adjudicateFake';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
const stores: AppStore[] = [];
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) s.getState().stopWatching();
});

/** The view in a store with the project open, so the store's change feed runs (every `pollMs`). */
async function renderView(api: FrameLensApi, pollMs = 60_000) {
  const store = createAppStore(api, { pollMs });
  stores.push(store);
  await act(() => store.getState().init());
  render(
    <StoreContext.Provider value={store}>
      <AdjudicateView />
    </StoreContext.Provider>,
  );
  return store;
}

async function openDoc(id: string) {
  const rows = await screen.findAllByTestId('adj-queue-row');
  fireEvent.click(rows.find((r) => r.dataset.doc === id)!);
  await screen.findByTestId('adj-doc');
  await waitFor(() => expect(screen.getAllByTestId('adj-cand').length).toBeGreaterThan(0));
}

const cand = (key: string) => screen.getAllByTestId('adj-cand').find((c) => c.dataset.key === key)!;

describe('Adjudicate view', () => {
  it('orders the queue from lowest agreement, with the annotators and gold progress of each document', async () => {
    const api = createTeamApi();
    await renderView(api);
    const rows = await screen.findAllByTestId('adj-queue-row');
    expect(rows.map((r) => r.dataset.doc)).toEqual(['doc-1', 'doc-2']);
    const report = agreementReport(await api.agreementInput());
    const alpha = (id: string) => report.per_document.find((d) => d.id === id)!.alpha_u.overall!;
    expect(alpha('doc-1')).toBeLessThan(alpha('doc-2'));
    expect(within(rows[0]).getByTestId('adj-q-alpha').textContent).toBe(`αU ${alpha('doc-1').toFixed(3)}`);
    expect(rows[0].textContent).toContain('Prices rise');
    expect(rows[0].textContent).toContain('alice, bob');
    expect(within(rows[0]).getByTestId('adj-q-progress').textContent).toBe('0/6 decided');
    expect(within(rows[1]).getByTestId('adj-q-progress').textContent).toBe('0/1 decided');
  });

  it('asks the backend for the queue as a job and fetches it a window at a time, more as it is scrolled', async () => {
    const api = createTeamApi();
    const total = 230;
    const row = (i: number) => ({
      id: `d${String(i).padStart(3, '0')}`,
      title: null,
      alpha: i / total,
      perLabel: {},
      annotators: ['alice', 'bob'],
      candidates: 2,
      decided: 0,
    });
    api.adjudicationQueue = vi.fn(async (_id: string, rows: { offset: number; limit: number }) => ({
      total,
      offset: rows.offset,
      rows: Array.from({ length: Math.max(0, Math.min(rows.limit, total - rows.offset)) }, (_, k) =>
        row(rows.offset + k),
      ),
    }));
    await renderView(api);
    await waitFor(() => expect(screen.getAllByTestId('adj-queue-row')).toHaveLength(100));
    expect(api.startReport).toHaveBeenCalledWith({ kind: 'queue' });
    expect(api.listDocuments).not.toHaveBeenCalled();
    const pane = screen.getByRole('navigation', { name: 'Adjudication queue' });
    Object.defineProperty(pane, 'scrollHeight', { configurable: true, value: 5000 });
    Object.defineProperty(pane, 'clientHeight', { configurable: true, value: 600 });
    pane.scrollTop = 4300;
    fireEvent.scroll(pane);
    await waitFor(() => expect(screen.getAllByTestId('adj-queue-row')).toHaveLength(200));
    fireEvent.click(screen.getByTestId('adj-queue-more'));
    await waitFor(() => expect(screen.getAllByTestId('adj-queue-row')).toHaveLength(total));
    expect(vi.mocked(api.adjudicationQueue).mock.calls.map(([, r]) => r.offset)).toEqual([0, 100, 200]);
  });

  it('stacks every layer over the text and marks each difference: missing, label, boundaries', async () => {
    const api = createTeamApi();
    await renderView(api);
    await openDoc('doc-1');
    const diffs = Object.fromEntries(screen.getAllByTestId('adj-cand').map((c) => [c.dataset.key, c.dataset.diffs]));
    expect(diffs).toEqual({
      '0:6:Economic': '',
      '15:22:Economic': 'label',
      '15:22:Security': 'label',
      '23:30:Source': 'missing',
      '32:44:Human interest': 'boundaries',
      '36:51:Human interest': 'boundaries',
    });
    expect(cand('23:30:Source').textContent).toContain('missing in alice');
    expect(cand('15:22:Economic').textContent).toContain('bob: label Security');
    expect(cand('0:6:Economic').textContent).toContain('all agree');
    // the text: three lanes (alice, bob, gold); "sharply" is shaded as a difference, "Prices" is not
    const segs = screen.getAllByTestId('adj-seg');
    const sharply = segs.find((s) => s.textContent === 'sharply')!;
    expect(sharply.dataset.lanes).toBe('Economic/Security/');
    expect(sharply.className).toContain('adj-diff');
    const prices = segs.find((s) => s.textContent === 'Prices')!;
    expect(prices.className).not.toContain('adj-diff');
    expect(screen.getByTestId('adj-legend').textContent).toMatch(/alice.*bob.*gold/);
    expect(screen.getByTestId('adj-doc-alpha').textContent).toMatch(/αU -?\d\.\d{3}/);
    expect(screen.getByTestId('adj-doc-counts').textContent).toContain('1 missing, 2 label, 2 boundaries');
    // document labels side by side; stance differs
    const dl = screen.getAllByTestId('adj-doclabel-row');
    expect(dl[0].textContent).toContain('pro');
    expect(dl[0].textContent).toContain('contra');
    expect(dl[0].className).toContain('adj-dl-differs');
    // clicking the text chooses the candidate there
    fireEvent.click(sharply);
    expect(screen.getByTestId('adj-decide').dataset.key).toMatch(/^15:22:/);
  });

  it('sends accept, reject, edit and merge with the reason and who decided, and shows each decision', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return `blob:test/${blobs.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const api = createTeamApi();
    await renderView(api);
    await openDoc('doc-1');
    fireEvent.click(cand('0:6:Economic'));
    expect((screen.getByTestId('adj-accept') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('adj-need').textContent).toMatch(/reason/);
    fireEvent.change(screen.getByTestId('adj-reason'), { target: { value: 'coder-error' } });
    fireEvent.click(screen.getByTestId('adj-accept'));
    await waitFor(() => expect(api.adjudicate).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.adjudicate).mock.calls[0]).toEqual([
      'doc-1',
      [
        {
          action: 'accept',
          span: { start: 0, end: 6, label: 'Economic' },
          sources: ['alice', 'bob'],
          by: 'alice',
          reason: 'coder-error',
        },
      ],
    ]);
    await waitFor(() => expect(cand('0:6:Economic').dataset.status).toBe('accepted'));
    expect(cand('0:6:Economic').textContent).toContain('accepted · alice · coder-error');

    // reject with a note, decided by the name in the Lead field
    fireEvent.change(screen.getByTestId('adj-lead'), { target: { value: 'Lena' } });
    fireEvent.click(cand('23:30:Source'));
    fireEvent.change(screen.getByTestId('adj-reason'), { target: { value: 'ambiguous-text' } });
    fireEvent.change(screen.getByTestId('adj-note'), { target: { value: 'a place, not a source' } });
    fireEvent.click(screen.getByTestId('adj-reject'));
    await waitFor(() => expect(api.adjudicate).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.adjudicate).mock.calls[1][1]).toEqual([
      {
        action: 'reject',
        span: { start: 23, end: 30, label: 'Source' },
        sources: ['bob'],
        by: 'Lena',
        reason: 'ambiguous-text',
        note: 'a place, not a source',
      },
    ]);
    await waitFor(() => expect(cand('23:30:Source').dataset.status).toBe('rejected'));
    expect(cand('23:30:Source').textContent).toContain('Lena · ambiguous-text · “a place, not a source”');

    // edit: start one character left with the keyboard, end by the field, label changed
    fireEvent.click(cand('15:22:Security'));
    fireEvent.click(screen.getByTestId('adj-edit'));
    const form = screen.getByTestId('adj-edit-form');
    fireEvent.keyDown(form, { key: 'ArrowLeft', altKey: true });
    fireEvent.keyDown(form, { key: 'ArrowRight', altKey: true, shiftKey: true });
    fireEvent.change(screen.getByTestId('adj-edit-end'), { target: { value: '22' } });
    fireEvent.change(screen.getByTestId('adj-edit-label'), { target: { value: 'Economic' } });
    expect((screen.getByTestId('adj-edit-start') as HTMLInputElement).value).toBe('14');
    fireEvent.change(screen.getByTestId('adj-reason'), { target: { value: 'guideline-gap' } });
    fireEvent.click(screen.getByTestId('adj-edit-save'));
    await waitFor(() => expect(api.adjudicate).toHaveBeenCalledTimes(3));
    expect(vi.mocked(api.adjudicate).mock.calls[2][1]).toEqual([
      {
        action: 'edit',
        span: { start: 14, end: 22, label: 'Economic' },
        replaces: [{ start: 15, end: 22, label: 'Security' }],
        sources: ['bob'],
        by: 'Lena',
        reason: 'guideline-gap',
      },
    ]);
    await waitFor(() => expect(cand('14:22:Economic').dataset.status).toBe('in gold'));
    expect(cand('15:22:Security').dataset.status).toBe('edited');

    // merge: the two boundary variants become their union
    fireEvent.click(cand('32:44:Human interest'));
    fireEvent.click(screen.getByTestId('adj-merge'));
    expect(screen.getAllByTestId('adj-merge-pick')).toHaveLength(2);
    expect((screen.getByTestId('adj-reason') as HTMLSelectElement).value).toBe('');
    fireEvent.change(screen.getByTestId('adj-reason'), { target: { value: 'guideline-gap' } });
    fireEvent.click(screen.getByTestId('adj-merge-save'));
    await waitFor(() => expect(api.adjudicate).toHaveBeenCalledTimes(4));
    expect(vi.mocked(api.adjudicate).mock.calls[3][1]).toEqual([
      {
        action: 'merge',
        span: { start: 32, end: 51, label: 'Human interest' },
        replaces: [
          { start: 32, end: 44, label: 'Human interest' },
          { start: 36, end: 51, label: 'Human interest' },
        ],
        sources: ['alice', 'bob'],
        by: 'Lena',
        reason: 'guideline-gap',
      },
    ]);
    // gold lane and reasons summary follow
    await waitFor(() =>
      expect(api.records.get(`doc-1/${GOLD}`)!.spans.map((s) => `${s.start}:${s.end}:${s.label}`)).toEqual([
        '0:6:Economic',
        '14:22:Economic',
        '32:51:Human interest',
      ]),
    );
    await waitFor(() => expect(screen.getAllByTestId('adj-reason-row')).toHaveLength(3));
    const href = (screen.getByTestId('adj-reasons-csv') as HTMLAnchorElement).href;
    expect(href).toMatch(/^blob:test\/\d+$/);
    expect(screen.getByTestId('adj-reasons-csv').getAttribute('download')).toBe('gold-reasons.csv');
    const csv = await blobs[Number(href.split('/').at(-1)) - 1].text();
    // The byte order mark tells spreadsheets the file is UTF-8.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('label,unanimous,guideline-gap,ambiguous-text,coder-error,other,total');
    expect(csv).toContain('Economic,0,1,0,1,0,2');
    await waitFor(() =>
      expect(within(screen.getAllByTestId('adj-queue-row')[0]).getByTestId('adj-q-progress').textContent).toMatch(
        /^[56]\/6 decided$/,
      ),
    );
  });

  it('accepts with the keyboard from the candidate list (j moves, a accepts)', async () => {
    const api = createTeamApi();
    await renderView(api);
    await openDoc('doc-1');
    fireEvent.click(cand('0:6:Economic'));
    const list = screen.getByTestId('adj-cands');
    fireEvent.keyDown(list, { key: 'j' });
    expect(screen.getByTestId('adj-decide').dataset.key).toBe('15:22:Economic');
    fireEvent.change(screen.getByTestId('adj-reason'), { target: { value: 'other' } });
    fireEvent.keyDown(list, { key: 'a' });
    await waitFor(() => expect(api.adjudicate).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.adjudicate).mock.calls[0][1][0]).toMatchObject({ action: 'accept', reason: 'other' });
  });

  it("asks for a new reason for each decision: a rejection's reason is not recorded for the next accept", async () => {
    const api = createTeamApi();
    await renderView(api);
    await openDoc('doc-1');
    fireEvent.click(cand('0:6:Economic'));
    fireEvent.change(screen.getByTestId('adj-reason'), { target: { value: 'coder-error' } });
    fireEvent.click(screen.getByTestId('adj-reject'));
    await waitFor(() => expect(api.adjudicate).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByTestId('adj-decide').dataset.key).not.toBe('0:6:Economic'));
    fireEvent.click(cand('15:22:Economic'));
    expect((screen.getByTestId('adj-reason') as HTMLSelectElement).value).toBe('');
    fireEvent.keyDown(screen.getByTestId('adj-cands'), { key: 'a' });
    expect(screen.getByTestId('adj-need').textContent).toMatch(/reason/);
    expect(api.adjudicate).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByTestId('adj-reason'), { target: { value: 'ambiguous-text' } });
    fireEvent.keyDown(screen.getByTestId('adj-cands'), { key: 'a' });
    await waitFor(() => expect(api.adjudicate).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.adjudicate).mock.calls[1][1][0]).toMatchObject({ action: 'accept', reason: 'ambiguous-text' });
    await waitFor(() => expect(cand('15:22:Economic').textContent).toContain('accepted · alice · ambiguous-text'));
  });

  it('accepts all unanimous spans for the lead, with the chosen minimum', async () => {
    const api = createTeamApi();
    await renderView(api);
    await screen.findAllByTestId('adj-queue-row');
    fireEvent.click(screen.getByTestId('adj-accept-unanimous'));
    await waitFor(() => expect(api.acceptUnanimous).toHaveBeenCalledWith({ by: 'alice' }));
    expect((await screen.findByTestId('adj-unanimous-report')).textContent).toBe(
      'Accepted 2 span(s) and 0 document label(s) in 2 document(s) · 0 already decided',
    );
    await waitFor(() => {
      const rows = screen.getAllByTestId('adj-queue-row');
      expect(rows.map((r) => within(r).getByTestId('adj-q-progress').textContent)).toEqual([
        '1/6 decided',
        '1/1 decided',
      ]);
    });
    fireEvent.change(screen.getByTestId('adj-min'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('adj-accept-unanimous'));
    await waitFor(() => expect(api.acceptUnanimous).toHaveBeenLastCalledWith({ by: 'alice', min: 2 }));
    await waitFor(() => expect(screen.getAllByTestId('adj-reason-row')[0].textContent).toBe('Economic11'));
  });

  it("reloads the open document when another annotator's file changes on disk, and says so", async () => {
    const api = createTeamApi();
    let pending: Awaited<ReturnType<FrameLensApi['changes']>>['changes'] = [];
    api.changes = vi.fn(async (cursor: number) => {
      if (cursor === 0) return { cursor: 7, changes: [], reset: false };
      const changes = pending;
      pending = [];
      return { cursor: cursor + changes.length, changes, reset: false };
    });
    await renderView(api, 20);
    await openDoc('doc-1');
    expect(screen.getAllByTestId('adj-cand')).toHaveLength(6);
    await waitFor(() => expect(vi.mocked(api.changes).mock.calls.length).toBeGreaterThan(1));
    expect(screen.queryByTestId('adj-notice')).toBeNull();
    // bob's git pull brings a new span for doc-1
    await act(async () => {
      const bob = api.records.get('doc-1/bob')!;
      api.records.set('doc-1/bob', { ...bob, spans: [...bob.spans, { start: 52, end: 58, label: 'Economic' }] });
      pending = [
        { seq: 8, kind: 'annotation', path: 'annotations/bob/doc-1.json', annotator: 'bob', document: 'doc-1' },
      ];
    });
    expect((await screen.findByTestId('adj-notice')).textContent).toContain(
      "bob's annotations changed on disk — reloaded",
    );
    await waitFor(() => expect(screen.getAllByTestId('adj-cand')).toHaveLength(7));
    expect(cand('52:58:Economic').textContent).toContain('missing in alice');
    // a change to another document refreshes the queue but says nothing about the open one
    fireEvent.click(within(screen.getByTestId('adj-notice')).getByRole('button'));
    const listed = vi.mocked(api.listAnnotations).mock.calls.length;
    await act(async () => {
      api.records.set('doc-2/bob', rec('doc-2', 'bob', []));
      pending = [
        { seq: 9, kind: 'annotation', path: 'annotations/bob/doc-2.json', annotator: 'bob', document: 'doc-2' },
      ];
    });
    // doc-2 now has a difference (bob removed his span): its α_U drops below doc-1's and it moves up
    await waitFor(() => expect(screen.getAllByTestId('adj-queue-row')[0].dataset.doc).toBe('doc-2'));
    expect(screen.queryByTestId('adj-notice')).toBeNull();
    expect(vi.mocked(api.listAnnotations).mock.calls.length).toBe(listed);
  });

  it('shows the newest layers when an older reload of the open document answers last', async () => {
    const api = createTeamApi();
    let pending: Awaited<ReturnType<FrameLensApi['changes']>>['changes'] = [];
    let seq = 7;
    api.changes = vi.fn(async (cursor: number) => {
      if (cursor === 0) return { cursor: 7, changes: [], reset: false };
      const changes = pending;
      pending = [];
      return { cursor: cursor + changes.length, changes, reset: false };
    });
    const bobChanged = () => {
      pending = [
        { seq: ++seq, kind: 'annotation', path: 'annotations/bob/doc-1.json', annotator: 'bob', document: 'doc-1' },
      ];
    };
    await renderView(api, 20);
    await openDoc('doc-1');
    expect(screen.getAllByTestId('adj-cand')).toHaveLength(6);
    const held = holdNextAnswer(vi.mocked(api.listAnnotations));
    // a first change on disk starts a reload that is slow to answer; bob's new span comes in a second one
    await act(async () => bobChanged());
    await waitFor(() => expect(held).toHaveLength(1));
    await act(async () => {
      const bob = api.records.get('doc-1/bob')!;
      api.records.set('doc-1/bob', { ...bob, spans: [...bob.spans, { start: 52, end: 58, label: 'Economic' }] });
      bobChanged();
    });
    await waitFor(() => expect(screen.getAllByTestId('adj-cand')).toHaveLength(7));
    await act(async () => {
      for (const release of held) release();
    });
    expect(screen.getAllByTestId('adj-cand')).toHaveLength(7);
  });

  it('follows the store’s change feed rather than polling on its own', async () => {
    const api = createTeamApi();
    const store = await renderView(api, 0);
    await openDoc('doc-1');
    await new Promise((r) => setTimeout(r, 50));
    // The store's first question sets its cursor; the view asks nothing itself.
    expect(api.changes).toHaveBeenCalledTimes(1);
    api.changes = vi.fn(async () => ({
      cursor: 9,
      changes: [
        {
          seq: 9,
          kind: 'annotation' as const,
          path: 'annotations/bob/doc-1.json',
          annotator: 'bob',
          document: 'doc-1',
        },
      ],
      reset: false,
    }));
    await act(() => store.getState().pollChanges());
    expect((await screen.findByTestId('adj-notice')).textContent).toContain("bob's annotations changed on disk");
    expect(api.changes).toHaveBeenCalledTimes(1);
  });

  it('shows the assignment plan with progress and plans anew from the form', async () => {
    const api = createTeamApi();
    const plan = { seed: 4, overlap: ['doc-1'], annotators: { alice: ['doc-1'], bob: ['doc-1', 'doc-2'] } };
    api.planAssignments = vi.fn(async () => plan);
    await renderView(api);
    expect(await screen.findByTestId('adj-no-plan')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('adj-plan-annotator')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('adj-plan-overlap'), { target: { value: '50' } });
    fireEvent.change(screen.getByTestId('adj-plan-seed'), { target: { value: '4' } });
    api.assignments = vi.fn(async () => ({
      plan,
      progress: {
        alice: { assigned: 1, done: 1, inProgress: 0, skipped: 0 },
        bob: { assigned: 2, done: 1, inProgress: 1, skipped: 0 },
      },
    }));
    fireEvent.click(screen.getByTestId('adj-plan-submit'));
    await waitFor(() =>
      expect(api.planAssignments).toHaveBeenCalledWith({ annotators: ['alice', 'bob'], overlap: 0.5, seed: 4 }),
    );
    const rows = await screen.findAllByTestId('adj-plan-row');
    expect(rows.map((r) => r.textContent)).toEqual(['alice1100', 'bob2110']);
  });
});

describe('gold document labels', () => {
  it('puts a coder\u2019s value into gold, asking for a reason when the coders differ', async () => {
    const api = createTeamApi();
    api.adjudicateDocLabel = vi.fn(async (document, decision) => ({
      ...rec(document, GOLD, []),
      docLabels: { [decision.group]: decision.value as string },
    }));
    await renderView(api);
    await openDoc('doc-1');
    const row = screen.getAllByTestId('adj-doclabel-row').find((r) => r.textContent?.startsWith('stance'))!;
    const [useAlice] = within(row).getAllByTestId('adj-doclabel-use');
    fireEvent.click(useAlice);
    expect(await screen.findByText(/Choose a reason first/)).toBeTruthy();
    expect(api.adjudicateDocLabel).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('adj-doclabel-reason'), { target: { value: 'ambiguous-text' } });
    fireEvent.click(useAlice);
    await waitFor(() =>
      expect(api.adjudicateDocLabel).toHaveBeenCalledWith('doc-1', {
        group: 'stance',
        value: 'pro',
        sources: ['alice'],
        by: 'alice',
        reason: 'ambiguous-text',
      }),
    );
  });
});

describe('Adjudicate view: relations', () => {
  /** doc-1 with relations: alice "sharply" blames "Prices"; bob "in Köln" blames "Prices". */
  function linkedRecords() {
    const records = structuredClone(RECORDS);
    const [alice, bob] = records;
    alice.spans = alice.spans.map((s, i) => ({ ...s, id: `a${i}` }));
    bob.spans = bob.spans.map((s, i) => ({ ...s, id: `b${i}` }));
    alice.relations = [{ from: 'a1', to: 'a0', type: 'blames' }];
    bob.relations = [
      { from: 'b2', to: 'b0', type: 'blames' },
      { from: 'b2', to: 'b0', type: 'blames' },
    ];
    return records;
  }
  const row = (text: RegExp) => screen.getAllByTestId('adj-rel-row').find((r) => text.test(r.textContent ?? ''))!;
  /** doc-1 open, with the spans both relations join already in gold. */
  async function openWithEndsInGold() {
    const api = createTeamApi(linkedRecords());
    await api.adjudicate('doc-1', [
      {
        action: 'accept',
        span: { start: 0, end: 6, label: 'Economic' },
        sources: ['alice', 'bob'],
        by: 'lead',
        reason: 'unanimous',
      },
      {
        action: 'accept',
        span: { start: 23, end: 30, label: 'Source' },
        sources: ['bob'],
        by: 'lead',
        reason: 'coder-error',
      },
    ]);
    await renderView(api);
    await openDoc('doc-1');
    return api;
  }

  it("shows each coder's relations beside the others', and takes one into gold with who and why once both its spans are", async () => {
    const api = await openWithEndsInGold();
    const rows = screen.getAllByTestId('adj-rel-row');
    expect(rows).toHaveLength(2);
    expect(screen.getByTestId('adj-doc-counts').textContent).toMatch(/2 of 2 relations/);
    const fromAlice = row(/“sharply”/);
    const fromBob = row(/“in Köln”/);
    expect(
      within(fromAlice)
        .getAllByTestId('adj-rel-has')
        .map((c) => c.textContent),
    ).toEqual(['●', '–']);
    expect(
      within(fromBob)
        .getAllByTestId('adj-rel-has')
        .map((c) => c.textContent),
    ).toEqual(['–', '●']);
    expect(fromAlice.textContent).toMatch(/Economic “sharply” —blames→ Economic “Prices”/);

    // alice's relation starts at a span gold lacks: it cannot go to gold, and the view says why
    fireEvent.click(fromAlice);
    expect(screen.getByTestId('adj-decide').dataset.key).toBe('15:22:Economic');
    expect(screen.getByTestId('adj-rel-need-gold').textContent).toMatch(/Both spans must be in gold/);
    fireEvent.change(screen.getByTestId('adj-rel-reason'), { target: { value: 'coder-error' } });
    expect((screen.getByTestId('adj-rel-accept') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('adj-rel-reject') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(row(/“in Köln”/));
    expect(screen.getByTestId('adj-decide').dataset.key).toBe('23:30:Source');
    expect((screen.getByTestId('adj-rel-accept') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('adj-rel-reason'), { target: { value: 'ambiguous-text' } });
    fireEvent.change(screen.getByTestId('adj-rel-note'), { target: { value: 'the city is the actor' } });
    fireEvent.click(screen.getByTestId('adj-rel-accept'));
    await waitFor(() => expect(row(/“in Köln”/).dataset.status).toBe('accepted'));
    expect(api.adjudicateRelation).toHaveBeenCalledWith('doc-1', {
      action: 'accept',
      relation: {
        type: 'blames',
        from: { start: 23, end: 30, label: 'Source' },
        to: { start: 0, end: 6, label: 'Economic' },
      },
      sources: ['bob'],
      by: 'alice',
      reason: 'ambiguous-text',
      note: 'the city is the actor',
    });
    expect(within(row(/“in Köln”/)).getByTestId('adj-rel-gold').textContent).toBe('●');
    // the reason was this decision's: the next asks afresh
    expect((screen.getByTestId('adj-rel-reason') as HTMLSelectElement).value).toBe('');
    expect(row(/“in Köln”/).textContent).toMatch(/accepted · alice · ambiguous-text · “the city is the actor”/);
    const gold = api.records.get(`doc-1/${GOLD}`)!;
    const ids = Object.fromEntries(gold.spans.map((s) => [s.start, s.id]));
    expect(gold.relations).toEqual([{ from: ids[23], to: ids[0], type: 'blames' }]);
  });

  it('rejects a relation, and edits one into gold the other way', async () => {
    const api = await openWithEndsInGold();
    fireEvent.click(row(/“sharply”/));
    fireEvent.change(screen.getByTestId('adj-rel-reason'), { target: { value: 'coder-error' } });
    fireEvent.click(screen.getByTestId('adj-rel-reject'));
    await waitFor(() => expect(row(/“sharply”/).dataset.status).toBe('rejected'));

    fireEvent.click(row(/“in Köln”/));
    fireEvent.change(screen.getByTestId('adj-rel-reason'), { target: { value: 'guideline-gap' } });
    expect((screen.getByTestId('adj-rel-edit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('adj-rel-retype'), { target: { value: 'blames\u0000reverse' } });
    fireEvent.click(screen.getByTestId('adj-rel-edit'));
    await waitFor(() => expect(row(/Economic “Prices” —blames→ Source “in Köln”/).dataset.status).toBe('in gold'));
    const gold = api.records.get(`doc-1/${GOLD}`)!;
    const ids = Object.fromEntries(gold.spans.map((s) => [s.start, s.id]));
    expect(gold.relations).toEqual([{ from: ids[0], to: ids[23], type: 'blames' }]);
    expect(gold.relationDecisions?.map((d) => [d.action, d.reason, d.by])).toEqual([
      ['reject', 'coder-error', 'alice'],
      ['edit', 'guideline-gap', 'alice'],
    ]);
    expect(row(/Source “in Köln” —blames→ Economic “Prices”/).dataset.status).toBe('edited');
  });
});
