// The methods appendix of a round, as file contents: appendix.md, appendix.html (self-contained, escaped, no
// external resources), appendix-table.tex, figures.json, rounds.csv and the reliability data (reliability/).
// One document model, three renderers: the three files always say the same thing. Nothing depends on the clock:
// the same round gives the same bytes.
import { csvLines } from '../agreement/format';
import { PALETTE } from '../codebook';
import type { AnnotationRecord, Codebook } from '../model';
import { stableStringify } from '../stableJson';
import { type ChangelogEntry, changesBetween, describeChange } from './changelog';
import {
  type AlphaSeries,
  alphaSeries,
  type RoundFigures,
  type RoundSummary,
  type SummaryVariable,
  settlementCounts,
} from './figures';
import {
  judgeNames,
  kalphaCsv,
  krippAlphaCsv,
  type ReliabilityVariable,
  reliabilityVariables,
  variablesCsv,
} from './reliabilityData';
import type { StudyRound } from './round';
import { NO_STRATUM } from './sample';
import { minimumUnits, rarestShare } from './sampleSize';

/** What the appendix of a round is written from. */
export interface AppendixInput {
  project: string;
  round: StudyRound;
  figures: RoundFigures;
  /** The codebook version frozen for the round. */
  codebook: Codebook;
  changelog: readonly ChangelogEntry[];
  /** Earlier closed rounds, oldest first: the round-by-round table and chart, and the training note. */
  earlier?: readonly RoundSummary[];
  /** Records on the round's documents including gold's (for how disagreements were settled). */
  records: readonly AnnotationRecord[];
  /** For the sample-size table (default 0.05). */
  significance?: number;
}

/** A block of the appendix; all text is plain and escaped by each renderer. */
export type Block =
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; id?: string; head: string[]; rows: string[][]; numeric: boolean[] }
  | { type: 'code'; text: string }
  | { type: 'chart'; series: AlphaSeries };

/** The appendix as blocks, plus what the LaTeX table needs. */
export interface Appendix {
  title: string;
  blocks: Block[];
  reliability: { head: string[]; rows: SummaryVariable[]; caption: string; label: string };
}

const DASH = '—';

function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return DASH;
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

/** ".800" the way methods sections write coefficients. */
function coef(v: number): string {
  return fmt(v).replace(/^(-?)0\./, '$1.');
}

function day(at: string | undefined): string {
  if (!at) return DASH;
  return /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : at;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${n === 1 ? one : many}`;
}

function listing(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function verdictText(v: SummaryVariable): string {
  return v.verdict ?? `no interval: ${v.reason ?? 'undefined'}`;
}

function sampleBlocks(round: StudyRound): Block[] {
  const s = round.sample;
  const from = `the ${plural(s.population, 'document')} of the project${
    s.excluded > 0
      ? ` not left out of the draw (${plural(s.excluded, 'document')} drawn by earlier rounds were left out)`
      : ''
  }`;
  const how =
    s.strata === 'none'
      ? `a simple random sample without replacement`
      : `a random sample without replacement, stratified by ${s.strata} with proportional allocation (each stratum gets its share of the sample, the remainder going to the strata with the largest fractional shares, Hamilton's method)`;
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: 'Sample' },
    {
      type: 'paragraph',
      text: `The round's ${plural(s.size, 'document')} ${s.size === 1 ? 'was' : 'were'} drawn as ${how} from ${from}, with seed ${s.seed}. The draw is reproducible from the seed, the sample size, the strata and the list of document ids with their strata (Frame Lens sorts the ids before drawing, so their order does not matter).`,
    },
  ];
  if (s.strata !== 'none')
    blocks.push({
      type: 'table',
      head: ['Stratum', 'Documents', 'Exact share', 'Drawn'],
      numeric: [false, true, true, true],
      rows: s.allocation.map((a) => [
        a.stratum === NO_STRATUM ? `(no ${s.strata})` : a.stratum,
        String(a.population),
        a.quota.toFixed(2),
        String(a.drawn),
      ]),
    });
  return blocks;
}

