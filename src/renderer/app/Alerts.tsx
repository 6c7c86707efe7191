import { useApp, useAppStore } from '../state/context';
import { ConflictBanner } from './ConflictBanner';

export function Alerts() {
  const store = useAppStore();
  const project = useApp((s) => s.project);
  const dismissed = useApp((s) => s.problemsDismissed);
  const projectError = useApp((s) => s.projectError);
  const documentsError = useApp((s) => s.documentsError);
  const notice = useApp((s) => s.notice);
  const problems = project?.problems ?? [];
  return (
    <>
      {problems.length > 0 && !dismissed && (
        <div className="strip warn" role="alert" data-testid="problems">
          <div className="strip-body">
            <strong>
              {problems.length} file{problems.length === 1 ? '' : 's'} of this project could not be read
            </strong>{' '}
            (the rest is open; these files are left untouched):
            <ul>
              {problems.map((p) => (
                <li key={p.path}>
                  <span className="mono">{p.path}</span> — {p.reason}
                </li>
              ))}
            </ul>
          </div>
          <button type="button" className="small" onClick={() => store.getState().dismissProblems()}>
            Dismiss
          </button>
        </div>
      )}
      {project && projectError && (
        <div className="strip error" role="alert">
          <div className="strip-body">{projectError}</div>
          <button type="button" className="small" onClick={() => store.getState().dismissProjectError()}>
            Dismiss
          </button>
        </div>
      )}
      <ConflictBanner />
      {documentsError && (
        <div className="strip error" role="alert">
          <div className="strip-body">Could not list documents: {documentsError}</div>
        </div>
      )}
      {notice && (
        <div className="strip info" role="status" data-testid="notice">
          <div className="strip-body">{notice}</div>
          <button type="button" className="small" onClick={() => store.getState().setNotice(null)}>
            OK
          </button>
        </div>
      )}
    </>
  );
}
