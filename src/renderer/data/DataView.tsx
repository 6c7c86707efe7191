// The Import & export view: the import wizard beside the export panel.
import type { FrameLensApi } from '../../core/api';
import { ExportPanel } from './ExportPanel';
import { ImportWizard } from './ImportWizard';
import './data.css';

/** The screen for this view, given the API. */
export function ImportExportView({ api }: { api: FrameLensApi }) {
  return (
    <section className="im-view" data-testid="data-view">
      <header className="im-head">
        <h1>Import &amp; export</h1>
        <span className="muted">
          Paths are files and folders on the machine running Frame Lens. Imported text is always shown as text.
        </span>
      </header>
      <div className="im-columns">
        <ImportWizard api={api} />
        <ExportPanel api={api} />
      </div>
    </section>
  );
}