function codersBlocks(input: AppendixInput): Block[] {
  const { round, figures } = input;
  const coders = round.coders;
  const text = [
    `${plural(coders.length, 'coder')} (${listing(coders)}) coded the documents independently with version ${round.codebookVersion} of the codebook, frozen for the round.`,
    'While the round was open, Frame Lens hid from each coder the other coders’ annotations on these documents, the suggestions and outlet phrase views drawn from them, and every agreement figure on them.',
    `The round was opened on ${day(round.openedAt)} and closed on ${day(round.closedAt)}.`,
  ];
  const training = (input.earlier ?? []).filter((r) => r.kind === 'training');
  if (round.kind === 'main' && training.length > 0)
    text.push(
      `Before it, coders were trained in ${training.length === 1 ? 'round' : 'rounds'} ${listing(training.map((t) => `“${t.round}”`))}, compared with the adjudicated gold standard.`,
    );
  const order = (o: string) =>
    o === 'uncertainty'
      ? 'followed the model’s uncertainty (the documents its cross-fitted folds disagreed on most first)'
      : 'followed the document list’s order';
  if (round.documentOrder && round.closingDocumentOrder)
    text.push(
      `“Next document” ${order(round.documentOrder)} when the round opened; the setting was changed during the round and it ${order(round.closingDocumentOrder)} when it closed.`,
    );
  else if (round.documentOrder)
    text.push(`“Next document” ${order(round.documentOrder)} when the round opened and when it closed.`);
  if (round.kind === 'training')
    text.push('This is a training round: each coder was also compared with the adjudicated gold standard.');
  if (figures.missingCoders.length > 0)
    text.push(
      `${listing(figures.missingCoders)} submitted no coding in this round and ${figures.missingCoders.length === 1 ? 'is' : 'are'} not in the figures.`,
    );
  return [
    { type: 'heading', level: 2, text: 'Coders and procedure' },
    { type: 'paragraph', text: text.join(' ') },
  ];
}

function unitsBlocks(input: AppendixInput): Block[] {
  const { figures } = input;
  const a = figures.agreement;
  const spans = new Map<string, number>();
  for (const r of figures.input.records)
    if (a.annotators.includes(r.annotator) && (r.status === 'done' || r.status === 'in_progress'))
      spans.set(r.annotator, (spans.get(r.annotator) ?? 0) + r.spans.length);
  const parts = [
    `Span agreement is computed on the ${plural(a.documents, 'document')} every coder annotated; document-label agreement on every document with values from at least two coders.`,
    `Spans marked: ${a.annotators.map((c) => `${c} ${spans.get(c) ?? 0}`).join(', ')}.`,
  ];
  if (a.excluded.count > 0)
    parts.push(
      `${plural(a.excluded.count, 'record')} with invalid spans or a changed text were left out of every figure.`,
    );
  return [
    { type: 'heading', level: 2, text: 'Units' },
    { type: 'paragraph', text: parts.join(' ') },
  ];
}

function reliabilityHead(alphaMin: readonly number[], level: number): string[] {
  return [
    'Variable',
    'Documents',
    'α',
    `${Math.round(level * 100)}% CI`,
    ...alphaMin.map((m) => `q(α < ${coef(m)})`),
    'Verdict',
  ];
}

