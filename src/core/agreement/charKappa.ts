// Character-level Cohen's κ (pairs) and Fleiss' κ (all raters): each code-point position is an item.
// Per label the rating is "covered by a span of that label"; overall it is the set of labels covering
// the position, as one nominal category. Positions are tallied as weighted segments, never one by one.
import { fleissKappaCounts } from './coding';
import type { Interval } from './intervals';
import { undef, type Value } from './result';
import { cohenKappa } from './table';

/** Overall and per-label values of one character-level coefficient. */
export interface CharFigure {
  overall: Value;
  perLabel: Value[];
}

/** Accumulates, over documents, how many positions got each combination of label sets from the raters. */
export class CharTally {
  private readonly setIds = new Map<number | string, number>();
  /** members[id][label] = whether label set `id` contains the label. */
  private readonly members: boolean[][] = [];
  /** Tuples of label-set ids (one per rater, −1 = absent) → number of positions; numeric keys while they fit. */
  private readonly tuples = new Map<number, number>();
  private readonly wideTuples = new Map<string, number>();
  /** Radix of the numeric tuple key: (id + 1) per rater as one digit. */
  private readonly radix: number;

  constructor(
    private readonly labelCount: number,
    private readonly raterCount: number,
  ) {
    // small integer keys (below 2^30) stay unboxed in V8's Map; wider tuples fall back to string keys
    this.radix = 2 ** Math.floor(30 / Math.max(1, raterCount));
    this.intern(new Int32Array(labelCount));
  }

  /** Label sets of up to 30 labels are keyed by a bitmask, larger ones by the list of their members. */
  private intern(cover: Int32Array, mask = -1): number {
    let key: number | string;
    if (this.labelCount <= 30) {
      key = mask;
      if (key < 0) {
        key = 0;
        for (let l = 0; l < cover.length; l++) if (cover[l] > 0) key |= 1 << l;
      }
    } else {
      key = '';
      for (let l = 0; l < cover.length; l++) if (cover[l] > 0) key += `${l},`;
    }
    let id = this.setIds.get(key);
    if (id === undefined) {
      id = this.members.length;
      this.setIds.set(key, id);
      this.members.push(Array.from(cover, (c) => c > 0));
    }
    return id;
  }

  /** One rater's step function over [0, length): positions where its label set changes, and the set from there. */
  private raterSteps(labels: readonly (readonly Interval[])[], length: number): { at: number[]; ids: number[] } {
    // each label's merged spans are sorted and disjoint: merge the label lists by position (ends first)
    const L = labels.length;
    const head = new Int32Array(L);
    const ends = new Uint8Array(L);
    let n = 0;
    for (const list of labels) n += list.length * 2;
    const L2 = 2 * this.labelCount;
    const ev = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let best = -1;
      let bestKey = Number.POSITIVE_INFINITY;
      for (let l = 0; l < L; l++) {
        const list = labels[l];
        if (head[l] >= list.length) continue;
        const isEnd = ends[l];
        const key = (isEnd ? list[head[l]][1] : list[head[l]][0]) * L2 + 2 * l + (isEnd ? 0 : 1);
        if (key < bestKey) {
          bestKey = key;
          best = l;
        }
      }
      ev[k] = bestKey;
      if (ends[best]) {
        ends[best] = 0;
        head[best]++;
      } else ends[best] = 1;
    }
    const cover = new Int32Array(this.labelCount);
    const bits = this.labelCount <= 30;
    let mask = 0;
    let lastMask = -1;
    const at = [0];
    const ids = [0];
    let i = 0;
    while (i < n) {
      const pos = Math.floor(ev[i] / L2);
      const limit = (pos + 1) * L2;
      while (i < n && ev[i] < limit) {
        const r = ev[i++] - pos * L2;
        const l = r >> 1;
        if (r & 1) {
          if (cover[l]++ === 0) mask |= 1 << l;
        } else if (--cover[l] === 0) mask &= ~(1 << l);
      }
      if (pos >= length) break;
      if (bits && mask === lastMask) continue;
      lastMask = mask;
      const id = this.intern(cover, bits ? mask : -1);
      if (pos === 0) ids[0] = id;
      else if (id !== ids[ids.length - 1]) {
        at.push(pos);
        ids.push(id);
      }
    }
    return { at, ids };
  }

  /** Adds one document; perRater[r][label] = that rater's merged spans, or undefined when absent. */
  addDocument(length: number, perRater: readonly (readonly (readonly Interval[])[] | undefined)[]): void {
    if (length <= 0) return;
    const R = perRater.length;
    const steps = perRater.map((labels) => (labels ? this.raterSteps(labels, length) : null));
    const cursor = new Int32Array(R);
    const ids = new Int32Array(R).fill(-1);
    let maxId = 0;
    for (let r = 0; r < R; r++) if (steps[r]) ids[r] = steps[r]!.ids[0];
    let pos = 0;
    while (pos < length) {
      let next = length;
      for (let r = 0; r < R; r++) {
        const s = steps[r];
        if (!s) continue;
        const c = cursor[r];
        if (c + 1 < s.at.length && s.at[c + 1] < next) next = s.at[c + 1];
      }
      const w = next - pos;
      let key = 0;
      for (let r = 0; r < R; r++) {
        key = key * this.radix + ids[r] + 1;
        if (ids[r] > maxId) maxId = ids[r];
      }
      if (maxId + 1 < this.radix) this.tuples.set(key, (this.tuples.get(key) ?? 0) + w);
      else {
        const wide = ids.join(',');
        this.wideTuples.set(wide, (this.wideTuples.get(wide) ?? 0) + w);
      }
      pos = next;
      for (let r = 0; r < R; r++) {
        const s = steps[r];
        if (!s) continue;
        if (cursor[r] + 1 < s.at.length && s.at[cursor[r] + 1] === pos) ids[r] = s.ids[++cursor[r]];
      }
    }
  }

  private entries(): TupleEntry[] {
    const out: TupleEntry[] = [];
    for (const [key, w] of this.tuples) {
      const ids = new Array<number>(this.raterCount);
      let k = key;
      for (let r = this.raterCount - 1; r >= 0; r--) {
        const digit = k % this.radix;
        ids[r] = digit - 1;
        k = (k - digit) / this.radix;
      }
      out.push({ ids, w });
    }
    for (const [k, w] of this.wideTuples) out.push({ ids: k.split(',').map(Number), w });
    return out;
  }

  /** Cohen's κ of raters a and b over every position of the documents both annotated. */
  cohen(a: number, b: number): CharFigure {
    return cohenOf(this.entries(), this.members, this.labelCount, a, b);
  }

  /** Fleiss' κ over every position of the documents all raters annotated. */
  fleiss(): CharFigure {
    return fleissOf(this.entries(), this.members, this.labelCount, this.raterCount);
  }
}

