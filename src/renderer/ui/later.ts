// Parts of the app that the first screen does not need (the other views, the codebook editor) load when first
// shown, so the first screen's script stays small; `preloadLater` fetches them all once the app is idle.
import { type ComponentType, lazy } from 'react';

const loaders: Array<() => Promise<unknown>> = [];

/** A component whose module is fetched the first time it renders (inside a Suspense boundary). */
export function later<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  let loaded: ComponentType | null = null;
  const fetch = () =>
    load().then((m) => {
      loaded = m[name];
      return { default: m[name] };
    });
  loaders.push(fetch);
  // A part whose script is already here renders at once (a thenable React reads synchronously) instead of
  // showing a fallback for a frame.
  return lazy(() => {
    const ready = loaded;
    if (!ready) return fetch();
    // biome-ignore lint/suspicious/noThenProperty: React.lazy reads a thenable that resolves synchronously at once
    const now = { then: (resolve: (m: { default: ComponentType }) => void) => resolve({ default: ready }) };
    return now as unknown as Promise<{ default: ComponentType }>;
  });
}

/** Fetches every part made by `later`, so the first time one is shown it is instant. */
export function preloadLater(): Promise<unknown> {
  return Promise.all(loaders.map((load) => load()));
}
