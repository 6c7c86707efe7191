// Renders build/icon.svg into the PNGs electron-builder packs (build/icon.png and build/icons/NxN.png for
// Linux), with headless Chromium. The PNGs are committed; run this after changing the SVG:
// node bin/run-ts.js scripts/render-icons.ts
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

const svg = await readFile(join(ROOT, 'build', 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const png = await page.screenshot({ omitBackground: true });
    await writeFile(join(ROOT, 'build', 'icons', `${size}x${size}.png`), png);
    if (size === 1024) await writeFile(join(ROOT, 'build', 'icon.png'), png);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`rendered ${SIZES.length} icons`);
