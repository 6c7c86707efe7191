import { act, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StoreContext, useAppPick } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi } from '../fakeApi';

const seen: string[] = [];

function Probe() {
  const { annotator, showOthers } = useAppPick('annotator', 'showOthers');
  seen.push(`${annotator}/${showOthers}`);
  return null;
}

describe('useAppPick', () => {
  it('gives the picked fields and re-renders only when one of them changes', () => {
    const store = createAppStore(createFakeApi());
    render(
      <StoreContext.Provider value={store}>
        <Probe />
      </StoreContext.Provider>,
    );
    const first = seen.length;
    act(() => store.setState({ notice: 'unrelated' }));
    expect(seen).toHaveLength(first);
    act(() => store.setState({ annotator: 'bob' }));
    expect(seen.at(-1)).toBe(`bob/${store.getState().showOthers}`);
    expect(seen).toHaveLength(first + 1);
  });
});
