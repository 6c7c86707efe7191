// `framelens export DIR --format F --out PATH [--annotator NAME | --gold] [--offsets codepoint|utf16]`.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, openService } from '../context';

/** Why: registers the command. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the project (documents and annotations) in a format other tools read')
    .argument('<dir>', 'the project folder')
    .requiredOption('--format <format>', 'output format (jsonl)')
    .requiredOption('--out <path>', 'the file to write')
    .option('--annotator <name>', 'only this annotator')
    .option('--gold', 'only the gold (adjudicated) layer')
    .option('--offsets <unit>', 'offset unit in the output: codepoint or utf16', 'codepoint')
    .action(
      async (
        dir: string,
        opts: { format: string; out: string; annotator?: string; gold?: boolean; offsets: string },
      ) => {
        if (opts.format !== 'jsonl')
          throw new CliError(`--format ${opts.format}: not supported yet (supported: jsonl)`);
        if (opts.offsets !== 'codepoint' && opts.offsets !== 'utf16')
          throw new CliError(`--offsets ${opts.offsets}: use codepoint or utf16`);
        if (opts.annotator && opts.gold) throw new CliError('give --annotator or --gold, not both');
        const service = await openService(dir);
        const report = await service.exportProject({
          format: 'jsonl',
          out: resolve(opts.out),
          offsets: opts.offsets,
          ...(opts.annotator ? { annotator: opts.annotator } : {}),
          ...(opts.gold ? { gold: true } : {}),
        });
        console.log(`wrote ${report.lines} line${report.lines === 1 ? '' : 's'} to ${report.out}`);
      },
    );
}
