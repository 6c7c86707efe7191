// The current document's derived data (offset map, paragraphs, the decoration sets, how labels look),
// kept across edits: an edit changes the few spans it touched, never the whole layout.
import { useMemo, useRef } from 'react';
import type { Span } from '../../../core/model';
import type { OffsetMap } from '../../../core/offsets';
import { type LabelLook, labelLook } from '../../codebook/labelLook';
import { useApp } from '../../state/context';
import { openSuggestions, suggestionsShown } from '../../state/modelSlice';
import { mapFor } from '../../state/textMap';
import { type DecorationSet, type SetState, TextLayout } from './segments';

export interface DocumentLayout {
  text: string;
  map: OffsetMap;
  layout: TextLayout;
  /** The own layer first, then each other annotator's layer shown. */
  states: SetState[];
  invalid: number;
  look: LabelLook;
}

const NO_SPANS: Span[] = [];

/** The decoration sets the reader draws: the annotator's own spans, the other layers shown, the model's open suggestions. */
export function useDecorationSets(): DecorationSet[] {
  // The spans and the status, not the record: a relation made or a document label set re-renders no paragraph.
  const ownSpans = useApp((s) => s.record?.spans);
  const status = useApp((s) => s.record?.status);
  const spans = ownSpans ?? NO_SPANS;
  const record = useMemo(() => (ownSpans && status ? { spans: ownSpans, status } : null), [ownSpans, status]);
  const others = useApp((s) => s.others);
  const showOthers = useApp((s) => s.showOthers);
  const hidden = useApp((s) => s.hiddenLayers);
  const me = useApp((s) => s.annotator);
  const suggestions = useApp((s) => s.suggestions);
  const wanted = useApp((s) => s.suggestionsWanted);
  const rejected = useApp((s) => (s.doc ? s.rejectedSuggestions[s.doc.id] : undefined));
  const open = useMemo(
    () => (suggestionsShown(wanted, suggestions) ? openSuggestions(suggestions, record, rejected ?? []) : NO_SPANS),
    [suggestions, record, rejected, wanted],
  );
  return useMemo(
    () => [
      { kind: 'own', spans: hidden.includes(me) ? NO_SPANS : spans },
      ...(showOthers
        ? others
            .filter((r) => !hidden.includes(r.annotator))
            .map((r): DecorationSet => ({ kind: 'layer', owner: r.annotator, spans: r.spans }))
        : []),
      ...(open.length ? [{ kind: 'suggestion', owner: 'model', spans: open } as DecorationSet] : []),
    ],
    [spans, others, showOthers, open, hidden, me],
  );
}

export function useLabelLook(): LabelLook {
  const codebook = useApp((s) => s.project?.codebook);
  return useMemo(() => labelLook(codebook?.spanLabels ?? []), [codebook]);
}

/** The reader and the legend share one layout of the document shown. */
export function useDocumentLayout(): DocumentLayout | null {
  const doc = useApp((s) => s.doc);
  const layout = useMemo(() => (doc ? new TextLayout(doc.text, mapFor(doc.text)) : null), [doc]);
  const look = useLabelLook();
  const sets = useDecorationSets();
  const last = useRef<{ layout: TextLayout; states: SetState[] } | null>(null);
  const states = useMemo(() => {
    if (!layout) return [];
    const prev = last.current?.layout === layout ? last.current.states : null;
    const next = layout.update(prev, sets);
    last.current = { layout, states: next };
    return next;
  }, [layout, sets]);
  return useMemo(() => {
    if (!doc || !layout) return null;
    return { text: doc.text, map: layout.map, layout, states, invalid: TextLayout.invalid(states), look };
  }, [doc, layout, states, look]);
}
