// Relations drawn over the reader: an arc from each relation's source span to its target, labelled with its
// type. Positions come from the rendered text (so right-to-left lines and wrapped spans place themselves),
// and are measured again whenever the window of paragraphs or the spans change. An end whose paragraph is
// not rendered (scrolled far away) becomes a labelled stub that jumps to it. Arcs that share a span are
// lifted to different heights so overlapping spans keep their arcs apart; others' layers are faded.
import { type RefObject, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Relation, Span } from '../../../core/model';
import { relationTypesOf } from '../../../core/relations';
import { useApp, useAppStore } from '../../state/context';
import { indexOfSpan, spanIdentity } from '../../state/spans';
import { quote } from '../../state/textMap';
import { toDomRanges } from './highlight';
import { useReaderHandle } from './ReaderRef';
import type { DocumentLayout } from './useDocumentLayout';

interface Drawn {
  key: string;
  relation: Relation;
  owner: string | null;
  from: Span;
  to: Span;
}

interface Point {
  x: number;
  y: number;
}

interface Placed extends Drawn {
  a: Point | null;
  b: Point | null;
  lift: number;
}

const NO_RELATIONS: Relation[] = [];

/** The layers' relations with their spans found by id; a relation naming a span the layer lacks is skipped. */
function drawnRelations(
  own: { spans: Span[]; relations: Relation[] } | null,
  others: { annotator: string; spans: Span[]; relations?: Relation[] }[],
): Drawn[] {
  const out: Drawn[] = [];
  const add = (owner: string | null, spans: Span[], relations: readonly Relation[]) => {
    if (!relations.length) return;
    const byId = new Map(spans.flatMap((s) => (s.id === undefined ? [] : [[s.id, s] as const])));
    for (const r of relations) {
      const from = byId.get(r.from);
      const to = byId.get(r.to);
      if (from && to) out.push({ key: `${owner ?? ''}>${r.from}>${r.to}>${r.type}`, relation: r, owner, from, to });
    }
  };
  if (own) add(null, own.spans, own.relations);
  for (const o of others) add(o.annotator, o.spans, o.relations ?? NO_RELATIONS);
  return out;
}

/** Where an arc leaves a span: the middle of the top of its first line box, relative to `origin`. */
function anchorOf(root: Element, dl: DocumentLayout, span: Span, origin: DOMRect): Point | null {
  if (span.end > dl.map.codePoints) return null;
  const [range] = toDomRanges(root, [{ start: dl.map.toUtf16(span.start), end: dl.map.toUtf16(span.end) }]);
  const rect = range?.getClientRects()[0];
  if (!rect) return null;
  return { x: rect.left + rect.width / 2 - origin.left, y: rect.top - origin.top };
}

