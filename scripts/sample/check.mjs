// Checks the sample: every span lies in its text and is valid, labels and document labels are in the
// codebook, the codebook's examples occur in the texts, and prints each span's text and the
// agreement figures (α_U as defined in shared/agreement/DEFINITIONS.md, exact and overlap F1).
// Usage: node scripts/sample/check.mjs [--spans]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const read = (f) => JSON.parse(readFileSync(join(here, f), 'utf8'));
const documents = read('documents.json');
const codebook = read('codebook.json');
const annotations = read('annotations.json');
let problems = 0;
const problem = (m) => {
  problems++;
  console.error(`PROBLEM: ${m}`);
};

const docs = new Map(documents.map((d) => [d.id, [...d.text]]));
const labels = codebook.spanLabels.map((l) => l.name);
for (const d of documents) {
  if (/[\uD800-\uDFFF]/.test(d.text)) problem(`${d.id}: astral characters (UTF-16 ≠ code points)`);
  if (d.meta.published && !/^\d{4}-\d{2}-\d{2}$/.test(d.meta.published)) problem(`${d.id}: published not YYYY-MM-DD`);
}
const colors = new Set();
for (const l of codebook.spanLabels) {
  if (!/^#[0-9a-fA-F]{6}$/.test(l.color)) problem(`${l.name}: colour`);
  if (colors.has(l.color.toLowerCase())) problem(`${l.name}: colour repeated`);
  colors.add(l.color.toLowerCase());
  for (const ex of l.examples ?? [])
    if (!documents.some((d) => d.text.includes(ex))) problem(`${l.name}: example not in the texts: ${ex}`);
}
const show = process.argv.includes('--spans');
const counts = {};
for (const r of annotations) {
  const cps = docs.get(r.document);
  if (!cps) {
    problem(`${r.document}: unknown`);
    continue;
  }
  for (const s of r.spans) {
    if (
      !(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= cps.length)
    )
      problem(`${r.annotator}/${r.document}: bad span ${JSON.stringify(s)}`);
    if (!labels.includes(s.label)) problem(`${r.annotator}/${r.document}: label ${s.label}`);
    const t = cps.slice(s.start, s.end).join('');
    if (t !== t.trim()) problem(`${r.annotator}/${r.document}: span has outer whitespace: ${JSON.stringify(t)}`);
    if (show) console.log(`${r.annotator} ${r.document.slice(0, 3)} [${s.start},${s.end}) ${s.label}: ${t}`);
    counts[s.label] = (counts[s.label] ?? 0) + 1;
  }
  for (const lab of labels) {
    const ss = r.spans.filter((s) => s.label === lab).sort((a, b) => a.start - b.start);
    for (let i = 1; i < ss.length; i++)
      if (ss[i].start < ss[i - 1].end) problem(`${r.annotator}/${r.document}: overlapping ${lab} spans`);
  }
}

// --- α_U (Krippendorff 2004; DKPro's KrippendorffAlphaUnitizingAgreement) ---------------------
function segments(units, L) {
  // units: sorted, non-overlapping [begin, length] of one rater and label → segments over [0, L).
  const segs = [];
  let pos = 0;
  for (const [b, l] of units) {
    if (b > pos) segs.push([pos, b - pos, false]);
    segs.push([b, l, true]);
    pos = b + l;
  }
  if (pos < L) segs.push([pos, L - pos, false]);
  return segs;
}
function dist([b1, l1, u1], [b2, l2, u2]) {
  const bd = b1 - b2,
    ld = l1 - l2;
  if (u1 && u2 && -l1 < bd && bd < l2) return bd * bd + (bd + ld) * (bd + ld);
  if (u1 && !u2 && -ld >= bd && bd >= 0) return l1 * l1;
  if (!u1 && u2 && -ld <= bd && bd <= 0) return l2 * l2;
  return 0;
}
function merge(spans) {
  const s = [...spans].sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [b, e] of s) {
    if (out.length && b < out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], e);
    else out.push([b, e]);
  }
  return out.map(([b, e]) => [b, e - b]);
}
function alphaU(docIds, raters, label) {
  let shift = 0;
  const unitsBy = raters.map(() => []);
  for (const id of docIds) {
    raters.forEach((r, i) => {
      const rec = annotations.find((a) => a.document === id && a.annotator === r);
      const sp = rec.spans.filter((s) => s.label === label).map((s) => [s.start + shift, s.end + shift]);
      unitsBy[i].push(...merge(sp));
    });
    shift += docs.get(id).length;
  }
  const L = shift,
    R = raters.length;
  const segs = unitsBy.map((u) => segments(u, L));
  let Do = 0;
  for (let i = 0; i < R; i++)
    for (let j = i + 1; j < R; j++) {
      // walk both segmentations together
      for (const a of segs[i])
        for (const b of segs[j]) {
          if (a[0] + a[1] <= b[0] || b[0] + b[1] <= a[0]) continue;
          Do += dist(a, b);
        }
    }
  Do = (Do * 2) / (R * (R - 1) * L * L);
  const all = unitsBy.flat();
  const Nc = all.length;
  if (Nc === 0) return { Do: 0, De: 0 };
  const sq = all.reduce((s, [, l]) => s + l * (l - 1), 0);
  const gaps = segs
    .flat()
    .filter((s) => !s[2])
    .map((s) => s[1]);
  let De = 0;
  for (const [, l] of all) {
    De += ((Nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3;
    De += l * l * gaps.filter((g) => g >= l).reduce((s, g) => s + g - l + 1, 0);
  }
  De = (De * 2) / L / (R * L * (R * L - 1) - sq);
  return { Do, De };
}
const raters = ['alice', 'bob'];
const a = (x) => (x.De === 0 ? (x.Do === 0 ? 'null' : '1') : (1 - x.Do / x.De).toFixed(3));
function report(ids, title) {
  let sDo = 0,
    sDe = 0;
  const per = [];
  for (const lab of labels) {
    const x = alphaU(ids, raters, lab);
    sDo += x.Do;
    sDe += x.De;
    per.push(`${lab}: ${a(x)}`);
  }
  console.log(`α_U ${title}: ${(1 - sDo / sDe).toFixed(3)}`);
  for (const p of per) console.log(`   ${p}`);
}
const ids = [...docs.keys()].sort();
report(ids, 'overall');
for (const id of ids) report([id], id);

// exact F1 and overlap F1 (pooled)
let tp = 0,
  nA = 0,
  nB = 0;
for (const id of ids) {
  const A = annotations.find((r) => r.document === id && r.annotator === 'alice').spans;
  const B = annotations.find((r) => r.document === id && r.annotator === 'bob').spans;
  nA += A.length;
  nB += B.length;
  tp += A.filter((s) => B.some((t) => t.start === s.start && t.end === s.end && t.label === s.label)).length;
}
console.log(`exact F1: ${((2 * tp) / (nA + nB)).toFixed(3)} (${tp} identical of ${nA} + ${nB})`);
console.log('spans per label:', counts);
for (const r of annotations)
  console.log(
    `${r.annotator} ${r.document}: ${r.spans.length} spans, Stance ${r.docLabels.Stance}, Frames ${r.docLabels.Frames.join('; ')}`,
  );
if (problems) {
  console.error(`${problems} problem(s)`);
  process.exit(1);
}
console.log('OK');
