// The model as a coder, end to end: on a generated coded project (alice and bob, gold on a few documents,
// some documents nobody coded), train the model from the Agreement view (a worker thread of the server),
// see its row beside the coders', then as a new coder accept one suggestion with Enter and reject one with
// Delete. Also runs the training thread as the Electron build bundles it (out/main/trainWorker.js).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../src/backend/project';
import { TrainingJobs } from '../../src/backend/trainJobs';
import { codedProject } from '../backend/codedProject';
import { launchChromium, RESULTS, type Served, serveSample } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
let served: Served;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  served = await serveSample((dir) => codedProject(dir, { documents: 30, uncoded: 6, gold: 6 }).then(() => undefined));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the model in the browser app', () => {
  it('trains from the Agreement view and shows the model beside the coders', async () => {
    await page.goto(served.url);
    await page.getByTestId('view-agreement').click();
    const section = page.getByTestId('ag-model');
    await section.getByText(/No model yet/).waitFor({ timeout: 30_000 });
    await section.getByTestId('train-model').click();
    await section.getByTestId('ag-model-pairs').waitFor({ timeout: 120_000 });
    const pairs = await section
      .getByTestId('ag-model-pair')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pair')));
    expect(pairs).toEqual(['model × alice', 'model × bob', 'model × gold', 'alice × bob']);
    await expect.poll(() => section.getByTestId('ag-model-shortfalls').textContent()).toMatch(/α_U/);
    // the figures are the CLI's
    const cli = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'bin', 'framelens.js'), 'agreement', served.projectDir, '--json'], {
        encoding: 'utf8',
      }),
    );
    const alice = cli.model.pairs.find((p: { coder: string }) => p.coder === 'alice');
    await expect
      .poll(() => section.getByTestId('ag-model-pair').first().locator('td').nth(1).textContent())
      .toContain(alice.alpha_u.overall.toFixed(3));
    await section.getByTestId('ag-ci').first().waitFor({ timeout: 120_000 });
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: join(RESULTS, 'model-agreement.png') });
  }, 300_000);

  it('accepts one suggestion with Enter and rejects one with Delete, as a new coder', async () => {
    await page.getByTestId('view-annotate').click();
    await page.getByTestId('annotator').selectOption({ label: 'New annotator…' });
    await page.getByTestId('annotator-new').fill('carol');
    await page.getByTestId('annotator-new').press('Enter');
    const reader = page.getByTestId('reader');
    // the first document with at least two suggestions
    let doc = '';
    for (const item of await page.getByTestId('doc-item').all()) {
      await item.click();
      await expect.poll(async () => (await reader.getAttribute('class')) ?? '').not.toMatch(/loading/);
      await page.waitForTimeout(300);
      if ((await reader.getByTestId('suggestion-chip').count()) >= 2) {
        doc = (await item.getAttribute('data-doc-id')) ?? '';
        break;
      }
    }
    expect(doc).not.toBe('');
    const before = await reader.getByTestId('suggestion-chip').count();
    await page.screenshot({ path: join(RESULTS, 'model-suggestions.png') });
    await page.keyboard.press('g');
    const selected = page.getByTestId('suggestion-selected');
    await selected.waitFor();
    const first = await selected.textContent();
    await page.keyboard.press('Enter');
    const file = join(served.projectDir, 'annotations', 'carol', `${doc}.json`);
    await expect
      .poll(async () => (existsSync(file) ? JSON.parse(await readFile(file, 'utf8')).spans : []), { timeout: 15_000 })
      .toHaveLength(1);
    const [accepted] = JSON.parse(await readFile(file, 'utf8')).spans;
    expect(accepted.origin).toBe('suggestion');
    expect(first).toContain(accepted.label);
    await expect.poll(() => reader.getByTestId('suggestion-chip').count()).toBe(before - 1);
    // the next suggestion is selected: Delete rejects it, and nothing is added to the file
    await selected.waitFor();
    await page.keyboard.press('Delete');
    await expect.poll(() => reader.getByTestId('suggestion-chip').count()).toBe(before - 2);
    await page.waitForTimeout(500);
    expect(JSON.parse(await readFile(file, 'utf8')).spans).toHaveLength(1);
    await page.screenshot({ path: join(RESULTS, 'model-accepted.png') });
    const stats = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'bin', 'framelens.js'), 'stats', served.projectDir, '--json'], {
        encoding: 'utf8',
      }),
    );
    expect(stats.accepted_suggestions.carol).toEqual({ spans: 1, accepted: 1, share: 1 });
    expect(errors).toEqual([]);
  }, 120_000);

  it('trains with the thread the Electron build bundles (out/main/trainWorker.js)', async () => {
    const built = join(ROOT, 'out', 'main', 'trainWorker.js');
    expect(existsSync(built)).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'framelens-built-worker-'));
    try {
      await codedProject(join(dir, 'p'), { documents: 6, uncoded: 1, gold: 0 });
      const project = await Project.open(join(dir, 'p'));
      const jobs = new TrainingJobs({ url: new URL(`file://${built}`), typescript: false });
      const end = await jobs.wait(await jobs.start(project, { folds: 2 }));
      expect(end.state).toBe('done');
      expect((await project.readModelLayer())?.records).toHaveLength(7);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
