// The root: one store per App, around the API it is given (tests pass a fake, the app the transport's).
import { type DragEvent, Suspense, useEffect, useState } from 'react';
import type { FrameLensApi } from '../../core/api';
import { AnnotateView } from '../annotate/AnnotateView';
import { Overlays } from '../annotate/Overlays';
import { createReaderHandle, ReaderRefContext } from '../annotate/reader/ReaderRef';
import { useHotkeys } from '../annotate/useHotkeys';
import { filesFromDrop } from '../data/upload';
import { useSendFiles } from '../data/useSendFiles';
import { StoreContext, useApp } from '../state/context';
import { createAppStore } from '../state/store';
import { preloadLater } from '../ui/later';
import { Alerts } from './Alerts';
import { IdentityDialog } from './IdentityDialog';
import { TopBar } from './TopBar';
import { ViewSwitch } from './ViewSwitch';
import { VIEWS } from './views';
import { Welcome } from './Welcome';

function Workspace() {
  useHotkeys();
  const hasProject = useApp((s) => s.project !== null);
  const view = useApp((s) => s.view);
  const asking = useApp((s) => s.askingName !== null);
  const send = useSendFiles();
  const [dragging, setDragging] = useState(false);
  const Current = VIEWS.find((v) => v.id === view)?.Component ?? AnnotateView;
  const carriesFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = hasProject ? 'copy' : 'none';
        setDragging(hasProject);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        void send(filesFromDrop(e.dataTransfer));
      }}
    >
      {/* While the name is asked, what lies under the dialog can be neither focused nor clicked. */}
      <div className="app-behind" inert={asking}>
        <TopBar>{hasProject && <ViewSwitch />}</TopBar>
        <Alerts />
        {hasProject ? (
          <Suspense fallback={<div className="reader-empty">Loading…</div>}>
            <Current />
          </Suspense>
        ) : (
          <Welcome />
        )}
        <Overlays />
      </div>
      <IdentityDialog />
    </div>
  );
}

export function App({ api }: { api: FrameLensApi }) {
  const [store] = useState(() => createAppStore(api));
  const [reader] = useState(createReaderHandle);
  useEffect(() => {
    void store.getState().init();
    // The other views' scripts are fetched once the first screen is up, not before it.
    const timer = setTimeout(() => void preloadLater(), 2000);
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
