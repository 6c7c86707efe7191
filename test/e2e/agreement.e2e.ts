// Issue 4's E2E: the Agreement view on the sample project shows the figures the CLI prints, computed in a
// worker, and opens a disagreement with both annotators' layers over the text.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, openSampleApp, RESULTS, type Served } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ served, browser, page } = await openSampleApp({ width: 1440, height: 1000 }));
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

describe('the Agreement view in the browser app', () => {
  it('shows α_U as `framelens agreement --json` prints it, and opens a disagreement with both layers', async () => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const cli = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'bin', 'framelens.js'), 'agreement', served.projectDir, '--json'], {
        encoding: 'utf8',
      }),
    );
    await page.goto(served.url);
    await page.getByTestId('view-agreement').click();
    await expect.poll(() => page.getByTestId('ag-status').textContent(), { timeout: 30_000 }).toBe('up to date');
    await expect.poll(() => page.getByTestId('ag-alpha-u').textContent()).toBe(cli.spans.alpha_u.overall.toFixed(3));
    await expect.poll(() => page.getByTestId('ag-label-row').count()).toBe(cli.labels.length);
    await expect.poll(() => page.getByTestId('ag-heat-cell').count()).toBe(2);
    await expect.poll(() => page.getByTestId('ag-doc-row').count()).toBe(cli.per_document.length);
    await page
      .getByText(/no interval: 2 documents carry this figure/)
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(RESULTS, 'agreement.png') });

    await page.getByTestId('ag-f-kind').selectOption('label');
    const item = page.getByTestId('ag-item').first();
    await item.click();
    const compare = page.getByTestId('ag-compare');
    await compare.waitFor();
    const both = compare.locator('[data-testid="ag-seg"]:not([data-a=""]):not([data-b=""])');
    await expect.poll(() => both.count()).toBeGreaterThan(0);
    await expect.poll(() => compare.locator('.ag-seg.ag-diff').count()).toBeGreaterThan(0);
    await expect.poll(() => compare.locator('.ag-seg.ag-focus').count()).toBeGreaterThan(0);
    await compare.locator('.ag-seg.ag-focus').first().scrollIntoViewIfNeeded();
    await page.getByTestId('ag-browser').screenshot({ path: join(RESULTS, 'agreement-browser.png') });
    expect(errors).toEqual([]);
  });
});
