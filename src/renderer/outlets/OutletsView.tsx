// How outlets tell the same story (view shell; filled in by its own module).
import type { FrameLensApi } from '../../core/api';

/** Why: the screen for this view, given the API. */
export function OutletsView({ api }: { api: FrameLensApi }) {
  void api;
  return <section className="view-placeholder">How outlets tell the same story.</section>;
}
