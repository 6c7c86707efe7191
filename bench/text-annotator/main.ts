/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The text-annotator side of bench/reader.ts: the same document and spans rendered by
// @recogito/text-annotator 4.1.1 in the same Chromium. bench/reader.ts bundles this file (esbuild, IIFE) into a
// temp dir with index.html and drives it through `window.taBench`; every time is until pixels are painted
// (MutationObserver or a per-frame check, then a frame callback and a task), as /work/shared/perf/text-annotator.md asks.
import '@recogito/text-annotator/text-annotator.css';
import { createTextAnnotator, Origin, type TextAnnotation, type TextAnnotator } from '@recogito/text-annotator';

interface BenchSpan {
  start: number;
  end: number;
  label: string;
  /** Milliseconds to wait after a paint before the call (a point inside the frame). */
  phase?: number;
}
type RendererType = 'SPANS' | 'CSS_HIGHLIGHTS';

const COLORS = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#46f0f0',
  '#f032e6',
  '#bcf60c',
  '#9a6324',
  '#008080',
];
const colorOf = (label: string) => COLORS[Number(label.slice(1)) % COLORS.length] ?? '#888888';

const paint = () => new Promise<void>((res) => requestAnimationFrame(() => setTimeout(res, 0)));
const container = () => document.getElementById('doc') as HTMLElement;

let text = '';
let spans: BenchSpan[] = [];
let anno: TextAnnotator | null = null;
let renderer: RendererType = 'SPANS';
let nextId = 0;

/** The annotation text-annotator stores for one span (offsets into the container's textContent). */
function toAnnotation(s: BenchSpan): TextAnnotation {
  const id = `a${nextId++}`;
  return {
    id,
    bodies: [{ id: `${id}-b`, annotation: id, purpose: 'tagging', value: s.label }],
    target: {
      annotation: id,
      selector: [
        {
          quote: text.slice(s.start, s.end),
          start: s.start,
          end: s.end,
        } as TextAnnotation['target']['selector'][number],
      ],
    },
  } as TextAnnotation;
}

/** The number of highlights drawn (SPANS: elements in the layer; CSS_HIGHLIGHTS: registered ranges). */
function drawn(): number {
  if (renderer === 'SPANS') return document.querySelectorAll('.r6o-span-highlight-layer .r6o-annotation').length;
  let n = 0;
  for (const h of CSS.highlights.values()) n += h.size;
  return n;
}

/** Resolves once `ok()` holds after a DOM change or a frame, then waits for that frame to be painted. */
function until(ok: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  return new Promise((res) => {
    let done = false;
    const finish = (v: boolean) => {
      if (done) return;
      done = true;
      mo.disconnect();
      clearTimeout(timer);
      void paint().then(() => res(v));
    };
    const mo = new MutationObserver(() => ok() && finish(true));
    mo.observe(document.body, { childList: true, subtree: true });
    const frame = () => requestAnimationFrame(() => (done ? undefined : ok() ? finish(true) : frame()));
    frame();
    const timer = setTimeout(() => finish(false), timeoutMs);
  });
}

/** One document the size of the Frame Lens one: a paragraph per line, textContent equal to the text. */
function buildText(): void {
  const el = container();
  el.replaceChildren();
  const lines = text.split('\n');
  const frag = document.createDocumentFragment();
  lines.forEach((line, i) => {
    const p = document.createElement('p');
    p.className = 'para';
    // Keeps the newline in the text node, so offsets equal the document's (it renders nothing at a block's end).
    p.textContent = i < lines.length - 1 ? `${line}\n` : line;
    frag.appendChild(p);
  });
  el.appendChild(frag);
}

