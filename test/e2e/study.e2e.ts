// A reliability study in the browser app on a copy of the sample project: a pilot (training) round with a
// minimum, adjudicated into gold and closed; a codebook edit with its reason; a main round coded blind (bob
// sees neither alice's layer nor her phrases on its document); closing it with no interval on one document;
// the appendix downloaded as a zip and written into the project. Screenshots go to the temp folder. Also the
// built round-figures thread, as the Electron app starts it.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundFiguresInThread } from '../../src/backend/figuresThread';
import { roundFigures } from '../../src/core/study/figures';
import { closedRound } from '../core/study/fixture';
import { closeSampleApp, openSampleApp, type Served } from './harness';

const SHOTS = join(tmpdir(), 'framelens-study-e2e');
let served: Served;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  ({ served, browser, page } = await openSampleApp({ width: 1440, height: 1000 }));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

async function as(name: string) {
  const field = page.getByTestId('annotator');
  if ((await field.locator('option', { hasText: new RegExp(`^${name}$`) }).count()) > 0) {
    await field.selectOption(name);
    return;
  }
  await field.selectOption({ label: 'New annotator…' });
  await page.getByTestId('annotator-new').fill(name);
  await page.getByTestId('annotator-new').press('Enter');
}

async function newRound(name: string, size: number, seed: number, training?: { minimum: string }) {
  await page.getByTestId('view-study').click();
  await page.getByTestId('st-new').click();
  const form = page.getByTestId('st-new-round');
  await form.getByTestId('st-name').fill(name);
  if (!training) await form.getByTestId('st-kind-main').check();
  await form.getByTestId('st-size').fill(String(size));
  await form.getByTestId('st-seed').fill(String(seed));
  if (training) {
    const req = form.getByTestId('st-requirement');
    await req.locator('select').selectOption('f1_overlap');
    await req.locator('input[type="number"]').fill(training.minimum);
  }
  await form.getByTestId('st-minimum').waitFor();
  await form.getByTestId('st-open-round').click();
  const card = page.locator(`[data-testid="st-round"][data-round="${name}"]`);
  await card.waitFor();
  return card;
}

async function closeRound(name: string) {
  const card = page.locator(`[data-testid="st-round"][data-round="${name}"]`);
  await card.getByTestId('st-close').click();
  await card.getByText('Close the round').click();
  await card.getByTestId('st-figures').waitFor({ timeout: 60_000 });
  return card;
}