/** The arc between two ends: above both, higher for farther ends and for each further arc on the same span. */
function arcPath(a: Point, b: Point, lift: number): { d: string; mid: Point } {
  const top = Math.min(a.y, b.y) - 10 - lift - Math.min(24, Math.abs(b.x - a.x) / 30);
  const d = `M ${a.x} ${a.y} C ${a.x} ${top}, ${b.x} ${top}, ${b.x} ${b.y}`;
  // The point of the cubic at t = 0.5.
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 8 + (3 * top) / 4 };
  return { d, mid };
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
  const [size, setSize] = useState({ width: 0, height: 0 });
  const colours = useMemo(() => new Map(relationTypesOf(codebook).map((t) => [t.name, t.color])), [codebook]);
  const drawn = useMemo(
    () => drawnRelations(record, showOthers ? others.filter((o) => o.relations?.length) : []),
    [record, others, showOthers],
  );

  const measure = useCallback(() => {
    const root = handle.root.current;
    const el = body.current;
    if (!root || !el) return;
    const origin = el.getBoundingClientRect();
    setSize({ width: el.clientWidth, height: el.clientHeight });
    const perSpan = new Map<string, number>();
    const lifted = (span: Span) => {
      const k = `${span.start}:${span.end}`;
      const n = perSpan.get(k) ?? 0;
      perSpan.set(k, n + 1);
      return n;
    };
    setPlaced(
      drawn.map((r) => {
        const a = anchorOf(root, dl, r.from, origin);
        const b = anchorOf(root, dl, r.to, origin);
        const lift = 9 * Math.max(lifted(r.from), lifted(r.to));
        return { ...r, a, b, lift };
      }),
    );
  }, [handle, body, dl, drawn]);

  // Listeners call the latest measure: the reader notifies before this component's effects re-subscribe.
  const latest = useRef(measure);
  latest.current = measure;
  useLayoutEffect(() => {
    measure();
  }, [measure]);
  useEffect(() => {
    const later = () => requestAnimationFrame(() => latest.current());
    const off = handle.subscribe(later);
    window.addEventListener('resize', later);
    return () => {
      off();
      window.removeEventListener('resize', later);
    };
  }, [handle]);

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

  const jump = (span: Span, owner: string | null) => {
    void handle.reveal(dl.map.toUtf16(span.start), dl.map.toUtf16(span.end)).then(() => {
      if (owner === null) store.getState().selectSpan(spanIdentity(span));
    });
  };

  const text = dl.text;
  const draft = relating && record ? relatingBoxes(relating, record.spans) : null;
  const draftFrom = draft?.from ? anchorOf(handle.root.current ?? document.body, dl, draft.from, originOf(body)) : null;
  const draftTo = draft?.to ? anchorOf(handle.root.current ?? document.body, dl, draft.to, originOf(body)) : null;

  if (!placed.length && !draft) return null;
  return (
    <div className="relation-layer" data-testid="relation-layer" aria-hidden="true">
      <svg width={size.width} height={size.height} className="relation-arcs">
        <title>Relations between spans</title>
        <defs>
          <marker id="rel-head" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
          </marker>
        </defs>
        {placed.map((p) => {
          if (!p.a || !p.b) return null;
          const { d } = arcPath(p.a, p.b, p.lift);
          const lit = hot.size > 0 && (hot.has(spanIdentity(p.from)) || hot.has(spanIdentity(p.to)));
          const dim = hot.size > 0 && !lit;
          const symmetric = relationTypesOf(codebook).find((t) => t.name === p.relation.type)?.symmetric;
          return (
            <path
              key={p.key}
              d={d}
              data-testid={p.owner === null ? 'relation-arc' : 'relation-arc-layer'}
              className={['rel-arc', p.owner !== null ? 'faded' : '', lit ? 'lit' : '', dim ? 'dim' : ''].join(' ')}
              stroke={colours.get(p.relation.type) ?? '#555'}
              markerEnd={symmetric ? undefined : 'url(#rel-head)'}
            />
          );
        })}
        {draftFrom && draftTo && (
          <path className="rel-arc draft" d={arcPath(draftFrom, draftTo, 0).d} markerEnd="url(#rel-head)" />
        )}
      </svg>
      {placed.map((p) => {
        const lit = hot.size > 0 && (hot.has(spanIdentity(p.from)) || hot.has(spanIdentity(p.to)));
        const cls = ['rel-label', p.owner !== null ? 'faded' : '', lit ? 'lit' : ''].join(' ');
        const colour = colours.get(p.relation.type) ?? '#555';
        const who = p.owner === null ? '' : ` (${p.owner})`;
        if (p.a && p.b) {
          const { mid } = arcPath(p.a, p.b, p.lift);
          return (
            <span
              key={p.key}
              className={cls}
              data-testid="relation-label"
              style={{ left: mid.x, top: mid.y, borderColor: colour }}
              title={`${quote(text, p.from)} → ${quote(text, p.to)}: ${p.relation.type}${who}`}
            >
              {p.relation.type}
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
            style={{ left: here.x, top: here.y - 22 - p.lift, borderColor: colour }}
            title={`Jump to ${quote(text, other)}`}
            onClick={() => jump(other, p.owner)}
          >
            {`${p.relation.type} ${arrow} ${quote(text, other)}${who}`}
          </button>
        );
      })}
    </div>
  );
}

function originOf(body: RefObject<HTMLDivElement | null>): DOMRect {
  return body.current?.getBoundingClientRect() ?? new DOMRect();
}

function relatingBoxes(draft: { from: string; target: string | null }, spans: Span[]) {
  return {
    from: spans[indexOfSpan(spans, draft.from)] as Span | undefined,
    to: draft.target ? (spans[indexOfSpan(spans, draft.target)] as Span | undefined) : undefined,
  };
}
