// `framelens import DIR FILE... [--format F] [--annotator NAME] [--offsets codepoint|utf16]`.
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { ImportOptions } from '../../core/api';
import { CliError, openService } from '../context';

const SUPPORTED = ['txt', 'jsonl'] as const;
const KNOWN = ['txt', 'html', 'jsonl', 'csv', 'brat', 'webanno-tsv', 'doccano', 'label-studio', 'conll', 'ptc'];

/** Why: picks the format from --format or from the files' extensions. */
export async function guessFormat(files: string[], given?: string): Promise<ImportOptions['format']> {
  if (given) {
    if ((SUPPORTED as readonly string[]).includes(given)) return given as ImportOptions['format'];
    if (KNOWN.includes(given))
      throw new CliError(`--format ${given}: not supported yet (supported: ${SUPPORTED.join(', ')})`);
    throw new CliError(`--format ${given}: unknown format (known: ${KNOWN.join(', ')})`);
  }
  const kinds = new Set<string>();
  for (const f of files) {
    const info = await stat(f).catch(() => null);
    if (!info) throw new CliError(`${f}: no such file or folder`);
    const ext = extname(f).toLowerCase();
    kinds.add(info.isDirectory() || ext === '.txt' ? 'txt' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : ext);
  }
  if (kinds.size === 1) {
    const [k] = kinds;
    if (k === 'txt' || k === 'jsonl') return k;
  }
  throw new CliError(`cannot tell the format of ${files.join(', ')}: give --format (${SUPPORTED.join(', ')})`);
}

/** Why: registers the command. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('add documents, and the annotations the format carries, to a project')
    .argument('<dir>', 'the project folder')
    .argument('<files...>', 'files or folders to import')
    .option('--format <format>', `input format (${SUPPORTED.join(', ')})`)
    .option('--annotator <name>', 'annotator of lines that name none')
    .option('--labels <file>', 'labels file (ptc format only)')
    .option('--offsets <unit>', 'offset unit in the input: codepoint or utf16', 'codepoint')
    .action(
      async (
        dir: string,
        files: string[],
        opts: { format?: string; annotator?: string; offsets: string; labels?: string },
      ) => {
        if (opts.offsets !== 'codepoint' && opts.offsets !== 'utf16')
          throw new CliError(`--offsets ${opts.offsets}: use codepoint or utf16`);
        if (opts.labels) throw new CliError('--labels applies to --format ptc, which is not supported yet');
        const format = await guessFormat(files, opts.format);
        const service = await openService(dir);
        const report = await service.importFiles({
          paths: files,
          format,
          offsets: opts.offsets,
          ...(opts.annotator ? { annotator: opts.annotator } : {}),
        });
        const added = report.documentsAdded.length;
        console.log(
          `imported ${added} new document${added === 1 ? '' : 's'} (${report.documentsUnchanged.length} already present), ${report.records} annotation record${report.records === 1 ? '' : 's'}`,
        );
        if (report.addedSpanLabels.length)
          console.log(`added span labels to the codebook: ${report.addedSpanLabels.join(', ')}`);
        if (report.addedDocLabelGroups.length)
          console.log(`added document label groups to the codebook: ${report.addedDocLabelGroups.join(', ')}`);
        for (const w of report.warnings) console.log(`warning: ${w}`);
      },
    );
}
