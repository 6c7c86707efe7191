// The Content-Security-Policy of the app's page, written once: the Electron shell and browser mode
// send it as a header, and the build writes it into index.html as a meta tag.

const POLICY: Record<string, string[]> = {
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

/**
 * The policy as a header value. With `devUrl` (electron-vite's dev server) its origin and HMR
 * websocket are allowed too. `meta` leaves out frame-ancestors, which browsers ignore (and warn
 * about) in a meta tag.
 */
export function contentSecurityPolicy(options: { devUrl?: string | null; meta?: boolean } = {}): string {
  const directives = Object.fromEntries(Object.entries(POLICY).map(([name, sources]) => [name, [...sources]]));
  if (options.meta) delete directives['frame-ancestors'];
  const dev = options.devUrl?.match(/^(https?):\/\/([^/?#]+)/i);
  if (dev) {
    const [, scheme, host] = dev;
    const origin = `${scheme.toLowerCase()}://${host.toLowerCase()}`;
    directives['script-src'].push(origin);
    directives['connect-src'].push(
      origin,
      `${scheme.toLowerCase() === 'https' ? 'wss' : 'ws'}://${host.toLowerCase()}`,
    );
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