const taBench = {
  setData(t: string, s: BenchSpan[]) {
    text = t;
    spans = s;
  },

  /** Text + annotator + spans → first highlights painted; `afterCall` from the call that loads the spans. */
  async open(type: RendererType): Promise<{ ms: number; afterCall: number; callReturns: number; drawn: number }> {
    renderer = type;
    const t0 = performance.now();
    buildText();
    anno = createTextAnnotator(container(), {
      renderer: type,
      style: (a) => {
        const label = String(a.bodies[0]?.value ?? '');
        return { fill: colorOf(label) as `#${string}`, fillOpacity: 0.28 };
      },
    });
    const list = spans.map(toAnnotation);
    const t1 = performance.now();
    // As the perf note says: setAnnotations right after createTextAnnotator (SPANS), or a bulk add as REMOTE.
    if (type === 'SPANS') anno.setAnnotations(list, true);
    else anno.state.store.bulkAddAnnotations(list, true, Origin.REMOTE);
    const callReturns = performance.now() - t1;
    await until(() => drawn() > 0);
    const t2 = performance.now();
    return { ms: t2 - t0, afterCall: t2 - t1, callReturns, drawn: drawn() };
  },

  /** One new span: scrolled into view and settled first, then call → the frame showing it painted. */
  async addSpan(s: BenchSpan): Promise<{ ms: number; ok: boolean }> {
    if (!anno) throw new Error('not open');
    const a = toAnnotation(s);
    const range = document.createRange();
    const walker = document.createTreeWalker(container(), NodeFilter.SHOW_TEXT);
    let pos = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent?.length ?? 0;
      if (s.start < pos + len && !n.parentElement?.closest('.r6o-span-highlight-layer')) {
        range.setStart(n, s.start - pos);
        break;
      }
      pos += len;
    }
    (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
    // text-annotator redraws after a scroll on a 10 ms timer and a frame: let that finish before timing.
    await paint();
    await paint();
    await paint();
    await new Promise((r) => setTimeout(r, 40));
    await paint();
    // The same point in the frame as the Frame Lens probe (see framePhase in bench/reader.ts).
    await new Promise((r) => setTimeout(r, s.phase ?? 0));
    const before = drawn();
    const t0 = performance.now();
    let ok: boolean;
    if (renderer === 'SPANS') {
      anno.addAnnotation(a);
      ok = await until(() => !!document.querySelector(`.r6o-annotation[data-annotation="${a.id}"]`), 2000);
    } else {
      anno.state.store.addAnnotation(a, Origin.REMOTE);
      ok = await until(() => drawn() > before, 2000);
    }
    return { ms: performance.now() - t0, ok };
  },

  /** Top → bottom in `steps` steps, one frame each; counts the frames with a highlight on screen. */
  async scroll(steps: number): Promise<{ frames: number[]; withHighlights: number }> {
    const sc = document.querySelector('.reader-scroll') as HTMLElement;
    sc.scrollTop = 0;
    await paint();
    await paint();
    await new Promise((r) => setTimeout(r, 50));
    await paint();
    const frames: number[] = [];
    let withHighlights = 0;
    const max = sc.scrollHeight - sc.clientHeight;
    for (let i = 1; i <= steps; i++) {
      const t0 = performance.now();
      sc.scrollTop = Math.round((max * i) / steps);
      // Read in the first frame after the scroll, before it is painted: what that frame shows.
      // The check's own time (after the layout the frame needs anyway) is not counted in the frame.
      let shown = false;
      let checkMs = 0;
      await new Promise<void>((res) =>
        requestAnimationFrame(() => {
          sc.getBoundingClientRect();
          const c0 = performance.now();
          shown = highlightsOnScreen(sc);
          checkMs = performance.now() - c0;
          setTimeout(res, 0);
        }),
      );
      frames.push(performance.now() - t0 - checkMs);
      if (shown) withHighlights++;
    }
    return { frames, withHighlights };
  },

  /** Spans whose text is on screen, and how many of them have a highlight drawn over them (for the check). */
  coverage(): { visibleSpans: number; covered: number; missed: string[] } {
    const sc = document.querySelector('.reader-scroll') as HTMLElement;
    const box = sc.getBoundingClientRect();
    const rects = highlightRects();
    let visibleSpans = 0;
    let covered = 0;
    const missed: string[] = [];
    const texts = textNodes();
    for (const s of spans) {
      // The first line box of the span (a span wrapping onto the next line has a bounding box wider than its text).
      const b = rangeOf(texts, s.start, s.end)?.getClientRects()[0];
      if (!b || b.bottom <= box.top || b.top >= box.bottom || b.width === 0) continue;
      visibleSpans++;
      const cx = b.left + Math.min(4, b.width / 2);
      const cy = b.top + b.height / 2;
      if (rects.some((h) => cx >= h.left - 1 && cx <= h.right + 1 && cy >= h.top - 1 && cy <= h.bottom + 1)) covered++;
      else
        missed.push(
          `${s.start}-${s.end} "${text.slice(s.start, s.end)}" at y ${Math.round(b.top)}–${Math.round(b.bottom)}`,
        );
    }
    return { visibleSpans, covered, missed };
  },
};

function highlightRects(): DOMRect[] {
  if (renderer === 'SPANS')
    return [...document.querySelectorAll('.r6o-span-highlight-layer .r6o-annotation')].map((e) =>
      e.getBoundingClientRect(),
    );
  const out: DOMRect[] = [];
  for (const h of CSS.highlights.values()) for (const r of h) out.push(...(r as Range).getClientRects());
  return out;
}

function highlightsOnScreen(sc: HTMLElement): boolean {
  const box = sc.getBoundingClientRect();
  return highlightRects().some((b) => b.bottom > box.top && b.top < box.bottom && b.width > 0);
}

function textNodes(): Array<{ node: Text; start: number }> {
  const out: Array<{ node: Text; start: number }> = [];
  const walker = document.createTreeWalker(container(), NodeFilter.SHOW_TEXT);
  let pos = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest('.r6o-span-highlight-layer')) continue;
    out.push({ node: n as Text, start: pos });
    pos += n.textContent?.length ?? 0;
  }
  return out;
}

function rangeOf(texts: Array<{ node: Text; start: number }>, start: number, end: number): Range | null {
  const find = (o: number) => {
    for (const t of texts) if (o >= t.start && o <= t.start + t.node.length) return t;
    return null;
  };
  const a = find(start);
  const b = find(end);
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a.node, start - a.start);
  r.setEnd(b.node, end - b.start);
  return r;
}

(window as unknown as { taBench: typeof taBench }).taBench = taBench;
