// The build writes the one CSP into index.html (the Electron shell and browser mode send it as a header).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HtmlTagDescriptor, IndexHtmlTransformResult } from 'vite';
import { describe, expect, it } from 'vitest';
import { cspMeta } from '../electron.vite.config';
import { contentSecurityPolicy } from '../src/core/csp';

function transform(html: string): { html: string; tags: HtmlTagDescriptor[] } {
  const hook = cspMeta().transformIndexHtml as (html: string) => IndexHtmlTransformResult;
  return hook(html) as { html: string; tags: HtmlTagDescriptor[] };
}

describe('cspMeta', () => {
  it('puts the policy of src/core/csp.ts into the renderer page and keeps no other', () => {
    const page = readFileSync(join(import.meta.dirname, '..', 'src', 'renderer', 'index.html'), 'utf8');
    const out = transform(page);
    expect(out.html).not.toMatch(/Content-Security-Policy/i);
    expect(out.html).toContain('<div id="root">');
    expect(out.tags).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) },
        injectTo: 'head-prepend',
      },
    ]);
  });

  it('runs on builds only (the dev server page gets the header with the dev origin)', () => {
    expect(cspMeta().apply).toBe('build');
  });
});
