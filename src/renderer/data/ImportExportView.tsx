// The import wizard beside the export panel.
import { ExportPanel } from './ExportPanel';
import { ImportWizard } from './ImportWizard';
import './data.css';

export function ImportExportView() {
  return (
    <section className="im-view" data-testid="data-view">
      <header className="im-head">
        <h1>Import &amp; export</h1>
        <span className="muted">
          Paths are files and folders on the machine running Frame Lens. Imported text is always shown as text.
        </span>
      </header>
      <div className="im-columns">
        <ImportWizard />
        <ExportPanel />
      </div>
    </section>
  );
}
