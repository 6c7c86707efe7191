import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/core/csp';

describe('content security policy', () => {
  it('is strict: our own scripts only, no plugins, no framing', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('leaves frame-ancestors out of the meta tag version only', () => {
    const meta = contentSecurityPolicy({ meta: true });
    expect(meta).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy()).toBe(`${meta}; frame-ancestors 'none'`);
  });

  it('allows the dev server and its websocket in development only', () => {
    const dev = contentSecurityPolicy({ devUrl: 'http://localhost:5173/' });
    expect(dev).toContain("script-src 'self' http://localhost:5173;");
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173;");
    expect(contentSecurityPolicy()).not.toContain('localhost');
  });
});