function reliabilityBlocks(input: AppendixInput, rows: SummaryVariable[], head: string[]): Block[] {
  const iv = input.figures.intervals;
  const [high, low] = [Math.max(...iv.alpha_min), Math.min(...iv.alpha_min)];
  return [
    { type: 'heading', level: 2, text: 'Reliability' },
    {
      type: 'table',
      id: 'reliability',
      head,
      numeric: head.map((_, i) => i > 0 && i < head.length - 1),
      rows: rows.map((v) => [
        v.name,
        String(v.units),
        fmt(v.alpha),
        v.lower === null ? DASH : `${fmt(v.lower)} – ${fmt(v.upper)}`,
        ...v.q.map((q) => fmt(q.q)),
        verdictText(v),
      ]),
    },
    {
      type: 'paragraph',
      text: 'Spans: Krippendorff’s unitizing α (α_U; Krippendorff 2004, §12.4, computed as DKPro Statistics does) over the documents every coder annotated, joined into one continuum in id order; per label and over all labels (1 − ΣD_o/ΣD_e). Document labels: Krippendorff’s α for nominal data, missing values allowed; a single-choice group is one variable, each option of a multi-choice group a chosen/not-chosen variable. “Documents” counts the documents that carry the figure: with the label marked by some coder, or with values from at least two coders.',
    },
    {
      type: 'paragraph',
      text: `Intervals: ${iv.method}, ${plural(iv.draws, 'resample')} of the documents with replacement, seed ${iv.seed}; the bounds are the ${fmt(((1 - iv.level) / 2) * 100, 1)}th and ${fmt((1 - (1 - iv.level) / 2) * 100, 1)}th percentiles of α over the resamples (R’s type 7). q is the share of resamples in which α falls below α_min: the probability of failing to reach it that Krippendorff (2004, §11.4) asks to report. No interval, q or verdict is given where fewer than ${iv.rule.min_units} documents carry the figure, where fewer than ${iv.rule.min_chance_disagreements} disagreements are expected by chance (n·D_e, document labels), where α is undefined in more resamples than a tail holds, or where no resample varies; the reason is given instead. Verdicts come from the bounds: reliable when the lower bound reaches ${coef(high)}, tentative when it reaches ${coef(low)}, unreliable when the upper bound stays below ${coef(low)}, inconclusive otherwise.`,
    },
  ];
}

function sampleSizeBlocks(input: AppendixInput, vars: readonly ReliabilityVariable[]): Block[] {
  const p = input.significance ?? 0.05;
  const rows: string[][] = [];
  for (const v of vars) {
    const counts: Record<string, number> = {};
    let pairable = 0;
    v.units.forEach((_, u) => {
      const values = v.matrix.map((row) => row[u]).filter((x): x is number => x !== null);
      if (values.length < 2) return;
      pairable++;
      for (const x of values) counts[x] = (counts[x] ?? 0) + 1;
    });
    const share = rarestShare(counts);
    const name = v.option === null ? v.group : `${v.group}: ${v.option}`;
    if (share === null) {
      rows.push([name, String(pairable), DASH, DASH, DASH, 'only one category used']);
      continue;
    }
    const pc = Math.min(share, 0.5);
    const high = minimumUnits({ alphaMin: 0.8, significance: p, rarestShare: pc });
    const low = minimumUnits({ alphaMin: 0.667, significance: p, rarestShare: pc });
    rows.push([
      name,
      String(pairable),
      pc.toFixed(3),
      String(high),
      String(low),
      pairable >= high ? 'yes (.800)' : pairable >= low ? 'for .667 only' : 'no',
    ]);
  }
  if (rows.length === 0) return [];
  return [
    { type: 'heading', level: 2, text: 'Sample size' },
    {
      type: 'paragraph',
      text: `Krippendorff’s (2004, §11.4) minimum number of units for claiming α ≥ α_min at p = ${p}, given the share P_c of the rarest category observed (N_min = 2z²((1 + α_min)(3 − α_min)/(4(1 − α_min)P_c(1 − P_c)) − α_min), after Bloch & Kraemer 1989). The formula is stated for two coders; with more coders it is conservative.`,
    },
    {
      type: 'table',
      head: [
        'Variable',
        'Documents with two values',
        'Rarest share',
        'N_min (.800)',
        'N_min (.667)',
        'Sample large enough',
      ],
      numeric: [false, true, true, true, true, false],
      rows,
    },
  ];
}

function otherBlocks(input: AppendixInput): Block[] {
  const a = input.figures.agreement;
  if (a.spans.pairs.length === 0) return [];
  return [
    { type: 'heading', level: 2, text: 'Other span figures' },
    {
      type: 'paragraph',
      text: `Character-level Fleiss’ κ over all labels: ${fmt(a.spans.fleiss_kappa_char.overall)}. Per pair of coders: exact-match F1 (same start, end and label), overlap F1 (partial credit, as the SemEval-2020 Task 11 scorer) and character-level Cohen’s κ, all labels pooled.`,
    },
    {
      type: 'table',
      head: ['Pair', 'Documents', 'F1 exact', 'F1 overlap', 'Cohen κ (char)'],
      numeric: [false, true, true, true, true],
      rows: a.spans.pairs.map((p) => [
        `${p.a} × ${p.b}`,
        String(p.documents),
        fmt(p.f1_exact.overall),
        fmt(p.f1_overlap.overall),
        fmt(p.cohen_kappa_char.overall),
      ]),
    },
  ];
}