/** One combination of label-set ids (one per rater, −1 = absent) and how many positions got it. */
interface TupleEntry {
  ids: number[];
  w: number;
}

/** Cohen's κ of raters a and b from the tallied tuples; members[id][label] = label set id has label. */
function cohenOf(
  entries: readonly TupleEntry[],
  members: readonly (readonly boolean[])[],
  labelCount: number,
  a: number,
  b: number,
): CharFigure {
  const joint = new Map<number, number>();
  const K = members.length;
  let n = 0;
  for (const { ids, w } of entries) {
    if (ids[a] < 0 || ids[b] < 0) continue;
    const key = ids[a] * K + ids[b];
    joint.set(key, (joint.get(key) ?? 0) + w);
    n += w;
  }
  if (n === 0) {
    const v = undef('no text position annotated by both');
    return { overall: v, perLabel: new Array(labelCount).fill(v) };
  }
  const table = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const perLabel = Array.from({ length: labelCount }, () => [
    [0, 0],
    [0, 0],
  ]);
  for (const [key, w] of joint) {
    const ia = Math.floor(key / K);
    const ib = key % K;
    table[ia][ib] += w;
    for (let l = 0; l < labelCount; l++) perLabel[l][members[ia][l] ? 1 : 0][members[ib][l] ? 1 : 0] += w;
  }
  const fix = (v: Value): Value =>
    v.value === null ? undef('chance agreement is 1: both gave every position the same rating') : v;
  return { overall: fix(cohenKappa(table)), perLabel: perLabel.map((t) => fix(cohenKappa(t))) };
}

/** Fleiss' κ over the tallied tuples where every rater is present. */
function fleissOf(
  entries: readonly TupleEntry[],
  members: readonly (readonly boolean[])[],
  labelCount: number,
  raterCount: number,
): CharFigure {
  const full = entries.filter((e) => e.ids.every((i) => i >= 0));
  if (raterCount < 2) {
    const v = undef('needs at least two annotators');
    return { overall: v, perLabel: new Array(labelCount).fill(v) };
  }
  if (full.length === 0) {
    const v = undef('no text position annotated by every annotator');
    return { overall: v, perLabel: new Array(labelCount).fill(v) };
  }
  const K = members.length;
  const weights = full.map((e) => e.w);
  const counts = full.map((e) => {
    const row = new Array<number>(K).fill(0);
    for (const i of e.ids) row[i]++;
    return row;
  });
  const fix = (v: Value): Value =>
    v.value === null ? undef('chance agreement is 1: every rating of every position is the same') : v;
  const overall = fix(fleissKappaCounts({ categories: [...Array(K).keys()], counts }, weights));
  const perLabel: Value[] = [];
  for (let l = 0; l < labelCount; l++) {
    const rows = full.map((e) => {
      let k = 0;
      for (const i of e.ids) if (members[i][l]) k++;
      return [raterCount - k, k];
    });
    perLabel.push(fix(fleissKappaCounts({ categories: [0, 1], counts: rows }, weights)));
  }
  return { overall, perLabel };
}

