// Issue 6's E2E: the Adjudicate view on the sample project. Open the lowest-agreement document, accept one
// span and reject another with reasons, and find both decisions in annotations/gold/<doc>.json; accept all
// unanimous spans and see the gold file grow; change bob's file on disk and see the view reload it.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../src/core/model';
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

const goldFile = (doc: string) => join(served.projectDir, 'annotations', 'gold', `${doc}.json`);
async function readGold(doc: string): Promise<AnnotationRecord> {
  return JSON.parse(await readFile(goldFile(doc), 'utf8'));
}
const keyOf = (s: { start: number; end: number; label: string }) => `${s.start}:${s.end}:${s.label}`;

describe('the Adjudicate view in the browser app', () => {
  it('settles spans into gold with who and why, accepts all unanimous, and follows changes on disk', async () => {
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
    const lowest = [...cli.per_document].sort(
      (a: { alpha_u: { overall: number } }, b: { alpha_u: { overall: number } }) =>
        a.alpha_u.overall - b.alpha_u.overall,
    )[0];

    await page.goto(served.url);
    await page.getByTestId('view-adjudicate').click();
    const first = page.getByTestId('adj-queue-row').first();
    await first.waitFor({ timeout: 30_000 });
    await expect.poll(() => first.getAttribute('data-doc')).toBe(lowest.id);
    await expect
      .poll(() => first.getByTestId('adj-q-alpha').textContent())
      .toBe(`αU ${lowest.alpha_u.overall.toFixed(3)}`);
    const doc: string = lowest.id;

    await first.click();
    await page.getByTestId('adj-doc').waitFor();
    await page.getByTestId('adj-cand').first().waitFor();
    await page.screenshot({ path: join(RESULTS, 'adjudicate-compare.png') });

    await page.getByTestId('adj-lead').fill('Lena');
    // accept a span the two annotators labelled differently
    const labelled = page.locator('[data-testid="adj-cand"][data-diffs~="label"]').first();
    const accepted = (await labelled.getAttribute('data-key'))!;
    await labelled.click();
    await page.getByTestId('adj-reason').selectOption('coder-error');
    await page.getByTestId('adj-accept').click();
    await expect
      .poll(() => page.locator(`[data-testid="adj-cand"][data-key="${accepted}"]`).getAttribute('data-status'))
      .toBe('accepted');
    // reject a span only one of them marked
    const missing = page.locator('[data-testid="adj-cand"][data-diffs~="missing"][data-status="undecided"]').first();
    const rejected = (await missing.getAttribute('data-key'))!;
    await missing.click();
    await page.getByTestId('adj-reason').selectOption('ambiguous-text');
    await page.getByTestId('adj-note').fill('reads as background, not framing');
    await page.getByTestId('adj-reject').click();
    await expect
      .poll(() => page.locator(`[data-testid="adj-cand"][data-key="${rejected}"]`).getAttribute('data-status'))
      .toBe('rejected');
    await page.getByTestId('adj-decide').screenshot({ path: join(RESULTS, 'adjudicate-decide.png') });

    const gold = await readGold(doc);
    expect(gold.decisions?.map((d) => [d.action, keyOf(d.span), d.by, d.reason])).toEqual([
      ['accept', accepted, 'Lena', 'coder-error'],
      ['reject', rejected, 'Lena', 'ambiguous-text'],
    ]);
    expect(gold.decisions?.[1].note).toBe('reads as background, not framing');
    expect(gold.spans.map(keyOf)).toEqual([accepted]);

    await page.getByTestId('adj-accept-unanimous').click();
    await expect.poll(() => page.getByTestId('adj-unanimous-report').textContent()).toMatch(/^Accepted [1-9]\d* span/);
    const grown = await readGold(doc);
    expect(grown.spans.length).toBeGreaterThan(1);
    expect(grown.decisions!.length).toBeGreaterThan(2);
    expect(grown.decisions!.slice(2).every((d) => d.reason === 'unanimous' && d.by === 'Lena')).toBe(true);
    await expect.poll(() => page.getByTestId('adj-reason-row').count()).toBeGreaterThan(0);
    // the open document follows at once: every span both marked identically is now accepted
    const agreed = page.locator('[data-testid="adj-cand"]').filter({ hasText: 'all agree' });
    await expect.poll(() => agreed.first().getAttribute('data-status')).toBe('accepted');
    await expect.poll(() => agreed.first().textContent()).toContain('accepted · Lena · unanimous');
    await page.screenshot({ path: join(RESULTS, 'adjudicate-after.png') });
    await page.locator('.adj-panels').scrollIntoViewIfNeeded();
    await page.locator('.adj-panels').screenshot({ path: join(RESULTS, 'adjudicate-panels.png') });

    // another machine's git pull: bob's file of this document changes underneath the view
    const bobFile = join(served.projectDir, 'annotations', 'bob', `${doc}.json`);
    const before = await page.getByTestId('adj-cand').count();
    const bob = JSON.parse(await readFile(bobFile, 'utf8'));
    const dropped = bob.spans.pop();
    await writeFile(bobFile, `${JSON.stringify(bob, null, 2)}\n`);
    await expect
      .poll(() => page.getByTestId('adj-notice').textContent(), { timeout: 15_000 })
      .toContain("bob's annotations changed on disk — reloaded");
    await expect.poll(() => page.getByTestId('adj-cand').count()).toBeLessThanOrEqual(before);
    expect(dropped).toBeTruthy();
    await page.screenshot({ path: join(RESULTS, 'adjudicate-reloaded.png') });
    expect(errors).toEqual([]);
  });
});
