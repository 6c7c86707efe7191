// The charts: one bar per (outlet, label) with heights proportional to the rate, stacked document-label
// bars, SVG/PNG export through a data: URL, and the CSV tables.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BarChart } from '../../../../src/renderer/outlets/charts/BarChart';
import { niceTicks, rateChartData, stackChartData } from '../../../../src/renderer/outlets/charts/chartData';
import { svgDataUrl, svgText } from '../../../../src/renderer/outlets/charts/exportChart';
import { docLabelsCsv, phrasesCsv, ratesCsv } from '../../../../src/renderer/outlets/csv';
import { ANNOTATOR_KEY } from '../../../../src/renderer/state/annotator';
import { CODEBOOK } from '../../fakeApi';
import { outletApi, REPORT, renderOutlets } from '../helpers';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const PLOT_H = 200;

describe('Outlets: charts', () => {
  it('draws one bar per (outlet, label) with heights proportional to the rate', async () => {
    await renderOutlets(outletApi(), 'charts');
    const chart = await screen.findByTestId('chart-rates');
    const svg = within(chart).getByTestId('chart-svg');
    expect(svg.querySelector('title')?.textContent).toBe('Label frequency per outlet');
    const bars = within(chart).getAllByTestId('chart-bar');
    // 2 outlets × 2 labels (Economic, Security), zeros included.
    expect(bars.map((b) => `${b.dataset.group}|${b.dataset.series}`)).toEqual([
      'Daily Planet|Economic',
      'Daily Planet|Security',
      'Hamshahri|Economic',
      'Hamshahri|Security',
    ]);
    const top = niceTicks(400).at(-1)!;
    const want = [400, 100, 100, 0].map((v) => (v / top) * PLOT_H);
    expect(bars.map((b) => Number(b.getAttribute('height')))).toEqual(want);
    // A bar's baseline is the axis: y + height is the same for every bar.
    expect(new Set(bars.map((b) => Number(b.getAttribute('y')) + Number(b.getAttribute('height')))).size).toBe(1);
    expect(bars[0].querySelector('title')?.textContent).toBe('Daily Planet · Economic: 400 spans per 1,000 words');
    expect(bars[0].getAttribute('fill')).toBe(CODEBOOK.spanLabels[0].color);
  });

  it('stacks document labels per outlet and per month (undated last)', async () => {
    await renderOutlets(outletApi(), 'charts');
    const [byOutlet] = await screen.findAllByTestId('chart-doclabels');
    const planet = within(byOutlet)
      .getAllByTestId('chart-bar')
      .filter((b) => b.dataset.group === 'Daily Planet');
    expect(planet.map((b) => [b.dataset.series, b.dataset.value])).toEqual([
      ['pro', '2'],
      ['contra', '1'],
    ]);
    const [months] = screen.getAllByTestId('chart-months');
    expect(
      within(months)
        .getAllByTestId('chart-group')
        .map((g) => g.dataset.group),
    ).toEqual(['2024-03', '(undated)']);
    expect(stackChartData({ b: { x: 1 }, a: { y: 2 } }, ['y', 'x']).values).toEqual([
      [2, 0],
      [0, 1],
    ]);
  });

  it('exports the chart as a standalone SVG and as a data: URL image for the PNG', () => {
    render(
      <BarChart
        title="T"
        description="D"
        data={rateChartData(REPORT.rates, CODEBOOK.spanLabels)}
        unit="per 1,000 words"
      />,
    );
    const text = svgText(screen.getByTestId('chart-svg') as unknown as SVGSVGElement);
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text.match(/data-testid="chart-bar"/g)).toHaveLength(4);
    expect(svgDataUrl(text)).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3C%3Fxml/);
  });

  it('downloads a chart as SVG and its table as CSV through a Blob', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toMatch(/^label-frequency-per-outlet\.(svg|csv)$/);
    });
    await renderOutlets(outletApi(), 'charts');
    const chart = await screen.findByTestId('chart-rates');
    fireEvent.click(within(chart).getByTestId('export-svg'));
    fireEvent.click(within(chart).getByTestId('export-csv'));
    expect(clicks).toHaveBeenCalledTimes(2);
    expect(blobs[0].type).toBe('image/svg+xml');
    expect(await blobs[0].text()).toContain('<svg');
    expect(blobs[1].type).toBe('text/csv;charset=utf-8');
    expect(await blobs[1].text()).toBe(
      '\uFEFFoutlet,words,documents,Economic per 1000 words,Security per 1000 words\r\n' +
        'Daily Planet,10,1,400,100\r\nHamshahri,20,1,100,0\r\n',
    );
  });
});

describe('Outlets: CSV tables', () => {
  it('writes rates, document labels and phrases, quoted where needed', () => {
    expect(ratesCsv(REPORT.rates, ['Economic'])).toBe(
      'outlet,words,documents,Economic per 1000 words\r\nDaily Planet,10,1,400\r\nHamshahri,20,1,100\r\n',
    );
    expect(docLabelsCsv(REPORT.doc_labels.byMonth, 'month')).toBe(
      'group,month,value,count\r\nstance,2024-03,pro,2\r\nstance,2024-03,contra,1\r\nstance,(undated),neutral,1\r\n',
    );
    expect(phrasesCsv({ L: { 'A, B': [{ phrase: 'say "no"', count: 2, documents: ['d1', 'd2'] }] } })).toBe(
      'label,outlet,phrase,count,documents\r\nL,"A, B","say ""no""",2,d1 d2\r\n',
    );
    expect(phrasesCsv({ L: { A: [{ phrase: 'riot', count: 40, documents: ['d1', 'd2'], documentCount: 30 }] } })).toBe(
      'label,outlet,phrase,count,documents\r\nL,A,riot,40,d1 d2 … 28 more\r\n',
    );
    expect(phrasesCsv({ L: { A: [{ phrase: 'riot', count: 40, documents: [], documentCount: 30 }] } })).toBe(
      'label,outlet,phrase,count,documents\r\nL,A,riot,40,30 documents\r\n',
    );
  });
});