/**
 * The same tally as CharTally for up to 30 labels, fed by the report's per-document sweep: a rater's
 * label set is a bitmask, a position's tuple is one number (Σ (mask_r + 1)·(2^L + 1)^r, 0 = rater absent)
 * in an open-addressing table. Label-set ids are given in CharTally's order (document by document, rater
 * by rater, by position), so every figure is the same to the last bit.
 */
export class MaskTally {
  private readonly maskToId: Int32Array;
  private readonly members: boolean[][] = [];
  private readonly base: number;
  readonly pow: Float64Array;
  private keys: Float64Array;
  private weights: Float64Array;
  private size = 0;
  private readonly dense: Float64Array | null;
  private readonly touched: number[] = [];
  private lastKey = -1;
  private lastSlot = -1;

  /** Whether the numeric tuple key stays exact for this many labels and raters. */
  static fits(labelCount: number, raterCount: number): boolean {
    return labelCount <= 30 && (2 ** labelCount + 1) ** raterCount < 2 ** 52;
  }

  constructor(
    private readonly labelCount: number,
    private readonly raterCount: number,
  ) {
    this.maskToId = new Int32Array(2 ** labelCount).fill(-1);
    this.internMask(0);
    this.base = 2 ** labelCount + 1;
    this.pow = new Float64Array(raterCount);
    for (let r = 0; r < raterCount; r++) this.pow[r] = this.base ** r;
    this.keys = new Float64Array(256).fill(-1);
    this.weights = new Float64Array(256);
    // few labels and raters: one weight per possible tuple
    this.dense = this.base ** raterCount <= 2 ** 18 ? new Float64Array(this.base ** raterCount) : null;
  }

  /** Gives a label set its id on first sight (call in CharTally's order). */
  internMask(mask: number): void {
    if (this.maskToId[mask] >= 0) return;
    this.maskToId[mask] = this.members.length;
    const m: boolean[] = [];
    for (let l = 0; l < this.labelCount; l++) m.push(((mask >>> l) & 1) === 1);
    this.members.push(m);
  }

  isNew(mask: number): boolean {
    return this.maskToId[mask] < 0;
  }

  add(key: number, w: number): void {
    const dense = this.dense;
    if (dense) {
      if (dense[key] === 0) this.touched.push(key);
      dense[key] += w;
      return;
    }
    if (key === this.lastKey) {
      this.weights[this.lastSlot] += w;
      return;
    }
    const cap = this.keys.length;
    let slot = (Math.imul((key % 1073741824) ^ Math.floor(key / 1073741824), 0x9e3779b1) >>> 0) & (cap - 1);
    for (;;) {
      const k = this.keys[slot];
      if (k === key) break;
      if (k === -1) {
        this.keys[slot] = key;
        this.size++;
        if (this.size * 2 > cap) {
          this.weights[slot] += w;
          this.grow();
          this.lastKey = -1;
          return;
        }
        break;
      }
      slot = (slot + 1) & (cap - 1);
    }
    this.weights[slot] += w;
    this.lastKey = key;
    this.lastSlot = slot;
  }

  private grow(): void {
    this.lastKey = -1;
    const oldKeys = this.keys;
    const oldWeights = this.weights;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.weights = new Float64Array(oldKeys.length * 2);
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== -1) this.add(oldKeys[i], oldWeights[i]);
  }

  private cached: TupleEntry[] | undefined;

  private entries(): TupleEntry[] {
    if (this.cached) return this.cached;
    const out: TupleEntry[] = [];
    const dense = this.dense;
    const n = dense ? this.touched.length : this.keys.length;
    for (let i = 0; i < n; i++) {
      let k = dense ? this.touched[i] : this.keys[i];
      if (k === -1) continue;
      const w = dense ? dense[k] : this.weights[i];
      const ids = new Array<number>(this.raterCount);
      for (let r = 0; r < this.raterCount; r++) {
        const digit = k % this.base;
        ids[r] = digit === 0 ? -1 : this.maskToId[digit - 1];
        k = (k - digit) / this.base;
      }
      out.push({ ids, w });
    }
    this.cached = out;
    return out;
  }

  /** Cohen's κ of raters a and b over every position of the documents both annotated. */
  cohen(a: number, b: number): CharFigure {
    return cohenOf(this.entries(), this.members, this.labelCount, a, b);
  }

  /** Fleiss' κ over every position of the documents all raters annotated. */
  fleiss(): CharFigure {
    return fleissOf(this.entries(), this.members, this.labelCount, this.raterCount);
  }
}
