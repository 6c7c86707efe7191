// Issue 3's E2E: mark, relabel, delete, undo, code document labels and status, switch annotators and show
// other layers, annotate a right-to-left document; after a reload, check every file on disk.
import { execFileSync } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, launchChromium, RESULTS, type Served, serveSample } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = '001_3fc97e4f2f91e271';
const RTL = 'rtl-fa-1';
const RTL_TEXT = [
  'وزیر امور خارجه، Ali Rezaei، روز ۱۴ دی ۱۴۰۴ گفت که اعتراض‌ها «با حمایت خارجی» سازمان‌دهی شده است.',
  'به گزارش Reuters، دست‌کم 12 نفر در تهران کشته شدند؛ مقام‌ها این رقم را رد کردند. 👍🏽',
  'يقول المتحدث إن الاحتجاجات سلمية.',
].join('\n');

let served: Served;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  served = await serveSample();
  const jsonl = join(served.projectDir, '..', 'rtl.jsonl');
  await writeFile(
    jsonl,
    `${JSON.stringify({ id: RTL, text: RTL_TEXT, meta: { title: 'اعتراض‌ها و Reuters', outlet: 'Hamshahri' } })}\n`,
  );
  execFileSync(process.execPath, [
    join(ROOT, 'bin', 'framelens.js'),
    'import',
    served.projectDir,
    jsonl,
    '--format',
    'jsonl',
  ]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

/** Selects the n-th occurrence of a phrase in the reader with a DOM range, as a mouse drag would. */
async function select(p: Page, phrase: string, nth = 0): Promise<void> {
  await p.evaluate(
    ([needle, n]) => {
      const reader = document.querySelector('[data-testid="reader"]')!;
      const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let all = '';
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        nodes.push(t as Text);
        all += (t as Text).data;
      }
      let at = all.indexOf(needle as string);
      for (let k = 0; k < (n as number); k++) at = all.indexOf(needle as string, at + 1);
      if (at < 0) throw new Error(`not in reader: ${needle}`);
      const locate = (o: number): [Text, number] => {
        let seen = 0;
        for (const node of nodes) {
          if (o <= seen + node.data.length) return [node, o - seen];
          seen += node.data.length;
        }
        throw new Error('past the text');
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + (needle as string).length));
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    },
    [phrase, nth] as const,
  );
}

const fileOf = async (annotator: string, doc: string) =>
  JSON.parse(await readFile(join(served.projectDir, 'annotations', annotator, `${doc}.json`), 'utf8'));
const textOf = async (doc: string): Promise<string[]> =>
  Array.from(JSON.parse(await readFile(join(served.projectDir, 'documents', `${doc}.json`), 'utf8')).text as string);
const saved = () => expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
const openDoc = async (id: string) => {
  await page.locator(`[data-testid="doc-item"][data-doc-id="${id}"]`).click();
  await page.locator(`[data-testid="doc-item"][data-doc-id="${id}"][aria-current="true"]`).waitFor();
  await page.locator('.doc-meta .mono').filter({ hasText: id }).waitFor();
  await page.locator('[data-testid="reader"]:not(.loading)').waitFor();
};

