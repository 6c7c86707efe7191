// Character-level Cohen's κ (pairs) and Fleiss' κ (all raters): each code-point position is an item.
// Per label the rating is "covered by a span of that label"; overall it is the set of labels covering
// the position, as one nominal category. Positions are tallied as weighted segments, never one by one.
import { fleissKappaCounts } from './coding';
import type { Interval } from './intervals';
import { undef, type Value } from './result';
import { cohenKappa } from './table';

/** Why: overall and per-label values of one character-level coefficient. */
export interface CharFigure {
  overall: Value;
  perLabel: Value[];
}

/** Why: accumulates, over documents, how many positions got each combination of label sets from the raters. */
export class CharTally {
  private readonly setIds = new Map<string, number>();
  /** members[id][label] = whether label set `id` contains the label. */
  private readonly members: boolean[][] = [];
  /** key: label-set id per rater (−1 = absent) joined by ','; value: number of positions. */
  private readonly tuples = new Map<string, number>();

  constructor(
    private readonly labelCount: number,
    private readonly raterCount: number,
  ) {
    this.intern(new Array<boolean>(labelCount).fill(false));
  }

  private intern(has: boolean[]): number {
    let key = '';
    for (let l = 0; l < has.length; l++) if (has[l]) key += `${l},`;
    let id = this.setIds.get(key);
    if (id === undefined) {
      id = this.members.length;
      this.setIds.set(key, id);
      this.members.push([...has]);
    }
    return id;
  }

  /** Why: adds one document; perRater[r][label] = that rater's merged spans, or undefined when absent. */
  addDocument(length: number, perRater: readonly (readonly (readonly Interval[])[] | undefined)[]): void {
    if (length <= 0) return;
    const bounds = new Set<number>([0, length]);
    const events: [number, number, number][][] = perRater.map((labels) => {
      const ev: [number, number, number][] = [];
      if (!labels) return ev;
      labels.forEach((list, l) => {
        for (const [s, e] of list) {
          ev.push([s, l, 1], [e, l, -1]);
          bounds.add(s);
          bounds.add(e);
        }
      });
      return ev.sort((x, y) => x[0] - y[0]);
    });
    const points = [...bounds].sort((a, b) => a - b);
    const state = perRater.map(() => new Array<number>(this.labelCount).fill(0));
    const ids: number[] = perRater.map((p) => (p ? 0 : -1));
    const cursor = perRater.map(() => 0);
    for (let k = 0; k + 1 < points.length; k++) {
      const pos = points[k];
      for (let r = 0; r < perRater.length; r++) {
        if (ids[r] < 0) continue;
        const ev = events[r];
        let changed = false;
        while (cursor[r] < ev.length && ev[cursor[r]][0] === pos) {
          const [, l, d] = ev[cursor[r]++];
          state[r][l] += d;
          changed = true;
        }
        if (changed) ids[r] = this.intern(state[r].map((c) => c > 0));
      }
      const key = ids.join(',');
      this.tuples.set(key, (this.tuples.get(key) ?? 0) + points[k + 1] - pos);
    }
  }

  private entries(): { ids: number[]; w: number }[] {
    return [...this.tuples].map(([k, w]) => ({ ids: k.split(',').map(Number), w }));
  }

  /** Why: Cohen's κ of raters a and b over every position of the documents both annotated. */
  cohen(a: number, b: number): CharFigure {
    const joint = new Map<number, number>();
    const K = this.members.length;
    let n = 0;
    for (const { ids, w } of this.entries()) {
      if (ids[a] < 0 || ids[b] < 0) continue;
      const key = ids[a] * K + ids[b];
      joint.set(key, (joint.get(key) ?? 0) + w);
      n += w;
    }
    if (n === 0) {
      const v = undef('no text position annotated by both');
      return { overall: v, perLabel: new Array(this.labelCount).fill(v) };
    }
    const table = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    const perLabel = Array.from({ length: this.labelCount }, () => [
      [0, 0],
      [0, 0],
    ]);
    for (const [key, w] of joint) {
      const ia = Math.floor(key / K);
      const ib = key % K;
      table[ia][ib] += w;
      for (let l = 0; l < this.labelCount; l++)
        perLabel[l][this.members[ia][l] ? 1 : 0][this.members[ib][l] ? 1 : 0] += w;
    }
    const fix = (v: Value): Value =>
      v.value === null ? undef('chance agreement is 1: both gave every position the same rating') : v;
    return { overall: fix(cohenKappa(table)), perLabel: perLabel.map((t) => fix(cohenKappa(t))) };
  }

  /** Why: Fleiss' κ over every position of the documents all raters annotated. */
  fleiss(): CharFigure {
    const full = this.entries().filter((e) => e.ids.every((i) => i >= 0));
    if (this.raterCount < 2) {
      const v = undef('needs at least two annotators');
      return { overall: v, perLabel: new Array(this.labelCount).fill(v) };
    }
    if (full.length === 0) {
      const v = undef('no text position annotated by every annotator');
      return { overall: v, perLabel: new Array(this.labelCount).fill(v) };
    }
    const K = this.members.length;
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
    for (let l = 0; l < this.labelCount; l++) {
      const rows = full.map((e) => {
        let k = 0;
        for (const i of e.ids) if (this.members[i][l]) k++;
        return [this.raterCount - k, k];
      });
      perLabel.push(fix(fleissKappaCounts({ categories: [0, 1], counts: rows }, weights)));
    }
    return { overall, perLabel };
  }
}
