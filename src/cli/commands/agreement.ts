// `framelens agreement DIR [--json] [--annotators a,b] [--labels x,y] [--csv DIR] [--intervals]`.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { agreementInput } from '../../backend/agreement';
import { writeFileDurably } from '../../backend/durableFile';
import { projectModelAgreement } from '../../backend/learn';
import {
  agreementCsv,
  agreementReport,
  bootstrapIntervals,
  formatAgreementTable,
  formatIntervalTable,
  intervalNullReasons,
} from '../../core/agreement';
import { formatModelAgreement } from '../../core/learn';
import { CliError, openService } from '../context';

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function registerAgreement(program: Command): void {
  program
    .command('agreement')
    .description('inter-annotator agreement (see agreement/DEFINITIONS.md): span F1, κ, α_U, document labels')
    .argument('<dir>', 'the project folder')
    .option('--json', 'print the report as JSON')
    .option(
      '--annotators <names>',
      'comma-separated annotators (default: all but gold and model; name model to count the model as one more coder)',
      list,
    )
    .option('--labels <labels>', 'comma-separated span labels (default: all)', list)
    .option('--csv <dir>', 'also write per-document, per-label and per-pair tables as CSV into this folder')
    .option(
      '--intervals',
      'add bootstrap intervals, q and verdicts (resampling documents; none where data are too few)',
    )
    .option('--draws <n>', 'bootstrap draws', (v) => positiveInt(v, '--draws'), 1000)
    .option('--seed <n>', 'bootstrap seed', (v) => positiveInt(v, '--seed'), 1)
    .action(
      async (
        dir: string,
        opts: {
          json?: boolean;
          annotators?: string[];
          labels?: string[];
          csv?: string;
          intervals?: boolean;
          draws: number;
          seed: number;
        },
      ) => {
        const service = await openService(dir, 'framelens agreement');
        const input = await agreementInput(service.current(), { annotators: opts.annotators, labels: opts.labels });
        let report: ReturnType<typeof agreementReport>;
        try {
          report = agreementReport(input);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const intervals = opts.intervals
          ? bootstrapIntervals(input, { draws: opts.draws, seed: opts.seed })
          : undefined;
        // the model beside the selected coders, whether or not it is one of the selected annotators
        const model = await projectModelAgreement(service.current(), input, {
          intervals: opts.intervals,
          draws: opts.draws,
          seed: opts.seed,
        });
        if (opts.csv) {
          const out = resolve(opts.csv);
          await mkdir(out, { recursive: true });
          const csv = agreementCsv(report);
          await writeFileDurably(join(out, 'per-document.csv'), csv.perDocument);
          await writeFileDurably(join(out, 'per-label.csv'), csv.perLabel);
          await writeFileDurably(join(out, 'per-pair.csv'), csv.perPair);
        }
        if (opts.json) {
          const out = intervals
            ? { ...report, intervals, null_reasons: { ...report.null_reasons, ...intervalNullReasons(intervals) } }
            : report;
          console.log(JSON.stringify(model ? { ...out, model } : out, null, 2));
        } else {
          console.log(formatAgreementTable(report));
          if (intervals) console.log(formatIntervalTable(intervals));
          if (model) {
            console.log(`\n${formatModelAgreement(model)}`);
            if (model.stale) console.log(`The model is out of date: ${model.stale_reasons.join('; ')}.`);
          }
        }
      },
    );
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} ${v}: give a whole number of at least 1`);
  return n;
}
