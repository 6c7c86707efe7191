// The current document's derived data (offset map, colours, span views, paragraphs), memoized together.
import { useMemo } from 'react';
import type { Span } from '../../../core/model';
import { OffsetMap } from '../../../core/offsets';
import { useApp } from '../../state/context';
import { layoutParagraphs, type ParagraphLayout, type SpanView, toSpanViews, withGhosts } from './segments';

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
  const shown = useMemo(
    () => (map && showOthers ? withGhosts(views.views, others, map, colorOf) : views.views),
    [views, others, showOthers, map, colorOf],
  );
  return useMemo(() => {
    if (!doc || !map) return null;
    return { text: doc.text, map, views: shown, invalid: views.invalid, paragraphs: layoutParagraphs(doc.text, shown) };
  }, [doc, map, views, shown]);
}
