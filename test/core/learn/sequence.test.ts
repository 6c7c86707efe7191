import { describe, expect, it } from 'vitest';
import { BIO, type TagSpace, tokenMargins, trainPerceptrons, viterbi } from '../../../src/core/learn/sequence';

// Jurafsky & Martin, Speech and Language Processing (3rd ed. draft), ch. 8, Figs. 8.12–8.14: the HMM for
// "Janet will back the bill"; the Viterbi path is NNP MD VB DT NN.
const TAGS = ['NNP', 'MD', 'VB', 'JJ', 'NN', 'RB', 'DT'];
const START = [0.2767, 0.0006, 0.0031, 0.0453, 0.0449, 0.051, 0.2026];
const A = [
  [0.3777, 0.011, 0.0009, 0.0084, 0.0584, 0.009, 0.0025],
  [0.0008, 0.0002, 0.7968, 0.0005, 0.0008, 0.1698, 0.0041],
  [0.0322, 0.0005, 0.005, 0.0837, 0.0615, 0.0514, 0.2231],
  [0.0366, 0.0004, 0.0001, 0.0733, 0.4509, 0.0036, 0.0036],
  [0.0096, 0.0176, 0.0014, 0.0086, 0.1216, 0.0177, 0.0068],
  [0.0068, 0.0102, 0.1011, 0.1012, 0.012, 0.0728, 0.0479],
  [0.1147, 0.0021, 0.0002, 0.2157, 0.4744, 0.0102, 0.0017],
];
// B[tag][word] for Janet, will, back, the, bill
const Bm = [
  [0.000032, 0, 0, 0.000048, 0],
  [0, 0.308431, 0, 0, 0],
  [0, 0.000028, 0.000672, 0, 0.000028],
  [0, 0, 0.00034, 0, 0],
  [0, 0.0002, 0.000223, 0, 0.002337],
  [0, 0, 0.010446, 0, 0],
  [0, 0, 0, 0.506099, 0],
];

function hmmSpace(): TagSpace {
  const K = TAGS.length;
  return {
    tags: K,
    names: TAGS,
    allowed: new Uint8Array((K + 1) * K).fill(1),
    groups: Uint8Array.from(TAGS, (_, i) => i),
  };
}

describe('Viterbi', () => {
  it('decodes the textbook HMM example to NNP MD VB DT NN', () => {
    const K = TAGS.length;
    const n = 5;
    const scores = new Float64Array(n * K);
    for (let t = 0; t < n; t++) for (let k = 0; k < K; k++) scores[t * K + k] = Math.log(Bm[k][t]);
    const transition = new Float64Array((K + 1) * K);
    for (let j = 0; j < K; j++) for (let k = 0; k < K; k++) transition[j * K + k] = Math.log(A[j][k]);
    for (let k = 0; k < K; k++) transition[K * K + k] = Math.log(START[k]);
    const path = viterbi(scores, n, transition, hmmSpace());
    expect([...path].map((k) => TAGS[k])).toEqual(['NNP', 'MD', 'VB', 'DT', 'NN']);
    // the book's first column: v1(NNP) = .2767 × .000032 = 8.8544e-6
    expect(Math.exp(transition[K * K] + scores[0])).toBeCloseTo(8.8544e-6, 10);
  });

  it('never puts I after O or at the start (BIO)', () => {
    // emission scores that alone would prefer I everywhere
    const n = 4;
    const scores = new Float64Array(n * 3);
    for (let t = 0; t < n; t++) scores[t * 3 + 2] = 5;
    const path = viterbi(scores, n, new Float64Array(12), BIO);
    expect([...path]).toEqual([1, 2, 2, 2]);
  });

  it('token margins equal the brute-force gap between the best path and the best path flipping that token', () => {
    const n = 5;
    const K = 3;
    let seed = 7;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    const scores = Float64Array.from({ length: n * K }, rand);
    const transition = Float64Array.from({ length: 12 }, rand);
    const paths: { path: number[]; score: number }[] = [];
    const walk = (prefix: number[]) => {
      if (prefix.length === n) {
        let s = 0;
        for (let t = 0; t < n; t++) {
          const from = t === 0 ? K : prefix[t - 1];
          if (!BIO.allowed[from * K + prefix[t]]) return;
          s += transition[from * K + prefix[t]] + scores[t * K + prefix[t]];
        }
        paths.push({ path: prefix, score: s });
        return;
      }
      for (let k = 0; k < K; k++) walk([...prefix, k]);
    };
    walk([]);
    paths.sort((a, b) => b.score - a.score);
    const best = paths[0];
    expect([...viterbi(scores, n, transition, BIO)]).toEqual(best.path);
    const margins = tokenMargins(scores, n, transition, BIO);
    for (let t = 0; t < n; t++) {
      const inside = (k: number) => (k === 0 ? 0 : 1);
      const other = paths.find((p) => inside(p.path[t]) !== inside(best.path[t]));
      expect(margins[t]).toBeCloseTo(best.score - (other?.score ?? Number.NEGATIVE_INFINITY), 10);
    }
  });
});

