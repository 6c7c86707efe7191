// Relations drawn over the reader: a connector from each relation's source span to its target, labelled with
// its type, routed through the gaps between lines and the margins so it never crosses text (arcRoutes.ts).
// Boxes come from the rendered text (so right-to-left lines and wrapped spans place themselves) and are read
// only in an animation frame after the paragraphs or spans changed, never on the way to a frame. An end whose
// paragraph is not rendered (scrolled far away) becomes a labelled stub that jumps to it. The same relation
// in several layers is drawn once, naming every layer; a connector no own relation shares is faded.
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import type { Relation, Span } from '../../../core/model';
import { relationTypesOf } from '../../../core/relations';
import { useApp, useAppStore } from '../../state/context';
import { indexOfSpan, spanIdentity } from '../../state/spans';
import { quote } from '../../state/textMap';
import { type EndBox, type LabelBox, type Point, pathOf, placeLabels, routeArcs } from './arcRoutes';
import { toDomRangeEach } from './highlight';
import { useReaderHandle } from './ReaderRef';
import type { DocumentLayout } from './useDocumentLayout';

interface Drawn {
  key: string;
  relation: Relation;
  /** The layers holding this relation: null for the analyst's own, else the annotator. */
  owners: (string | null)[];
  from: Span;
  to: Span;
}

interface Placed extends Drawn {
  a: EndBox | null;
  b: EndBox | null;
  points: Point[] | null;
  label: Point | null;
}

const NO_RELATIONS: Relation[] = [];

/**
 * The layers' relations with their spans found by id (a relation naming a span the layer lacks is skipped);
 * one relation of several layers (same type, same stretches) is one entry naming them all.
 */
function drawnRelations(
  own: { spans: Span[]; relations: Relation[] } | null,
  others: { annotator: string; spans: Span[]; relations?: Relation[] }[],
): Drawn[] {
  const byKey = new Map<string, Drawn>();
  const add = (owner: string | null, spans: Span[], relations: readonly Relation[]) => {
    if (!relations.length) return;
    const byId = new Map(spans.flatMap((s) => (s.id === undefined ? [] : [[s.id, s] as const])));
    for (const r of relations) {
      const from = byId.get(r.from);
      const to = byId.get(r.to);
      if (!from || !to) continue;
      const key = `${r.type}>${from.start}:${from.end}>${to.start}:${to.end}`;
      const seen = byKey.get(key);
      if (seen) {
        if (!seen.owners.includes(owner)) seen.owners.push(owner);
      } else byKey.set(key, { key, relation: r, owners: [owner], from, to });
    }
  };
  if (own) add(null, own.spans, own.relations);
  for (const o of others) add(o.annotator, o.spans, o.relations ?? NO_RELATIONS);
  return [...byKey.values()];
}

const ownerNames = (owners: readonly (string | null)[]) => owners.map((o) => o ?? 'you').join(', ');
const layersOf = (d: Drawn) => (d.owners.length > 1 || !d.owners.includes(null) ? ` · ${ownerNames(d.owners)}` : '');
const labelText = (d: Drawn) => `${d.relation.type}${layersOf(d)}`;

/** Each span's first line box relative to `origin` (its middle, top and bottom), null where it is not rendered. */
function boxesOf(root: Element, dl: DocumentLayout, spans: readonly Span[], origin: DOMRect): (EndBox | null)[] {
  const inText = spans.map((s) => s.end <= dl.map.codePoints);
  const ranges = toDomRangeEach(
    root,
    spans.map((s, i) =>
      inText[i] ? { start: dl.map.toUtf16(s.start), end: dl.map.toUtf16(s.end) } : { start: -1, end: -1 },
    ),
  );
  return ranges.map((range, i) => {
    const rect = inText[i] ? range?.getClientRects()[0] : undefined;
    if (!rect) return null;
    return {
      x: rect.left + rect.width / 2 - origin.left,
      top: rect.top - origin.top,
      bottom: rect.bottom - origin.top,
    };
  });
}

/** The room between two lines' text: the paragraph's line height less the text's own height. */
function lineGap(root: Element, boxes: readonly (EndBox | null)[]): number {
  const para = root.querySelector('.para');
  const line = para ? Number.parseFloat(getComputedStyle(para).lineHeight) : Number.NaN;
  const box = boxes.find((b) => b !== null);
  if (!box || !Number.isFinite(line)) return 12;
  return Math.max(8, line - (box.bottom - box.top));
}

