// `framelens export DIR --format F --out PATH [--annotator NAME | --gold] [--offsets codepoint|utf16]`.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/api';
import { CliError, openService } from '../context';

/** Registers the command. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the project (documents and annotations) in a format other tools read')
    .argument('<dir>', 'the project folder')
    .requiredOption('--format <format>', `output format (${EXPORT_FORMATS.join(', ')})`)
    .requiredOption('--out <path>', 'the file (or, for brat, webanno-tsv, ptc, txt and hf, the new folder) to write')
    .option('--annotator <name>', 'only this annotator')
    .option('--gold', 'only the gold (adjudicated) layer')
    .option('--offsets <unit>', 'offset unit in the output: codepoint or utf16', 'codepoint')
    .option('--split <fractions>', 'hf: train,dev,test fractions, e.g. 0.8,0.1,0.1 (seeded shuffle of documents)')
    .option('--seed <n>', 'hf: seed of the split', '1')
    .option('--layout <layout>', 'doccano: label or entities', 'label')
    .action(
      async (
        dir: string,
        opts: {
          format: string;
          out: string;
          annotator?: string;
          gold?: boolean;
          offsets: string;
          split?: string;
          seed: string;
          layout: string;
        },
      ) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
          throw new CliError(`--format ${opts.format}: unknown export format (known: ${EXPORT_FORMATS.join(', ')})`);
        if (opts.layout !== 'label' && opts.layout !== 'entities')
          throw new CliError(`--layout ${opts.layout}: use label or entities`);
        const split = opts.split ? parseSplit(opts.split, opts.seed) : undefined;
        if (opts.offsets !== 'codepoint' && opts.offsets !== 'utf16')
          throw new CliError(`--offsets ${opts.offsets}: use codepoint or utf16`);
        if (opts.annotator && opts.gold) throw new CliError('give --annotator or --gold, not both');
        const service = await openService(dir);
        const report = await service.exportProject({
          format: opts.format as ExportFormat,
          ...(split ? { split } : {}),
          ...(opts.format === 'doccano' ? { layout: opts.layout as 'label' | 'entities' } : {}),
          out: resolve(opts.out),
          offsets: opts.offsets,
          ...(opts.annotator ? { annotator: opts.annotator } : {}),
          ...(opts.gold ? { gold: true } : {}),
        });
        console.log(
          report.files
            ? `wrote ${report.files.length} file${report.files.length === 1 ? '' : 's'} into ${report.out}`
            : `wrote ${report.lines} line${report.lines === 1 ? '' : 's'} to ${report.out}`,
        );
      },
    );
}

function parseSplit(value: string, seedText: string): { train: number; dev: number; test: number; seed: number } {
  const parts = value.split(',').map(Number);
  const seed = Number(seedText);
  if (
    parts.length !== 3 ||
    parts.some((n) => !Number.isFinite(n) || n < 0) ||
    Math.abs(parts[0] + parts[1] + parts[2] - 1) > 1e-9
  )
    throw new CliError(`--split ${value}: give three fractions that add up to 1, e.g. 0.8,0.1,0.1`);
  if (!Number.isInteger(seed)) throw new CliError(`--seed ${seedText}: give a whole number`);
  return { train: parts[0], dev: parts[1], test: parts[2], seed };
}
