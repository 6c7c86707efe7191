// Everything that floats over the workspace, one at a time (the store's `overlay`).
import { useEffect } from 'react';
import { CodebookEditor } from '../codebook/CodebookEditor';
import { useApp, useAppStore } from '../state/context';
import { OverlayPanel } from '../ui/OverlayPanel';
import { useFocusReturn } from '../ui/useFocusReturn';
import { CorpusSearch } from './CorpusSearch';
import { FindBar } from './FindBar';
import { LabelPopup } from './LabelPopup';
import { RelationTypePicker } from './RelationTypePicker';
import { SpanPicker } from './SpanPicker';
import { KEYS } from './useHotkeys';

function HelpPanel() {
  const store = useAppStore();
  const open = useApp((s) => s.overlay?.kind === 'help');
  if (!open) return null;
  return (
    <OverlayPanel
      className="help-panel"
      testId="help-panel"
      label="Keyboard shortcuts"
      title="Keyboard"
      onClose={() => store.getState().setOverlay(null)}
    >
      <dl>
        {KEYS.map(([k, what]) => (
          <div key={k} className="help-row">
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </OverlayPanel>
  );
}

export function Overlays() {
  const store = useAppStore();
  const kind = useApp((s) => s.overlay?.kind);
  useFocusReturn(kind !== undefined);
  // A click outside a floating menu closes it, as menus do.
  useEffect(() => {
    if (kind !== 'pick' && kind !== 'help') return;
    const onDown = (e: MouseEvent) => {
      if (!(e.target as Element | null)?.closest?.('.popup')) store.getState().setOverlay(null);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [kind, store]);
  return (
    <>
      <LabelPopup />
      <SpanPicker />
      <RelationTypePicker />
      <HelpPanel />
      <CodebookEditor />
      <FindBar />
      <CorpusSearch />
    </>
  );
}
