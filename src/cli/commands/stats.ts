// `framelens stats DIR [--json]`: documents, annotators, spans per label, progress.
import type { Command } from 'commander';
import type { ProjectStats } from '../../core/api';
import { STATUSES } from '../../core/model';
import { openService } from '../context';

/** The readable form of the stats, for people at a terminal. */
function formatStats(s: ProjectStats): string {
  const lines = [
    `documents: ${s.documents}`,
    `annotators: ${s.annotators.join(', ') || '(none)'}`,
    `spans: ${s.spans}`,
  ];
  const labels = Object.entries(s.labels);
  if (labels.length) {
    const width = Math.max(...labels.map(([l]) => l.length));
    lines.push('spans per label:');
    for (const [l, n] of labels) lines.push(`  ${l.padEnd(width)}  ${n}`);
  }
  if (s.annotators.length) {
    lines.push(`progress (${STATUSES.join(' / ')}):`);
    for (const a of s.annotators) lines.push(`  ${a}: ${STATUSES.map((st) => s.progress[a][st]).join(' / ')}`);
  }
  const accepted = Object.entries(s.accepted_suggestions).filter(([, a]) => a.accepted > 0);
  if (accepted.length) {
    lines.push('spans accepted from the model’s suggestions:');
    for (const [a, n] of accepted)
      lines.push(`  ${a}: ${n.accepted} of ${n.spans} (${Math.round(100 * (n.share ?? 0))} %)`);
  }
  if (s.problems) lines.push(`files that could not be read: ${s.problems}`);
  return lines.join('\n');
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('documents, annotators, spans per label, progress')
    .argument('<dir>', 'the project folder')
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const service = await openService(dir, 'framelens stats');
      const stats = await service.stats();
      console.log(opts.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
      // Writes the record summaries, so the next command reads no annotation file that has not changed.
      await service.close();
    });
}
