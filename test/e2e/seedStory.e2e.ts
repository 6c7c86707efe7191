// The seed story end to end, as a new user meets it: the two raw seed articles (test/fixtures/seed) imported
// through the wizard with clean-up, MENAFN detected from one article's dateline and the other's outlet typed
// in the preview; two annotators code the naming phrases differently; the Agreement view shows the
// disagreement in words; it is settled in Adjudicate (the rest accepted as unanimous); the Outlets view puts
// each outlet's settled phrases side by side. Every step is screenshotted (test-results/ and /tmp).
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../src/core/model';
import { launchChromium, RESULTS, type Served, selectPhrase, serveSample } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'test', 'fixtures', 'seed');
const PRESS_TV_STYLE = '000_e19e2984cdeb2e20';
const MENAFN = '001_3fc97e4f2f91e271';
const DELEGIT = 'Unrest naming: delegitimizing';
const NEUTRAL = 'Unrest naming: neutral/legitimizing';

let served: Served;
let browser: Browser;
let page: Page;
let raw: string;

beforeAll(async () => {
  raw = await mkdtemp(join(tmpdir(), 'framelens-seed-raw-'));
  for (const id of [PRESS_TV_STYLE, MENAFN]) await copyFile(join(SEED, `${id}.txt`), join(raw, `${id}.txt`));
  served = await serveSample(async (dir) => {
    execFileSync(process.execPath, [
      join(ROOT, 'bin', 'framelens.js'),
      'init',
      dir,
      '--name',
      'Seed story',
      '--codebook',
      join(ROOT, 'annotations', 'codebook.json'),
    ]);
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (raw) await rm(raw, { recursive: true, force: true });
});

let step = 0;
/** A screenshot of the whole view (grown to its height), to test-results/ and /tmp. */
async function shot(name: string, scroller = 'main, .im-view, .ol-view, .adj-view, .ag-view') {
  step++;
  const height = await page.evaluate(
    (sel) => Math.max(...[...document.querySelectorAll(sel)].map((e) => e.scrollHeight), 1000),
    scroller,
  );
  await page.setViewportSize({ width: 1440, height: Math.min(3000, height + 80) });
  const file = `seed-${String(step).padStart(2, '0')}-${name}.png`;
  await page.screenshot({ path: join(RESULTS, file) });
  await mkdir('/tmp/framelens-seed', { recursive: true });
  await page.screenshot({ path: join('/tmp/framelens-seed', file) });
  await page.setViewportSize({ width: 1440, height: 1000 });
}

async function becomeAnnotator(name: string) {
  await page.getByTestId('view-annotate').click();
  await page.getByTestId('annotator').selectOption({ label: 'New annotator…' });
  await page.getByTestId('annotator-new').fill(name);
  await page.getByTestId('annotator-new').press('Enter');
}

async function code(doc: string, phrases: [string, number][]) {
  await page.locator(`[data-testid=doc-item][data-doc-id="${doc}"]`).click();
  await page.locator(`[data-testid=reader]`).getByText(phrases[0][0], { exact: false }).first().waitFor();
  for (const [phrase, digit] of phrases) {
    await selectPhrase(page, phrase);
    await page.keyboard.press(String(digit));
    // The reader keeps a selection through a redraw that re-cuts its runs (keptSelection.e2e.ts), yet a loaded
    // run still lost this one once, cause not found: the app then asks for a selection, and a person selects the
    // phrase again.
    const asked = page.getByTestId('notice').filter({ hasText: 'Select some text' });
    const run = page.getByTestId('span-run').filter({ hasText: phrase }).first();
    await run.or(asked).first().waitFor();
    if (!(await run.isVisible())) {
      await selectPhrase(page, phrase);
      await page.keyboard.press(String(digit));
    }
    await run.waitFor();
  }
  await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/saved/i);
}

describe('the seed story in the browser app', () => {
  it('goes from two raw articles to an outlet-by-outlet comparison of settled labels', async () => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);

    // 1. import with clean-up; the dateline names MENAFN, the other outlet is typed
    await page.getByTestId('view-data').click();
    // the folder picker: its files are uploaded through the API
    await page.getByTestId('input-folder').setInputFiles(raw);
    await page.getByTestId('im-chosen').waitFor();
    await page.getByTestId('im-preview-run').click();
    await page.getByTestId('im-meta').waitFor();
    const row = (id: string) => page.locator(`[data-testid=im-meta-row][data-doc-id="${id}"]`);
    expect(await row(MENAFN).getByTestId('im-meta-outlet').inputValue()).toBe('MENAFN');
    expect(await row(MENAFN).getByTestId('im-meta-found-outlet').textContent()).toContain('(MENAFN)');
    expect(await row(PRESS_TV_STYLE).getByTestId('im-meta-outlet').inputValue()).toBe('');
    expect(await page.getByTestId('im-meta-summary').textContent()).toMatch(/1 document of 2 names no outlet/);
    await shot('preview-detected');
    await row(PRESS_TV_STYLE).getByTestId('im-meta-outlet').fill('Press TV');
    expect(await page.getByTestId('im-meta-summary').textContent()).toMatch(/Every document has an outlet/);
    await shot('preview-confirmed');
    await page.getByTestId('im-import').click();
    await page.getByTestId('im-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('im-result').textContent()).toContain('2 new document');
    await shot('imported');
    const stored = async (id: string) =>
      JSON.parse(await readFile(join(served.projectDir, 'documents', `${id}.json`), 'utf8'));
    expect((await stored(MENAFN)).meta.outlet).toBe('MENAFN');
    expect((await stored(PRESS_TV_STYLE)).meta.outlet).toBe('Press TV');
    expect((await stored(MENAFN)).text.startsWith('(MENAFN) ')).toBe(true);

    // 2. two annotators code the naming phrases differently
    await becomeAnnotator('alice');
    await code(PRESS_TV_STYLE, [
      ['terrorist riots', 4],
      ['rioters', 4],
    ]);
    await code(MENAFN, [
      ['protests', 3],
      ['demonstrations', 3],
    ]);
    await shot('alice-coded');
    await becomeAnnotator('bob');
    await code(PRESS_TV_STYLE, [
      ['terrorist riots', 3],
      ['rioters', 4],
    ]);
    await code(MENAFN, [
      ['protests', 3],
      ['demonstrations', 3],
    ]);
    await shot('bob-coded');

    // 3. the disagreement in words
    await page.getByTestId('view-agreement').click();
    const item = page.getByTestId('ag-item').first();
    await item.waitFor({ timeout: 60_000 });
    // a report computed before bob's last save reached the disk may be shown first, then the one after it
    await expect.poll(() => page.getByTestId('ag-item').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => item.textContent()).toMatch(/alice:.*delegitimizing “terrorist riots”/);
    expect(await item.textContent()).toMatch(/bob:.*neutral\/legitimizing “terrorist riots”/);
    await item.click();
    await page.getByTestId('ag-compare').waitFor();
    await page.getByTestId('ag-compare').scrollIntoViewIfNeeded();
    await shot('agreement');

    // 4. settle it: the unanimous spans at once, the disagreement by hand
    await page.getByTestId('view-adjudicate').click();
    await page.getByTestId('adj-lead').fill('Lena');
    await page.getByTestId('adj-accept-unanimous').click();
    await expect.poll(() => page.getByTestId('adj-unanimous-report').textContent()).toMatch(/Accepted 3 span/);
    await page.locator(`[data-testid=adj-queue-row][data-doc="${PRESS_TV_STYLE}"]`).click();
    await page.getByTestId('adj-doc').waitFor();
    const cand = (label: string) =>
      page.locator(`[data-testid=adj-cand][data-diffs~="label"][data-key$=":${label}"]`).first();
    await cand(DELEGIT).click();
    await page.getByTestId('adj-reason').selectOption('ambiguous-text');
    await page.getByTestId('adj-accept').click();
    await expect.poll(() => cand(DELEGIT).getAttribute('data-status')).toBe('accepted');
    await cand(NEUTRAL).click();
    expect(await page.getByTestId('adj-reason').inputValue()).toBe('');
    await page.getByTestId('adj-reason').selectOption('coder-error');
    await page.getByTestId('adj-reject').click();
    await expect.poll(() => cand(NEUTRAL).getAttribute('data-status')).toBe('rejected');
    await shot('adjudicated');
    const gold: AnnotationRecord = JSON.parse(
      await readFile(join(served.projectDir, 'annotations', 'gold', `${PRESS_TV_STYLE}.json`), 'utf8'),
    );
    expect(gold.spans.map((s) => s.label)).toEqual([DELEGIT, DELEGIT]);
    expect(gold.decisions?.map((d) => [d.action, d.reason])).toEqual([
      ['accept', 'unanimous'],
      ['accept', 'ambiguous-text'],
      ['reject', 'coder-error'],
    ]);

    // 5. each outlet's settled phrases side by side
    await page.getByTestId('view-outlets').click();
    await page.getByTestId('outlets-view').waitFor();
    await page.getByTestId('ol-layer').selectOption('gold');
    await page.getByTestId('ol-label').selectOption(DELEGIT);
    const column = (outlet: string) => page.locator(`[data-testid=ol-column][data-outlet="${outlet}"]`);
    await column('Press TV').waitFor();
    // the columns stay while the chosen label's phrases load: wait for them
    await expect
      .poll(() =>
        column('Press TV')
          .getByTestId('ol-phrase')
          .evaluateAll((e) => e.map((x) => x.getAttribute('data-phrase'))),
      )
      .toEqual(expect.arrayContaining(['terrorist riots', 'rioters']));
    await shot('outlets-delegitimizing');
    await page.getByTestId('ol-label').selectOption(NEUTRAL);
    await column('MENAFN').waitFor();
    // the columns stay while the chosen label's phrases load: wait for them
    await expect
      .poll(() =>
        column('MENAFN')
          .getByTestId('ol-phrase')
          .evaluateAll((e) => e.map((x) => x.getAttribute('data-phrase'))),
      )
      .toEqual(expect.arrayContaining(['protests', 'demonstrations']));
    expect(await page.locator('[data-testid=ol-column][data-outlet="(unknown)"]').count()).toBe(0);
    await shot('outlets-neutral');
    expect(errors).toEqual([]);
  });
});
