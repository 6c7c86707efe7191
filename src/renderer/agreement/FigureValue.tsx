// One figure as the dashboard shows it: three decimals, or a dash with the reason it is undefined.
import type { ConfidenceInterval, Num } from '../../core/agreement';
import { coef, fmt } from './readings';

/** An undefined figure always shows why, beside it. */
export function FigureValue({ value, reason, testId }: { value: Num; reason?: string; testId?: string }) {
  if (value === null)
    return (
      <span className="ag-null" data-testid={testId} title={reason}>
        — <span className="ag-reason">{reason ?? 'undefined'}</span>
      </span>
    );
  return (
    <span className="ag-num" data-testid={testId}>
      {fmt(value)}
    </span>
  );
}

/** A bootstrap interval beside its figure, or where it stands while it is computed. */
export function IntervalText({ ci }: { ci: { lower: Num; upper: Num; reason?: string } | null | undefined }) {
  if (ci === undefined) return <span className="ag-ci muted">CI …</span>;
  if (ci === null) return null;
  if (ci.lower === null || ci.upper === null)
    return <span className="ag-ci ag-ci-none muted">no interval: {ci.reason ?? 'undefined'}</span>;
  return (
    <span className="ag-ci muted" data-testid="ag-ci">
      95% CI {fmt(ci.lower)} – {fmt(ci.upper)}
    </span>
  );
}

/**
 * The verdict the interval supports, never one read off the point estimate: none without an interval (the
 * reason beside it is the interval's), an ellipsis while the bootstrap runs.
 */
export function VerdictText({ ci }: { ci: ConfidenceInterval | null | undefined }) {
  if (ci === undefined) return <span className="muted">…</span>;
  if (ci === null) return null;
  if (ci.verdict === null)
    return (
      <span className="verdict verdict-none" data-testid="ag-verdict" title={ci.reason}>
        no verdict
      </span>
    );
  const [high, low] = [Math.max(...ci.q.map((q) => q.alpha_min)), Math.min(...ci.q.map((q) => q.alpha_min))];
  return (
    <span
      className={`verdict verdict-${ci.verdict}`}
      data-testid="ag-verdict"
      title={`From the interval: reliable when its lower bound reaches ${coef(high)}, tentative when it reaches ${coef(low)}, unreliable when its upper bound stays below ${coef(low)}, inconclusive when it spans a threshold.`}
    >
      {ci.verdict}
    </span>
  );
}

/** q: the share of bootstrap resamples in which α falls below each minimum (Krippendorff 2004, §11.4). */
export function QText({ ci }: { ci: ConfidenceInterval | null | undefined }) {
  if (!ci || ci.q.every((q) => q.q === null)) return null;
  return (
    <span
      className="ag-q muted"
      data-testid="ag-q"
      title="The share of bootstrap resamples in which α falls below the minimum"
    >
      {ci.q.map((q) => `q(α<${coef(q.alpha_min)}) ${fmt(q.q)}`).join(' · ')}
    </span>
  );
}
