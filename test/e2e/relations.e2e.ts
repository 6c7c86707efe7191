// Relations in Chromium: a relation coded with the keyboard (R, Tab to the target, Enter, a digit for the type)
// and drawn as an arc; deleting a span takes its relation in one undoable step; the layer exported as brat and
// imported back as another annotator, whose identical relation is then drawn once naming both layers; the
// relation taken into gold in the Adjudicate view once its spans are there; a relation type renamed and
// deleted in the codebook editor, every layer following.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, launchChromium, type Served, serveSample } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = 'rel-1';
const TEXT = [
  'Officials blamed foreign agents for the unrest, and state media called the protesters rioters.',
  'Witnesses said the crowds were peaceful.',
].join('\n');
const FRAMING = join(ROOT, 'src', 'core', 'templates', 'framing.json');

const at = (phrase: string, label: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(phrase))].length;
  return { start, end: start + [...phrase].length, label };
};

const cli = (...args: string[]) =>
  execFileSync(process.execPath, [join(ROOT, 'bin', 'framelens.js'), ...args], { encoding: 'utf8' });

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serveSample({
    annotator: 'carol',
    make: async (projectDir) => {
      await cp(join(ROOT, 'annotations'), projectDir, { recursive: true });
      // The framing template's labels and relation types over the sample's document labels.
      const file = join(projectDir, 'codebook.json');
      const sample = JSON.parse(await readFile(file, 'utf8'));
      const framing = JSON.parse(await readFile(FRAMING, 'utf8'));
      sample.codebook.spanLabels = framing.spanLabels;
      sample.codebook.relationTypes = framing.relationTypes;
      await writeFile(file, JSON.stringify(sample, null, 2));
      const jsonl = join(projectDir, '..', 'relations.jsonl');
      await writeFile(
        jsonl,
        JSON.stringify({
          id: DOC,
          text: TEXT,
          meta: { title: 'Who is blamed' },
          annotator: 'carol',
          status: 'in_progress',
          spans: [
            at('Officials', 'Actor'),
            at('blamed foreign agents for the unrest', 'Foreign attribution'),
            at('foreign agents', 'Actor'),
            at('the protesters', 'Actor'),
            at('rioters', 'Unrest naming: delegitimizing'),
          ],
        }),
      );
      cli('import', projectDir, jsonl, '--format', 'jsonl');
    },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(served.url);
  await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
  await page.locator('[data-testid="reader"]:not(.loading)').waitFor();
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

const fileOf = async (annotator: string) =>
  JSON.parse(await readFile(join(served.projectDir, 'annotations', annotator, `${DOC}.json`), 'utf8'));
const saved = () => expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
const run = (label: string) => page.locator(`[data-testid="span-run"][data-labels="${label}"]`).first();
const arcs = () => page.getByTestId('relation-arc').count();
const words = (spans: { id: string; start: number; end: number }[], id: string) => {
  const s = spans.find((x) => x.id === id)!;
  return [...TEXT].slice(s.start, s.end).join('');
};

describe('relations in the reader', () => {
  it('codes a relation with the keyboard: R, Tab to the target, Enter, the type by its digit', async () => {
    await run('Unrest naming: delegitimizing').click();
    await page.keyboard.press('r');
    await page.getByTestId('relating-hint').waitFor();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      if (((await page.getByTestId('relating-hint').textContent()) ?? '').includes('the protesters')) break;
    }
    expect(await page.getByTestId('relating-hint').textContent()).toContain('‘the protesters’ (Actor)');
    await page.keyboard.press('Enter');
    await page.getByTestId('relation-picker').waitFor();
    await page.keyboard.press('2');
    await saved();
    await expect.poll(arcs).toBe(1);
    expect(await page.getByTestId('relation-label').first().textContent()).toBe('refers to');
    const record = await fileOf('carol');
    expect(record.relations).toHaveLength(1);
    const [r] = record.relations;
    expect([words(record.spans, r.from), r.type, words(record.spans, r.to)]).toEqual([
      'rioters',
      'refers to',
      'the protesters',
    ]);
    expect(await page.getByTestId('relation-row').count()).toBe(1);
  });

  it('deleting a span says it takes its relation, in one step that undo takes back', async () => {
    await run('Unrest naming: delegitimizing').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('toast-text').textContent()).toMatch(/and its 1 relation/);
    await saved();
    expect(await arcs()).toBe(0);
    expect((await fileOf('carol')).relations ?? []).toHaveLength(0);
    await page.keyboard.press('Control+z');
    await saved();
    await expect.poll(arcs).toBe(1);
    expect((await fileOf('carol')).relations).toHaveLength(1);
    await page.screenshot({ path: '/tmp/relations-arcs.png' });
  });

  it('exports the layer as brat, imports it back as another annotator, and draws those relations faded', async () => {
    const out = await mkdtemp(join(tmpdir(), 'framelens-brat-'));
    const folder = join(out, 'brat');
    cli('export', served.projectDir, '--format', 'brat', '--annotator', 'carol', '--out', folder);
    const files = await readdir(folder, { recursive: true });
    const ann = files.find((f) => f.endsWith(`${DOC}.ann`))!;
    const rLines = (await readFile(join(folder, ann), 'utf8')).split('\n').filter((l) => l.startsWith('R'));
    expect(rLines.map((l) => l.split('\t')[1].split(' ')[0])).toEqual(['refers_to']);
    cli('import', served.projectDir, folder, '--format', 'brat', '--annotator', 'dave');
    const mine = await fileOf('carol');
    const theirs = await fileOf('dave');
    const described = (rec: {
      spans: { id: string; start: number; end: number }[];
      relations: { from: string; to: string; type: string }[];
    }) => rec.relations.map((x) => [words(rec.spans, x.from), x.type, words(rec.spans, x.to)].join(' | ')).sort();
    expect(described(theirs)).toEqual(described(mine));

    await page.reload();
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.locator('[data-testid="reader"]:not(.loading)').waitFor();
    if ((await page.locator('[data-owners*="dave"]').count()) === 0) await page.keyboard.press('o');
    // dave's relation is carol's own: one connector naming both layers, not two drawn over each other
    await expect.poll(() => page.locator('[data-testid="relation-arc"][data-owners="you, dave"]').count()).toBe(1);
    expect(await page.getByTestId('relation-arc-layer').count()).toBe(0);
    expect(await page.locator('[data-testid="relation-label"][data-layers="you, dave"]').count()).toBe(1);
    await page.screenshot({ path: '/tmp/relations-layers.png' });
  });

  it("takes a coder's relation into gold in the Adjudicate view once both its spans are in gold", async () => {
    await page.getByTestId('view-adjudicate').click();
    await page.getByTestId('adj-lead').fill('Lena');
    await page.locator(`[data-testid="adj-queue-row"][data-doc="${DOC}"]`).click();
    await page.getByTestId('adj-doc').waitFor();
    const row = page.getByTestId('adj-rel-row').first();
    await row.waitFor();
    expect(await page.getByTestId('adj-rel-row').count()).toBe(1);
    expect(await row.textContent()).toMatch(/“rioters” —refers to→ .*“the protesters”/);
    await row.click();
    await page.getByTestId('adj-rel-reason').selectOption('guideline-gap');
    expect(await page.getByTestId('adj-rel-accept').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('adj-rel-need-gold').count()).toBe(1);

    await page.getByTestId('adj-accept-unanimous').click();
    await expect.poll(() => page.getByTestId('adj-unanimous-report').textContent()).toMatch(/^Accepted [1-9]\d* span/);
    await page.getByTestId('adj-rel-row').first().click();
    await page.getByTestId('adj-rel-reason').selectOption('guideline-gap');
    await page.getByTestId('adj-rel-accept').click();
    await expect.poll(() => page.getByTestId('adj-rel-row').first().getAttribute('data-status')).toBe('accepted');
    const gold = await fileOf('gold');
    expect(gold.relations).toHaveLength(1);
    const [r] = gold.relations;
    expect([words(gold.spans, r.from), r.type, words(gold.spans, r.to)]).toEqual([
      'rioters',
      'refers to',
      'the protesters',
    ]);
    expect(gold.relationDecisions.at(-1)).toMatchObject({ action: 'accept', by: 'Lena', reason: 'guideline-gap' });
    await page.getByTestId('adj-relations').screenshot({ path: '/tmp/relations-adjudicate.png' });
  });

  it('renames a relation type in the codebook editor (every layer follows) and deletes it after saying how many it takes', async () => {
    await page.getByTestId('view-annotate').click();
    await page.getByTestId('edit-codebook').click();
    await page.locator('[data-testid="cb-relation-type"]', { hasText: 'refers to' }).click();
    await page.locator('[data-testid="relation-type-form"] [data-field="Name"]').fill('names');
    await page.getByTestId('save-relation-type').click();
    await expect
      .poll(async () => (await fileOf('carol')).relations.map((x: { type: string }) => x.type))
      .toEqual(['names']);
    expect((await fileOf('dave')).relations.map((x: { type: string }) => x.type)).toEqual(['names']);
    expect((await fileOf('gold')).relations.map((x: { type: string }) => x.type)).toEqual(['names']);
    // The files change before the rename's answer reaches the editor: until the editor shows the renamed type
    // chosen, its delete would still ask about the old name.
    await page.locator('[data-testid="cb-relation-type"].active', { hasText: 'names' }).waitFor();
    await page.getByTestId('delete-relation-type').click();
    await expect
      .poll(() => page.getByTestId('relation-type-usage').textContent())
      .toMatch(/Deleting “names” removes 3 relations in 1 document \(carol, dave, gold\)/);
    await page.getByTestId('confirm-relation-type-op').click();
    await expect.poll(async () => (await fileOf('carol')).relations ?? []).toEqual([]);
    expect((await fileOf('dave')).relations ?? []).toEqual([]);
  });
});
