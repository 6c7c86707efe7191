// Issue 6 in the annotate screen: files changed underneath the running app (as a git pull writes them) are
// reloaded when nothing is unsaved; an edit racing a change on disk is shown as a conflict, and the disk file is
// not overwritten until "Keep mine" is pressed.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSampleApp, openSampleApp, RESULTS, type Served, selectPhrase } from './harness';

const DOC = '001_3fc97e4f2f91e271';
let served: Served;
let browser: Browser;
let page: Page;

interface FileSpan {
  start: number;
  end: number;
  label: string;
}
interface AnnotationFile {
  spans: FileSpan[];
  updatedAt: string;
  [k: string]: unknown;
}

const aliceFile = () => join(served.projectDir, 'annotations', 'alice', `${DOC}.json`);
const readAlice = async () => JSON.parse(await readFile(aliceFile(), 'utf8')) as AnnotationFile;

/** Writes alice's file as a git pull would: a complete new version, renamed into place. */
async function writeAsPull(file: AnnotationFile): Promise<void> {
  const tmp = `${aliceFile()}.pull-tmp`;
  await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`);
  await rename(tmp, aliceFile());
}

/** Code-point offsets of a phrase in the document text. */
async function offsets(phrase: string): Promise<{ start: number; end: number }> {
  const text = JSON.parse(await readFile(join(served.projectDir, 'documents', `${DOC}.json`), 'utf8')).text as string;
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`not in the text: ${phrase}`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(phrase).length };
}

/** The spans the reader shows, as "start:end" keys. */
const shownRuns = (p: Page) => p.getByTestId('span-run').allTextContents();

beforeAll(async () => {
  ({ served, browser, page } = await openSampleApp({ width: 1280, height: 800 }));
});
afterAll(async () => {
  await closeSampleApp({ served, browser });
});

describe('files changing underneath the app', () => {
  it('fits the top bar at 1280 px: the six view buttons never cover the annotator', async () => {
    await page.goto(served.url);
    await page.getByTestId('annotator').selectOption('alice');
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.getByTestId('span-run').first().waitFor();
    await page.screenshot({ path: join(RESULTS, 'topbar-1280.png') });
    const boxes = await page.evaluate(() => {
      const r = (el: Element) => {
        const b = el.getBoundingClientRect();
        return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      };
      return {
        views: [...document.querySelectorAll('.view-switch button')].map(r),
        path: r(document.querySelector('[data-testid="annotator"]')!),
        bar: r(document.querySelector('.topbar')!),
      };
    });
    expect(boxes.views).toHaveLength(6);
    const overlaps = (a: (typeof boxes)['path'], b: (typeof boxes)['path']) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const v of boxes.views) {
      expect(overlaps(v, boxes.path)).toBe(false);
      expect(v.right).toBeLessThanOrEqual(boxes.bar.right);
      expect(v.bottom - v.top).toBeLessThan(40); // one line of text per button
    }
    expect(boxes.path.right - boxes.path.left).toBeGreaterThan(60);
  });

  it('reloads a file a git pull changed while nothing was unsaved', async () => {
    const before = await readAlice();
    const runs = (await shownRuns(page)).join('|');
    expect(runs).not.toContain('Vladimir Putin');
    const added = { ...(await offsets('Vladimir Putin')), label: before.spans[0].label };
    await writeAsPull({
      ...before,
      spans: [...before.spans, added].sort((a, b) => a.start - b.start || a.end - b.end),
      updatedAt: new Date(Date.parse(before.updatedAt) + 60_000).toISOString(),
    });
    await expect.poll(async () => (await shownRuns(page)).join('|'), { timeout: 10_000 }).toContain('Vladimir Putin');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('reloaded: changed on disk');
    await expect.poll(() => page.getByTestId('conflict-banner').count()).toBe(0);
  });

  it('shows a conflict for an edit racing a change on disk, and overwrites only on "Keep mine"', async () => {
    // Hold the app's save until the file has changed on disk again, as a sync landing mid-save would.
    let held: Route | null = null;
    await page.route('**/api/saveAnnotations', (route) => {
      if (held) void route.continue();
      else held = route;
    });
    await selectPhrase(page, 'deadly clashes');
    await page.keyboard.press('1');
    await expect.poll(() => held !== null, { timeout: 10_000 }).toBe(true);

    const pulled = await readAlice();
    const theirs = { ...(await offsets('Masoud Pezeshkian')), label: pulled.spans[0].label };
    const diskVersion: AnnotationFile = {
      ...pulled,
      spans: [...pulled.spans, theirs].sort((a, b) => a.start - b.start || a.end - b.end),
      updatedAt: new Date(Date.parse(pulled.updatedAt) + 60_000).toISOString(),
    };
    await writeAsPull(diskVersion);
    await (held as Route | null)!.continue();

    const banner = page.getByTestId('conflict-banner');
    await banner.waitFor({ timeout: 10_000 });
    await expect.poll(() => banner.textContent()).toMatch(/changed on disk/);
    // The local edit is kept on screen; the disk keeps their version (also after the next polls).
    await expect.poll(async () => (await shownRuns(page)).join('|')).toContain('deadly clashes');
    await page.waitForTimeout(2500);
    await page.screenshot({ path: join(RESULTS, 'conflict-banner.png') });
    expect(await readAlice()).toEqual(diskVersion);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('failed');

    await page.unroute('**/api/saveAnnotations');
    await page.getByTestId('conflict-keep-mine').click();
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await banner.waitFor({ state: 'detached' });
    const mine = await readAlice();
    const key = (s: FileSpan) => `${s.start}:${s.end}`;
    const clashes = await offsets('deadly clashes');
    expect(mine.spans.map(key)).toContain(key({ ...clashes, label: '' }));
    expect(mine.spans.map(key)).toContain(key({ ...(await offsets('Vladimir Putin')), label: '' }));
    expect(mine.spans.map(key)).not.toContain(key(theirs));
    expect(mine.updatedAt > diskVersion.updatedAt).toBe(true);
  });
});
