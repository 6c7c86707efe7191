// axe-core on every view, the welcome screen and the name dialog: no serious or critical violation.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Served, serveSample } from './harness';

const require = createRequire(import.meta.url);
const DOC = '001_3fc97e4f2f91e271';
let served: Served;
let browser: Browser;
let page: Page;
let axeSource: string;

beforeAll(async () => {
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  served = await serveSample();
  browser = await launchChromium();
  // The app's CSP allows no inline script; axe is injected by the test only.
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('every view has no serious or critical violation', async () => {
    await page.goto(served.url);
    await page.locator(`[data-testid="doc-item"][data-doc-id="${DOC}"]`).click();
    await page.getByTestId('span-run').first().waitFor();
    const found: Record<string, string[]> = { annotate: await seriousViolations() };
    const views = await page
      .locator('.view-switch button')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    for (const view of views.filter((v) => v !== 'view-annotate')) {
      await page.getByTestId(view).click();
      await page.waitForTimeout(1500);
      found[view] = await seriousViolations();
    }
    await page.getByTestId('close-project').click();
    await page.getByTestId('welcome').waitFor();
    found.welcome = await seriousViolations();
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
});
