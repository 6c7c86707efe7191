// The Adjudicate view: a queue of documents from lowest agreement, one document's layers compared and its
// candidate spans settled into gold (who and why recorded), the reasons summary, and assignments. Files
// changed on disk underneath it (another machine's git pull) are reloaded with a notice.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectInfo } from '../../core/api';
import { GOLD } from '../../core/model';
import type { FeedChange } from '../state/changeFeed';
import { useApi, useApp, useChangeFeed } from '../state/context';
import { workText } from '../state/useReportJob';
import { FieldError } from '../ui/FieldError';
import { AssignmentPanel } from './AssignmentPanel';
import { DocumentPanel } from './DocumentPanel';
import { QueueList } from './QueueList';
import { ReasonsTable } from './ReasonsTable';
import { UnanimousBar } from './UnanimousBar';
import { useQueue } from './useQueue';
import './adjudicate.css';
import { TextInput } from '../ui/TextInput';

function changedNotice(annotators: readonly string[]): string {
  const names = [...new Set(annotators)].sort();
  const who = names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.length === 1 ? `${who}'s annotations` : `Annotations of ${who}`} changed on disk — reloaded`;
}

export function AdjudicateView() {
  const api = useApi();
  const annotator = useApp((s) => s.annotator);
  const [lead, setLead] = useState<string | null>(null);
  const by = lead ?? annotator;
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [projectStamp, setProjectStamp] = useState(0);
  const queue = useQueue();
  const [open, setOpen] = useState<string | null>(null);
  const [reloadSignal, setReloadSignal] = useState(0);
  const [stamp, setStamp] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    let live = true;
    void projectStamp;
    api.getProject().then(
      (p) => live && setProject(p),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, projectStamp]);

  const refreshAll = useCallback(() => {
    queue.refresh();
    setStamp((n) => n + 1);
  }, [queue.refresh]);
  const afterBulk = useCallback(() => {
    refreshAll();
    setReloadSignal((n) => n + 1);
  }, [refreshAll]);

  const onChanges = useCallback(
    (changes: FeedChange[], reset: boolean) => {
      if (reset || changes.some((c) => c.kind === 'codebook' || c.kind === 'project')) setProjectStamp((n) => n + 1);
      const shown = openRef.current;
      const mine = changes.filter((c) => c.kind === 'annotation' && c.document === shown);
      if (shown && (reset || mine.length)) setReloadSignal((n) => n + 1);
      const others = mine.map((c) => c.annotator).filter((a): a is string => !!a && a !== GOLD);
      if (others.length) setNotice(changedNotice(others));
      if (reset || changes.some((c) => c.kind === 'annotation' || c.kind === 'document' || c.kind === 'index'))
        refreshAll();
    },
    [refreshAll],
  );
  useChangeFeed(onChanges);

  const annotators = useMemo(() => (project?.annotators ?? []).filter((a) => a !== GOLD).sort(), [project]);
  const maxAnnotators = Math.max(2, ...(queue.rows ?? []).map((r) => r.annotators.length));
  const row = queue.rows?.find((r) => r.id === open);

  return (
    <section className="adj-view" data-testid="adjudication-view">
      <header className="adj-head">
        <h1>Adjudicate</h1>
        <label className="adj-lead">
          Lead <TextInput value={by} placeholder="your name" data-testid="adj-lead" onChange={setLead} />
        </label>
        <UnanimousBar by={by} maxAnnotators={maxAnnotators} onDone={afterBulk} />
      </header>
      {notice && (
        <p className="adj-notice" role="status" data-testid="adj-notice">
          {notice}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </p>
      )}
      {queue.error && <FieldError>{queue.error}</FieldError>}
      <div className="adj-main">
        <nav className="adj-queue-pane" aria-label="Adjudication queue" onScroll={queue.paged.onScroll}>
          <h2>Queue · lowest agreement first</h2>
          {queue.rows ? (
            <QueueList
              rows={queue.rows}
              total={queue.paged.total ?? queue.rows.length}
              loading={queue.paged.loading}
              onMore={queue.paged.more}
              selected={open}
              onOpen={setOpen}
            />
          ) : (
            <p className="muted" data-testid="adj-queue-work">
              {queue.work ? workText(queue.work) : 'Computing agreement…'}
            </p>
          )}
        </nav>
        <div className="adj-work">
          {open ? (
            <DocumentPanel
              key={open}
              id={open}
              row={row}
              codebook={project?.codebook ?? null}
              by={by}
              reloadSignal={reloadSignal}
              onDecided={refreshAll}
            />
          ) : (
            <p className="muted adj-empty">Open a document from the queue to compare its annotators and settle gold.</p>
          )}
          <div className="adj-panels">
            <section className="adj-panel">
              <h2>Decision reasons per label</h2>
              <ReasonsTable stamp={stamp} />
            </section>
            <section className="adj-panel">
              <h2>Assignments</h2>
              <AssignmentPanel annotators={annotators} stamp={stamp} />
            </section>
          </div>
        </div>
      </div>
    </section>
  );
}
