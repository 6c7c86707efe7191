// Issue 2's E2E: open the sample project, select a phrase, press 1, reload: the span is still there
// and it is in the annotator's file on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, openSampleApp, RESULTS, type Served, selectPhrase } from './harness';

const DOC = '001_3fc97e4f2f91e271';
const PHRASE = 'deadly clashes';
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ served, browser, page } = await openSampleApp({ width: 1280, height: 800 }));
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

describe('annotating in the browser app', () => {
  it('shows the sample project: documents, highlighted spans, codebook labels', async () => {
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(served.url);
    await page.getByTestId('doc-item').first().waitFor();
    await expect.poll(() => page.getByTestId('doc-item').count()).toBe(2);
    await expect.poll(() => page.getByTestId('label-item').count()).toBe(9);
    await page.getByTestId('annotator').selectOption('alice');
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.getByTestId('span-run').first().waitFor();
    // The window renders the paragraphs on screen once it has measured them.
    await expect.poll(() => page.getByTestId('span-run').count()).toBeGreaterThan(10);
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(RESULTS, 'sample-alice.png') });
    expect(consoleErrors).toEqual([]);
  });

  it('marks a phrase with key 1 as a new annotator, and it survives a reload and is on disk', async () => {
    await page.getByTestId('annotator').selectOption({ label: 'New annotator…' });
    await page.getByTestId('annotator-new').fill('carol');
    await page.getByTestId('annotator-new').press('Enter');
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.getByTestId('reader').getByText('Putin held a phone conversation', { exact: false }).waitFor();
    expect(await page.getByTestId('span-run').count()).toBe(0);

    await selectPhrase(page, PHRASE.slice(1, -2)); // a sloppy selection: snapped to whole words
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/saved/i);
    const run = page.getByTestId('span-run').first();
    expect(await run.getAttribute('data-labels')).toContain('Foreign attribution');

    const file = JSON.parse(await readFile(join(served.projectDir, 'annotations', 'carol', `${DOC}.json`), 'utf8'));
    const doc = JSON.parse(await readFile(join(served.projectDir, 'documents', `${DOC}.json`), 'utf8'));
    expect(file.spans).toHaveLength(1);
    const cps = Array.from(doc.text as string);
    expect(cps.slice(file.spans[0].start, file.spans[0].end).join('')).toBe(PHRASE);
    expect(file.spans[0].label).toBe('Foreign attribution');

    await page.reload();
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.getByTestId('span-run').first().waitFor();
    expect(await page.getByTestId('annotator').inputValue()).toBe('carol');
    await expect.poll(async () => (await page.getByTestId('span-run').allTextContents()).join('')).toContain(PHRASE);
    await page.screenshot({ path: join(RESULTS, 'after-reload.png') });
  });
});
