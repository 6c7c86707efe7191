// The Relations tab: per relation type, the spans relations point at, counted per outlet.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { outletApi, renderOutlets } from './helpers';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

describe('Outlets: relations', () => {
  it('shows who each outlet blames, most-named target first, one column per outlet', async () => {
    await renderOutlets(outletApi(), 'relations');
    const rows = await screen.findAllByTestId('ol-relation-row');
    const cells = rows.map((r) => [
      r.querySelector('th')?.textContent,
      ...[...r.querySelectorAll('td')].map((c) => c.textContent),
    ]);
    expect(cells).toEqual([
      ['foreign agents', '2', '1'],
      ['the mayor', '1', '0'],
    ]);
    expect((screen.getByTestId('ol-relation-type') as HTMLSelectElement).value).toBe('attributes responsibility to');
  });
});
