// `framelens study create|status|close|report|advice|training DIR …`: reliability rounds from the command line.
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileDurably } from '../../backend/durableFile';
import { endRound, openRound, reportFiles, sizeAdvice, studyStatus, trainingResults } from '../../backend/study';
import { formatNumber, renderTable } from '../../core/agreement/format';
import type { RoundStatus, SampleSizeReport, TrainingResult } from '../../core/api';
import type { SummaryVariable } from '../../core/study/figures';
import type { DocumentMeasure, SpanMeasure, TrainingRequirement } from '../../core/study/training';
import { CliError, openService } from '../context';

const SPAN_MEASURES: SpanMeasure[] = ['f1_overlap', 'f1_exact', 'alpha_u'];
const DOC_MEASURES: DocumentMeasure[] = ['percent_agreement', 'cohen_kappa'];

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function wholeNumber(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new CliError(`${flag} ${v}: give a whole number from ${min} to ${max}`);
    return n;
  };
}

function share(flag: string, lo: number, hi: number) {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= lo || n >= hi)
      throw new CliError(`${flag} ${v}: give a number between ${lo} and ${hi}`);
    return n;
  };
}

/** "f1_overlap=0.7" → the measure and its minimum. */
function minimum<M extends string>(flag: string, measures: readonly M[]) {
  return (v: string): { measure: M; minimum: number } => {
    const m = /^([a-z_0-9]+)=(-?[0-9.]+)$/.exec(v.trim());
    if (!m || !measures.includes(m[1] as M) || !Number.isFinite(Number(m[2])))
      throw new CliError(`${flag} ${v}: give MEASURE=VALUE with MEASURE one of ${measures.join(', ')}`);
    return { measure: m[1] as M, minimum: Number(m[2]) };
  };
}

function who(by?: string): string {
  if (by) return by;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

function interval(v: SummaryVariable): string {
  return v.lower === null ? '—' : `${formatNumber(v.lower)}–${formatNumber(v.upper)}`;
}

/** Per-variable α of a closed round, its interval, q and verdict (or why there is none). */
function summaryTable(round: RoundStatus): string {
  const s = round.summary;
  if (!s) return '';
  const qs = s.variables[0]?.q.map((q) => `q(α<${q.alpha_min})`) ?? [];
  return [
    `Intervals: ${s.method}, ${s.draws} draws, seed ${s.seed}, ${Math.round(s.level * 100)}%`,
    renderTable(
      ['variable', 'documents', 'α', 'CI', ...qs, 'verdict'],
      s.variables.map((v) => [
        v.name,
        String(v.units),
        formatNumber(v.alpha),
        interval(v),
        ...v.q.map((q) => formatNumber(q.q)),
        v.verdict ?? `no interval: ${v.reason ?? 'undefined'}`,
      ]),
    ),
  ].join('\n');
}

function roundText(r: RoundStatus): string {
  const s = r.sample;
  const lines = [
    `${r.name} (${r.kind}, ${r.state}${r.state === 'closed' ? ` ${r.closedAt?.slice(0, 10)}` : ''}): ${s.documents.length} documents, seed ${s.seed}${
      s.strata === 'none'
        ? ''
        : `, stratified by ${s.strata} (${s.allocation.map((a) => `${a.stratum} ${a.drawn}`).join(', ')})`
    }; codebook version ${r.codebookVersion}`,
    renderTable(
      ['coder', 'done', 'in progress', 'not started', 'other codebook'],
      r.progress.map((p) => [
        p.coder,
        String(p.done),
        String(p.inProgress),
        String(p.notStarted),
        String(p.otherCodebook),
      ]),
    ),
  ];
  if (r.summary) lines.push(summaryTable(r));
  return lines.join('\n');
}

function adviceText(a: SampleSizeReport): string {
  if (a.perVariable.length === 0)
    return `No document-label variable: Krippendorff's minimum applies to categories. An α_U interval needs at least ${a.minimumForIntervals} documents carrying each label.`;
  return [
    `Krippendorff's minimum sample for α ≥ ${a.alphaMin} at p = ${a.significance}: ${a.units} documents (${a.undrawn} of ${a.documents} not drawn yet).`,
    a.codedRecords > 0
      ? `Rarest shares observed in ${a.codedRecords} coded records; equal shares assumed where a variable has fewer than two categories in use.`
      : 'No coding yet: equal shares assumed (optimistic when a category is rare).',
    renderTable(
      ['variable', 'rarest share', 'from', 'documents'],
      a.perVariable.map((v) => [v.variable, v.rarestShare.toFixed(3), v.source, String(v.units)]),
    ),
  ].join('\n');
}

function trainingText(results: TrainingResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(
      `${r.coder}: ${r.progress.done} of ${r.progress.assigned} done${r.submitted ? '' : ' (not submitted)'}${
        r.requirement ? `; minimum ${r.requirement.passed ? 'met' : 'not met'}` : ''
      }`,
    );
    if (!r.scores) continue;
    out.push(
      renderTable(
        ['label', 'F1 exact', 'F1 overlap', 'α_U'],
        [
          ['(all)', r.scores.overall.f1_exact, r.scores.overall.f1_overlap, r.scores.overall.alpha_u],
          ...r.scores.labels.map((l) => [l.label, l.f1_exact, l.f1_overlap, l.alpha_u] as const),
        ].map(([name, ...v]) => [name as string, ...v.map((x) => formatNumber((x as { value: number | null }).value))]),
      ),
    );
    if (r.scores.documentLabels.length)
      out.push(
        renderTable(
          ['document label', '% agreement', 'Cohen κ'],
          r.scores.documentLabels.map((v) => [
            v.variable,
            formatNumber(v.percent_agreement.value),
            formatNumber(v.cohen_kappa.value),
          ]),
        ),
      );
    for (const s of r.requirement?.shortfalls ?? [])
      out.push(`  below the minimum: ${s.variable} ${s.measure} ${formatNumber(s.value)} < ${s.minimum}`);
  }
  return out.join('\n');
}

