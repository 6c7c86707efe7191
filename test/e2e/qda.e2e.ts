// The qualitative-analysis side on the sample project in Chromium: a memo written beside the text lands in
// memos/alice.json; the co-occurrence table and the coded segments of a label show the sample's coding;
// the export panel writes a .qdpx that opens back in Frame Lens with the same documents, spans and memos; the
// codebook editor takes a .qdc by file input and gives one back by download.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { closeSampleApp, openSampleApp, RESULTS, type Served } from './harness';

let served: Served;
let browser: Browser;
let page: Page;
let work: string;
const errors: string[] = [];

beforeAll(async () => {
  ({ served, browser, page } = await openSampleApp({ width: 1440, height: 1000 }));
  work = await mkdtemp(join(tmpdir(), 'framelens-qda-e2e-'));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
  await rm(work, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(RESULTS, `qda-${name}.png`), fullPage: true });

/** Documents, spans and memos of a project, without what the project assigns. */
async function contents(project: Project) {
  const records = [];
  for (const a of await project.annotators())
    for (const r of await project.records(a))
      if (r.spans.length)
        records.push({
          annotator: a,
          document: r.document,
          spans: r.spans.map(({ start, end, label }) => ({ start, end, label })),
        });
  const texts: Record<string, string> = {};
  for (const id of project.index.keys()) texts[id] = (await project.getDocument(id)).text;
  const memos = (await project.memos()).map(({ updatedAt: _u, ...m }) => m);
  return { texts, records, memos };
}

describe('memos, co-occurrence and REFI-QDA in the browser app', () => {
  it('saves a memo on the open document as alice types', async () => {
    await page.goto(served.url);
    await page.getByTestId('annotator').selectOption('alice');
    await page.getByTestId('reader').waitFor();
    const panel = page.getByTestId('memo-panel');
    await panel.scrollIntoViewIfNeeded();
    await panel.getByTestId('memo-add').click();
    await panel.getByTestId('memo-text').fill('The protesters are named by their violence first.');
    await expect.poll(() => panel.getByTestId('memo-state').textContent(), { timeout: 10_000 }).toBe('saved');
    const file = JSON.parse(await readFile(join(served.projectDir, 'memos', 'alice.json'), 'utf8'));
    expect(file.annotator).toBe('alice');
    expect(file.memos).toHaveLength(1);
    expect(file.memos[0]).toMatchObject({
      text: 'The protesters are named by their violence first.',
      target: { kind: 'document' },
    });
    await shot('memo');
  });

  it('counts how labels co-occur, and lists the coded segments of a label with their context', async () => {
    await page.getByTestId('view-outlets').click();
    await page.getByTestId('outlets-view').waitFor();
    await page.getByTestId('ol-tab-cooccurrence').click();
    const table = page.getByTestId('cooc-table');
    await table.waitFor();
    const diagonal = await table.locator('td.diag').evaluateAll((tds) => tds.map((td) => Number(td.textContent || 0)));
    // The sample's four records (alice's and bob's coding of two articles): 97 spans, none overlapping another.
    expect(diagonal.reduce((a, b) => a + b, 0)).toBe(97);
    await page.getByTestId('cooc-together').check();
    const cell = table.locator(
      '[data-testid=cooc-cell][data-row="Foreign attribution"][data-col="Sourcing and hedging"]',
    );
    await expect.poll(() => cell.textContent()).toBe('4');
    const never = table.locator(
      '[data-testid=cooc-cell][data-row="Rallies as legitimacy"][data-col="De-escalation and diplomacy"]',
    );
    expect(await never.textContent()).toBe('');
    await shot('cooccurrence');

    await page.getByTestId('ol-label').selectOption('Unrest naming: delegitimizing');
    await page.getByTestId('ol-tab-segments').click();
    await page.getByTestId('segment-row').first().waitFor();
    await expect.poll(() => page.getByTestId('segment-row').count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('segments-count').textContent()).toMatch(/segment\(s\) of Unrest naming/);
    expect((await page.getByTestId('segment-row').first().locator('mark').textContent())?.length).toBeGreaterThan(0);
    await shot('segments');
  });

  it('exports a .qdpx that opens back in Frame Lens unchanged', async () => {
    await page.getByTestId('view-data').click();
    await page.getByTestId('ex-format').selectOption('qdpx');
    const out = join(work, 'sample.qdpx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ex-save').click()]);
    expect(download.suggestedFilename()).toMatch(/\.qdpx$/);
    await download.saveAs(out);
    const written = page.getByTestId('ex-result');
    await written.waitFor();
    expect(await written.textContent()).toContain(download.suggestedFilename());
    expect(await written.textContent()).toMatch(/bytes\)/);
    expect(await page.getByTestId('ex-loses').textContent()).toContain('record status (todo, done, skipped): 4');
    await shot('export');

    const original = await Project.open(served.projectDir);
    const again = await Project.create(join(work, 'again'), 'Again');
    await importIntoProject(again, { paths: [out], format: 'qdpx' });
    const [a, b] = [await contents(original), await contents(again)];
    expect(b.texts).toEqual(a.texts);
    expect(b.records).toEqual(a.records);
    expect(b.memos).toEqual(a.memos);
    expect(errors).toEqual([]);
  });

  it('the codebook editor takes a .qdc from a file input and gives the codebook back as a download', async () => {
    const qdc = join(work, 'codes.qdc');
    const g = (n: number) => `6a1e4d5c-0000-4000-8000-00000000000${n}`;
    await writeFile(
      qdc,
      `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>` +
        `<Code guid="${g(1)}" name="Conflict" isCodable="true" color="#AA0000"><Description>Clash</Description>` +
        `<Code guid="${g(2)}" name="Blame" isCodable="true" color="#00AA00"/></Code></Codes></CodeBook>`,
    );
    await page.getByTestId('view-annotate').click();
    await page.getByTestId('edit-codebook').click();
    await page.getByTestId('cb-qdc-file').setInputFiles(qdc);
    const result = page.getByTestId('cb-qdc-result');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toBe('Added 2 label(s): Conflict, Blame');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cb-qdc-save').click()]);
    expect(download.suggestedFilename()).toMatch(/\.qdc$/);
    const back = join(work, 'back.qdc');
    await download.saveAs(back);
    const written = await readFile(back, 'utf8');
    expect(written).toContain(`guid="${g(1)}"`);
    expect(written).toContain('name="Blame"');
    await shot('qdc');
    await page.getByTestId('codebook-editor').getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });

  it("imports NVivo's REFI-QDA export through the wizard, with its coder and codebook", async () => {
    const nvivo = join(import.meta.dirname, '..', 'fixtures', 'qdpx', 'nvivo-windows-12.6.qdpx');
    await page.getByTestId('view-data').click();
    await page.getByTestId('input-files').setInputFiles(nvivo);
    await page.getByTestId('im-chosen').waitFor();
    expect(await page.getByTestId('im-format-note').textContent()).toBe('guessed: qdpx');
    await page.getByTestId('im-preview-run').click();
    const importButton = page.getByTestId('im-import');
    await expect.poll(() => importButton.isEnabled(), { timeout: 30_000 }).toBe(true);
    await shot('nvivo-preview');
    await importButton.click();
    const result = page.getByTestId('im-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('2 new document');
    await shot('nvivo-imported');
    const project = await Project.open(served.projectDir);
    expect(await project.annotators()).toContain('Gergo');
    expect((await project.records('Gergo'))[0].spans.length).toBeGreaterThan(250);
    expect(project.codebook.spanLabels.some((l) => l.name === 'COVID')).toBe(true);
    expect(errors).toEqual([]);
  });
});
