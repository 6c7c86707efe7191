// `framelens adjudicate DIR --accept-unanimous [--min N] [--by NAME]` and `--reasons [--json]`.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { acceptUnanimous, goldReasonCounts } from '../../backend/adjudication';
import { CliError, openService } from '../context';

export function registerAdjudicate(program: Command): void {
  program
    .command('adjudicate')
    .description('settle annotators\u2019 spans into the gold layer (the full adjudication view is in the app)')
    .argument('<dir>', 'the project folder')
    .option(
      '--accept-unanimous',
      'put into gold every span the annotators of a document marked identically, and every document label (stance, frames) they gave alike',
    )
    .option(
      '--min <n>',
      'with --accept-unanimous: at least this many annotators (default: all who annotated it)',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new CliError(`--min ${v}: give a whole number of at least 1`);
        return n;
      },
    )
    .option('--by <name>', 'who is deciding (recorded with each decision)')
    .option('--reasons', 'count the gold decisions\u2019 reasons per label')
    .option('--json', 'print JSON')
    .action(
      async (
        dir: string,
        opts: { acceptUnanimous?: boolean; min?: number; by?: string; reasons?: boolean; json?: boolean },
      ) => {
        if (!opts.acceptUnanimous && !opts.reasons) throw new CliError('give --accept-unanimous or --reasons');
        const service = await openService(dir, 'framelens adjudicate');
        const project = service.current();
        if (opts.acceptUnanimous) {
          const by = opts.by ?? safeUser();
          const report = await acceptUnanimous(project, { ...(opts.min ? { min: opts.min } : {}), by });
          if (opts.json) console.log(JSON.stringify(report, null, 2));
          else {
            console.log(
              `accepted ${report.accepted} span(s) and ${report.acceptedDocLabels} document label(s) into gold in ${report.documents} document(s); ${report.alreadyDecided} already decided, left untouched`,
            );
            if (report.singleAnnotatorDocuments.length)
              console.log(
                `note: ${report.singleAnnotatorDocuments.length} document(s) had one annotator; their spans count as unanimous (use --min 2 to require two)`,
              );
          }
        }
        if (opts.reasons) {
          const counts = await goldReasonCounts(project);
          if (opts.json) console.log(JSON.stringify(counts, null, 2));
          else
            for (const [label, row] of Object.entries(counts))
              console.log(
                `${label}: ${Object.entries(row)
                  .map(([r, n]) => `${r} ${n}`)
                  .join(', ')}`,
              );
        }
      },
    );
}

function safeUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
