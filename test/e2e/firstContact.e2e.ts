// A newcomer's first minutes: asked who they are on first launch (the sample opened as their own copy),
// a mark made before naming themselves is applied after the dialog, the sample shows coded work, a
// dropped folder of articles is listed, the welcome screen, and an export download.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, RESULTS, type Served, selectPhrase, serveSample } from './harness';

const DOC = '001_3fc97e4f2f91e271';
let served: Served & { dir: string };
let browser: Browser;
let page: Page;
let work: string;

beforeAll(async () => {
  served = await serveSample({ annotator: null, project: null });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  work = await mkdtemp(join(tmpdir(), 'framelens-first-'));
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('first contact', () => {
  it('asks who is annotating on first launch, in a copy of the sample', async () => {
    await page.goto(served.url);
    const dialog = page.getByTestId('identity-dialog');
    await dialog.waitFor();
    expect((await page.getByTestId('identity-name').inputValue()).length).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'first-identity.png') });
    // The sample is never opened in place: its copy is in the user's documents folder.
    expect(existsSync(join(served.dir, 'documents', 'Frame Lens', 'Sample project', 'project.json'))).toBe(true);
    await page.getByRole('button', { name: 'Not now' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('applies a mark made before naming oneself once the name is confirmed', async () => {
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.locator('[data-testid="reader"]:not(.loading)').waitFor();
    await selectPhrase(page, 'deadly clashes');
    await page.keyboard.press('1');
    await page.getByTestId('identity-dialog').waitFor();
    await page.getByTestId('identity-name').fill('zoe');
    await page.getByTestId('identity-ok').click();
    // the mark is applied once the name is stored, a render or more after the click
    await expect
      .poll(async () => (await page.getByTestId('span-run').allTextContents()).join(''))
      .toContain('deadly clashes');
    await expect.poll(() => page.getByTestId('annotator').inputValue()).toBe('zoe');
    // The indicator reads "saved" before the mark's save starts too: the file on disk is what counts.
    const copy = join(served.dir, 'documents', 'Frame Lens', 'Sample project');
    const stored = () =>
      readFile(join(copy, 'annotations', 'zoe', `${DOC}.json`), 'utf8').then(
        (text) => JSON.parse(text).spans.length as number,
        () => 0,
      );
    await expect.poll(stored, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await page.screenshot({ path: join(RESULTS, 'first-mark.png') });
    // Remembered for this user: a reload does not ask again.
    await page.reload();
    await page.getByTestId('doc-item').first().waitFor();
    expect(await page.getByTestId('identity-dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('annotator').inputValue()).toBe('zoe');
  });

  it('shows the sample with highlights', async () => {
    await page.getByTestId('annotator').selectOption('alice');
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.getByTestId('span-run').first().waitFor();
    await expect.poll(() => page.getByTestId('span-run').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(RESULTS, 'first-sample.png') });
  });

  it('shows the welcome screen, and a new project asks for articles; a dropped folder is listed', async () => {
    await page.getByTestId('close-project').click();
    await page.getByTestId('welcome').waitFor();
    await expect.poll(() => page.getByTestId('recent-list').textContent()).toContain('Sample project');
    await page.screenshot({ path: join(RESULTS, 'first-welcome.png') });
    await page.getByTestId('new-name').fill('My study');
    await page.getByTestId('new-create').click();
    await page.getByTestId('import-cta').waitFor();
    await page.screenshot({ path: join(RESULTS, 'first-empty.png') });

    // A synthetic drop of two .txt files on the window.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['The mayor praised the protesters.'], 'one.txt', { type: 'text/plain' }));
      data.items.add(new File(['Rioters blocked the bridge, police said.'], 'two.txt', { type: 'text/plain' }));
      const target = document.querySelector('.app')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByTestId('im-chosen').textContent()).toContain('2 files');
    await page.getByTestId('im-preview-run').click();
    await page.getByTestId('im-import').click();
    await page.getByTestId('im-result').waitFor();
    await page.getByTestId('view-annotate').click();
    await expect.poll(() => page.getByTestId('doc-item').count()).toBe(2);

    // A folder picked with the folder input.
    await writeFile(join(work, 'three.txt'), 'Talks resumed on Monday.');
    await writeFile(join(work, 'four.txt'), 'Critics called the deal a surrender.');
    await page.getByTestId('view-data').click();
    await page.getByTestId('input-folder').setInputFiles(work);
    await expect.poll(() => page.getByTestId('im-chosen').textContent()).toContain('2 files');
    await page.getByTestId('im-preview-run').click();
    await page.getByTestId('im-import').click();
    await page.getByTestId('im-result').waitFor();
    await page.getByTestId('view-annotate').click();
    await expect.poll(() => page.getByTestId('doc-item').count()).toBe(4);
    await page.screenshot({ path: join(RESULTS, 'first-dropped.png') });
    const docs = await readdir(join(served.dir, 'documents', 'Frame Lens', 'My study', 'documents'));
    expect(docs.filter((d) => d.endsWith('.json'))).toHaveLength(4);
  });

  it('exports as a download', async () => {
    await page.getByTestId('view-data').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ex-save').click()]);
    expect(download.suggestedFilename()).toBe('My-study.jsonl');
    const out = join(work, 'out.jsonl');
    await download.saveAs(out);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(4);
    await page.screenshot({ path: join(RESULTS, 'first-export.png') });
  });
});
