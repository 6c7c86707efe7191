// `framelens model train|predict|evaluate DIR`: the model that learns the codebook from the coders, trained
// in a worker thread like the app's, measured as one more coder.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { agreementInput } from '../../backend/agreement';
import { writeFileDurably } from '../../backend/durableFile';
import { evaluateProject, predictProject, projectModelAgreement } from '../../backend/learn';
import { formatNumber, renderTable } from '../../core/agreement/format';
import type { ModelInfo } from '../../core/api';
import { type Evaluation, formatModelAgreement, type ScoreInterval } from '../../core/learn';
import { stableLine } from '../../core/stableJson';
import { CliError, openService } from '../context';

function wholeNumber(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new CliError(
        `${flag} ${v}: give a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`,
      );
    return n;
  };
}

function describe(info: ModelInfo): string[] {
  const lines = [
    `trained ${info.trainedAt} with ${info.folds} folds, seed ${info.seed}, on codebook version ${info.codebookVersion}`,
    `learned from ${info.coded} coded documents (${info.sources.gold} from gold, ${info.sources.agreed} from the coders' agreement), ${info.records} records; the layer predicts ${info.documents} documents, each by a model that never saw its coding`,
  ];
  if (info.excluded.length)
    lines.push(`left out of training: ${info.excluded.length} records (text changed or spans outside it)`);
  for (const r of info.staleness.reasons) lines.push(`out of date: ${r}`);
  return lines;
}

function evaluationTable(name: string, e: Evaluation): string {
  const reasons: string[] = [];
  const ci = (c: ScoreInterval) => {
    if (c.estimate === null) return '—';
    if (c.lower !== null && c.upper !== null)
      return `${formatNumber(c.estimate)} [${formatNumber(c.lower)}, ${formatNumber(c.upper)}]`;
    const why = c.reason ?? 'no interval';
    if (!reasons.includes(why)) reasons.push(why);
    return `${formatNumber(c.estimate)} (no interval ${reasons.indexOf(why) + 1})`;
  };
  const rows = [
    ['spans, all labels', String(e.documents), ci(e.spans.f1_exact), ci(e.spans.f1_overlap)],
    ...Object.entries(e.spans.per_label).map(([l, v]) => [
      l,
      String(v.reference_spans),
      ci(v.f1_exact),
      ci(v.f1_overlap),
    ]),
    ...Object.entries(e.document_labels).map(([g, v]) => [
      `${g} (micro / macro F1)`,
      String(v.documents),
      ci(v.micro_f1),
      ci(v.macro_f1),
    ]),
  ];
  const table = renderTable(['what', 'documents / spans', 'F1 exact', 'F1 overlap'], rows);
  const notes = reasons.map((r, i) => `no interval ${i + 1}: ${r}`);
  return [`The model against ${name}`, table, ...notes].join('\n');
}

export function registerModel(program: Command): void {
  const model = program
    .command('model')
    .description('train the model on the project’s coding, apply it, and measure it as a coder');

  model
    .command('train')
    .description('cross-fit the model in a worker thread; writes models/model.json and models/layer.json')
    .argument('<dir>', 'the project folder')
    .option(
      '--folds <k>',
      'cross-fitting folds (each coded document is predicted by a model that never saw it)',
      wholeNumber('--folds', 2, 20),
      5,
    )
    .option('--seed <s>', 'seed of the fold split and of training', wholeNumber('--seed', 0, 0xffffffff), 1)
    .option('--quiet', 'no progress on stderr')
    .action(async (dir: string, opts: { folds: number; seed: number; quiet?: boolean }) => {
      const service = await openService(dir);
      // the total grows once the corpus is read: a line when the stage changes, then every 10 %
      let last = { stage: '', pct: -10 };
      const id = await service.training.start(service.current(), { folds: opts.folds, seed: opts.seed }, (p) => {
        const pct = Math.floor((100 * p.done) / Math.max(1, p.total));
        if (opts.quiet || (p.stage === last.stage && pct < last.pct + 10)) return;
        last = { stage: p.stage, pct };
        process.stderr.write(`${pct}% ${p.stage}\n`);
      });
      const stop = () => service.cancelTraining(id);
      process.once('SIGINT', stop);
      const end = await service.training.wait(id);
      process.off('SIGINT', stop);
      if (end.state === 'cancelled') throw new CliError('training cancelled; the model is as it was');
      if (end.state !== 'done') throw new CliError(`training failed: ${end.error ?? end.state}`);
      const info = (await service.modelStatus()).model;
      if (info) for (const line of describe(info)) console.log(line);
      console.log(
        'wrote models/model.json and models/layer.json; `framelens agreement DIR` shows the model beside the coders',
      );
    });

  model
    .command('predict')
    .description(
      'apply the trained model to every document: one JSON line each (spans in code points, document labels)',
    )
    .argument('<dir>', 'the project folder')
    .option('--out <file>', 'write the lines to this file instead of stdout')
    .action(async (dir: string, opts: { out?: string }) => {
      const service = await openService(dir);
      const lines = (await predictProject(service.current())).map((l) => stableLine(l));
      const text = lines.length ? `${lines.join('\n')}\n` : '';
      if (opts.out) {
        await writeFileDurably(resolve(opts.out), text);
        console.error(`wrote ${lines.length} line${lines.length === 1 ? '' : 's'} to ${resolve(opts.out)}`);
      } else process.stdout.write(text);
    });

  model
    .command('evaluate')
    .description(
      'the cross-fitted model layer against gold and each coder (F1 with intervals) and as a coder beside them',
    )
    .argument('<dir>', 'the project folder')
    .option('--json', 'print JSON')
    .option('--draws <n>', 'bootstrap draws', wholeNumber('--draws', 1), 1000)
    .option('--seed <n>', 'bootstrap seed', wholeNumber('--seed', 0), 1)
    .action(async (dir: string, opts: { json?: boolean; draws: number; seed: number }) => {
      const service = await openService(dir);
      const project = service.current();
      const evaluation = await evaluateProject(project, { draws: opts.draws, seed: opts.seed });
      const agreement = await projectModelAgreement(project, await agreementInput(project), {
        intervals: true,
        draws: opts.draws,
        seed: opts.seed,
      });
      if (opts.json) {
        console.log(JSON.stringify({ ...evaluation, agreement }, null, 2));
        return;
      }
      for (const line of describe(evaluation.model)) console.log(line);
      for (const [name, e] of Object.entries(evaluation.against)) console.log(`\n${evaluationTable(name, e)}`);
      if (agreement) console.log(`\n${formatModelAgreement(agreement)}`);
    });
}
