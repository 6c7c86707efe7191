// "viewing: …" is a control: it chooses whose layers the reader shows read-only (all, each annotator, the
// analyst's own once started), by mouse or keyboard, and the choice is remembered per project.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { StudyStatus } from '../../../src/core/api';
import type { AnnotationRecord } from '../../../src/core/model';
import { createFakeApi, type FakeApi, holdNextAnswer } from '../fakeApi';
import { ALICE, asAlice, BOB, openApp } from '../workspace';

const base = ALICE;
const bob = BOB;
const carol: AnnotationRecord = { ...base, annotator: 'carol', spans: [{ start: 0, end: 6, label: 'Source' }] };

asAlice();

async function start(api: FakeApi = createFakeApi({ records: [base, bob, carol] })) {
  await openApp(api);
  return api;
}

const ghosts = () =>
  [...document.querySelectorAll<HTMLElement>('[data-ghosts]')].flatMap((g) => g.dataset.ghosts!.split('|')).sort();

describe('whose layers are shown', () => {
  it('chooses each annotator, all, and the own layer; named checkboxes; remembered for the project', async () => {
    await start();
    fireEvent.click(screen.getByTestId('show-others'));
    await waitFor(() => expect(screen.getByTestId('viewing').textContent).toContain('viewing: bob, carol'));
    expect(ghosts()).toEqual(['bob:Security', 'carol:Source']);
    const choice = screen.getByTestId('viewing-choice');
    fireEvent.click(within(choice).getByRole('checkbox', { name: /^bob/ }));
    expect(ghosts()).toEqual(['carol:Source']);
    expect(screen.getByTestId('viewing').textContent).toContain('viewing: carol');
    // The own layer is offered once it has spans, and hiding it hides its spans.
    expect(screen.getAllByTestId('span-run').length).toBeGreaterThan(0);
    fireEvent.click(within(choice).getByRole('checkbox', { name: /^yours \(alice/ }));
    expect(screen.queryAllByTestId('span-run')).toHaveLength(0);
    expect(screen.getByTestId('viewing').textContent).toContain('your layer hidden');
    fireEvent.click(within(choice).getByRole('checkbox', { name: 'all' }));
    expect(ghosts()).toEqual(['bob:Security', 'carol:Source']);
    expect(screen.getAllByTestId('span-run').length).toBeGreaterThan(0);
    fireEvent.click(within(choice).getByRole('checkbox', { name: /^carol/ }));

    // Opened again, the project shows the same choice.
    cleanup();
    await start();
    await waitFor(() => expect(ghosts()).toEqual(['bob:Security']));
    expect((screen.getByTestId('show-others') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('viewing').textContent).toContain('viewing: bob');
  });

  it('opens and closes by keyboard, returning the focus to "viewing"', async () => {
    await start();
    fireEvent.click(screen.getByTestId('show-others'));
    const summary = await screen.findByTestId('viewing');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.getAttribute('aria-label')).toMatch(/choose whose layers are shown/);
    const details = screen.getByTestId('viewing-choice') as HTMLDetailsElement;
    details.open = true;
    const box = within(details).getByRole('checkbox', { name: /^carol/ });
    box.focus();
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(details.open).toBe(false);
    expect(document.activeElement).toBe(summary);
  });

  it('shows the newest layers when an older read of them answers last', async () => {
    const api = createFakeApi({ records: [base, bob] });
    // The first read answers with the records as they were when it was asked, but only when released.
    const held = holdNextAnswer(vi.mocked(api.listAnnotations));
    await start(api);
    fireEvent.click(screen.getByTestId('show-others'));
    await waitFor(() => expect(held).toHaveLength(1));
    // bob relabels meanwhile; hiding and showing the layers reads them again, and that read answers first
    api.records.set('doc-1/bob', { ...bob, spans: [{ start: 7, end: 11, label: 'Source' }] });
    fireEvent.click(screen.getByTestId('show-others'));
    fireEvent.click(screen.getByTestId('show-others'));
    await waitFor(() => expect(ghosts()).toEqual(['bob:Source']));
    await act(async () => {
      for (const release of held) release();
    });
    expect(ghosts()).toEqual(['bob:Source']);
  });

  it('does not call the next annotator blind on the study read for the one before', async () => {
    const api = createFakeApi({ records: [base, bob] });
    const study = {
      rounds: [{ name: 'r1', state: 'open', coders: ['alice'], sample: { documents: ['doc-1'] } }],
    } as unknown as StudyStatus;
    const held: (() => void)[] = [];
    // alice's read of the study answers only once bob's has
    api.study = vi
      .fn()
      .mockImplementationOnce(() => new Promise((done) => held.push(() => done(study))))
      .mockImplementation(async () => study);
    await start(api);
    await waitFor(() => expect(held).toHaveLength(1));
    fireEvent.change(screen.getByTestId('annotator'), { target: { value: 'bob' } });
    await waitFor(() => expect(vi.mocked(api.study).mock.calls.length).toBeGreaterThan(1));
    await act(async () => {
      for (const release of held) release();
    });
    expect(screen.queryByTestId('blind-note')).toBeNull();
  });
});
