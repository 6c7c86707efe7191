// The Relations tab: per relation type, the spans relations point at, counted per outlet, as a table and as a
// chart exportable like the other outlet charts.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { niceTicks } from '../../../src/renderer/outlets/charts/chartData';
import { relationTargetsCsv } from '../../../src/renderer/outlets/csv';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { outletApi, REPORT, renderOutlets } from './helpers';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const PLOT_H = 200;

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

  it('charts each outlet’s count per target, one bar per (outlet, target), and exports the numbers as CSV', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await renderOutlets(outletApi(), 'relations');
    const chart = await screen.findByTestId('chart-relation-targets');
    const svg = within(chart).getByTestId('chart-svg');
    expect(svg.querySelector('title')?.textContent).toBe('Targets of “attributes responsibility to” by outlet');
    const bars = within(chart).getAllByTestId('chart-bar');
    expect(bars.map((b) => [b.dataset.group, b.dataset.series, b.dataset.value])).toEqual([
      ['Daily Planet', 'foreign agents', '2'],
      ['Daily Planet', 'the mayor', '1'],
      ['Hamshahri', 'foreign agents', '1'],
      ['Hamshahri', 'the mayor', '0'],
    ]);
    const top = niceTicks(2).at(-1)!;
    expect(bars.map((b) => Number(b.getAttribute('height')))).toEqual([2, 1, 1, 0].map((v) => (v / top) * PLOT_H));
    // one colour per target, the same in every outlet
    expect(bars[0].getAttribute('fill')).toBe(bars[2].getAttribute('fill'));
    expect(bars[0].getAttribute('fill')).not.toBe(bars[1].getAttribute('fill'));
    expect(bars[1].querySelector('title')?.textContent).toBe('Daily Planet · the mayor: 1 relations');
    fireEvent.click(within(chart).getByTestId('export-csv'));
    expect(await blobs[0].text()).toBe(
      '\uFEFFrelation type,outlet,target,count,documents\r\n' +
        'attributes responsibility to,Daily Planet,foreign agents,2,1 document\r\n' +
        'attributes responsibility to,Daily Planet,the mayor,1,1 document\r\n' +
        'attributes responsibility to,Hamshahri,foreign agents,1,1 document\r\n',
    );
  });

  it('charts the eight most-named targets; the table lists more', async () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ phrase: `target ${i}`, count: 20 - i, documents: ['doc-1'] }));
    const api = outletApi();
    api.outlets = vi.fn(async () => ({ ...REPORT, relations: { blames: { 'Daily Planet': many } } }));
    await renderOutlets(api, 'relations');
    expect(await screen.findAllByTestId('ol-relation-row')).toHaveLength(10);
    const bars = within(screen.getByTestId('chart-relation-targets')).getAllByTestId('chart-bar');
    expect(bars.map((b) => b.dataset.series)).toEqual(many.slice(0, 8).map((t) => t.phrase));
    expect(relationTargetsCsv({ 'a, b': { X: [{ phrase: 'say "no"', count: 1, documents: ['d1', 'd2'] }] } })).toBe(
      'relation type,outlet,target,count,documents\r\n"a, b",X,"say ""no""",1,d1 d2\r\n',
    );
  });
});