describe('a reliability study in the browser app', () => {
  it('runs a pilot round and a main round, blind, and downloads the appendix', async () => {
    await page.goto(served.url);
    await as('lead');

    // the pilot: one document, coders compared with gold, a minimum to join the main coding
    const pilot = await newRound('Pilot', 1, 3, { minimum: '0.3' });
    expect(await pilot.getByTestId('st-sample').textContent()).toMatch(
      /1 document drawn from 2, seed 3, simple random sample; codebook version 1 frozen/,
    );
    // the coders' progress rows come in as their progress is read
    await expect.poll(() => pilot.getByTestId('st-progress-row').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'study-pilot-open.png'), fullPage: true });

    await page.getByTestId('view-adjudicate').click();
    await page.getByTestId('adj-accept-unanimous').click();
    await page.getByTestId('adj-unanimous-report').waitFor();

    await page.getByTestId('view-study').click();
    await pilot.getByTestId('st-show-training').click();
    const training = pilot.getByTestId('st-training');
    await training.waitFor();
    expect(await training.getByTestId('st-training-coder').count()).toBe(2);
    expect(await training.textContent()).toMatch(/minimum met/);
    await page.screenshot({ path: join(SHOTS, 'study-pilot-training.png'), fullPage: true });
    await closeRound('Pilot');

    // the codebook changes between rounds, with its reason
    await page.getByTestId('view-annotate').click();
    await page.getByTestId('edit-codebook').click();
    const editor = page.getByTestId('codebook-editor');
    await editor.getByTestId('cb-why').fill('pilot coders read hedging as sourcing');
    await editor.getByTestId('cb-label').filter({ hasText: 'Sourcing and hedging' }).click();
    await editor.locator('[data-field="Description"]').fill('Attribution to a source; hedges go to the claim.');
    await editor.getByTestId('save-label').click();
    await expect.poll(() => editor.textContent()).toMatch(/Codebook · version 2/);
    await editor.getByRole('button', { name: 'Close' }).click();

    // the main round on the other document, blind
    const main = await newRound('R1', 1, 3);
    expect(await main.getByTestId('st-sample').textContent()).toMatch(
      /1 drawn by earlier rounds left out.*version 2 frozen/,
    );
    const [drawn] = await main.getByTestId('st-docs').locator('.mono').allTextContents();
    const other = drawn.startsWith('000') ? '001_3fc97e4f2f91e271' : '000_e19e2984cdeb2e20';

    await as('bob');
    await page.getByTestId('view-annotate').click();
    await page.locator(`[data-testid="doc-item"][data-doc-id="${drawn}"]`).click();
    await page.getByTestId('show-others').check();
    await expect
      .poll(async () => (await page.locator('.layer-toggle').textContent())?.trim())
      .toBe('show other annotatorsKeys ?');
    expect(await page.getByTestId('blind-note').textContent()).toMatch(/you code this document in round “R1”/);
    await page.screenshot({ path: join(SHOTS, 'study-blind-annotate.png') });
    await page.locator(`[data-testid="doc-item"][data-doc-id="${other}"]`).click();
    await expect.poll(() => page.locator('.layer-toggle').textContent()).toMatch(/show other annotators \(\d\)/);
    expect(await page.getByTestId('blind-note').count()).toBe(0);

    await page.getByTestId('view-outlets').click();
    await page.getByTestId('ol-tab-suggestions').click();
    await page.getByTestId('ol-suggestions').waitFor();
    await expect.poll(() => page.getByTestId('ol-suggestions').getAttribute('aria-busy')).toBe('false');
    const sources = await page.getByTestId('sugg-source').allTextContents();
    expect(sources.filter((s) => /alice in /.test(s) && s.includes(drawn.slice(0, 12)))).toEqual([]);

    await page.getByTestId('view-study').click();
    expect(await main.getByTestId('st-blind').textContent()).toMatch(/hidden from you until it closes/);

    // the lead closes the round: one document gives no interval and no verdict
    await as('lead');
    await page.getByTestId('view-study').click();
    const closed = await closeRound('R1');
    const figures = await closed.getByTestId('st-figures').textContent();
    expect(figures).toMatch(/no interval: 1 document carries this figure/);
    expect(figures).not.toMatch(/\b(reliable|tentative|unreliable|inconclusive)\b/);

    const chart = page.getByTestId('st-alpha-chart');
    await expect.poll(() => chart.getByTestId('st-chart-point').count()).toBe(2);
    expect(await chart.getByTestId('st-change').first().textContent()).toMatch(
      /v1 → v2, \d{4}-\d{2}-\d{2}, lead: “pilot coders read hedging as sourcing”/,
    );

    await chart.scrollIntoViewIfNeeded();
    await page
      .getByTestId('study-view')
      .locator('.st-panel')
      .last()
      .screenshot({ path: join(SHOTS, 'study-chart.png') });
    const download = page.waitForEvent('download');
    await closed.getByTestId('st-report').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('02-r1-report.zip');
    const zipPath = join(SHOTS, file.suggestedFilename());
    await file.saveAs(zipPath);
    const entries = unzipSync(new Uint8Array(await readFile(zipPath)));
    const appendix = strFromU8(entries['02-r1/appendix.md']);
    expect(appendix).toMatch(/^# Reliability of the coding: round “R1”/);
    expect(appendix).toMatch(/Before it, coders were trained in round “Pilot”/);
    expect(appendix).toMatch(/pilot coders read hedging as sourcing/);
    expect(Object.keys(entries)).toContain('02-r1/reliability/variables.csv');
    expect(await closed.getByTestId('st-written').textContent()).toMatch(/Written to reports\/02-r1/);
    expect(await readFile(join(served.projectDir, 'reports', '02-r1', 'appendix.md'), 'utf8')).toBe(appendix);
    await page.screenshot({ path: join(SHOTS, 'study-closed.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("computes a round's figures with the thread the Electron build bundles (out/main/figuresWorker.js)", async () => {
    const built = join(import.meta.dirname, '..', '..', 'out', 'main', 'figuresWorker.js');
    expect(existsSync(built)).toBe(true);
    const { round, base } = closedRound(30, 15);
    const options = { draws: 100, seed: 2 };
    const there = await roundFiguresInThread({ round, base, options }, undefined, {
      url: pathToFileURL(built),
      typescript: false,
    });
    expect(there).toEqual(roundFigures(round, base, options));
  }, 120_000);
});
