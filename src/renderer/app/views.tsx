// The app's views, in the order of the view switch. A new view is a folder with its component, and one line here.
// Annotate is the first screen and comes with the bundle; the others load when first opened, so the first
// screen's script stays small (charts, tables and import forms are not needed to start annotating).
import { type ComponentType, lazy } from 'react';
import { AnnotateView } from '../annotate/AnnotateView';

interface ViewEntry {
  id: string;
  title: string;
  Component: ComponentType;
}

const loaders: Array<() => Promise<unknown>> = [];

const later = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => {
  let loaded: ComponentType | null = null;
  const fetch = () =>
    load().then((m) => {
      loaded = m[name];
      return { default: m[name] };
    });
  loaders.push(fetch);
  // A view whose script is already here renders at once (a thenable React reads synchronously) instead of
  // showing "Loading…" for a frame.
  return lazy(() => {
    const ready = loaded;
    if (!ready) return fetch();
    // biome-ignore lint/suspicious/noThenProperty: React.lazy reads a thenable that resolves synchronously at once
    const now = { then: (resolve: (m: { default: ComponentType }) => void) => resolve({ default: ready }) };
    return now as unknown as Promise<{ default: ComponentType }>;
  });
};

/** Fetches every view's script, so the first switch to one is instant; the app calls it once idle. */
export function preloadViews(): Promise<unknown> {
  return Promise.all(loaders.map((load) => load()));
}

export const VIEWS: readonly ViewEntry[] = [
  { id: 'annotate', title: 'Annotate', Component: AnnotateView },
  {
    id: 'agreement',
    title: 'Agreement',
    Component: later(() => import('../agreement/AgreementView'), 'AgreementView'),
  },
  {
    id: 'adjudicate',
    title: 'Adjudicate',
    Component: later(() => import('../adjudicate/AdjudicateView'), 'AdjudicateView'),
  },
  { id: 'study', title: 'Study', Component: later(() => import('../study/StudyView'), 'StudyView') },
  { id: 'outlets', title: 'Outlets', Component: later(() => import('../outlets/OutletsView'), 'OutletsView') },
  {
    id: 'data',
    title: 'Import & export',
    Component: later(() => import('../data/ImportExportView'), 'ImportExportView'),
  },
];
