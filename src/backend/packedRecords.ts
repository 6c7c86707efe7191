// Annotation records as a report thread receives them. Structured-cloning 30,000 records of 30 spans each (a
// 10,000-document project, three coders) cost seconds of CPU, about as much as the report itself; here the spans
// travel as typed arrays whose buffers are transferred, not copied, and the rest of each record as one JSON
// string. The encoding is lossless: a record with anything the arrays cannot hold exactly (a note on a span, an
// offset that is not a 32-bit integer, a label that is not a string, an unusual id) travels whole in the JSON.
import { type AnnotationRecord, SPAN_ORIGINS, type Span } from '../core/model';
import { SPAN_ID_PATTERN } from '../core/spanIds';

export interface PackedRecords {
  /** Each record without its spans (or with them, when `whole[k]`), as a JSON array. */
  rest: string;
  /** 1: record k's spans are in `rest`, not in the arrays. */
  whole: Uint8Array;
  /** Record k's spans are start/end/label/origin[spanOff[k] .. spanOff[k+1]). */
  spanOff: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Into `labels`. */
  label: Int32Array;
  /** 0: none, else 1 + its place in SPAN_ORIGINS. */
  origin: Uint8Array;
  labels: string[];
  /** The spans' ids joined by a space, an empty field for a span without one. */
  ids: string;
}

const SPAN_KEYS = new Set(['id', 'start', 'end', 'label', 'origin']);
const INT32_MAX = 2 ** 31 - 1;

function packable(spans: unknown): spans is Span[] {
  if (!Array.isArray(spans)) return false;
  for (const s of spans as Span[]) {
    if (typeof s !== 'object' || s === null) return false;
    for (const key in s) if (!SPAN_KEYS.has(key)) return false;
    if (typeof s.label !== 'string') return false;
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) return false;
    if (s.start < -INT32_MAX || s.start > INT32_MAX || s.end < -INT32_MAX || s.end > INT32_MAX) return false;
    if (s.id !== undefined && (typeof s.id !== 'string' || !SPAN_ID_PATTERN.test(s.id))) return false;
    if ('origin' in s && !SPAN_ORIGINS.includes(s.origin as (typeof SPAN_ORIGINS)[number])) return false;
  }
  return true;
}

export function packRecords(records: readonly AnnotationRecord[]): PackedRecords {
  let spans = 0;
  const whole = new Uint8Array(records.length);
  records.forEach((r, k) => {
    if (packable(r.spans)) spans += r.spans.length;
    else whole[k] = 1;
  });
  const spanOff = new Int32Array(records.length + 1);
  const start = new Int32Array(spans);
  const end = new Int32Array(spans);
  const label = new Int32Array(spans);
  const origin = new Uint8Array(spans);
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const ids: string[] = [];
  const rest: unknown[] = [];
  let at = 0;
  records.forEach((r, k) => {
    if (whole[k]) {
      rest.push(r);
      spanOff[k + 1] = at;
      return;
    }
    const { spans: list, ...others } = r;
    rest.push(others);
    for (const s of list) {
      start[at] = s.start;
      end[at] = s.end;
      let l = labelIndex.get(s.label);
      if (l === undefined) {
        l = labels.length;
        labels.push(s.label);
        labelIndex.set(s.label, l);
      }
      label[at] = l;
      origin[at] = s.origin === undefined ? 0 : 1 + SPAN_ORIGINS.indexOf(s.origin);
      ids.push(s.id ?? '');
      at++;
    }
    spanOff[k + 1] = at;
  });
  return { rest: JSON.stringify(rest), whole, spanOff, start, end, label, origin, labels, ids: ids.join(' ') };
}

/** The buffers to transfer with a message carrying `p` (the sender's copy is left empty). */
export function packedBuffers(p: PackedRecords): ArrayBuffer[] {
  return [p.whole, p.spanOff, p.start, p.end, p.label, p.origin].map((a) => a.buffer as ArrayBuffer);
}

export function unpackRecords(p: PackedRecords): AnnotationRecord[] {
  const rest = JSON.parse(p.rest) as AnnotationRecord[];
  const ids = p.ids.split(' ');
  return rest.map((r, k) => {
    if (p.whole[k]) return r;
    const spans: Span[] = [];
    for (let i = p.spanOff[k]; i < p.spanOff[k + 1]; i++) {
      const s: Span = { start: p.start[i], end: p.end[i], label: p.labels[p.label[i]] };
      if (ids[i]) s.id = ids[i];
      if (p.origin[i]) s.origin = SPAN_ORIGINS[p.origin[i] - 1];
      spans.push(s);
    }
    r.spans = spans;
    return r;
  });
}
