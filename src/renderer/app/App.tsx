// The root: one store per App, around the API it is given (tests pass a fake, the app the transport's).
import { Suspense, useEffect, useState } from 'react';
import type { FrameLensApi } from '../../core/api';
import { AnnotateView } from '../annotate/AnnotateView';
import { Overlays } from '../annotate/Overlays';
import { createReaderHandle, ReaderRefContext } from '../annotate/reader/ReaderRef';
import { useHotkeys } from '../annotate/useHotkeys';
import { StoreContext, useApp } from '../state/context';
import { createAppStore } from '../state/store';
import { Alerts } from './Alerts';
import { TopBar } from './TopBar';
import { ViewSwitch } from './ViewSwitch';
import { preloadViews, VIEWS } from './views';

function Workspace() {
  useHotkeys();
  const hasProject = useApp((s) => s.project !== null);
  const view = useApp((s) => s.view);
  // Without a project only the annotate panes make sense: they say how to open one.
  const Current = (hasProject && VIEWS.find((v) => v.id === view)?.Component) || AnnotateView;
  return (
    <div className="app">
      <TopBar>{hasProject && <ViewSwitch />}</TopBar>
      <Alerts />
      <Suspense fallback={<div className="reader-empty">Loading…</div>}>
        <Current />
      </Suspense>
      <Overlays />
    </div>
  );
}

export function App({ api }: { api: FrameLensApi }) {
  const [store] = useState(() => createAppStore(api));
  const [reader] = useState(createReaderHandle);
  useEffect(() => {
    void store.getState().init();
    // The other views' scripts are fetched once the first screen is up, not before it.
    const timer = setTimeout(() => void preloadViews(), 2000);
    return () => clearTimeout(timer);
  }, [store]);
  return (
    <StoreContext.Provider value={store}>
      <ReaderRefContext.Provider value={reader}>
        <Workspace />
      </ReaderRefContext.Provider>
    </StoreContext.Provider>
  );
}
