// The reader in Chromium: keys act only on what is on screen, the keyboard's word cursor, three layers that
// keep the line spacing, a right-to-left chip beside its span, and a long document windowed.
import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, launchChromium, RESULTS, type Served, selectPhrase, serveSample } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
const NEWS = '000_e19e2984cdeb2e20';
const DENSE = '001_3fc97e4f2f91e271';
const RTL = 'rtl-fa-2';
// The sample's right-to-left test sentences, with a figure written with a thousands separator.
const RTL_TEXT = [
  'وزیر امور خارجه، Ali Rezaei، روز ۱۴ دی ۱۴۰۴ گفت که اعتراض‌ها «با حمایت خارجی» سازمان‌دهی شده است.',
  'به گزارش Reuters، دست‌کم 12,000 نفر در تهران و شهرهای دیگر به خیابان‌ها آمدند؛ مقام‌ها این رقم را رد کردند و گفتند شمار معترضان بسیار کمتر بوده است.',
].join('\n');
const LONG = 'long-1';
const LONG_TEXT = Array.from(
  { length: 400 },
  (_, i) =>
    `Paragraph ${i}: the ministry said the protests in the capital had ended, while witnesses reported ` +
    `security forces on the main squares and shops closed for a third day${i === 399 ? ' near the zanjanbridge' : ''}.`,
).join('\n');

