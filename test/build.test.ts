// The build writes the one CSP into index.html (the Electron shell and browser mode send it as a header).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspMeta } from '../electron.vite.config';
import { contentSecurityPolicy } from '../src/core/csp';

const transform = (html: string) => (cspMeta().transformIndexHtml as (html: string) => string)(html);

describe('cspMeta', () => {
  it('puts the policy of src/core/csp.ts into the renderer page, right after the charset, and keeps no other', () => {
    const page = readFileSync(join(import.meta.dirname, '..', 'src', 'renderer', 'index.html'), 'utf8');
    const out = transform(page);
    const metas = out.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/g) ?? [];
    expect(metas).toEqual([
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ meta: true })}" />`,
    ]);
    expect(out.match(/Content-Security-Policy/gi)).toHaveLength(1);
    expect(out.indexOf('Content-Security-Policy')).toBeGreaterThan(out.indexOf('<meta charset'));
    expect(out).toContain('<div id="root">');
  });

  it('refuses a page without a charset rather than leaving it without a policy', () => {
    expect(() => transform('<html><head></head></html>')).toThrow(/charset/);
  });

  it('runs on builds only (the dev server page gets the header with the dev origin)', () => {
    expect(cspMeta().apply).toBe('build');
  });
});
