// The Study view against the fake API: opening a round with the sample-size helper beside the size, progress
// per coder, closing with honest figures (no interval and no verdict on a tiny round), the report downloaded,
// training results against gold, α round by round with the codebook's changes between rounds, and codebook
// edits (labels and relation types) that ask why and what becomes of an open round.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/renderer/app/App';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { RECORDS, rec } from '../adjudicate/adjudicateFake';
import { createFakeApi, type FakeApi, holdNextAnswer } from '../fakeApi';
import { withStudy } from './studyFake';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

async function openStudy(api: FakeApi) {
  render(<App api={api} />);
  fireEvent.click(await screen.findByTestId('view-study'));
  return screen.findByTestId('study-view');
}

async function openRound(name: string, kind: 'training' | 'main', size: number) {
  fireEvent.click(await screen.findByTestId('st-new'));
  const form = await screen.findByTestId('st-new-round');
  // the annotator opening a round is not ticked as a coder: alice codes in these tests
  fireEvent.click(within(form).getByLabelText('alice'));
  fireEvent.change(within(form).getByTestId('st-name'), { target: { value: name } });
  if (kind === 'main') fireEvent.click(within(form).getByTestId('st-kind-main'));
  fireEvent.change(within(form).getByTestId('st-size'), { target: { value: String(size) } });
  fireEvent.change(within(form).getByTestId('st-seed'), { target: { value: '7' } });
  fireEvent.click(within(form).getByTestId('st-open-round'));
  await waitFor(() => expect(screen.queryByTestId('st-new-round')).toBeNull());
  return screen.getAllByTestId('st-round').find((r) => r.dataset.round === name)!;
}

/** A study whose round close waits for `release`, while its progress grows by 150 draws per reading. */
function closingRound() {
  const api = createFakeApi({ records: RECORDS });
  withStudy(api);
  const close = api.closeRound;
  let release!: () => void;
  const closing = new Promise<void>((resolve) => {
    release = resolve;
  });
  api.closeRound = vi.fn(async (name: string, by: string) => {
    await closing;
    return close(name, by);
  });
  let drawn = 0;
  api.roundWork = vi.fn(async (name: string) => {
    drawn += 150;
    return { round: name, stage: 'closing' as const, done: drawn, total: 2000 };
  });
  return { api, release, drawn: () => drawn };
}

