// Issue 7's E2E: the Outlets view on the sample project. "terrorist riots" sits under the unknown outlet
// and MENAFN has its own phrases; a phrase opens its occurrences; the charts draw bars; accepting a
// suggestion for alice puts the span into annotations/alice/<doc>.json on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, openSampleApp, RESULTS, type Served } from './harness';

let served: Served;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  ({ served, browser, page } = await openSampleApp({ width: 1440, height: 1000 }));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

const column = (outlet: string) => page.locator(`[data-testid="ol-column"][data-outlet="${outlet}"]`);

describe('the Outlets view in the browser app', () => {
  it('puts the outlets’ phrases for a label side by side and shows a phrase in context', async () => {
    await page.goto(served.url);
    await page.getByTestId('annotator').selectOption('alice');
    await page.getByTestId('view-outlets').click();
    await page.getByTestId('outlets-view').waitFor();
    await page.getByTestId('ol-label').selectOption('Unrest naming: delegitimizing');
    const unknown = column('(unknown)');
    await unknown.locator('[data-phrase="terrorist riots"]').waitFor();
    expect(await unknown.getByTestId('ol-phrase').first().getAttribute('data-phrase')).toBe('terrorist riots');
    const menafn = column('MENAFN');
    const theirs = await menafn
      .getByTestId('ol-phrase')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-phrase')));
    expect(theirs).toContain('cruel and senseless unrest');
    expect(theirs).not.toContain('terrorist riots');
    await page.screenshot({ path: join(RESULTS, 'outlets-phrases.png') });

    await unknown.locator('[data-phrase="terrorist riots"]').click();
    const contexts = page.getByTestId('ol-contexts');
    await contexts.getByTestId('ol-hit').first().waitFor();
    expect(await contexts.getByTestId('ol-hit').count()).toBeGreaterThanOrEqual(1);
    expect((await contexts.locator('mark').first().textContent())?.toLowerCase()).toBe('terrorist riots');
    await page.screenshot({ path: join(RESULTS, 'outlets-contexts.png'), fullPage: true });
  });

  it('draws the charts as SVG with bars', async () => {
    await page.getByTestId('ol-tab-charts').click();
    const rates = page.getByTestId('chart-rates');
    await rates.getByTestId('chart-svg').waitFor();
    await expect.poll(() => rates.getByTestId('chart-bar').count()).toBeGreaterThan(2);
    await expect.poll(() => page.getByTestId('chart-doclabels').count()).toBeGreaterThan(0);
    const box = await rates.getByTestId('chart-bar').first().boundingBox();
    expect(box?.height).toBeGreaterThan(0);
    // PNG export draws the SVG from a data: URL; it must not trip the CSP or throw.
    const download = page.waitForEvent('download');
    await rates.getByTestId('export-png').click();
    expect((await download).suggestedFilename()).toBe('label-frequency-per-outlet.png');
    await page.screenshot({ path: join(RESULTS, 'outlets-charts.png'), fullPage: true });
  });

  it('shows the stories with the articles aligned by label', async () => {
    await page.getByTestId('ol-tab-stories').click();
    const group = page.locator('[data-testid="story-group"][data-story="putin-pezeshkian-call"]');
    await group.getByTestId('story-align').click();
    const table = page.getByTestId('ol-align');
    await table.getByTestId('ol-align-row').first().waitFor();
    await expect.poll(() => table.getByTestId('ol-align-article').count()).toBe(2);
    await page.screenshot({ path: join(RESULTS, 'outlets-stories.png'), fullPage: true });
  });

  it('accepts a suggestion for alice into her file on disk', async () => {
    await page.getByTestId('ol-tab-suggestions').click();
    const item = page.getByTestId('sugg-item').first();
    await item.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(RESULTS, 'outlets-suggestions.png'), fullPage: true });
    const doc = (await item.getAttribute('data-document'))!;
    const label = (await page.getByTestId('sugg-group').first().getAttribute('data-label'))!;
    const file = join(served.projectDir, 'annotations', 'alice', `${doc}.json`);
    const before = JSON.parse(await readFile(file, 'utf8'));
    const count = (await page.getByTestId('sugg-item').count()) - 1;
    await item.getByTestId('sugg-accept').click();
    await expect.poll(() => page.getByTestId('sugg-item').count(), { timeout: 15_000 }).toBe(count);
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.spans.length).toBe(before.spans.length + 1);
    const added = after.spans.filter(
      (s: { start: number; end: number; label: string }) =>
        !before.spans.some((b: typeof s) => b.start === s.start && b.end === s.end && b.label === s.label),
    );
    expect(added).toHaveLength(1);
    expect(added[0].label).toBe(label);
    expect(errors).toEqual([]);
  });
});
