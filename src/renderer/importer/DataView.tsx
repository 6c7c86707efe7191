// Import articles and export datasets (view shell; filled in by its own module).
import type { FrameLensApi } from '../../core/api';

/** Why: the screen for this view, given the API. */
export function DataView({ api }: { api: FrameLensApi }) {
  void api;
  return <section className="view-placeholder">Import articles and export datasets.</section>;
}
