// The current document's derived data (offset map, colours, span views, paragraphs), memoized together.
import { useMemo } from 'react';
import type { Span } from '../../../core/model';
import { OffsetMap } from '../../../core/offsets';
import { useApp } from '../../state/context';
import { openSuggestions, suggestionsShown } from '../../state/modelSlice';
import {
  layoutParagraphs,
  type ParagraphLayout,
  type SpanView,
  toSpanViews,
  withGhosts,
  withSuggestions,
} from './segments';

/** The colour of a label missing from the codebook (imported or removed). */
export const UNKNOWN_COLOR = '#8a8a8a';

interface DocumentLayout {
  text: string;
  map: OffsetMap;
  views: SpanView[];
  invalid: number;
  paragraphs: ParagraphLayout[];
}

/** The reader and the codebook panel need the same derived views without recomputing them. */
export function useDocumentLayout(): DocumentLayout | null {
  const doc = useApp((s) => s.doc);
  const spans = useApp((s) => s.record?.spans);
  const codebook = useApp((s) => s.project?.codebook);
  const others = useApp((s) => s.others);
  const showOthers = useApp((s) => s.showOthers);
  const record = useApp((s) => s.record);
  const suggestions = useApp((s) => s.suggestions);
  const wanted = useApp((s) => s.suggestionsWanted);
  const rejected = useApp((s) => (s.doc ? s.rejectedSuggestions[s.doc.id] : undefined));
  const map = useMemo(() => (doc ? new OffsetMap(doc.text) : null), [doc]);
  const colorOf = useMemo(() => {
    const colors = new Map((codebook?.spanLabels ?? []).map((l) => [l.name, l.color]));
    return (label: string) => colors.get(label) ?? UNKNOWN_COLOR;
  }, [codebook]);
  // One cache per text: span objects are kept across edits, so their views are too.
  const cache = useMemo(() => (map ? new WeakMap<Span, SpanView>() : null), [map]);
  const views = useMemo(
    () => (map && spans ? toSpanViews(spans, map, colorOf, cache ?? undefined) : { views: [], invalid: 0 }),
    [map, spans, colorOf, cache],
  );
  const open = useMemo(
    () => (suggestionsShown(wanted, suggestions) ? openSuggestions(suggestions, record, rejected ?? []) : []),
    [suggestions, record, rejected, wanted],
  );
  const shown = useMemo(() => {
    const withOthers = map && showOthers ? withGhosts(views.views, others, map, colorOf) : views.views;
    return map ? withSuggestions(withOthers, open, map, colorOf) : withOthers;
  }, [views, others, showOthers, map, colorOf, open]);
  return useMemo(() => {
    if (!doc || !map) return null;
    return { text: doc.text, map, views: shown, invalid: views.invalid, paragraphs: layoutParagraphs(doc.text, shown) };
  }, [doc, map, views, shown]);
}
