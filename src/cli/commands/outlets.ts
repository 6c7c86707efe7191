// `framelens outlets DIR [--label L] [--story S] [--annotator A | --gold] --json` (a shape scripts read)
// and `framelens suggest DIR --annotator A [--json]`.
import type { Command } from 'commander';
import { projectOutlets, projectSuggestions } from '../../backend/outlets';
import { CliError, openService } from '../context';

export function registerOutlets(program: Command): void {
  program
    .command('outlets')
    .description('how outlets tell the same story: the phrases each outlet used for each label')
    .argument('<dir>', 'the project folder')
    .option('--label <label>', 'only this span label')
    .option('--story <story>', 'only documents of this story')
    .option('--annotator <name>', 'only this annotator\u2019s spans (default: every annotator)')
    .option('--gold', 'only the gold layer')
    .option('--json', 'print JSON')
    .action(
      async (
        dir: string,
        opts: { label?: string; story?: string; annotator?: string; gold?: boolean; json?: boolean },
      ) => {
        if (opts.annotator && opts.gold) throw new CliError('give --annotator or --gold, not both');
        const service = await openService(dir, 'framelens outlets');
        const report = await projectOutlets(service.current(), opts);
        if (
          opts.label &&
          !report.labels[opts.label] &&
          !service.current().codebook.spanLabels.some((l) => l.name === opts.label)
        )
          throw new CliError(`--label ${opts.label}: no such span label in the codebook`);
        if (opts.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        for (const [label, outlets] of Object.entries(report.labels)) {
          console.log(label);
          for (const [outlet, rows] of Object.entries(outlets))
            console.log(`  ${outlet}: ${rows.map((r) => `${r.phrase} (${r.count})`).join(', ')}`);
        }
      },
    );
  program
    .command('suggest')
    .description('phrases coders already marked, found unlabelled in an annotator\u2019s documents (never applied)')
    .argument('<dir>', 'the project folder')
    .requiredOption('--annotator <name>', 'whose documents to look in')
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { annotator: string; json?: boolean }) => {
      const service = await openService(dir, 'framelens suggest');
      const suggestions = await projectSuggestions(service.current(), opts.annotator);
      if (opts.json) console.log(JSON.stringify({ suggestions }, null, 2));
      else
        for (const s of suggestions)
          console.log(
            `${s.document} ${s.start}-${s.end} ${s.label}: "${s.phrase}" (from ${s.sources.map((x) => `${x.annotator}@${x.document}`).join(', ')})`,
          );
    });
}
