// Everything that floats over the workspace, one at a time (the store's `overlay`).
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { useApp, useAppStore } from '../state/context';
import { later } from '../ui/later';
import { OverlayPanel } from '../ui/OverlayPanel';
import { useFocusReturn } from '../ui/useFocusReturn';
import { LabelPopup } from './LabelPopup';
import { SpanPicker } from './SpanPicker';
import { KEYS } from './useHotkeys';

const CodebookEditor = later(() => import('../codebook/CodebookEditor'), 'CodebookEditor');
const CorpusSearch = later(() => import('./CorpusSearch'), 'CorpusSearch');
const FindBar = later(() => import('./FindBar'), 'FindBar');
const RelationTypePicker = later(() => import('./RelationTypePicker'), 'RelationTypePicker');

/**
 * An overlay whose script comes when it is first opened; from then on it stays mounted, keeping what was
 * typed or chosen in it.
 */
function OnceOpened({ kind, children }: { kind: string; children: ReactNode }) {
  const open = useApp((s) => s.overlay?.kind === kind);
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  if (!opened) return null;
  return <Suspense fallback={null}>{children}</Suspense>;
}

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
      <OnceOpened kind="relation-type">
        <RelationTypePicker />
      </OnceOpened>
      <HelpPanel />
      <OnceOpened kind="codebook">
        <CodebookEditor />
      </OnceOpened>
      <OnceOpened kind="find">
        <FindBar />
      </OnceOpened>
      <OnceOpened kind="corpus">
        <CorpusSearch />
      </OnceOpened>
    </>
  );
}
