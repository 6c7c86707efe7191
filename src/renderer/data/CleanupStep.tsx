// Step 3 for scraped pages (txt, html): which clean-ups to apply (all on by default), and per document
// a before/after: every proposed removal with its kind, lines and reason (the removed lines struck
// through), beside the text as it will be imported. Never silent: nothing is removed that is not listed.

import { CLEANUP_KINDS, type CleanupAction, type CleanupKind } from '../../core/cleanup';
import type { ImportReport } from '../../core/formats/options';
import { excerpt, plural } from './text';

/** What each kind means, in the words a researcher would use. */
const CLEANUP_TEXT: Record<CleanupKind, string> = {
  'error-page': 'error-page text (“Sorry!! Error! … doesn’t exist”)',
  boilerplate: 'boilerplate (disclaimers, comment counters, share buttons)',
  'trailing-links': '“Most popular stories” and the links after it',
  'duplicate-body': 'paragraphs printed twice in a row',
  'truncated-title': 'a title line cut short, then printed whole',
  header: 'header lines (title, byline, date) before the body',
  'scraper-line': 'scraper status lines (“date 2026-01-19 403”)',
};

function lines(a: CleanupAction): string {
  return a.to - a.from === 1 ? `line ${a.from + 1}` : `lines ${a.from + 1}–${a.to}`;
}

function Action({ action }: { action: CleanupAction }) {
  return (
    <li className="im-action" data-testid="im-action" data-kind={action.kind}>
      <div>
        <span className="im-kind">{action.kind}</span> <span className="muted">{lines(action)}</span> — {action.reason}
      </div>
      {action.removed.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the removed lines are fixed for this action
        <del key={i} className="im-removed" dir="auto">
          {l || '\u00a0'}
        </del>
      ))}
    </li>
  );
}

/** One document's before (removals) and after (the text to import, when it is among the previewed). */
function BeforeAfter({ id, actions, after }: { id: string; actions: CleanupAction[]; after: string | null }) {
  return (
    <div className="im-ba" data-testid="im-before-after" data-doc-id={id}>
      <div className="im-ba-col">
        <h5>
          Removed from <span className="mono">{id}</span>
        </h5>
        <ul className="im-actions">
          {actions.map((a) => (
            <Action key={`${a.kind}-${a.from}`} action={a} />
          ))}
        </ul>
      </div>
      <div className="im-ba-col">
        <h5>After clean-up</h5>
        {after === null ? (
          <p className="muted">(not among the previewed documents)</p>
        ) : (
          <div className="im-doc-text" dir="auto">
            {excerpt(after)}
          </div>
        )}
      </div>
    </div>
  );
}

export function CleanupStep({
  clean,
  report,
  disabled,
  onToggle,
}: {
  clean: Record<CleanupKind, boolean>;
  report: ImportReport | null;
  disabled: boolean;
  onToggle(kind: CleanupKind, on: boolean): void;
}) {
  const counts = new Map<CleanupKind, number>();
  for (const c of report?.cleanup ?? []) for (const a of c.actions) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const texts = new Map((report?.preview ?? []).map((d) => [d.id, d.text]));
  const cleaned = report?.cleanup ?? [];
  const shown = cleaned.slice(0, 20);
  return (
    <fieldset className="im-step" disabled={disabled} data-testid="im-cleanup">
      <legend>
        <span className="im-num">3</span> Clean-up
      </legend>
      <div className="im-kinds">
        {CLEANUP_KINDS.map((k) => (
          <label key={k} className="im-check">
            <input
              type="checkbox"
              data-testid={`im-clean-${k}`}
              checked={clean[k]}
              onChange={(e) => onToggle(k, e.target.checked)}
            />
            <span>
              <span className="im-kind">{k}</span> {CLEANUP_TEXT[k]}
              {clean[k] && counts.get(k) ? <span className="muted"> · {counts.get(k)}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {report && (
        <p className="muted" data-testid="im-cleanup-summary">
          {cleaned.length === 0
            ? 'Nothing to clean up with these choices.'
            : `${plural(cleaned.length, 'document')} would be cleaned; every removal is listed below.`}
        </p>
      )}
      {shown.map((c) => (
        <BeforeAfter key={c.id} id={c.id} actions={c.actions} after={texts.get(c.id) ?? null} />
      ))}
      {cleaned.length > shown.length && (
        <p className="muted">…and {plural(cleaned.length - shown.length, 'more document')} with clean-ups</p>
      )}
    </fieldset>
  );
}
