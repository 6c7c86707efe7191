// The Content-Security-Policy of the app's pages (the renderer's index.html carries the same one in a meta tag).

const BASE: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The policy as a header value; in development the dev server origin and its HMR websocket are allowed too. */
export function contentSecurityPolicy(devUrl?: string | null): string {
  const directives = structuredClone(BASE);
  if (devUrl) {
    const dev = new URL(devUrl);
    const ws = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
    directives['script-src'].push(dev.origin);
    directives['connect-src'].push(dev.origin, ws);
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
