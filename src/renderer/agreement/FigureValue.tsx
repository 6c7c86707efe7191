// One figure as the dashboard shows it: three decimals, or a dash with the reason it is undefined.
import type { Num } from '../../core/agreement';
import { fmt } from './readings';

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
    return <span className="ag-ci muted">no interval: {ci.reason ?? 'undefined'}</span>;
  return (
    <span className="ag-ci muted" data-testid="ag-ci">
      95% CI {fmt(ci.lower)} – {fmt(ci.upper)}
    </span>
  );
}
