// One coding path with the keyboard only, in Chromium: Tab to a document and open it with Enter, mark a phrase
// with the word cursor, pick its label in the label popup, see it saved; the focus is visible at each step
// and comes back to the reader when the popup closes; "viewing: …" is reached and operated by keys.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, launchChromium, RESULTS, type Served, serveSample } from './harness';

const NEWS = '000_e19e2984cdeb2e20';
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serveSample({ annotator: 'dana' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(served.url);
  await page.locator(`[data-testid="doc-item"][data-doc-id="${NEWS}"]`).waitFor();
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

/** Presses Tab until the focused element matches (none when it already does), and returns how many presses it took. */
async function tabTo(selector: string, limit = 80): Promise<number> {
  const focused = () => page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
  if (await focused()) return 0;
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press('Tab');
    if (await focused()) return n;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Whether the focused element shows a focus ring (an outline or a box shadow). */
const focusVisible = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none';
  });

describe('keyboard only', () => {
  it('opens a document, marks a phrase, picks a label and saves, without the mouse', async () => {
    await tabTo(`[data-testid="doc-item"][data-doc-id="${NEWS}"]`);
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="doc-item"][data-doc-id="${NEWS}"][aria-current="true"]`).waitFor();
    await page.locator('[data-testid="reader"]:not(.loading)').waitFor();
    await tabTo('.reader-scroll');
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.getByTestId('announcer').textContent()).toMatch(/Selected 2 words: President Masoud/);
    await page.keyboard.press('/');
    await page.getByTestId('label-popup-input').waitFor();
    await page.keyboard.type('violence');
    await page.screenshot({ path: join(RESULTS, 'keyboard-label-popup.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    // The popup gave the focus back to the reader.
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('reader-scroll');
    const file = JSON.parse(await readFile(join(served.projectDir, 'annotations', 'dana', `${NEWS}.json`), 'utf8'));
    const text = Array.from(
      JSON.parse(await readFile(join(served.projectDir, 'documents', `${NEWS}.json`), 'utf8')).text as string,
    );
    expect(
      (file.spans as { start: number; end: number; label: string }[]).map((s) => [
        s.label,
        text.slice(s.start, s.end).join(''),
      ]),
    ).toContainEqual(['Violence and casualties', 'President Masoud']);
    // The new span's chip is a named button the keyboard reaches, with its full name shown on focus.
    await tabTo('[data-testid="span-chip"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Violence and casualties',
    );
    const tip = await page.evaluate(() => getComputedStyle(document.activeElement!, '::after').content);
    expect(tip).toBe('"Violence and casualties"');
    await page.screenshot({ path: join(RESULTS, 'keyboard-chip-focus.png') });
  });

  it('chooses whose layers are shown with the keyboard', async () => {
    await tabTo('[data-testid="viewing"]');
    expect(await focusVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('viewing').textContent()).toMatch(/viewing: .*alice/);
    await page.keyboard.press('Enter');
    await tabTo('[data-testid="layer-choice"][data-annotator="alice"]');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('viewing').textContent()).not.toMatch(/alice/);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('viewing');
    expect(await page.getByTestId('viewing-choice').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  });

  it('gives the focus back to the control that opened a dialog when it closes', async () => {
    await tabTo('[data-testid="edit-codebook"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('codebook-editor').waitFor();
    // The dialog took the focus: its first control is its Close button.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="codebook-editor"]') !== null))
      .toBe(true);
    // Its controls grow with the codebook (labels, groups, relation types): the way round may be long.
    await tabTo('[data-testid="codebook-editor"] .help-head button', 400);
    await page.keyboard.press('Enter');
    await page.getByTestId('codebook-editor').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('edit-codebook');
  });
});