describe('the annotation workspace in Chromium', () => {
  it('marks, relabels, deletes, undoes, codes document labels and status, all on disk', async () => {
    await page.goto(served.url);
    // Re-open the project so the imported right-to-left document is listed.
    await page.getByTestId('close-project').click();
    await page.getByTestId('recent-list').getByRole('button', { name: served.projectDir }).click();
    await expect.poll(() => page.getByTestId('doc-item').count()).toBe(3);
    await page.getByTestId('annotator').selectOption({ label: 'New annotator…' });
    await page.getByTestId('annotator-new').fill('dana');
    await page.getByTestId('annotator-new').press('Enter');
    await openDoc(DOC);

    await select(page, 'deadly clashes');
    await page.keyboard.press('1');
    await saved();
    const cps = await textOf(DOC);
    let file = await fileOf('dana', DOC);
    expect(file.spans).toHaveLength(1);
    expect(cps.slice(file.spans[0].start, file.spans[0].end).join('')).toBe('deadly clashes');
    const first = file.spans[0];

    // Click the span, relabel it with 2, then from the popup filtered by typing.
    await page.getByTestId('span-run').first().click();
    await page.keyboard.press('2');
    await saved();
    file = await fileOf('dana', DOC);
    expect(file.spans).toEqual([{ ...first, label: 'Sourcing and hedging' }]);
    await page.keyboard.press('/');
    await page.getByTestId('label-popup-input').fill('viol');
    await page.getByTestId('label-popup-input').press('Enter');
    await saved();
    expect((await fileOf('dana', DOC)).spans[0].label).toBe('Violence and casualties');
    // Widen the end by one word with Shift+→.
    await page.keyboard.press('Shift+ArrowRight');
    await saved();
    const widened = (await fileOf('dana', DOC)).spans[0];
    expect(widened.end).toBeGreaterThan(first.end);
    expect(cps[widened.end - 1]).not.toMatch(/\s/);

    await page.keyboard.press('Delete');
    await saved();
    expect((await fileOf('dana', DOC)).spans).toEqual([]);
    await page.keyboard.press('Control+z');
    await saved();
    expect((await fileOf('dana', DOC)).spans).toEqual([widened]);

    await page.locator('[data-group="Stance"]').getByLabel('critical').check();
    await page.locator('[data-group="Frames"]').getByLabel('Economic').check();
    await page.keyboard.press('d');
    await saved();
    file = await fileOf('dana', DOC);
    expect(file.docLabels).toEqual({ Stance: 'critical', Frames: ['Economic'] });
    expect(file.status).toBe('done');
    // Undo the status only.
    await page.keyboard.press('Control+z');
    await saved();
    expect((await fileOf('dana', DOC)).status).toBe('in_progress');
  });

  it('switches annotators and shows other layers faded; the dense view looks right', async () => {
    await page.getByTestId('annotator').selectOption('alice');
    await openDoc(DOC);
    await expect.poll(() => page.getByTestId('span-run').count()).toBeGreaterThan(10);
    // dana started as a newcomer, so the others' layers were shown for her; hide them first.
    await page.getByTestId('show-others').setChecked(false);
    await expect.poll(() => page.locator('[data-ghosts]').count()).toBe(0);
    await page.getByTestId('show-others').check();
    await expect.poll(() => page.locator('[data-ghosts*="dana:"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'workspace-dense.png') });
    await page.getByTestId('show-others').uncheck();
  });

  it('annotates right-to-left text with Latin names and digits at the right code points', async () => {
    await page.getByTestId('annotator').selectOption('dana');
    await openDoc(RTL);
    await select(page, 'Ali Rezaei');
    await page.keyboard.press('1');
    await saved();
    await select(page, '۱۴ دی ۱۴۰۴');
    await page.keyboard.press('2');
    await saved();
    await select(page, 'Reuters');
    await page.keyboard.press('3');
    await saved();
    await select(page, 'دست‌کم 12 نفر');
    await page.keyboard.press('4');
    await saved();
    // An overlapping span across the script boundary; clicking the shared words offers a choice.
    await select(page, 'خارجه، Ali');
    await page.keyboard.press('5');
    await saved();
    // Click the shared words themselves (the run also holds a chip, which selects its own span).
    const shared = await page
      .locator('[data-testid="span-run"][data-keys*="|"]')
      .first()
      .evaluate((run) => {
        const w = document.createTreeWalker(run, NodeFilter.SHOW_TEXT);
        const t = w.nextNode() as Text;
        const r = document.createRange();
        r.selectNodeContents(t);
        const b = r.getClientRects()[0];
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      });
    await page.mouse.click(shared.x, shared.y);
    await page.getByTestId('span-picker').waitFor();
    expect(await page.getByTestId('span-picker-item').count()).toBe(2);
    await page.screenshot({ path: join(RESULTS, 'workspace-rtl-overlap-menu.png') });
    await page.getByTestId('span-picker-item').filter({ hasText: 'Economic grievance' }).click();
    expect(await page.getByTestId('span-label').inputValue()).toBe('Economic grievance');
    const cps = await textOf(RTL);
    const spans = (await fileOf('dana', RTL)).spans as Array<{ start: number; end: number; label: string }>;
    expect(spans.map((s) => cps.slice(s.start, s.end).join('')).sort()).toEqual(
      ['Ali Rezaei', '۱۴ دی ۱۴۰۴', 'Reuters', 'دست‌کم 12 نفر', 'خارجه، Ali'].sort(),
    );
    expect(await page.locator('p.para').first().getAttribute('dir')).toBe('rtl');
    await page.screenshot({ path: join(RESULTS, 'workspace-rtl.png') });
  });

  it('labels all corpus matches of a phrase, and renames a label in every file', async () => {
    await page.keyboard.press('Control+Shift+F');
    await page.getByTestId('corpus-query').fill('Pezeshkian');
    await page.getByTestId('corpus-search-go').click();
    await expect.poll(() => page.getByTestId('corpus-hit').count()).toBeGreaterThan(2);
    const hits = await page.getByTestId('corpus-hit').count();
    // Leave the first hit out.
    await page.getByTestId('corpus-hit').first().locator('input').uncheck();
    await page.getByTestId('corpus-label').selectOption('Military threat');
    await page.screenshot({ path: join(RESULTS, 'workspace-corpus-search.png') });
    await page.getByTestId('corpus-apply').click();
    await expect.poll(() => page.getByTestId('corpus-status').textContent()).toMatch(/^Labelled \d+/);
    await saved();
    let marked = 0;
    for (const doc of ['000_e19e2984cdeb2e20', DOC]) {
      const cps = await textOf(doc);
      const file = await fileOf('dana', doc).catch(() => ({ spans: [] }));
      for (const s of file.spans.filter((x: { label: string }) => x.label === 'Military threat')) {
        expect(cps.slice(s.start, s.end).join('')).toBe('Pezeshkian');
        marked++;
      }
    }
    expect(marked).toBe(hits - 1);
    await page.keyboard.press('Escape');

    await page.getByTestId('edit-codebook').click();
    await page.getByTestId('cb-label').filter({ hasText: 'Military threat' }).click();
    await page.locator('[data-testid="label-form"] [data-field="Name"]').fill('Military threats');
    await page.screenshot({ path: join(RESULTS, 'workspace-codebook-editor.png') });
    await page.getByTestId('save-label').click();
    await expect
      .poll(async () =>
        (await fileOf('dana', DOC)).spans.some((x: { label: string }) => x.label === 'Military threats'),
      )
      .toBe(true);
    // the codebook holds both names while the files are rewritten, and the new one alone once they all are
    const names = async () =>
      JSON.parse(await readFile(join(served.projectDir, 'codebook.json'), 'utf8')).codebook.spanLabels.map(
        (l: { name: string }) => l.name,
      );
    await expect.poll(names).not.toContain('Military threat');
    expect(await names()).toContain('Military threats');
    const alice = JSON.parse(await readFile(join(served.projectDir, 'annotations', 'alice', `${DOC}.json`), 'utf8'));
    expect(alice.spans.some((x: { label: string }) => x.label === 'Military threat')).toBe(false);
    await page.getByTestId('codebook-editor').getByRole('button', { name: 'Close' }).click();
  });

  it('finds in the document with painted highlights, and shows the keys', async () => {
    await openDoc(DOC);
    await page.keyboard.press('Control+f');
    await page.getByTestId('find-input').fill('Iran');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toMatch(/^1 of \d+$/);
    const count = Number((await page.getByTestId('find-count').textContent())!.split(' of ')[1]);
    const expected = (await textOf(DOC)).join('').toLowerCase().split('iran').length - 1;
    expect(count).toBe(expected);
    // The matches are painted by the CSS Custom Highlight API: one range per match in the paragraphs rendered
    // (only those on screen and a few beside them are in the page).
    const painted = await page.evaluate(
      () => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('find')?.size ?? 0,
    );
    expect(painted).toBeGreaterThan(0);
    expect(painted).toBeLessThanOrEqual(expected);
    await page.getByTestId('find-input').press('Enter');
    expect(await page.getByTestId('find-count').textContent()).toBe(`2 of ${expected}`);
    await page.screenshot({ path: join(RESULTS, 'workspace-find.png') });
    await page.getByTestId('find-input').press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('?');
    await page.getByTestId('help-panel').waitFor();
    await page.screenshot({ path: join(RESULTS, 'workspace-help.png') });
    await page.keyboard.press('Escape');
  });

  it('drags the selected span’s end to a word, snapped, while the project is read again underneath', async () => {
    await openDoc(DOC);
    await page.locator('[data-testid="span-run"][data-labels="Violence and casualties"]').first().click();
    const handle = page.locator('[data-handle="end"]');
    await handle.waitFor({ state: 'attached' });
    const from = (await handle.boundingBox())!;
    // The middle of the word "raising", a few words on.
    const to = await page.evaluate(() => {
      const reader = document.querySelector('[data-testid="reader"]')!;
      const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf('raising');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i + 2);
        r.setEnd(n, i + 3);
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
      throw new Error('no "raising"');
    });
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    // Mid-drag, another program replaces the codebook (same content, a new file), as a sync or a git pull does:
    // the change feed has the app read the project and the open record again. The drag goes on.
    const reread = page.waitForResponse((r) => r.url().includes('/api/getAnnotations'), { timeout: 15_000 });
    const codebook = join(served.projectDir, 'codebook.json');
    await writeFile(`${codebook}.new`, await readFile(codebook));
    await rename(`${codebook}.new`, codebook);
    await reread;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.mouse.up();
    const cps = await textOf(DOC);
    // The save indicator already says "saved" before the drag's edit is queued: wait for the file itself.
    const onDisk = async () => {
      const span = (await fileOf('dana', DOC)).spans.find(
        (x: { label: string }) => x.label === 'Violence and casualties',
      );
      return cps.slice(span.start, span.end).join('');
    };
    await expect.poll(onDisk, { timeout: 10_000 }).toBe('deadly clashes and raising');
    await saved();
    await page.screenshot({ path: join(RESULTS, 'workspace-drag.png') });
    // Undo puts it back.
    await page.keyboard.press('Control+z');
    await expect.poll(onDisk, { timeout: 10_000 }).toBe('deadly clashes and');
    await saved();
  });

  it('keeps everything after a reload', async () => {
    await page.reload();
    await page.getByTestId('doc-item').first().waitFor();
    expect(await page.getByTestId('annotator').inputValue()).toBe('dana');
    await openDoc(RTL);
    await expect.poll(() => page.getByTestId('span-run').count()).toBeGreaterThanOrEqual(5);
    expect((await fileOf('dana', RTL)).spans).toHaveLength(5);
    await openDoc(DOC);
    await expect.poll(() => page.getByTestId('span-run').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-labels*="Violence and casualties"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-group="Stance"]').getByLabel('critical').isChecked()).toBe(true);
    expect(await page.getByTestId('status').inputValue()).toBe('in_progress');
    expect(errors).toEqual([]);
  });
});
