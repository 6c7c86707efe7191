// A phrase selected in the reader stays selected when the reader redraws under it: another coder's file changes
// on disk (a git pull), the change feed brings their layer, its outline re-cuts the runs the selection lies in,
// and the digit pressed next labels the phrase instead of asking for a selection.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, openSampleApp, type Served, selectPhrase } from './harness';

const DOC = '001_3fc97e4f2f91e271';
const PHRASE = 'held a phone conversation with Iranian';
const INSIDE = 'phone conversation';
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ served, browser, page } = await openSampleApp({ width: 1280, height: 900 }));
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

const file = (who: string) => join(served.projectDir, 'annotations', who, `${DOC}.json`);

describe('a selection through a redraw of the reader', () => {
  it('survives another coder’s layer arriving from disk, and a digit labels it', async () => {
    await page.goto(served.url);
    await page.getByTestId('annotator').selectOption('alice');
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.getByTestId('span-run').first().waitFor();
    await page.getByTestId('show-others').check();
    await page.locator('[data-ghosts]').first().waitFor();

    await selectPhrase(page, PHRASE);
    const text = JSON.parse(await readFile(join(served.projectDir, 'documents', `${DOC}.json`), 'utf8')).text as string;
    const start = Array.from(text.slice(0, text.indexOf(INSIDE))).length;
    const bob = JSON.parse(await readFile(file('bob'), 'utf8'));
    bob.spans = [...bob.spans, { start, end: start + INSIDE.length, label: bob.spans[0].label }].sort(
      (a: { start: number; end: number }, b: { start: number; end: number }) => a.start - b.start || a.end - b.end,
    );
    bob.updatedAt = new Date(Date.parse(bob.updatedAt) + 60_000).toISOString();
    await writeFile(`${file('bob')}.pull-tmp`, `${JSON.stringify(bob, null, 2)}\n`);
    await rename(`${file('bob')}.pull-tmp`, file('bob'));
    // bob's outline of the words inside the selection is drawn
    await expect
      .poll(() => page.locator('[data-ghosts]').evaluateAll((els) => els.map((e) => e.textContent)), {
        timeout: 15_000,
      })
      .toContain(INSIDE);

    await page.keyboard.press('1');
    await expect
      .poll(async () => {
        const alice = JSON.parse(await readFile(file('alice'), 'utf8'));
        const cps = Array.from(text);
        return alice.spans.map((s: { start: number; end: number }) => cps.slice(s.start, s.end).join(''));
      })
      .toContain(PHRASE);
    expect(await page.getByTestId('notice').filter({ hasText: 'Select some text' }).count()).toBe(0);
  });
});