describe('Study view', () => {
  it('opens a round with Krippendorff’s minimum shown beside the size, then shows its sample and progress', async () => {
    const api = createFakeApi({ records: RECORDS });
    withStudy(api);
    await openStudy(api);
    await waitFor(() => expect(screen.getByTestId('study-view').textContent).toMatch(/No round yet/));
    fireEvent.click(screen.getByTestId('st-new'));
    const helper = await screen.findByTestId('st-size-helper');
    await waitFor(() => expect(within(helper).getByTestId('st-minimum').textContent).toMatch(/\d+ documents/));
    const advice = await vi.mocked(api.sampleSizeAdvice).mock.results[0].value;
    expect(within(helper).getByTestId('st-minimum').textContent).toContain(`${advice.units} documents`);
    fireEvent.change(screen.getByTestId('st-size'), { target: { value: '2' } });
    expect(within(helper).getByTestId('st-size-warning').textContent).toMatch(
      /Fewer than 10 documents: no interval and no verdict/,
    );
    fireEvent.change(screen.getByTestId('st-name'), { target: { value: 'Pilot' } });
    expect((screen.getByLabelText('alice') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('bob') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('alice'));
    fireEvent.change(screen.getByTestId('st-seed'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('st-open-round'));
    const card = await waitFor(() => screen.getAllByTestId('st-round')[0]);
    expect(api.createRound).toHaveBeenCalledWith({
      name: 'Pilot',
      kind: 'training',
      coders: ['alice', 'bob'],
      size: 2,
      seed: 7,
      strata: 'none',
      by: 'alice',
    });
    expect(within(card).getByTestId('st-state').textContent).toBe('open');
    expect(within(card).getByTestId('st-sample').textContent).toMatch(
      /2 documents drawn from 2, seed 7, simple random sample; codebook version 3 frozen/,
    );
    expect(
      within(card)
        .getAllByTestId('st-progress-row')
        .map((r) => r.textContent),
    ).toEqual([expect.stringMatching(/^alice 2 \/ 2/), expect.stringMatching(/^bob 2 \/ 2/)]);
    expect(within(card).getByTestId('st-blind').textContent).toMatch(/hidden from you until it closes/);
  });

  it('a main round refused by the backend says why where the form is', async () => {
    const api = createFakeApi({ records: RECORDS });
    withStudy(api);
    vi.mocked(api.createRound).mockRejectedValueOnce(new Error('refused: bob has not finished training round "Pilot"'));
    await openStudy(api);
    fireEvent.click(screen.getByTestId('st-new'));
    fireEvent.click(await screen.findByTestId('st-open-round'));
    expect((await screen.findByTestId('st-create-error')).textContent).toMatch(/bob has not finished training round/);
  });

  it('closing shows the figures with the reason for a missing interval and no verdict; the report downloads', async () => {
    const api = createFakeApi({ records: RECORDS });
    withStudy(api);
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    await openStudy(api);
    const card = await openRound('R1', 'main', 2);
    fireEvent.click(within(card).getByTestId('st-close'));
    expect(within(card).getByTestId('st-confirm-close').textContent).toMatch(/keeps the coding as it is now/);
    fireEvent.click(within(card).getByText('Close the round'));
    const figures = await within(card).findByTestId('st-figures');
    expect(api.closeRound).toHaveBeenCalledWith('R1', 'alice');
    const rows = within(figures).getAllByTestId('st-figure-row');
    expect(rows[0].textContent).toMatch(/^All span labels \(α_U\)2.*no interval: 2 documents carry this figure/);
    expect(figures.textContent).not.toMatch(/\b(reliable|tentative|unreliable|inconclusive)\b/);
    fireEvent.click(within(card).getByTestId('st-report'));
    expect((await within(card).findByTestId('st-written')).textContent).toMatch(
      /Written to reports\/01-r \(\d+ files\) in the project folder/,
    );
    expect(api.roundReport).toHaveBeenCalledWith('R1');
    expect(created).toHaveBeenCalled();
    const blob = created.mock.calls[0][0] as Blob;
    expect(blob.type).toBe('application/zip');
    created.mockRestore();
  });

  it('says what it computes while a round closes, and stops saying it once the figures are there', async () => {
    const { api, release } = closingRound();
    await openStudy(api);
    const card = await openRound('R1', 'main', 2);
    fireEvent.click(within(card).getByTestId('st-close'));
    fireEvent.click(within(card).getByText('Close the round'));
    expect((await within(card).findByTestId('st-computing')).textContent).toMatch(
      /Computing every figure on the round's 2 documents, each with 1,000 bootstrap resamples/,
    );
    const count = () => within(card).getByTestId('st-computing-count').textContent ?? '';
    expect((await within(card).findByTestId('st-computing-count')).textContent).toMatch(/^\d+ of 2,000 drawn$/);
    const first = Number.parseInt(count(), 10);
    await waitFor(() => expect(Number.parseInt(count(), 10)).toBeGreaterThan(first));
    expect(api.roundWork).toHaveBeenCalledWith('R1');
    release();
    await within(card).findByTestId('st-figures');
    expect(within(card).queryByTestId('st-computing')).toBeNull();
    const asked = vi.mocked(api.roundWork).mock.calls.length;
    await new Promise((r) => setTimeout(r, 900));
    expect(vi.mocked(api.roundWork).mock.calls.length).toBe(asked);
  });

  it("asks for a round's progress again only once the last answer is in, so the count never runs backwards", async () => {
    const { api, release, drawn } = closingRound();
    await openStudy(api);
    const card = await openRound('R1', 'main', 2);
    const held = holdNextAnswer(vi.mocked(api.roundWork));
    fireEvent.click(within(card).getByTestId('st-close'));
    fireEvent.click(within(card).getByText('Close the round'));
    await within(card).findByTestId('st-computing');
    await waitFor(() => expect(held).toHaveLength(1));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 1000));
    });
    expect(api.roundWork).toHaveBeenCalledTimes(1);
    await act(async () => {
      for (const answer of held) answer();
    });
    const count = await within(card).findByTestId('st-computing-count');
    expect(Number.parseInt(count.textContent ?? '', 10)).toBe(drawn());
    await waitFor(() => expect(vi.mocked(api.roundWork).mock.calls.length).toBeGreaterThan(1));
    release();
    await within(card).findByTestId('st-figures');
  });

  it('a training round shows each coder their agreement with gold per label once submitted', async () => {
    const gold = rec('doc-1', 'gold', [[0, 6, 'Economic']]);
    const api = createFakeApi({ records: [...RECORDS, gold] });
    withStudy(api);
    await openStudy(api);
    const card = await openRound('Pilot', 'training', 2);
    fireEvent.click(within(card).getByTestId('st-show-training'));
    const training = await within(card).findByTestId('st-training');
    expect(api.trainingResults).toHaveBeenCalledWith('Pilot', 'alice');
    const coders = within(training).getAllByTestId('st-training-coder');
    expect(coders).toHaveLength(1);
    expect(coders[0].textContent).toMatch(/^alice/);
    expect(coders[0].textContent).toMatch(/Economic/);
    expect(coders[0].textContent).toMatch(/All labels/);
  });

  it('charts α round by round and lists the codebook changes recorded between rounds', async () => {
    const api = createFakeApi({ records: RECORDS });
    const study = withStudy(api);
    await openStudy(api);
    const r1 = await openRound('R1', 'main', 1);
    fireEvent.click(within(r1).getByTestId('st-close'));
    fireEvent.click(within(r1).getByText('Close the round'));
    await within(r1).findByTestId('st-figures');
    study.changelog.push({
      fromVersion: 3,
      toVersion: 4,
      at: '2026-02-09T10:00:00.000Z',
      by: 'lead',
      why: 'coders mixed up economy and security',
      changes: [{ kind: 'label-changed', label: 'Economic', fields: ['description'] }],
    });
    api.info.codebook = { ...api.info.codebook, version: 4 };
    const r2 = await openRound('R2', 'main', 1);
    fireEvent.click(within(r2).getByTestId('st-close'));
    fireEvent.click(within(r2).getByText('Close the round'));
    await within(r2).findByTestId('st-figures');
    const chart = await screen.findByTestId('st-alpha-chart');
    await waitFor(() => expect(within(chart).getAllByTestId('st-chart-point')).toHaveLength(2));
    expect(within(chart).getByTestId('st-alpha-table').textContent).toMatch(/VariableR1R2/);
    const change = within(chart).getByTestId('st-change');
    expect(change.textContent).toMatch(
      /v3 → v4, 2026-02-09, lead: “coders mixed up economy and security” — span label “Economic”: description changed/,
    );
    expect(chart.textContent).toMatch(/R1 → R2 \(v3 → v4\)/);
  });
});