function codebookBlocks(input: AppendixInput): Block[] {
  const { round, codebook, changelog } = input;
  const previous = [...(input.earlier ?? [])].reverse().find((r) => r.codebookVersion < round.codebookVersion);
  const entries = changesBetween(changelog, previous ? previous.codebookVersion : 0, round.codebookVersion);
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: 'Codebook' },
    {
      type: 'paragraph',
      text: `Version ${round.codebookVersion}: ${plural(codebook.spanLabels.length, 'span label')} and ${plural(codebook.docLabels.length, 'document-label group')}. ${
        entries.length === 0
          ? previous
            ? `No change was recorded since round “${previous.round}” (version ${previous.codebookVersion}).`
            : 'No change was recorded before this round.'
          : previous
            ? `Changes since round “${previous.round}” (version ${previous.codebookVersion}), each recorded with who made it and why:`
            : 'Changes recorded before this round, each with who made it and why:'
      }`,
    },
  ];
  const logged = new Set(entries.map((e) => e.toVersion));
  const unlogged = previous
    ? Array.from(
        { length: round.codebookVersion - previous.codebookVersion },
        (_, i) => previous.codebookVersion + i + 1,
      ).filter((v) => !logged.has(v))
    : [];
  if (unlogged.length > 0)
    blocks.push({
      type: 'paragraph',
      text: `${unlogged.length === 1 ? `Version ${unlogged[0]} was` : `Versions ${unlogged.join(', ')} were`} made without a recorded reason (for instance labels an import added); the versions the two rounds froze are kept in the project as codebooks/v${previous!.codebookVersion}.json and codebooks/v${round.codebookVersion}.json.`,
    });
  if (entries.length > 0)
    blocks.push({
      type: 'list',
      items: entries.map(
        (e) =>
          `Version ${e.fromVersion} → ${e.toVersion}, ${day(e.at)}, by ${e.by}: “${e.why}”${
            e.changes.length ? ` — ${e.changes.map(describeChange).join('; ')}` : ''
          }.`,
      ),
    });
  return blocks;
}

function settlementBlocks(input: AppendixInput): Block[] {
  const s = settlementCounts(input.records, input.round.sample.documents);
  const blocks: Block[] = [{ type: 'heading', level: 2, text: 'How disagreements were settled' }];
  if (s.total === 0) {
    blocks.push({
      type: 'paragraph',
      text: 'No disagreement on this round’s documents was settled into the gold standard in Frame Lens.',
    });
    return blocks;
  }
  blocks.push(
    {
      type: 'paragraph',
      text: `${plural(s.total, 'decision')} on ${plural(s.documents, 'document')} settled the coders’ annotations into the gold standard, each with its reason: unanimous (every coder marked it the same), guideline gap (the codebook did not decide the case), ambiguous text, coder error, other.`,
    },
    {
      type: 'table',
      head: ['Reason', 'Accepted', 'Rejected', 'Edited', 'Merged', 'Document labels', 'Total'],
      numeric: [false, true, true, true, true, true, true],
      rows: s.rows.map((r) => [
        r.reason,
        String(r.accept),
        String(r.reject),
        String(r.edit),
        String(r.merge),
        String(r.documentLabel),
        String(r.accept + r.reject + r.edit + r.merge + r.documentLabel),
      ]),
    },
  );
  return blocks;
}

function roundsBlocks(series: AlphaSeries): Block[] {
  if (series.rounds.length < 2) return [];
  return [
    { type: 'heading', level: 2, text: 'Round by round' },
    {
      type: 'paragraph',
      text: 'α per variable in each closed round, this one last (rounds.csv holds the same numbers).',
    },
    {
      type: 'table',
      head: ['Variable', ...series.rounds],
      numeric: [false, ...series.rounds.map(() => true)],
      rows: series.variables.map((v) => [v.name, ...v.points.map((p) => fmt(p.alpha))]),
    },
    { type: 'chart', series },
  ];
}

