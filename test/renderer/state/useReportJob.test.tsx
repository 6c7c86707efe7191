import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { ReportWork } from '../../../src/core/api';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { useJobResult } from '../../../src/renderer/state/useReportJob';
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
