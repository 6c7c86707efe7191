// Relations drawn over the reader: a connector from each relation's source span to its target, labelled with
// its type, routed through the gaps between lines and the margins so it never crosses text (arcRoutes.ts).
// Boxes come from the rendered text (so right-to-left lines and wrapped spans place themselves). They are read
// right after the commit that changed the text, in the same task (the layout the frame needs, done before the
// frame starts, so the frame that shows an edit only paints), and kept by span end with the paragraph they
// were read in: only ends in paragraphs whose DOM changed (an edit, a paragraph newly
// rendered) are read again; the others move with their paragraph's top. A relation made or removed (or one
// being made) is routed from the boxes already read, in the same frame as the key press, and only a span
// never measured is read then. Only relations with an end on screen are routed; an end whose paragraph is
// not rendered (scrolled far away) becomes a labelled stub that jumps to it. Each arc is its own memoized
// element, and the list of relations keeps its identity while no relation or end changed, so an edit that
// touches no relation re-routes nothing and a new relation mounts one arc. The same relation in several
// layers is drawn once, naming every layer; a connector no own relation shares is faded.
import { memo, type RefObject, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Relation, Span } from '../../../core/model';
import type { OffsetMap } from '../../../core/offsets';
import { relationTypesOf, spansNamedBy } from '../../../core/relations';
import { useApp, useAppStore } from '../../state/context';
import { indexOfSpan, spanIdentity } from '../../state/spans';
import { quote } from '../../state/textMap';
import { type EndBox, type LabelBox, type Point, pathOf, placeLabels, routeArcs } from './arcRoutes';
import { readDomRanges } from './highlight';
import { useReaderHandle } from './ReaderRef';
import { ArcLabel, ArcPath } from './RelationArc';
import type { TextLayout } from './segments';
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

/** What was read from the rendered text: the column's size, the room between lines, and span ends' boxes. */
interface Geometry {
  /** The layout the boxes were read from: another text is read again whole. */
  dl: DocumentLayout;
  width: number;
  height: number;
  gap: number;
  /** Each span end in a rendered paragraph, by `endKey`: its first line box (null: its text was not found). */
  boxes: ReadonlyMap<string, EndBox | null>;
  /** Each rendered paragraph's top when its boxes were read. */
  tops: ReadonlyMap<number, number>;
}

/** Paragraphs whose DOM changed since the boxes were read, or all of them. */
type Dirty = Set<number> | 'all';

const endKeys = new WeakMap<Span, string>();

/** A span end's key, built once per span object: routes look up two thousand ends at a time. */
function endKey(s: Span): string {
  let k = endKeys.get(s);
  if (k === undefined) {
    k = `${s.start}:${s.end}`;
    endKeys.set(s, k);
  }
  return k;
}

const sameBox = (a: EndBox, b: EndBox) => a.x === b.x && a.top === b.top && a.bottom === b.bottom;

/** A span end drawn, its key and the paragraph its first line is in (-1: beyond the text). */
interface End {
  span: Span;
  key: string;
  para: number;
}

const endsOf = new WeakMap<Span, { layout: TextLayout; end: End }>();

/** A span's end, kept per span object and text layout: a new relation list looks up only spans new to it. */
function endOf(s: Span, layout: TextLayout, map: OffsetMap): End {
  const kept = endsOf.get(s);
  if (kept?.layout === layout) return kept.end;
  const end = {
    span: s,
    key: endKey(s),
    para: s.end <= map.codePoints ? layout.paragraphAt(map.toUtf16(s.start)) : -1,
  };
  endsOf.set(s, { layout, end });
  return end;
}

/** The ends of every relation drawn, each once, by paragraph. */
function endsByParagraph(drawn: readonly Drawn[], layout: TextLayout, map: OffsetMap): Map<number, End[]> {
  const seen = new Set<string>();
  const out = new Map<number, End[]>();
  const add = (s: Span) => {
    const key = endKey(s);
    if (seen.has(key)) return;
    seen.add(key);
    const end = endOf(s, layout, map);
    const list = out.get(end.para);
    if (list) list.push(end);
    else out.set(end.para, [end]);
  };
  for (const r of drawn) {
    add(r.from);
    add(r.to);
  }
  return out;
}

