import { Suspense } from 'react';
import { STATUS_CHOICES } from '../../core/documentQuery';
import type { Status } from '../../core/model';
import { CodebookPanel } from '../codebook/CodebookPanel';
import { useApp } from '../state/context';
import { later } from '../ui/later';
import { LabelledSelect } from '../ui/Select';
import { DocLabelGroups } from './DocLabelGroups';
import { LayerToggle } from './LayerToggle';
import { MetaEditor } from './MetaEditor';
import { RelationList } from './RelationList';
import { SpanEditor } from './SpanEditor';
import { useApplyLabel } from './useApplyLabel';

// The model's suggestions and the memos are read after the coding tools: their script loads with the panel.
const ModelBox = later(() => import('./ModelBox'), 'ModelBox');
const MemoPanel = later(() => import('./MemoPanel'), 'MemoPanel');

function StatusSelect() {
  const status = useApp((s) => s.record?.status);
  const setStatus = useApp((s) => s.setStatus);
  const disabled = useApp((s) => !s.record || !s.annotator);
  return (
    <LabelledSelect<Status>
      className="field"
      label="Status"
      data-testid="status"
      value={status ?? 'todo'}
      disabled={disabled}
      onChange={setStatus}
      choices={STATUS_CHOICES}
    />
  );
}

export function SidePanel() {
  const hasDoc = useApp((s) => s.doc !== null);
  const hasProject = useApp((s) => s.project !== null);
  const applyLabel = useApplyLabel();
  if (!hasProject) return <aside className="codebook" />;
  return (
    <aside className="codebook" aria-label="Codebook">
      {hasDoc && (
        <section className="panel-section">
          <StatusSelect />
          <LayerToggle />
        </section>
      )}
      {hasDoc && (
        <Suspense fallback={null}>
          <ModelBox />
        </Suspense>
      )}
      <CodebookPanel onApply={applyLabel} />
      <SpanEditor />
      {hasDoc && <RelationList />}
      {hasDoc && <DocLabelGroups />}
      {hasDoc && <MetaEditor />}
      <Suspense fallback={null}>
        <MemoPanel />
      </Suspense>
    </aside>
  );
}