export function RelationLayer({ dl, body }: { dl: DocumentLayout; body: RefObject<HTMLDivElement | null> }) {
  const handle = useReaderHandle();
  const store = useAppStore();
  const record = useApp((s) => s.record);
  const others = useApp((s) => s.others);
  const showOthers = useApp((s) => s.showOthers);
  const codebook = useApp((s) => s.project?.codebook);
  const relating = useApp((s) => s.relating);
  const [hovered, setHovered] = useState<string | null>(null);
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [draftPoints, setDraftPoints] = useState<Point[] | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const types = useMemo(() => new Map(relationTypesOf(codebook).map((t) => [t.name, t])), [codebook]);
  const drawn = useMemo(
    () => drawnRelations(record, showOthers ? others.filter((o) => o.relations?.length) : []),
    [record, others, showOthers],
  );
  const draft = relating && record ? relatingBoxes(relating, record.spans) : null;
  const draftFrom = draft?.from;
  const draftTo = draft?.to;

  const measure = () => {
    const root = handle.root.current;
    const el = body.current;
    if (!root || !el) return;
    const origin = el.getBoundingClientRect();
    const width = el.clientWidth;
    setSize({ width, height: el.clientHeight });
    // One lookup for every end (ends of paragraphs not rendered come back null at once).
    const boxes = boxesOf(
      root,
      dl,
      [...drawn.flatMap((r) => [r.from, r.to]), ...(draftFrom ? [draftFrom] : []), ...(draftTo ? [draftTo] : [])],
      origin,
    );
    const ends = drawn.map((_, i) => ({ a: boxes[2 * i], b: boxes[2 * i + 1] }));
    const da = draftFrom ? boxes[2 * drawn.length] : null;
    const db = draftTo ? boxes[2 * drawn.length + (draftFrom ? 1 : 0)] : null;
    const gap = lineGap(root, [...ends.flatMap((e) => [e.a, e.b]), da, db]);
    const both = ends.flatMap((e, i) => (e.a && e.b ? [{ key: drawn[i].key, from: e.a, to: e.b }] : []));
    if (da && db) both.push({ key: '\u0000draft', from: da, to: db });
    const routed = routeArcs(both, { width, gap });
    const routes = new Map(routed.map((r) => [r.key, r]));
    // Label sizes estimated from their text (9px type), so placing them reads no box.
    const sizes = new Map<string, LabelBox>(
      drawn.flatMap((r, i) =>
        ends[i].a && ends[i].b ? [[r.key, { key: r.key, width: 8 + 5 * labelText(r).length, height: 11 }]] : [],
      ),
    );
    const spots = placeLabels(
      routed.filter((r) => sizes.has(r.key)),
      sizes,
    );
    setDraftPoints(routes.get('\u0000draft')?.points ?? null);
    // Only relations with an end on screen are kept: the rest draw nothing.
    setPlaced(
      drawn.flatMap((r, i) => {
        if (!ends[i].a && !ends[i].b) return [];
        const route = routes.get(r.key);
        return [{ ...r, ...ends[i], points: route?.points ?? null, label: spots.get(r.key) ?? null }];
      }),
    );
  };

  // Boxes are read in a frame after the text changed (a measure scheduled by the reader, a resize, or new
  // relations), so reading them never forces a layout of its own.
  const latest = useRef(measure);
  latest.current = measure;
  useEffect(() => {
    void drawn;
    void draftFrom;
    void draftTo;
    void dl;
    const id = requestAnimationFrame(() => latest.current());
    return () => cancelAnimationFrame(id);
  }, [drawn, draftFrom, draftTo, dl]);
  useEffect(() => {
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => latest.current());
    };
    const off = handle.subscribe(later);
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(later);
    if (body.current) ro?.observe(body.current);
    window.addEventListener('resize', later);
    return () => {
      cancelAnimationFrame(frame);
      off();
      ro?.disconnect();
      window.removeEventListener('resize', later);
    };
  }, [handle, body]);

  // Hovering a span lights up its relations.
  useEffect(() => {
    const root = handle.root.current;
    if (!root) return;
    const over = (e: MouseEvent) => {
      const keys = (e.target as Element).closest?.('[data-keys]')?.getAttribute('data-keys');
      setHovered(keys ?? null);
    };
    root.addEventListener('mouseover', over);
    return () => root.removeEventListener('mouseover', over);
  }, [handle]);
  const hot = useMemo(() => new Set(hovered?.split('|') ?? []), [hovered]);

  const jump = (span: Span, owners: readonly (string | null)[]) => {
    void handle.reveal(dl.map.toUtf16(span.start), dl.map.toUtf16(span.end)).then(() => {
      if (owners.includes(null)) store.getState().selectSpan(spanIdentity(span));
    });
  };

  const text = dl.text;
  // Rendered whenever there are relations, so the wider line gap they are drawn in is there before measuring.
  if (!drawn.length && !draft) return null;
  return (
    <div className="relation-layer" data-testid="relation-layer" aria-hidden="true">
      <svg width={size.width} height={size.height} className="relation-arcs">
        <title>Relations between spans</title>
        <defs>
          <marker id="rel-head" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
          </marker>
        </defs>
        {placed.map((p) => {
          if (!p.points) return null;
          const mine = p.owners.includes(null);
          const lit = hot.size > 0 && (hot.has(spanIdentity(p.from)) || hot.has(spanIdentity(p.to)));
          const dim = hot.size > 0 && !lit;
          return (
            <path
              key={p.key}
              d={pathOf(p.points)}
              data-testid={mine ? 'relation-arc' : 'relation-arc-layer'}
              data-owners={ownerNames(p.owners)}
              className={['rel-arc', mine ? '' : 'faded', lit ? 'lit' : '', dim ? 'dim' : ''].join(' ')}
              stroke={types.get(p.relation.type)?.color ?? '#555'}
              markerEnd={types.get(p.relation.type)?.symmetric ? undefined : 'url(#rel-head)'}
            />
          );
        })}
        {draftPoints && <path className="rel-arc draft" d={pathOf(draftPoints)} markerEnd="url(#rel-head)" />}
      </svg>
      {placed.map((p) => {
        const mine = p.owners.includes(null);
        const lit = hot.size > 0 && (hot.has(spanIdentity(p.from)) || hot.has(spanIdentity(p.to)));
        const cls = ['rel-label', mine ? '' : 'faded', lit ? 'lit' : ''].join(' ');
        const colour = types.get(p.relation.type)?.color ?? '#555';
        const layers = layersOf(p);
        if (p.points) {
          // A label with no free place shows only while its span is hovered.
          const at = p.label ?? (lit ? p.points[1] : null);
          if (!at) return null;
          return (
            <span
              key={p.key}
              className={cls}
              data-testid="relation-label"
              data-layers={layers ? ownerNames(p.owners) : undefined}
              style={{ left: at.x, top: at.y, borderColor: colour }}
              title={`${quote(text, p.from)} → ${quote(text, p.to)}: ${p.relation.type}${layers}`}
            >
              {p.relation.type}
              {layers && <span className="rel-layers">{layers}</span>}
            </span>
          );
        }
        // One end is off screen: a stub at the end that is drawn, naming the other and jumping to it.
        const here = p.a ?? p.b;
        if (!here) return null;
        const other = p.a ? p.to : p.from;
        const arrow = p.a ? '→' : '←';
        return (
          <button
            type="button"
            key={p.key}
            className={`${cls} rel-stub`}
            tabIndex={-1}
            data-testid="relation-stub"
            style={{ left: here.x, top: here.top - 16, borderColor: colour }}
            title={`Jump to ${quote(text, other)}`}
            onClick={() => jump(other, p.owners)}
          >
            {`${p.relation.type} ${arrow} ${quote(text, other)}${layers}`}
          </button>
        );
      })}
    </div>
  );
}

function relatingBoxes(draft: { from: string; target: string | null }, spans: Span[]) {
  return {
    from: spans[indexOfSpan(spans, draft.from)] as Span | undefined,
    to: draft.target ? (spans[indexOfSpan(spans, draft.target)] as Span | undefined) : undefined,
  };
}
