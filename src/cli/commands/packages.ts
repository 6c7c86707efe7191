// `framelens pack DIR --annotator NAME --out FILE` and `framelens merge DIR FILE...`.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { merge, pack } from '../../backend/annotationPackage';
import { CliError, openService } from '../context';

export function registerPackages(program: Command): void {
  program
    .command('pack')
    .description('write one annotator\u2019s work as one package file (to merge into another copy of the project)')
    .argument('<dir>', 'the project folder')
    .requiredOption('--annotator <name>', 'whose work')
    .requiredOption('--out <file>', 'the package file to write')
    .action(async (dir: string, opts: { annotator: string; out: string }) => {
      const service = await openService(dir, 'framelens pack');
      const { records } = await pack(service.current(), opts.annotator, resolve(opts.out));
      console.log(`packed ${records} record(s) of ${opts.annotator} into ${resolve(opts.out)}`);
    });
  program
    .command('merge')
    .description('bring annotation packages into a project (all or nothing unless --skip-refused)')
    .argument('<dir>', 'the project folder')
    .argument('<files...>', 'package files')
    .option('--skip-refused', 'apply the records that fit even when others are refused')
    .option('--add-labels', 'add labels the codebook lacks instead of refusing those records')
    .option('--json', 'print the report as JSON')
    .action(
      async (dir: string, files: string[], opts: { skipRefused?: boolean; addLabels?: boolean; json?: boolean }) => {
        const service = await openService(dir, 'framelens merge');
        const report = await merge(service.current(), files, {
          skipRefused: opts.skipRefused,
          addLabels: opts.addLabels,
        });
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else {
          for (const n of report.notes) console.log(`note: ${n}`);
          for (const r of report.refused) console.log(`refused: ${r.file}: ${r.annotator}/${r.document}: ${r.reason}`);
          if (report.addedLabels.length) console.log(`added to the codebook: ${report.addedLabels.join(', ')}`);
          console.log(
            `merged ${report.applied.length} record(s); ${report.unchanged.length} unchanged; ${report.keptNewer.length} kept (newer here)`,
          );
        }
        if (report.refused.length && !opts.skipRefused)
          throw new CliError(
            `merge refused: ${report.refused.length} record(s) do not fit this project (listed above); nothing was changed`,
          );
      },
    );
}