function dataBlocks(vars: readonly ReliabilityVariable[]): Block[] {
  if (vars.length === 0) return [];
  const first = vars[0];
  return [
    { type: 'heading', level: 2, text: 'Reliability data' },
    {
      type: 'paragraph',
      text: 'The document-label data are in reliability/, one file per variable in two layouts, to rerun α with other software. reliability/variables.csv says which file is which variable and what each numeric code means. reliability/kripp-alpha/ has coders as rows and documents as columns, NA where a coder gave no value, for R’s irr::kripp.alpha; reliability/kalpha/ has documents as rows and one column per coder, a period where a coder gave no value, the layout of Hayes’ KALPHA macro for SPSS and SAS.',
    },
    {
      type: 'code',
      text: [
        '# R',
        `m <- as.matrix(read.csv("reliability/kripp-alpha/${first.file}.csv", row.names = 1, check.names = FALSE))`,
        'irr::kripp.alpha(m, method = "nominal")',
        "# irr 0.84.1 weights a unit's pairs by 1, not 1/(m_u - 1), when no value is missing: with 3+ coders",
        "# and complete data its alpha then differs slightly from Krippendorff's",
        '',
        '* SPSS, with the KALPHA macro defined and the file read in:',
        `KALPHA judges = ${judgeNames(first.coders).join(' ')}/level = 1/detail = 0/boot = 10000.`,
      ].join('\n'),
    },
  ];
}

function referencesBlocks(): Block[] {
  return [
    { type: 'heading', level: 2, text: 'References' },
    {
      type: 'list',
      items: [
        'Bloch, D. A., & Kraemer, H. C. (1989). 2 × 2 kappa coefficients: Measures of agreement or association. Biometrics, 45(1), 269–287.',
        'Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability measure for coding data. Communication Methods and Measures, 1(1), 77–89.',
        'Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage.',
      ],
    },
  ];
}