export function registerStudy(program: Command): void {
  const study = program
    .command('study')
    .description('reliability rounds: a drawn sample coded blind, closed with intervals, reported as an appendix');

  study
    .command('create')
    .description('draw a seeded sample and open a round (blind, codebook frozen)')
    .argument('<dir>', 'the project folder')
    .requiredOption('--name <name>', 'the round name')
    .requiredOption('--size <n>', 'documents to draw', wholeNumber('--size', 1))
    .requiredOption('--seed <n>', 'random seed', wholeNumber('--seed', 0, 0xffffffff))
    .requiredOption('--coders <names>', 'comma-separated coders', list)
    .option('--strata <kind>', 'stratify by outlet or story (proportional allocation)')
    .option('--training', 'a training round: coders are compared with gold')
    .option('--include-earlier', 'draw also from documents earlier rounds drew')
    .option(
      '--min <measure=value>',
      `training: minimum to join the main coding (${SPAN_MEASURES.join(', ')})`,
      minimum('--min', SPAN_MEASURES),
    )
    .option('--every-label', 'training: the minimum holds for every label, not only overall')
    .option(
      '--min-doc <measure=value>',
      `training: minimum on document labels (${DOC_MEASURES.join(', ')})`,
      minimum('--min-doc', DOC_MEASURES),
    )
    .option('--by <name>', 'who opens the round')
    .option('--json', 'print the round as JSON')
    .action(
      async (
        dir: string,
        opts: {
          name: string;
          size: number;
          seed: number;
          coders: string[];
          strata?: string;
          training?: boolean;
          includeEarlier?: boolean;
          min?: { measure: SpanMeasure; minimum: number };
          everyLabel?: boolean;
          minDoc?: { measure: DocumentMeasure; minimum: number };
          by?: string;
          json?: boolean;
        },
      ) => {
        if (opts.strata !== undefined && opts.strata !== 'outlet' && opts.strata !== 'story')
          throw new CliError(`--strata ${opts.strata}: give outlet or story`);
        if ((opts.min || opts.minDoc || opts.everyLabel) && !opts.training)
          throw new CliError('--min, --min-doc and --every-label set the minimum of a training round: add --training');
        if ((opts.minDoc || opts.everyLabel) && !opts.min) throw new CliError('--min-doc and --every-label need --min');
        const requirement: TrainingRequirement | undefined = opts.min
          ? {
              ...opts.min,
              scope: opts.everyLabel ? 'every-label' : 'overall',
              ...(opts.minDoc ? { documentLabels: opts.minDoc } : {}),
            }
          : undefined;
        const project = (await openService(dir)).current();
        const round = await openRound(project, {
          name: opts.name,
          kind: opts.training ? 'training' : 'main',
          coders: opts.coders,
          size: opts.size,
          seed: opts.seed,
          strata: (opts.strata as 'outlet' | 'story' | undefined) ?? 'none',
          ...(opts.includeEarlier ? { includeEarlier: true } : {}),
          ...(requirement ? { requirement } : {}),
          by: who(opts.by),
        });
        if (opts.json) return console.log(JSON.stringify(round, null, 2));
        console.log(
          `opened ${round.kind} round "${round.name}": ${round.sample.documents.length} of ${round.sample.population} documents drawn (seed ${round.sample.seed}${
            round.sample.excluded ? `, ${round.sample.excluded} drawn by earlier rounds left out` : ''
          }); coders ${round.coders.join(', ')}; codebook version ${round.codebookVersion} frozen`,
        );
        if (!opts.training) {
          const advice = await sizeAdvice(project);
          if (advice.units > round.sample.documents.length)
            console.log(
              `note: Krippendorff's minimum for α ≥ ${advice.alphaMin} at p = ${advice.significance} is ${advice.units} documents for this codebook (framelens study advice ${dir})`,
            );
        }
      },
    );

  study
    .command('status')
    .description('rounds, progress per coder, figures of closed rounds, the codebook changelog')
    .argument('<dir>', 'the project folder')
    .option('--name <name>', 'one round')
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { name?: string; json?: boolean }) => {
      const status = await studyStatus((await openService(dir)).current());
      if (opts.name) {
        const round = status.rounds.find((r) => r.name === opts.name);
        if (!round)
          throw new CliError(
            `no round named ${JSON.stringify(opts.name)}${status.rounds.length ? ` (rounds: ${status.rounds.map((r) => r.name).join(', ')})` : ' (the project has no round yet)'}`,
          );
        return console.log(opts.json ? JSON.stringify(round, null, 2) : roundText(round));
      }
      if (opts.json) return console.log(JSON.stringify(status, null, 2));
      if (status.rounds.length === 0) return console.log('no round yet (framelens study create DIR --name R1 …)');
      console.log(status.rounds.map(roundText).join('\n\n'));
      if (status.changelog.length) {
        console.log('\ncodebook changes:');
        for (const e of status.changelog)
          console.log(`  v${e.fromVersion} → v${e.toVersion} ${e.at.slice(0, 10)} ${e.by}: ${e.why}`);
      }
      for (const a of status.admission.filter((x) => !x.passed))
        console.log(`not admitted to main coding: ${a.coder} ${a.reason}`);
    });

  study
    .command('close')
    .description('close a round: compute its figures with intervals and keep its coding')
    .argument('<dir>', 'the project folder')
    .requiredOption('--name <name>', 'the round')
    .option('--by <name>', 'who closes it')
    .option('--json', 'print the closed round as JSON')
    .action(async (dir: string, opts: { name: string; by?: string; json?: boolean }) => {
      const round = await endRound((await openService(dir)).current(), opts.name, who(opts.by));
      console.log(opts.json ? JSON.stringify(round, null, 2) : `closed ${roundText(round)}`);
    });

  study
    .command('report')
    .description('write the methods appendix and the reliability data of a closed round')
    .argument('<dir>', 'the project folder')
    .requiredOption('--name <name>', 'the round')
    .requiredOption('--out <folder>', 'where to write the files')
    .action(async (dir: string, opts: { name: string; out: string }) => {
      const { files } = await reportFiles((await openService(dir)).current(), opts.name);
      const out = resolve(opts.out);
      for (const f of files) await writeFileDurably(join(out, ...f.path.split('/')), f.content);
      console.log(`wrote ${files.length} files to ${out}: ${files.map((f) => f.path).join(', ')}`);
    });

  study
    .command('advice')
    .description("Krippendorff's minimum sample size for the codebook's document labels")
    .argument('<dir>', 'the project folder')
    .option(
      '--alpha-min <a>',
      'the α to be shown (default 0.8; 0.667 for tentative conclusions)',
      share('--alpha-min', 0, 1),
    )
    .option('--p <p>', 'significance level (default 0.05)', share('--p', 0, 0.5))
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { alphaMin?: number; p?: number; json?: boolean }) => {
      const a = await sizeAdvice((await openService(dir)).current(), {
        ...(opts.alphaMin !== undefined ? { alphaMin: opts.alphaMin } : {}),
        ...(opts.p !== undefined ? { significance: opts.p } : {}),
      });
      console.log(opts.json ? JSON.stringify(a, null, 2) : adviceText(a));
    });

  study
    .command('training')
    .description('each coder of a training round against gold, per label, and the minimum to join the main coding')
    .argument('<dir>', 'the project folder')
    .requiredOption('--name <name>', 'the training round')
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { name: string; json?: boolean }) => {
      const results = await trainingResults((await openService(dir)).current(), opts.name);
      console.log(opts.json ? JSON.stringify(results, null, 2) : trainingText(results));
    });
}
