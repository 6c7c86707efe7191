// E2E harness: a copy of the sample project served by `framelens serve`, driven in Debian Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../src/cli/commands/serve';

/** Where tests leave screenshots for people to look at. */
export const RESULTS = join(import.meta.dirname, '..', '..', 'test-results');
const ROOT = join(import.meta.dirname, '..', '..');

/** A running app on a throwaway copy of the sample project. */
export interface Served {
  url: string;
  projectDir: string;
  stop(): Promise<void>;
}

/**
 * Serves a fresh copy of annotations/ (or the project `make` writes) and resolves with the URL the server
 * prints. The user is already named (`annotator`) unless it is null (a first launch); `project: null` serves
 * no project, as a first start without arguments does (the welcome screen, or the sample's copy in
 * `documents`). A function alone is `make`.
 */
export async function serveSample(
  given:
    | {
        annotator?: string | null;
        project?: null;
        allow?: string[];
        make?: (projectDir: string) => Promise<void>;
      }
    | ((projectDir: string) => Promise<void>) = {},
): Promise<Served & { dir: string }> {
  const opts = typeof given === 'function' ? { make: given } : given;
  ensureRendererBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'framelens-e2e-'));
  const projectDir = join(dir, 'project');
  if (opts.make) await opts.make(projectDir);
  else await cp(join(ROOT, 'annotations'), projectDir, { recursive: true });
  const annotator = opts.annotator === undefined ? 'alice' : opts.annotator;
  await mkdir(join(dir, 'config'), { recursive: true });
  if (annotator !== null)
    await writeFile(join(dir, 'config', 'settings.json'), JSON.stringify({ schema: 1, annotator }));
  const args = [
    join(ROOT, 'bin', 'framelens.cjs'),
    'serve',
    ...(opts.project === null ? [] : [projectDir]),
    ...(opts.allow ? ['--allow', ...opts.allow] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      FRAMELENS_CONFIG_DIR: join(dir, 'config'),
      FRAMELENS_DOCUMENTS_DIR: join(dir, 'documents'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/Frame Lens: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return {
    url,
    dir,
    projectDir,
    stop: async () => {
      // serve writes its caches as it closes: the folder goes only once the process has gone.
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What most E2E files start from: the served sample project and one Chromium page of a given size. */
export async function openSampleApp(viewport: {
  width: number;
  height: number;
}): Promise<{ served: Served; browser: Browser; page: Page }> {
  const served = await serveSample();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  return { served, browser, page };
}

/** The matching teardown; safe when setup failed half-way. */
export async function closeSampleApp(app: { served?: Served; browser?: Browser }): Promise<void> {
  await app.browser?.close();
  await app.served?.stop();
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(RESULTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Selects the first occurrence of a phrase inside the reader, as a mouse drag would. */
export async function selectPhrase(p: Page, phrase: string): Promise<void> {
  await p.evaluate((needle) => {
    const reader = document.querySelector('[data-testid="reader"]')!;
    const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      all += (n as Text).data;
    }
    const at = all.indexOf(needle);
    if (at < 0) throw new Error(`phrase not in reader: ${needle}`);
    const locate = (offset: number): [Text, number] => {
      let seen = 0;
      for (const node of nodes) {
        if (offset <= seen + node.data.length) return [node, offset - seen];
        seen += node.data.length;
      }
      throw new Error('offset past the text');
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + needle.length));
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, phrase);
}
