// Compare annotators and settle their spans into the gold layer (view shell; filled in by its own module).
import type { FrameLensApi } from '../../core/api';

/** Why: the screen for this view, given the API. */
export function AdjudicationView({ api }: { api: FrameLensApi }) {
  void api;
  return <section className="view-placeholder">Compare annotators and settle their spans into the gold layer.</section>;
}
