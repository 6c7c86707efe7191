import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ReportWork } from '../../../src/core/api';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { useJobResult, useReportJob } from '../../../src/renderer/state/useReportJob';
import { createFakeApi } from '../fakeApi';

const work = (id: string, state: ReportWork['state'] = 'done') => ({ id, state }) as ReportWork;

describe('useJobResult', () => {
  it('keeps the answer of the latest fetch, even when an earlier one answers after it', async () => {
    const store = createAppStore(createFakeApi());
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
    );
    const answers = new Map<string, (v: string) => void>();
    const fetch = (id: string) => new Promise<string>((resolve) => answers.set(id, resolve));
    const { result } = renderHook(() => useJobResult(fetch, (w) => w.state === 'done'), { wrapper });
    act(() => result.current.onReady(work('skipped', 'running')));
    expect(answers.has('skipped')).toBe(false);
    act(() => {
      result.current.onReady(work('old'));
      result.current.onReady(work('new'));
    });
    await act(async () => answers.get('new')?.('figures of new'));
    await act(async () => answers.get('old')?.('figures of old'));
    expect(result.current.value).toBe('figures of new');
    expect(result.current.job).toBe('new');
  });
});

describe('useReportJob', () => {
  it('shows the job started after a cancel, even when the cancel answers after it', async () => {
    const api = createFakeApi();
    const running = (id: string) => ({ ...work(id, 'running'), ready: false, done: 0, total: 0 });
    let started = 0;
    api.startReport = vi.fn(async () => running(++started === 1 ? 'first' : 'second'));
    api.reportWork = vi.fn(async (id: string) => running(id));
    const held: (() => void)[] = [];
    api.cancelReport = vi.fn(
      (id: string) => new Promise<ReportWork>((done) => held.push(() => done({ ...running(id), state: 'cancelled' }))),
    );
    const store = createAppStore(api);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
    );
    const { result, unmount } = renderHook(() => useReportJob(() => {}), { wrapper });
    await act(async () => result.current.start({ kind: 'queue' }));
    expect(result.current.work?.id).toBe('first');
    act(() => result.current.cancel());
    await act(async () => result.current.start({ kind: 'queue' }));
    expect(result.current.work?.id).toBe('second');
    await act(async () => {
      for (const release of held) release();
    });
    expect(result.current.work).toMatchObject({ id: 'second', state: 'running' });
    unmount();
  });
});
