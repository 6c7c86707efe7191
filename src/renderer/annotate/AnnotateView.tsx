import { useApp } from '../state/context';
import { DocumentList } from './DocumentList';
import { Reader } from './reader/Reader';
import { SidePanel } from './SidePanel';
import { Toast } from './Toast';

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

export function AnnotateView() {
  const hasProject = useApp((s) => s.project !== null);
  return (
    <main className="panes">
      {hasProject ? <DocumentList /> : <nav className="doclist" />}
      <section className="centre">{hasProject ? <Reader /> : <NoProject />}</section>
      <SidePanel />
      <Toast />
    </main>
  );
}