const Arc = memo(ArcPath);
const Label = memo(ArcLabel);
const DRAFT = '\u0000draft';

const NO_RELATIONS: Relation[] = [];

const keys = new WeakMap<Relation, { from: Span; to: Span; key: string }>();

/** A relation's key as drawn (its type and its ends' stretches), kept while its span objects stay the same. */
function drawnKey(r: Relation, from: Span, to: Span): string {
  const k = keys.get(r);
  if (k && k.from === from && k.to === to) return k.key;
  const key = `${r.type}>${from.start}:${from.end}>${to.start}:${to.end}`;
  keys.set(r, { from, to, key });
  return key;
}

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
    const byId = spansNamedBy(spans, relations);
    for (const r of relations) {
      const from = byId.get(r.from);
      const to = byId.get(r.to);
      if (!from || !to) continue;
      const key = drawnKey(r, from, to);
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

/** The same relations between the same span objects, drawn for the same layers. */
function sameDrawn(a: readonly Drawn[], b: readonly Drawn[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.key !== y.key || x.relation !== y.relation || x.from !== y.from || x.to !== y.to) return false;
    if (x.owners.length !== y.owners.length || x.owners.some((o, k) => o !== y.owners[k])) return false;
  }
  return true;
}

const ownerNames = (owners: readonly (string | null)[]) => owners.map((o) => o ?? 'you').join(', ');
const layersOf = (d: Drawn) => (d.owners.length > 1 || !d.owners.includes(null) ? ` · ${ownerNames(d.owners)}` : '');
const labelText = (d: Drawn) => `${d.relation.type}${layersOf(d)}`;

