// Issue 5's E2E: the Import & export view in the browser app. A scraped .txt with an error page, a byline and
// a paragraph printed twice is previewed with clean-up (every removal listed), imported (the file lands in
// the project's documents folder and the Annotate list), and the project is exported as a JSONL download.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, openSampleApp, RESULTS, type Served } from './harness';

const BODY = [
  'The city council voted on Tuesday to expand the bus network across the northern districts.',
  'Opponents said the plan would raise fares for commuters who already pay the most <script>alert(1)</script>.',
];
const SCRAPED = [
  'Sorry!!',
  "Error! We're sorry, but the page you were looking for doesn't exist.",
  'Council expands bus network',
  'By Jane Doe',
  '16/01/2026',
  ...BODY,
  ...BODY,
  'Comments 12',
  'Most popular stories',
  'Another story entirely',
].join('\n');

let served: Served;
let browser: Browser;
let page: Page;
let work: string;

beforeAll(async () => {
  ({ served, browser, page } = await openSampleApp({ width: 1440, height: 1000 }));
  work = await mkdtemp(join(tmpdir(), 'framelens-import-e2e-'));
  await writeFile(join(work, 'bus-network.txt'), SCRAPED);
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
  if (work) await rm(work, { recursive: true, force: true });
});

/** The view scrolls inside the window: grow the window to the view's height so the screenshot shows all of it. */
async function shot(name: string) {
  const height = await page.evaluate(() => document.querySelector('.im-view')?.scrollHeight ?? 1000);
  await page.setViewportSize({ width: 1440, height: Math.min(4000, height + 80) });
  await page.screenshot({ path: join(RESULTS, `importer-${name}.png`) });
  await page.setViewportSize({ width: 1440, height: 1000 });
}

describe('the Import & export view in the browser app', () => {
  it('previews the clean-up, imports the article, and exports JSONL', async () => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(served.url);
    await page.getByTestId('view-data').click();
    // The folder picker (a webkitdirectory input): its files are uploaded through the API.
    await page.getByTestId('input-folder').setInputFiles(work);
    await page.getByTestId('im-chosen').waitFor();
    expect(await page.getByTestId('im-format-note').textContent()).toBe('guessed: txt');
    await page.getByTestId('im-preview-run').click();

    const ba = page.getByTestId('im-before-after');
    await ba.waitFor();
    const kinds = await ba.getByTestId('im-action').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual([
      'error-page',
      'error-page',
      'header',
      'header',
      'header',
      'duplicate-body',
      'boilerplate',
      'trailing-links',
    ]);
    const removed = await ba.locator('del').allTextContents();
    expect(removed).toContain('Sorry!!');
    expect(removed).toContain(BODY[0]);
    expect(removed).toContain('Most popular stories');
    expect(await page.getByTestId('im-file-encoding').allTextContents()).toHaveLength(1);
    const text = await page.getByTestId('im-preview-text').textContent();
    expect(text).toBe(BODY.join('\n'));
    await shot('preview');

    // Switching duplicate-body off re-previews: the second copy stays.
    await page.getByTestId('im-clean-duplicate-body').uncheck();
    await expect.poll(() => page.getByTestId('im-preview-text').textContent()).toBe([...BODY, ...BODY].join('\n'));
    await page.getByTestId('im-clean-duplicate-body').check();
    await expect.poll(() => page.getByTestId('im-preview-text').textContent()).toBe(BODY.join('\n'));

    await page.getByTestId('im-import').click();
    const result = page.getByTestId('im-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Imported: 1 new document');
    await shot('imported');

    const file = JSON.parse(await readFile(join(served.projectDir, 'documents', 'bus-network.json'), 'utf8'));
    expect(file.text).toBe(BODY.join('\n'));
    expect(file.meta.title).toBe('Council expands bus network');
    expect(file.meta.published).toBe('2026-01-16');

    await page.getByTestId('view-annotate').click();
    const item = page.locator('[data-testid=doc-item][data-doc-id="bus-network"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('Council expands bus network');

    await page.getByTestId('view-data').click();
    const out = join(work, 'dataset.jsonl');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ex-save').click()]);
    expect(download.suggestedFilename()).toMatch(/\.jsonl$/);
    await download.saveAs(out);
    const written = page.getByTestId('ex-result');
    await written.waitFor();
    expect(await written.textContent()).toContain(download.suggestedFilename());
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const ours = lines.find((l) => l.id === 'bus-network');
    expect(ours?.text).toBe(BODY.join('\n'));
    expect(lines.length).toBeGreaterThan(1);
    await shot('export');
    expect(errors).toEqual([]);
  });

  it('maps the columns of a CSV of documents, guessed first and edited', async () => {
    const csv = join(work, 'articles.csv');
    await writeFile(
      csv,
      'uid,headline,body,site,section\r\nc-1,Markets fall,Shares fell sharply on Monday.,Daily Planet,Business\r\n',
    );
    await page.getByTestId('input-files').setInputFiles(csv);
    await expect.poll(() => page.getByTestId('im-chosen').textContent()).toContain('articles.csv');
    await page.getByTestId('im-preview-run').click();
    await page.getByTestId('im-mapping').waitFor();
    expect(await page.getByTestId('im-map-text').inputValue()).toBe('body');
    await page.getByTestId('im-map-outlet').selectOption('section');
    await expect.poll(() => page.getByTestId('im-preview-doc').first().textContent()).toContain('Business');
    await shot('csv');
  });
});
