// Shared set-up for the Outlets view tests: a fake API with an outlet report, and the view in a store.
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { OutletReport } from '../../../src/core/api';
import { OutletsView, type OutletTab } from '../../../src/renderer/outlets/OutletsView';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi, type FakeApi } from '../fakeApi';

/** A report with two outlets, a plural pair, rates and document labels. */
export const REPORT: OutletReport = {
  labels: {
    Economic: {
      'Daily Planet': [
        { phrase: 'prices', count: 3, documents: ['doc-1'] },
        { phrase: 'price', count: 1, documents: ['doc-1'] },
        { phrase: 'sharply', count: 1, documents: ['doc-1'] },
      ],
      Hamshahri: [{ phrase: 'قیمت‌ها', count: 2, documents: ['doc-2'] }],
    },
  },
  relations: {
    'attributes responsibility to': {
      'Daily Planet': [
        { phrase: 'foreign agents', count: 2, documents: ['doc-1'] },
        { phrase: 'the mayor', count: 1, documents: ['doc-1'] },
      ],
      Hamshahri: [{ phrase: 'foreign agents', count: 1, documents: ['doc-2'] }],
    },
  },
  rates: {
    'Daily Planet': { words: 10, documents: 1, perThousandWords: { Economic: 400, Security: 100 } },
    Hamshahri: { words: 20, documents: 1, perThousandWords: { Economic: 100 } },
  },
  doc_labels: {
    byOutlet: { stance: { 'Daily Planet': { pro: 2, contra: 1 }, Hamshahri: { neutral: 1 } } },
    byMonth: { stance: { '2024-03': { pro: 2, contra: 1 }, '(undated)': { neutral: 1 } } },
  },
};

/** The fake API with outlet methods that answer from REPORT. */
export function outletApi(): FakeApi {
  const api = createFakeApi();
  api.outlets = vi.fn(async () => REPORT);
  return api;
}

/** The view inside a store whose project (codebook, annotators) is loaded. */
export async function renderOutlets(api: FakeApi, tab: OutletTab = 'phrases') {
  const store = createAppStore(api);
  await store.getState().init();
  const utils = render(
    <StoreContext.Provider value={store}>
      <OutletsView initialTab={tab} />
    </StoreContext.Provider>,
  );
  return { store, ...utils };
}
