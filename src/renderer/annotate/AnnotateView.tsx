import { FilePickers } from '../data/FilePickers';
import { useApp } from '../state/context';
import { DocumentList } from './DocumentList';
import { RelatingHint } from './RelationList';
import { Reader } from './reader/Reader';
import { SidePanel } from './SidePanel';
import { Toast } from './Toast';

/** An empty project: the way in is to bring articles. */
function ImportCallToAction() {
  return (
    <div className="reader-empty import-cta" data-testid="import-cta">
      <h1>Bring in your articles</h1>
      <p>Drop files or a folder anywhere on this window (text, HTML, JSONL, CSV, brat, WebAnno, .qdpx…), or:</p>
      <FilePickers />
    </div>
  );
}

export function AnnotateView() {
  const empty = useApp((s) => s.project?.documents === 0 && s.list.all === 0);
  return (
    <main className="panes">
      <DocumentList />
      <section className="centre">{empty ? <ImportCallToAction /> : <Reader />}</section>
      <SidePanel />
      <RelatingHint />
      <Toast />
    </main>
  );
}