/** The appendix of a round as blocks. */
export function appendix(input: AppendixInput): Appendix {
  const { round, figures } = input;
  const iv = figures.intervals;
  const rows = figures.summary.variables;
  const head = reliabilityHead(iv.alpha_min, iv.level);
  const vars = reliabilityVariables(figures.input);
  const series = alphaSeries([...(input.earlier ?? []), figures.summary]);
  const title = `Reliability of the coding: round “${round.name}”`;
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: title },
    {
      type: 'paragraph',
      text: `Project “${input.project}”, ${round.kind === 'training' ? 'training' : 'main'} round “${round.name}”, ${plural(round.sample.size, 'document')}, ${plural(round.coders.length, 'coder')}.`,
    },
    ...sampleBlocks(round),
    ...codersBlocks(input),
    ...unitsBlocks(input),
    ...reliabilityBlocks(input, rows, head),
    ...sampleSizeBlocks(input, vars),
    ...otherBlocks(input),
    ...codebookBlocks(input),
    ...settlementBlocks(input),
    ...roundsBlocks(series),
    ...dataBlocks(vars),
    ...referencesBlocks(),
  ];
  return {
    title,
    blocks,
    reliability: {
      head,
      rows,
      caption: `Intercoder reliability, round “${round.name}” (${plural(figures.agreement.documents, 'document')}, ${plural(figures.agreement.annotators.length, 'coder')}; ${iv.method}, ${iv.draws} resamples, seed ${iv.seed}).`,
      label: 'tab:reliability',
    },
  };
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** appendix.md (CommonMark with GitHub tables). */
export function appendixMarkdown(a: Appendix): string {
  const out: string[] = [];
  for (const b of a.blocks) {
    if (b.type === 'heading') out.push(`${'#'.repeat(b.level)} ${mdEscape(b.text)}`);
    else if (b.type === 'paragraph') out.push(mdEscape(b.text));
    else if (b.type === 'list') out.push(b.items.map((i) => `- ${mdEscape(i)}`).join('\n'));
    else if (b.type === 'code') out.push(`\`\`\`\n${b.text}\n\`\`\``);
    else if (b.type === 'table') {
      const row = (cells: string[]) => `| ${cells.map(mdEscape).join(' | ')} |`;
      out.push(
        [row(b.head), `|${b.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...b.rows.map(row)].join('\n'),
      );
    }
  }
  return `${out.join('\n\n')}\n`;
}

function htmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const SERIES_MARGIN = { left: 48, right: 16, top: 16, bottom: 40 };

/** An SVG line chart of α per variable across rounds, with the .800 and .667 lines. */
export function seriesSvg(series: AlphaSeries): string {
  const W = 640;
  const H = 260;
  const { left, right, top, bottom } = SERIES_MARGIN;
  const values = series.variables.flatMap((v) => v.points.map((p) => p.alpha).filter((x): x is number => x !== null));
  const lo = Math.min(0, ...values);
  const y = (v: number) => top + ((1 - v) / (1 - lo)) * (H - top - bottom);
  const n = series.rounds.length;
  const x = (i: number) => left + (n === 1 ? 0.5 : i / (n - 1)) * (W - left - right);
  const parts: string[] = [];
  for (const [t, dash] of [
    [0.8, '4 3'],
    [0.667, '2 3'],
  ] as const)
    parts.push(
      `<line x1="${left}" x2="${W - right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#888" stroke-dasharray="${dash}"/><text x="${left - 4}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${coef(t)}</text>`,
    );
  parts.push(
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${H - bottom}" stroke="#444"/><text x="${left - 4}" y="${(y(1) + 4).toFixed(1)}" text-anchor="end" font-size="11">1</text><text x="${left - 4}" y="${(y(lo) + 4).toFixed(1)}" text-anchor="end" font-size="11">${fmt(lo, 1)}</text>`,
  );
  series.rounds.forEach((r, i) => {
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" font-size="11">${htmlEscape(r)}</text>`,
    );
  });
  series.variables.forEach((v, k) => {
    const color = PALETTE[k % PALETTE.length];
    const pts = v.points.map((p, i) => (p.alpha === null ? null : ([x(i), y(p.alpha)] as const)));
    let d = '';
    pts.forEach((p, i) => {
      if (!p) return;
      d += `${d === '' || !pts[i - 1] ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    });
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    pts.forEach((p, i) => {
      if (!p) return;
      parts.push(
        `<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="3" fill="${color}"><title>${htmlEscape(`${v.name}, ${series.rounds[i]}: ${fmt(v.points[i].alpha)}`)}</title></circle>`,
      );
    });
  });
  const legend = series.variables
    .map((v, k) => `<li><span style="color:${PALETTE[k % PALETTE.length]}">●</span> ${htmlEscape(v.name)}</li>`)
    .join('');
  return `<figure><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="α per variable, round by round">${parts.join('')}</svg><ul class="legend">${legend}</ul></figure>`;
}

/** appendix.html: one self-contained page (inline style, inline SVG, a CSP that forbids anything external). */
export function appendixHtml(a: Appendix): string {
  const body: string[] = [];
  for (const b of a.blocks) {
    if (b.type === 'heading') body.push(`<h${b.level}>${htmlEscape(b.text)}</h${b.level}>`);
    else if (b.type === 'paragraph') body.push(`<p>${htmlEscape(b.text)}</p>`);
    else if (b.type === 'list') body.push(`<ul>${b.items.map((i) => `<li>${htmlEscape(i)}</li>`).join('')}</ul>`);
    else if (b.type === 'code') body.push(`<pre><code>${htmlEscape(b.text)}</code></pre>`);
    else if (b.type === 'chart') body.push(seriesSvg(b.series));
    else {
      const cell = (tag: string, s: string, n: boolean) =>
        `<${tag}${n ? ' class="num"' : ''}>${htmlEscape(s)}</${tag}>`;
      body.push(
        `<table${b.id ? ` id="${htmlEscape(b.id)}"` : ''}><thead><tr>${b.head.map((h, i) => cell('th', h, b.numeric[i])).join('')}</tr></thead><tbody>${b.rows
          .map((r) => `<tr>${r.map((c, i) => cell('td', c, b.numeric[i])).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    }
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${htmlEscape(a.title)}</title>
<style>
body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{border-bottom:2px solid #444}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
pre{background:#f5f5f5;padding:.75rem;overflow-x:auto}.legend{list-style:none;padding:0;columns:2;font-size:.85rem}
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

const TEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  α: '$\\alpha$',
  '–': '--',
  '—': '---',
};

function texEscape(s: string): string {
  return s.replace(/[\\&%$#_{}~^<>|α–—]/g, (c) => TEX[c]);
}

/** appendix-table.tex: the reliability table (booktabs), withheld intervals explained in notes below it. */
export function appendixLatexTable(a: Appendix): string {
  const { rows, caption, label } = a.reliability;
  const notes: string[] = [];
  const mark = (reason: string) => {
    let i = notes.indexOf(reason);
    if (i < 0) i = notes.push(reason) - 1;
    return String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
  };
  const qCount = rows[0]?.q.length ?? 0;
  const qHeads = (rows[0]?.q ?? []).map((q) => `$q_{${coef(q.alpha_min)}}$`);
  const lines = rows.map((v) => {
    const name = v.key === 'span:*' ? 'All span labels ($\\alpha_U$)' : texEscape(v.name);
    const ci =
      v.lower === null ? `---\\textsuperscript{${mark(v.reason ?? 'undefined')}}` : `${fmt(v.lower)}--${fmt(v.upper)}`;
    const q = v.q.map((x) => (x.q === null ? '---' : fmt(x.q)));
    return `${name} & ${v.units} & ${v.alpha === null ? '---' : fmt(v.alpha)} & ${ci} & ${q.join(' & ')} & ${v.verdict ?? '---'} \\\\`;
  });
  const noteLines = notes.map(
    (n, i) =>
      `\\textsuperscript{${String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '')}}~${texEscape(n)}.`,
  );
  return `% Reliability table written by Frame Lens. Needs \\usepackage{booktabs}; names in non-Latin scripts need XeLaTeX or LuaLaTeX.
\\begin{table}[htbp]
\\centering
\\small
\\begin{tabular}{l r r l ${'r '.repeat(qCount)}l}
\\toprule
Variable & Documents & $\\alpha$ & 95\\% CI & ${qHeads.join(' & ')} & Verdict \\\\
\\midrule
${lines.join('\n')}
\\bottomrule
\\end{tabular}
\\caption{${texEscape(caption)}}
\\label{${label}}
${noteLines.length ? `\\par\\footnotesize No interval: ${noteLines.join(' ')}\n` : ''}\\end{table}
`;
}

/** rounds.csv: α with its bounds per variable and round, for a chart. */
export function seriesCsv(series: AlphaSeries): string {
  return csvLines([
    ['variable', 'kind', 'round', 'alpha', 'lower', 'upper'],
    ...series.variables.flatMap((v) => v.points.map((p) => [v.name, v.kind, p.round, p.alpha, p.lower, p.upper])),
  ]);
}

/** Every file of a round's report: relative path (fixed names, never from user text) → content, sorted by path. */
export function roundReportFiles(input: AppendixInput): { path: string; content: string }[] {
  const a = appendix(input);
  const vars = reliabilityVariables(input.figures.input);
  const series = alphaSeries([...(input.earlier ?? []), input.figures.summary]);
  const files = [
    { path: 'appendix.md', content: appendixMarkdown(a) },
    { path: 'appendix.html', content: appendixHtml(a) },
    { path: 'appendix-table.tex', content: appendixLatexTable(a) },
    {
      path: 'figures.json',
      content: stableStringify({
        round: input.round,
        summary: input.figures.summary,
        agreement: input.figures.agreement,
        intervals: input.figures.intervals,
      }),
    },
    { path: 'rounds.csv', content: seriesCsv(series) },
  ];
  if (vars.length > 0) {
    files.push({ path: 'reliability/variables.csv', content: variablesCsv(vars) });
    for (const v of vars) {
      files.push({ path: `reliability/kripp-alpha/${v.file}.csv`, content: krippAlphaCsv(v) });
      files.push({ path: `reliability/kalpha/${v.file}.csv`, content: kalphaCsv(v) });
    }
  }
  return files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
