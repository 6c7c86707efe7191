// The workspace: top bar, document list, reader, codebook panel. One store per App, around one API.
import { useEffect, useRef, useState } from 'react';
import type { FrameLensApi } from '../../core/api';
import { AdjudicationView } from '../adjudicate/AdjudicateView';
import { AgreementView } from '../agreement/AgreementView';
import { DocumentList } from '../annotate/DocumentList';
import { Overlays } from '../annotate/Overlays';
import { Reader } from '../annotate/reader/Reader';
import { ReaderRefContext } from '../annotate/reader/ReaderRef';
import { useHotkeys } from '../annotate/useHotkeys';
import { CodebookPanel } from '../codebook/CodebookPanel';
import { ImportExportView } from '../data/DataView';
import { OutletsView } from '../outlets/OutletsView';
import { StoreContext, useApp } from '../state/context';
import { createAppStore } from '../state/store';
import { Alerts } from './Alerts';
import { TopBar } from './TopBar';
import { type View, ViewSwitch } from './ViewSwitch';

/** The centre pane when no project is open: say how to get one, offer the recent ones. */
function NoProject() {
  const recent = useApp((s) => s.recent);
  const ready = useApp((s) => s.ready);
  const error = useApp((s) => s.projectError);
  const open = useApp((s) => s.openProject);
  if (!ready) return <div className="reader-empty">Connecting…</div>;
  return (
    <div className="reader-empty welcome">
      <h1>No project is open</h1>
      <p>Type a project folder in the field at the top and press Open, or Create to start a new one.</p>
      {error && <p className="muted small-text">{error}</p>}
      {recent.length > 0 && (
        <>
          <h2>Recent projects</h2>
          <ul className="recent">
            {recent.map((p) => (
              <li key={p}>
                <button type="button" className="link mono" onClick={() => void open(p)}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The three panes under the top bar, or the Agreement view. */
function Workspace({ api }: { api: FrameLensApi }) {
  useHotkeys();
  const hasProject = useApp((s) => s.project !== null);
  const [view, setView] = useState<View>('annotate');
  const other = hasProject && view !== 'annotate';
  return (
    <div className="app">
      <TopBar>{hasProject && <ViewSwitch view={view} onChange={setView} />}</TopBar>
      <Alerts />
      {other ? (
        view === 'agreement' ? (
          <AgreementView api={api} />
        ) : view === 'adjudicate' ? (
          <AdjudicationView api={api} />
        ) : view === 'outlets' ? (
          <OutletsView api={api} />
        ) : (
          <ImportExportView api={api} />
        )
      ) : (
        <main className="panes">
          {hasProject ? <DocumentList /> : <nav className="doclist" />}
          <section className="centre">{hasProject ? <Reader /> : <NoProject />}</section>
          <CodebookPanel />
        </main>
      )}
      <Overlays />
    </div>
  );
}

/** The root component; tests pass a fake API, the app passes getApi(). */
export function App({ api }: { api: FrameLensApi }) {
  const [store] = useState(() => createAppStore(api));
  const readerRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    void store.getState().init();
  }, [store]);
  return (
    <StoreContext.Provider value={store}>
      <ReaderRefContext.Provider value={readerRef}>
        <Workspace api={api} />
      </ReaderRefContext.Provider>
    </StoreContext.Provider>
  );
}