let served: Served;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  // the two documents are imported before the app starts, and carol (who has coded nothing) is the user
  served = await serveSample({
    annotator: 'carol',
    make: async (projectDir) => {
      await cp(join(ROOT, 'annotations'), projectDir, { recursive: true });
      const jsonl = join(projectDir, '..', 'reader.jsonl');
      await writeFile(
        jsonl,
        [
          JSON.stringify({ id: RTL, text: RTL_TEXT, meta: { title: 'اعتراض‌ها', outlet: 'Hamshahri' } }),
          JSON.stringify({ id: LONG, text: LONG_TEXT, meta: { title: 'A long report' } }),
        ].join('\n'),
      );
      execFileSync(process.execPath, [
        join(ROOT, 'bin', 'framelens.js'),
        'import',
        projectDir,
        jsonl,
        '--format',
        'jsonl',
      ]);
    },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(served.url);
  await page.locator(`[data-testid="doc-item"][data-doc-id="${LONG}"]`).waitFor();
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

const fileOf = async (doc: string) =>
  JSON.parse(await readFile(join(served.projectDir, 'annotations', 'carol', `${doc}.json`), 'utf8'));
const textOf = async (doc: string): Promise<string[]> =>
  Array.from(JSON.parse(await readFile(join(served.projectDir, 'documents', `${doc}.json`), 'utf8')).text as string);
const saved = () => expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
const openDoc = async (id: string) => {
  await page.locator(`[data-testid="doc-item"][data-doc-id="${id}"]`).click();
  await page.locator(`[data-testid="doc-item"][data-doc-id="${id}"][aria-current="true"]`).waitFor();
  await page.locator('.doc-meta .mono').filter({ hasText: id }).waitFor();
  await page.locator('[data-testid="reader"]:not(.loading)').waitFor();
};
/** Whether any part of the element is inside the reader's scrolled box. */
const onScreen = (selector: string) =>
  page.evaluate((sel) => {
    const box = document.querySelector('.reader-scroll')!.getBoundingClientRect();
    return [...document.querySelectorAll(sel)].some((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
  }, selector);

describe('the reader in Chromium', () => {
  it('never changes a span that is off screen: find, Esc, then a digit labels the match in view', async () => {
    await page.setViewportSize({ width: 1280, height: 420 });
    await openDoc(NEWS);
    await selectPhrase(page, 'Masoud Pezeshkian');
    await page.keyboard.press('1');
    await saved();
    const [first] = (await fileOf(NEWS)).spans;
    expect(first.label).toBe('Foreign attribution');
    await page.locator('[data-testid="span-run"][data-labels="Foreign attribution"]').first().click();

    // The sequence: Ctrl+F "rioters", Enter, Esc, then 4.
    await page.keyboard.press('Control+f');
    await page.getByTestId('find-input').fill('rioters');
    await page.getByTestId('find-input').press('Enter');
    await page.getByTestId('find-input').press('Escape');
    expect(await onScreen('[data-testid="span-run"][data-labels="Foreign attribution"]')).toBe(false);
    await page.keyboard.press('4');
    await saved();
    const cps = await textOf(NEWS);
    let spans = (await fileOf(NEWS)).spans as Array<{ start: number; end: number; label: string; id: string }>;
    expect(spans.find((s) => s.id === first.id)?.label).toBe('Foreign attribution');
    const made = spans.find((s) => s.id !== first.id)!;
    expect(cps.slice(made.start, made.end).join('')).toBe('rioters');
    expect(made.label).toBe('Unrest naming: delegitimizing');
    expect(await page.getByTestId('toast-text').textContent()).toMatch(/Added .*rioters/);

    // A span selected, then scrolled out of sight: a digit, Delete and Alt+→ say why they do nothing.
    // The span is in the first paragraph, which the window may have let go of after the find: scroll back to it.
    await page.locator('.reader-scroll').evaluate((sc) => {
      sc.scrollTop = 0;
    });
    await page.locator('[data-testid="span-run"][data-labels="Foreign attribution"]').first().click();
    await page.evaluate(() => {
      const sc = document.querySelector('.reader-scroll')!;
      sc.scrollTop = sc.scrollHeight;
    });
    await expect.poll(() => onScreen('.run.span.sel')).toBe(false);
    await page.keyboard.press('2');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.strip').filter({ hasText: 'not on screen' }).count()).toBeGreaterThan(0);
    spans = (await fileOf(NEWS)).spans;
    expect(spans.find((s) => s.id === first.id)?.label).toBe('Foreign attribution');
    expect(spans).toHaveLength(2);
    await page.keyboard.press('Escape');
    expect(await page.locator('.run.span.sel').count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('makes a span with the keyboard: arrows move a word cursor, Shift extends, a digit labels', async () => {
    await openDoc(NEWS);
    await page.locator('.reader-scroll').evaluate((sc) => {
      sc.scrollTop = 0;
    });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.getByTestId('announcer').textContent()).toMatch(/Selected 2 words: President Masoud/);
    await page.screenshot({ path: join(RESULTS, 'reader-word-cursor.png') });
    await page.keyboard.press('6');
    await saved();
    const cps = await textOf(NEWS);
    const spans = (await fileOf(NEWS)).spans as Array<{ start: number; end: number; label: string }>;
    expect(
      spans.some(
        (s) => s.label === 'Violence and casualties' && cps.slice(s.start, s.end).join('') === 'President Masoud',
      ),
    ).toBe(true);
  });

  it('draws three layers without pushing the lines apart, and the legend names every label', async () => {
    await openDoc(DENSE);
    await selectPhrase(page, 'deadly clashes');
    await page.keyboard.press('6');
    await saved();
    const heights = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="reader"] p.para')].slice(0, 6).map((p) => {
          const lines = [...p.getClientRects()];
          return Math.round(lines.reduce((n, r) => n + r.height, 0));
        }),
      );
    const lineTops = () =>
      page.evaluate(() => {
        const p = document.querySelector('[data-testid="reader"] p.para')!;
        const r = document.createRange();
        r.selectNodeContents(p);
        return [...new Set([...r.getClientRects()].map((b) => Math.round(b.top)))].length;
      });
    const before = await heights();
    const linesBefore = await lineTops();
    await page.getByTestId('show-others').check();
    await expect.poll(() => page.locator('[data-ghosts*="alice:"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-ghosts*="bob:"]').count()).toBeGreaterThan(0);
    expect(await heights()).toEqual(before);
    expect(await lineTops()).toBe(linesBefore);
    const legend = (await page.getByTestId('legend').textContent()) ?? '';
    expect(legend).toContain('Violence and casualties');
    expect(legend).toMatch(/alice/);
    await page.screenshot({ path: join(RESULTS, 'reader-three-layers.png') });
    await page.getByTestId('show-others').uncheck();
  });

  it('keeps a dense paragraph readable: every chip meets 4.5:1, full names on hover', async () => {
    await page.getByTestId('annotator').selectOption('alice');
    await openDoc(DENSE);
    await expect.poll(() => page.getByTestId('span-run').count()).toBeGreaterThan(10);
    const worst = await page.evaluate(() => {
      const lum = (c: string) => {
        const [r, g, b] = c
          .match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      let min = 21;
      for (const chip of document.querySelectorAll<HTMLElement>('[data-testid="reader"] .chip:not(.chip-layer)')) {
        const st = getComputedStyle(chip);
        const [a, b] = [lum(st.backgroundColor), lum(st.color)].sort((x, y) => y - x);
        min = Math.min(min, (a + 0.05) / (b + 0.05));
      }
      return min;
    });
    expect(worst).toBeGreaterThanOrEqual(4.5);
    // Chips say a short name; hovering or focusing one shows the label's full name.
    const names = JSON.parse(await readFile(join(served.projectDir, 'codebook.json'), 'utf8')).codebook.spanLabels.map(
      (l: { name: string }) => l.name,
    );
    const chipLocator = page.locator('[data-testid="reader"] [data-testid="span-chip"]');
    const chips = await chipLocator.evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-full'), e.getAttribute('data-chip')]),
    );
    expect(chips.length).toBeGreaterThan(5);
    for (const [full] of chips) expect(names).toContain(full);
    expect(chips.some(([full, shown]) => shown !== full)).toBe(true);
    expect(new Set(chips.map(([t]) => t)).size).toBe(new Set(chips.map(([, c]) => c)).size);
    const cut = chips.findIndex(([full, shown]) => shown !== full);
    await chipLocator.nth(cut).hover();
    await expect
      .poll(() => chipLocator.nth(cut).evaluate((e) => getComputedStyle(e, '::after').content))
      .toBe(JSON.stringify(chips[cut][0]));
    await page.screenshot({ path: join(RESULTS, 'reader-dense.png') });
    await page.getByTestId('annotator').selectOption({ label: 'New annotator…' });
    await page.getByTestId('annotator-new').fill('carol');
    await page.getByTestId('annotator-new').press('Enter');
    await expect.poll(() => page.getByTestId('annotator').inputValue()).toBe('carol');
  });

  it('keeps the chip of "12,000" with its span in Persian text', async () => {
    await openDoc(RTL);
    await selectPhrase(page, '12,000');
    await page.keyboard.press('5');
    await saved();
    const cps = await textOf(RTL);
    const [span] = (await fileOf(RTL)).spans;
    expect(cps.slice(span.start, span.end).join('')).toBe('12,000');
    const where = await page.evaluate(() => {
      const run = [...document.querySelectorAll<HTMLElement>('[data-testid="span-run"]')].find((r) =>
        r.textContent?.includes('12,000'),
      )!;
      const chip = run.querySelector('.chip')!.getBoundingClientRect();
      const r = document.createRange();
      const t = [...run.querySelectorAll('*'), run]
        .flatMap((e) => [...e.childNodes])
        .find((n) => n.nodeType === 3 && (n as Text).data.includes('12,000')) as Text;
      r.setStart(t, t.data.indexOf('12,000'));
      r.setEnd(t, t.data.indexOf('12,000') + 6);
      const text = r.getBoundingClientRect();
      return { chip: chip.toJSON(), text: text.toJSON() };
    });
    // Same line, and side by side (no more than a few pixels of gap).
    expect(Math.abs(where.chip.top + where.chip.height / 2 - (where.text.top + where.text.height / 2))).toBeLessThan(
      where.text.height,
    );
    const gap = Math.max(where.chip.left - where.text.right, where.text.left - where.chip.right);
    expect(gap).toBeLessThan(12);
    await page.screenshot({ path: join(RESULTS, 'reader-rtl-chip.png') });
  });

  it('windows a long document: few nodes, and find reaches its last paragraph', async () => {
    await openDoc(LONG);
    const nodes = () =>
      page.evaluate(() => {
        const w = document.createTreeWalker(document.querySelector('[data-testid="reader"]')!, NodeFilter.SHOW_ALL);
        let n = 0;
        while (w.nextNode()) n++;
        return n;
      });
    expect(await page.locator('[data-testid="reader"] p.para').count()).toBeLessThan(60);
    expect(await nodes()).toBeLessThan(2000);
    await page.keyboard.press('Control+f');
    await page.getByTestId('find-input').fill('zanjanbridge');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('1 of 1');
    await expect.poll(() => onScreen('[data-para="399"]')).toBe(true);
    expect(
      await page.evaluate(
        () => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('find')?.size,
      ),
    ).toBe(1);
    await page.getByTestId('find-input').press('Escape');
    await page.keyboard.press('3');
    await saved();
    const cps = await textOf(LONG);
    const [span] = (await fileOf(LONG)).spans;
    expect(cps.slice(span.start, span.end).join('')).toBe('zanjanbridge');
    expect(await nodes()).toBeLessThan(2000);
    expect(errors).toEqual([]);
  });
});