describe('averaged structured perceptron', () => {
  it('matches the averaging worked by hand (Daumé: w − u/c)', async () => {
    // two tags, no constraints, one feature per token; one sequence "f0" with gold tag 1, one epoch.
    // c = 1: all-zero weights tie, Viterbi picks tag 0 → mistake: w[f0,1] = +1, w[f0,0] = −1, u = ±1,
    // transitions start→1 +1, start→0 −1; then c = 2. Averaged = w − u/c = ±(1 − 1/2) = ±0.5, scaled by c: ±1.
    const space: TagSpace = {
      tags: 2,
      names: ['a', 'b'],
      allowed: new Uint8Array(6).fill(1),
      groups: Uint8Array.of(0, 1),
    };
    const [w] = await trainPerceptrons(
      [{ ids: Int32Array.of(0), offsets: Int32Array.of(0, 1), tags: Uint8Array.of(1) }],
      1,
      1,
      space,
      { epochs: 1, seed: 1 },
    );
    expect(w.scale).toBe(2);
    expect([...w.emission]).toEqual([-1, 1]);
    expect([...w.transition.subarray(4)]).toEqual([-1, 1]);
    // a second epoch predicts correctly (no update): averaged weight = (0 + 1 + 1)/3, scaled by 3 → 2
    const [w2] = await trainPerceptrons(
      [{ ids: Int32Array.of(0), offsets: Int32Array.of(0, 1), tags: Uint8Array.of(1) }],
      1,
      1,
      space,
      { epochs: 2, seed: 1 },
    );
    expect(w2.scale).toBe(3);
    expect([...w2.emission]).toEqual([-2, 2]);
  });

  it('trains several taggers in one pass exactly as it would train each alone', async () => {
    const seqs = [
      {
        ids: Int32Array.of(0, 1, 2, 1),
        offsets: Int32Array.of(0, 1, 2, 3, 4),
        tags: Uint8Array.of(1, 0, 2, 1, 0, 0, 1, 0),
      },
      { ids: Int32Array.of(2, 0, 1), offsets: Int32Array.of(0, 1, 2, 3), tags: Uint8Array.of(0, 1, 1, 2, 0, 0) },
    ];
    const both = await trainPerceptrons(seqs, 3, 2, BIO, { epochs: 3, seed: 5 });
    for (const m of [0, 1]) {
      const alone = seqs.map((s) => ({ ...s, tags: s.tags.filter((_, i) => i % 2 === m) }));
      const [w] = await trainPerceptrons(alone, 3, 1, BIO, { epochs: 3, seed: 5 });
      expect([...both[m].emission]).toEqual([...w.emission]);
      expect([...both[m].transition]).toEqual([...w.transition]);
    }
  });
});
