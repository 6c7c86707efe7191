// `framelens import DIR FILE... [--format F] [--annotator NAME] [--offsets codepoint|utf16]`.
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { IMPORT_FORMATS, type ImportOptions, type ImportReport } from '../../core/api';
import { CLEANUP_KINDS, type CleanupKind } from '../../core/cleanup';
import { CliError, openService } from '../context';

const SUPPORTED = IMPORT_FORMATS;
const KNOWN = ['txt', 'html', 'jsonl', 'csv', 'brat', 'webanno-tsv', 'doccano', 'label-studio', 'conll', 'ptc'];

/** Picks the format from --format or from the files' extensions. */
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
    kinds.add(
      info.isDirectory() || ext === '.txt'
        ? 'txt'
        : ext === '.jsonl' || ext === '.ndjson' || ext === '.json'
          ? 'jsonl'
          : ext === '.html' || ext === '.htm'
            ? 'html'
            : ext,
    );
  }
  if (kinds.size === 1) {
    const [k] = kinds;
    if ((SUPPORTED as readonly string[]).includes(k)) return k as ImportOptions['format'];
  }
  throw new CliError(`cannot tell the format of ${files.join(', ')}: give --format (${SUPPORTED.join(', ')})`);
}

/** Registers the command. */
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
    .option('--encoding <name>', 'read files in this encoding instead of detecting it (e.g. windows-1256)')
    .option(
      '--clean [kinds]',
      `clean up scraped text (txt, html): all kinds, or a comma list of ${CLEANUP_KINDS.join(', ')}`,
    )
    .option('--dry-run', 'check and show what would be imported and cleaned; change nothing')
    .option(
      '--map <fields>',
      'csv/json of documents: which field holds each of id,text,title,outlet,date,url (e.g. id=uid,text=body)',
    )
    .option('--annotator-from-folder', 'brat: name each file\u2019s annotator after its folder')
    .option('--keep-duplicates', 'import documents whose text equals another (skipped by default)')
    .action(
      async (
        dir: string,
        files: string[],
        opts: {
          format?: string;
          annotator?: string;
          offsets: string;
          labels?: string;
          encoding?: string;
          clean?: boolean | string;
          dryRun?: boolean;
          keepDuplicates?: boolean;
          annotatorFromFolder?: boolean;
          map?: string;
        },
      ) => {
        if (opts.offsets !== 'codepoint' && opts.offsets !== 'utf16')
          throw new CliError(`--offsets ${opts.offsets}: use codepoint or utf16`);
        const format = await guessFormat(files, opts.format);
        if (opts.labels && format !== 'ptc') throw new CliError('--labels applies to --format ptc');
        const clean = parseClean(opts.clean);
        if (clean && format === 'jsonl')
          throw new CliError('--clean applies to txt and html imports (it would move the offsets of spans)');
        const service = await openService(dir);
        const report = await service.importFiles({
          paths: files,
          format,
          offsets: opts.offsets,
          ...(opts.annotator ? { annotator: opts.annotator } : {}),
          ...(opts.encoding ? { encoding: opts.encoding } : {}),
          ...(clean ? { clean } : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
          ...(opts.keepDuplicates ? { keepDuplicates: true } : {}),
          ...(opts.labels ? { labels: opts.labels } : {}),
          ...(opts.annotatorFromFolder ? { annotatorFromFolder: true } : {}),
          ...(opts.map ? { mapping: parseMapping(opts.map) } : {}),
        });
        console.log(formatImportReport(report));
      },
    );
}

const MAPPED = ['id', 'text', 'title', 'outlet', 'date', 'url'] as const;

function parseMapping(value: string): NonNullable<ImportOptions['mapping']> {
  const mapping: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const [key, field] = pair.split('=').map((x) => x?.trim());
    if (!key || !field || !(MAPPED as readonly string[]).includes(key))
      throw new CliError(`--map ${pair}: give field=column pairs for ${MAPPED.join(', ')}`);
    mapping[key] = field;
  }
  return mapping;
}

function parseClean(value: boolean | string | undefined): true | CleanupKind[] | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return true;
  const kinds = value.split(',').map((k) => k.trim());
  for (const k of kinds)
    if (!(CLEANUP_KINDS as readonly string[]).includes(k))
      throw new CliError(`--clean ${k}: unknown kind (known: ${CLEANUP_KINDS.join(', ')})`);
  return kinds as CleanupKind[];
}

/** What an import did (or, in a dry run, would do), readable at a terminal. */
export function formatImportReport(report: ImportReport): string {
  const out: string[] = [];
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const verb = report.dryRun ? 'would import' : 'imported';
  out.push(
    `${verb} ${s(report.documentsAdded.length, 'new document')} (${report.documentsUnchanged.length} already present), ${s(report.records, 'annotation record')}`,
  );
  const encodings = new Map<string, number>();
  for (const f of report.files)
    encodings.set(`${f.encoding} (${f.how})`, (encodings.get(`${f.encoding} (${f.how})`) ?? 0) + 1);
  if (encodings.size) out.push(`encodings: ${[...encodings].map(([e, n]) => `${e} × ${n}`).join(', ')}`);
  for (const d of report.duplicates) out.push(`skipped duplicate: ${d.id} has the same text as ${d.sameAs}`);
  for (const d of report.nearDuplicates)
    out.push(`near duplicate: ${d.id} is ${Math.round(d.similarity * 100)}% similar to ${d.similarTo}`);
  for (const c of report.cleanup) {
    out.push(`clean-up of ${c.id}:`);
    for (const a of c.actions) {
      const first = a.removed.find((l) => l.trim()) ?? '';
      out.push(
        `  - ${a.kind}: ${a.to - a.from === 1 ? `line ${a.to}` : `lines ${a.from + 1}–${a.to}`}: ${a.reason}${first ? ` ("${first.slice(0, 60)}${first.length > 60 ? '…' : ''}")` : ''}`,
      );
    }
  }
  if (report.csv)
    out.push(
      `fields: ${Object.entries(report.csv.mapping)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')} (of ${report.csv.headers.join(', ')}); change with --map`,
    );
  if (report.addedSpanLabels.length)
    out.push(`added span labels to the codebook: ${report.addedSpanLabels.join(', ')}`);
  if (report.addedDocLabelGroups.length)
    out.push(`added document label groups to the codebook: ${report.addedDocLabelGroups.join(', ')}`);
  for (const w of report.warnings) out.push(`warning: ${w}`);
  if (report.dryRun)
    for (const p of report.preview)
      out.push(`\n--- ${p.id} ${JSON.stringify(p.meta)}\n${p.text.slice(0, 400)}${p.length > 400 ? ' …' : ''}`);
  return out.join('\n');
}