describe('codebook edits in a study', () => {
  it('ask why, and while a round is open whether to end it or start a new round', async () => {
    const api = createFakeApi({ records: RECORDS });
    withStudy(api);
    await openStudy(api);
    await openRound('R1', 'main', 2);
    fireEvent.click(screen.getByTestId('view-annotate'));
    fireEvent.click(await screen.findByTestId('edit-codebook'));
    const editor = await screen.findByTestId('codebook-editor');
    const choice = await within(editor).findByTestId('cb-rounds');
    expect(choice.textContent).toMatch(/Round “R1” is open with version 3 frozen/);
    fireEvent.click(within(editor).getByTestId('add-span-label'));
    expect((await within(editor).findByText(/Say why the codebook changes/)).textContent).toBeTruthy();
    expect(api.saveCodebook).not.toHaveBeenCalled();
    fireEvent.change(within(editor).getByTestId('cb-why'), { target: { value: 'a label for victims' } });
    fireEvent.click(within(editor).getByTestId('cb-rounds-restart'));
    fireEvent.click(within(editor).getByTestId('add-span-label'));
    await waitFor(() => expect(api.saveCodebook).toHaveBeenCalled());
    expect(vi.mocked(api.saveCodebook).mock.calls[0][2]).toEqual({
      why: 'a label for victims',
      by: 'alice',
      rounds: 'restart',
    });
  });

  it('relation types go the same way: a rename and a delete carry the reason and the round choice', async () => {
    const api = createFakeApi({ records: RECORDS });
    withStudy(api);
    api.info.codebook = {
      ...api.info.codebook,
      relationTypes: [
        { name: 'blames', color: '#aa0000' },
        { name: 'refers to', color: '#00aa00' },
      ],
    };
    await openStudy(api);
    await openRound('R1', 'main', 2);
    fireEvent.click(screen.getByTestId('view-annotate'));
    fireEvent.click(await screen.findByTestId('edit-codebook'));
    const editor = await screen.findByTestId('codebook-editor');
    await within(editor).findByTestId('cb-rounds');
    const chooseType = (name: string) =>
      fireEvent.click(
        within(editor)
          .getAllByTestId('cb-relation-type')
          .find((b) => b.textContent?.startsWith(name))!,
      );
    chooseType('blames');
    const form = within(editor).getByTestId('relation-type-form');
    fireEvent.change(form.querySelector('[data-field="Name"]')!, { target: { value: 'accuses' } });
    fireEvent.change(form.querySelector('[data-field="Description"]')!, { target: { value: 'who is blamed' } });
    await act(async () => fireEvent.click(within(editor).getByTestId('save-relation-type')));
    expect((await within(editor).findByText(/Say why the codebook changes/)).textContent).toBeTruthy();
    expect(api.saveCodebook).not.toHaveBeenCalled();
    expect(api.renameRelationType).not.toHaveBeenCalled();

    fireEvent.change(within(editor).getByTestId('cb-why'), { target: { value: 'blame is too broad' } });
    fireEvent.click(within(editor).getByTestId('cb-rounds-restart'));
    await act(async () => fireEvent.click(within(editor).getByTestId('save-relation-type')));
    await waitFor(() => expect(api.saveCodebook).toHaveBeenCalledTimes(1));
    const [saved, , edit] = vi.mocked(api.saveCodebook).mock.calls[0];
    expect(edit).toEqual({
      why: 'blame is too broad',
      by: 'alice',
      rounds: 'restart',
      renames: { relationTypes: { blames: 'accuses' } },
    });
    expect(saved.relationTypes).toEqual([
      { name: 'accuses', color: '#aa0000', description: 'who is blamed' },
      { name: 'refers to', color: '#00aa00' },
    ]);
    expect(api.renameRelationType).not.toHaveBeenCalled();

    await waitFor(() => expect(within(editor).getAllByTestId('cb-relation-type')).toHaveLength(2));
    chooseType('refers to');
    await act(async () => fireEvent.click(within(editor).getByTestId('delete-relation-type')));
    await waitFor(() => expect(api.deleteRelationType).toHaveBeenCalled());
    const [name, , deleteEdit] = vi.mocked(api.deleteRelationType).mock.calls[0];
    expect([name, deleteEdit]).toEqual(['refers to', { why: 'blame is too broad', by: 'alice', rounds: 'restart' }]);
  });
});