/** Each span's first line box relative to `origin` (its middle, top and bottom), null where it is not rendered. */
function boxesOf(root: Element, dl: DocumentLayout, spans: readonly Span[], origin: DOMRect): (EndBox | null)[] {
  return readDomRanges(
    root,
    spans.map((s) =>
      s.end <= dl.map.codePoints
        ? { start: dl.map.toUtf16(s.start), end: dl.map.toUtf16(s.end) }
        : { start: -1, end: -1 },
    ),
    (range) => {
      const rect = range?.getClientRects()[0];
      if (!rect) return null;
      return {
        x: rect.left + rect.width / 2 - origin.left,
        top: rect.top - origin.top,
        bottom: rect.bottom - origin.top,
      };
    },
  );
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
  const spans = useApp((s) => s.record?.spans);
  const relations = useApp((s) => s.record?.relations);
  const others = useApp((s) => s.others);
  const showOthers = useApp((s) => s.showOthers);
  const codebook = useApp((s) => s.project?.codebook);
  const relating = useApp((s) => s.relating);
  const [hovered, setHovered] = useState<string | null>(null);
  const [geo, setGeo] = useState<Geometry | null>(null);
  const geoRef = useRef<Geometry | null>(null);
  const put = useCallback((g: Geometry) => {
    geoRef.current = g;
    setGeo(g);
  }, []);
  const types = useMemo(() => new Map(relationTypesOf(codebook).map((t) => [t.name, t])), [codebook]);
  // An edit of the spans that touches no relation's end gives the same list, so nothing below is routed again.
  const lastDrawn = useRef<Drawn[]>([]);
  const drawn = useMemo(() => {
    const next = drawnRelations(
      spans && relations ? { spans, relations } : null,
      showOthers ? others.filter((o) => o.relations?.length) : [],
    );
    if (sameDrawn(lastDrawn.current, next)) return lastDrawn.current;
    lastDrawn.current = next;
    return next;
  }, [spans, relations, others, showOthers]);
  // Two searches of the record's spans, once per draft rather than on every render while a relation is made.
  const draft = useMemo(() => (relating && spans ? relatingBoxes(relating, spans) : null), [relating, spans]);
  const draftFrom = draft?.from;
  const draftTo = draft?.to;
  // The draft is drawn once it has a target: R alone routes nothing again (its end's box is still read).
  const drawnFrom = draftTo ? draftFrom : undefined;

  /** Span ends' boxes relative to the text column; null where the reader is not mounted. */
  const read = (ends: readonly Span[]) => {
    const root = handle.root.current;
    const el = body.current;
    if (!root || !el) return null;
    return { root, el, boxes: boxesOf(root, dl, ends, el.getBoundingClientRect()) };
  };

  // The relations' ends, worked out once per list of relations drawn (an edit that touches none keeps it).
  const { layout, map } = dl;
  const ends = useMemo(() => endsByParagraph(drawn, layout, map), [drawn, layout, map]);
  /** The ends in paragraph `p`, the draft's among them. */
  const endsIn = (p: number): End[] => {
    const list = ends.get(p) ?? [];
    const extra = [draftFrom, draftTo].flatMap((s) => (s ? [endOf(s, layout, map)] : [])).filter((e) => e.para === p);
    return extra.length ? [...list, ...extra] : list;
  };

  const dirty = useRef<Dirty>('all');
  // Boxes read again where the DOM changed; every other end moves with its paragraph's top. A paragraph's
  // top and the column's size are read in the layout the frame needs anyway.
  const measure = () => {
    const root = handle.root.current;
    const el = body.current;
    if (!root || !el) return;
    queued.current = false;
    if (frame.current) {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    }
    drain.current();
    const changed = dirty.current;
    dirty.current = new Set();
    const origin = el.getBoundingClientRect();
    const tops = new Map<number, number>();
    for (const p of root.querySelectorAll<HTMLElement>('[data-para]'))
      tops.set(Number(p.dataset.para), p.getBoundingClientRect().top - origin.top);
    const width = el.clientWidth;
    const height = el.clientHeight;
    const prev = geoRef.current;
    const whole = !prev || prev.dl.layout !== dl.layout || prev.width !== width;
    const boxes = new Map<string, EndBox | null>();
    const toRead: Span[] = [];
    let moved = whole || changed === 'all';
    // Ends in paragraphs not rendered have no box: they are told apart by offset, without a look at the DOM.
    for (const [p, top] of tops) {
      const list = endsIn(p);
      if (!list.length) continue;
      const oldTop = prev?.tops.get(p);
      const keep = !whole && changed !== 'all' && !changed.has(p) && oldTop !== undefined;
      const dy = keep ? top - oldTop : 0;
      for (const { span, key } of list) {
        const old = keep ? prev?.boxes.get(key) : undefined;
        if (old) boxes.set(key, dy === 0 ? old : { x: old.x, top: old.top + dy, bottom: old.bottom + dy });
        else toRead.push(span);
      }
      if (dy !== 0) moved = true;
    }
    const got = toRead.length ? boxesOf(root, dl, toRead, origin) : [];
    for (const [i, s] of toRead.entries()) {
      const k = endKey(s);
      const b = got[i];
      const old = prev?.boxes.get(k);
      const same = old && b && sameBox(old, b);
      boxes.set(k, same ? old : b);
      if (!same && (old ?? null) !== (b ?? null)) moved = true;
    }
    if (prev && prev.boxes.size !== boxes.size) moved = true;
    const gap = whole || !prev ? lineGap(root, [...boxes.values()]) : prev.gap;
    const next: Geometry = { dl, width, height, gap, boxes, tops };
    if (!moved && prev && prev.height === height && prev.gap === gap) {
      // Nothing drawn moves: the arcs are left as they are, and the paragraphs' tops kept for the next edit.
      geoRef.current = { ...prev, dl, tops };
      return;
    }
    geoRef.current = next;
    // The arcs follow the text in the frame that shows it, not one frame later.
    flushSync(() => setGeo(next));
  };

  // A relation made, removed or being made: the layout is as it was read, so only ends never read are read
  // now, before the frame is painted (a read after the commit is the layout the frame needs anyway).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` and `endsIn` read this render's values
  useLayoutEffect(() => {
    const g = geoRef.current;
    if (!g || g.dl.layout !== dl.layout) return;
    const missing: End[] = [];
    for (const p of g.tops.keys()) for (const e of endsIn(p)) if (!g.boxes.has(e.key)) missing.push(e);
    if (missing.length === 0) return;
    const got = read(missing.map((e) => e.span));
    if (!got) return;
    const boxes = new Map(g.boxes);
    const pending = frame.current !== 0 || queued.current ? dirty.current : null;
    for (const [i, e] of missing.entries()) {
      boxes.set(e.key, got.boxes[i]);
      // Read after the tops a measure still to come compares with: that measure reads it again.
      if (pending && pending !== 'all') pending.add(e.para);
    }
    put({ ...g, boxes });
  }, [ends, draftFrom, draftTo, dl, put]);

  // The paragraphs the reader shows changed (an edit, a scroll): boxes are read once React's commit is done, in
  // its task. A key press lands anywhere in a frame, so the layout this forces is mostly done while the frame is
  // still to come; read in the frame instead (an animation frame callback), it delayed the edit's paint by it.
  // A resize, a late font or another text are read in the next frame, once a frame.
  const latest = useRef(measure);
  latest.current = measure;
  const frame = useRef(0);
  const queued = useRef(false);
  const later = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      latest.current();
    });
  }, []);
  const soon = useCallback(() => {
    if (queued.current) return;
    queued.current = true;
    queueMicrotask(() => {
      if (!queued.current) return;
      queued.current = false;
      latest.current();
    });
  }, []);
  /** The DOM changes not yet seen by the mutation observer's callback, taken now. */
  const drain = useRef(() => {});
  useEffect(() => {
    void dl;
    later();
  }, [dl, later]);
  useEffect(() => {
    const el = body.current;
    const all = () => {
      dirty.current = 'all';
      later();
    };
    // Which paragraphs' DOM changed (React's commit of an edit, a paragraph mounted): only their ends are read.
    const seen = (records: MutationRecord[]) => {
      const d = dirty.current;
      if (d === 'all') return;
      for (const r of records) {
        const node = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
        const para = node?.closest<HTMLElement>('[data-para]');
        if (para) d.add(Number(para.dataset.para));
        else if (node === el && r.type === 'attributes' && r.attributeName === 'class') {
          // The wider line gap of a document with relations comes and goes with this class.
          dirty.current = 'all';
          return;
        }
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          const e = n as Element;
          const p = e.matches('[data-para]') ? e : e.querySelector<HTMLElement>('[data-para]');
          if (p) d.add(Number(p.getAttribute('data-para')));
        }
      }
    };
    const mo = typeof MutationObserver === 'undefined' || !el ? null : new MutationObserver(seen);
    if (el) mo?.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    // A measure right after a commit may come before the observer's own callback.
    drain.current = () => {
      if (mo) seen(mo.takeRecords());
    };
    const off = handle.subscribe(soon);
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(later);
    if (el) ro?.observe(el);
    window.addEventListener('resize', all);
    // Text laid out again in a font that arrived late moves every box without a DOM change.
    const fonts = typeof document === 'undefined' ? undefined : document.fonts;
    fonts?.addEventListener?.('loadingdone', all);
    return () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      queued.current = false;
      drain.current = () => {};
      mo?.disconnect();
      off();
      ro?.disconnect();
      window.removeEventListener('resize', all);
      fonts?.removeEventListener?.('loadingdone', all);
    };
  }, [handle, body, later, soon]);

  // The routes follow the text's offset map, not the layout: an edit of the spans leaves them as they were.
  // Routes from the boxes read: only relations with an end on screen, so the work follows the screen, not the
  // document's thousand relations.
  const { placed, draftPoints } = useMemo(() => {
    if (!geo) return { placed: [] as Placed[], draftPoints: null };
    const box = (s: Span | undefined) => (s && s.end <= map.codePoints ? (geo.boxes.get(endKey(s)) ?? null) : null);
    const near: { r: Drawn; a: EndBox | null; b: EndBox | null }[] = [];
    for (const r of drawn) {
      const a = box(r.from);
      const b = box(r.to);
      if (a || b) near.push({ r, a, b });
    }
    const both = near.flatMap((e) => (e.a && e.b ? [{ key: e.r.key, from: e.a, to: e.b }] : []));
    const da = box(drawnFrom);
    const db = box(draftTo);
    if (da && db) both.push({ key: DRAFT, from: da, to: db });
    const routed = routeArcs(both, { width: geo.width, gap: geo.gap });
    const routes = new Map(routed.map((r) => [r.key, r]));
    // Label sizes estimated from their text (9px type), so placing them reads no box.
    const sizes = new Map<string, LabelBox>(
      near.flatMap((e) =>
        e.a && e.b ? [[e.r.key, { key: e.r.key, width: 8 + 5 * labelText(e.r).length, height: 11 }]] : [],
      ),
    );
    const spots = placeLabels(
      routed.filter((r) => sizes.has(r.key)),
      sizes,
    );
    return {
      placed: near.map(({ r, a, b }): Placed => {
        const route = routes.get(r.key);
        return { ...r, a, b, points: route?.points ?? null, label: spots.get(r.key) ?? null };
      }),
      draftPoints: routes.get(DRAFT)?.points ?? null,
    };
  }, [geo, drawn, drawnFrom, draftTo, map]);

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

  // One callback for every stub (memoized labels keep it): the stub's relation is looked up when clicked.
  const placedRef = useRef(placed);
  placedRef.current = placed;
  const mapRef = useRef(dl.map);
  mapRef.current = dl.map;
  const jump = useCallback(
    (key: string) => {
      const p = placedRef.current.find((x) => x.key === key);
      if (!p) return;
      const span = p.a ? p.to : p.from;
      const map = mapRef.current;
      void handle.reveal(map.toUtf16(span.start), map.toUtf16(span.end)).then(() => {
        if (p.owners.includes(null)) store.getState().selectSpan(spanIdentity(span));
      });
    },
    [handle, store],
  );

  const text = dl.text;
  // Rendered whenever there are relations, so the wider line gap they are drawn in is there before measuring.
  if (!drawn.length && !draft) return null;
  const isLit = (p: Placed) => hot.size > 0 && (hot.has(spanIdentity(p.from)) || hot.has(spanIdentity(p.to)));
  return (
    <div className="relation-layer" data-testid="relation-layer" aria-hidden="true">
      <svg width={geo?.width ?? 0} height={geo?.height ?? 0} className="relation-arcs">
        <title>Relations between spans</title>
        <defs>
          <marker id="rel-head" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
          </marker>
        </defs>
        {placed.map((p) => {
          if (!p.points) return null;
          const lit = isLit(p);
          const type = types.get(p.relation.type);
          return (
            <Arc
              key={p.key}
              d={pathOf(p.points)}
              mine={p.owners.includes(null)}
              owners={ownerNames(p.owners)}
              lit={lit}
              dim={hot.size > 0 && !lit}
              colour={type?.color ?? '#555'}
              directed={!type?.symmetric}
            />
          );
        })}
        {draftPoints && <path className="rel-arc draft" d={pathOf(draftPoints)} markerEnd="url(#rel-head)" />}
      </svg>
      {placed.map((p) => {
        const lit = isLit(p);
        const layers = layersOf(p);
        const common = {
          id: p.key,
          type: p.relation.type,
          layers,
          owners: ownerNames(p.owners),
          mine: p.owners.includes(null),
          lit,
          colour: types.get(p.relation.type)?.color ?? '#555',
          onJump: jump,
        };
        if (p.points) {
          // A label with no free place shows only while its span is hovered.
          const at = p.label ?? (lit ? p.points[1] : null);
          if (!at) return null;
          return (
            <Label
              key={p.key}
              {...common}
              x={at.x}
              y={at.y}
              title={`${quote(text, p.from)} → ${quote(text, p.to)}: ${p.relation.type}${layers}`}
              arrow={null}
              other=""
            />
          );
        }
        // One end is off screen: a stub at the end that is drawn, naming the other and jumping to it.
        const here = p.a ?? p.b;
        if (!here) return null;
        const other = quote(text, p.a ? p.to : p.from);
        return (
          <Label
            key={p.key}
            {...common}
            x={here.x}
            y={here.top - 16}
            title={`Jump to ${other}`}
            arrow={p.a ? '→' : '←'}
            other={other}
          />
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
