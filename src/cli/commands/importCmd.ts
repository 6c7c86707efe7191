// `framelens import DIR FILE... [--format F] [--annotator NAME] [--offsets codepoint|utf16] …`: the format
// choices and each format's own flags come from the format registry.
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { importIntoProject } from '../../backend/importer';
import { CLEANUP_KINDS, type CleanupKind } from '../../core/cleanup';
import type { ImportOptions, ImportReport } from '../../core/formats/options';
import { formatNamed, guessFormat as guessByExtension, IMPORT_FORMAT_NAMES } from '../../core/formats/registry';
import { DROP_KINDS, type DropKind } from '../../core/formats/types';
import { CliError, openService } from '../context';
import { addFormatFlags, formatFlagValues, offsetsFlag } from '../formatFlags';

/** Picks the format from --format or from the files' extensions (a folder reads as txt). */
export async function guessFormat(files: string[], given?: string): Promise<string> {
  if (given) {
    if (IMPORT_FORMAT_NAMES.includes(given)) return given;
    throw new CliError(`--format ${given}: unknown import format (known: ${IMPORT_FORMAT_NAMES.join(', ')})`);
  }
  const names: string[] = [];
  for (const f of files) {
    const info = await stat(f).catch(() => null);
    if (!info) throw new CliError(`${f}: no such file or folder`);
    names.push(info.isDirectory() ? 'folder' : f);
  }
  const guess = guessByExtension(names);
  if ('format' in guess) return guess.format;
  throw new CliError(
    `cannot tell the format of ${files.join(', ')}: give --format (${IMPORT_FORMAT_NAMES.join(', ')})`,
  );
}

export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description('add documents, and the annotations the format carries, to a project')
    .argument('<dir>', 'the project folder')
    .argument('<files...>', 'files or folders to import')
    .option(
      '--format <format>',
      `input format: ${IMPORT_FORMAT_NAMES.join(', ')} (guessed from the extensions when absent)`,
    )
    .addHelpText(
      'after',
      `\nFormats:\n${IMPORT_FORMAT_NAMES.map((n) => `  ${n.padEnd(13)} ${formatNamed(n)?.title}`).join('\n')}`,
    )
    .option('--annotator <name>', 'annotator of records that name none')
    .option('--offsets <unit>', 'offset unit in the input: codepoint or utf16', 'codepoint')
    .option('--encoding <name>', 'read files in this encoding instead of detecting it (e.g. windows-1256)')
    .option(
      '--clean [kinds]',
      `clean up scraped text (txt, html): all kinds, or a comma list of ${CLEANUP_KINDS.join(', ')}`,
    )
    .option(
      '--normalize',
      'raw articles (txt, html, CSV/JSON of documents): remove a BOM, make line ends LF, apply NFC',
    )
    .option('--dry-run', 'check and show what would be imported and cleaned; change nothing')
    .option(
      '--verify',
      'change nothing; write what was read back in its format and list every span that would not come back identical',
    )
    .option(
      '--keep-duplicates',
      'raw articles: import a document whose text equals another (skipped and listed by default)',
    )
    .option(
      '--drop <kinds>',
      `let the import drop what Frame Lens cannot hold (comma list): ${Object.keys(DROP_KINDS).join(', ')}`,
    )
    .option(
      '--replace',
      'replace an annotator\u2019s existing record of a document when the import brings a different one',
    )
    .option('--json', 'print the import summary as one JSON object');
  addFormatFlags(command, 'import');
  command.action(async (dir: string, files: string[], opts: Record<string, unknown>) => {
    const offsets = offsetsFlag(opts);
    const format = await guessFormat(files, opts.format as string | undefined);
    const options: ImportOptions = { paths: files, format, offsets };
    Object.assign(options, formatFlagValues(opts, 'import', format));
    if (opts.annotator) options.annotator = opts.annotator as string;
    if (opts.encoding) options.encoding = opts.encoding as string;
    const clean = parseClean(opts.clean as boolean | string | undefined);
    if (clean) options.clean = clean;
    if (opts.normalize) options.normalize = true;
    if (opts.dryRun || opts.verify) options.dryRun = true;
    if (opts.verify) options.verify = true;
    if (opts.keepDuplicates) options.keepDuplicates = true;
    if (opts.replace) options.replace = true;
    if (opts.drop) options.drop = parseDrop(String(opts.drop));
    const service = await openService(dir, 'framelens import');
    // The paths typed on the command line are the user's choice: read them as given, not through the API's grants.
    const report = await importIntoProject(service.current(), options);
    console.log(opts.json ? JSON.stringify(report) : formatImportReport(report));
    if (report.verify?.length) process.exitCode = 1;
  });
}

function parseDrop(value: string): DropKind[] {
  const kinds = value.split(',').map((k) => k.trim());
  for (const k of kinds)
    if (!(k in DROP_KINDS))
      throw new CliError(`--drop ${k}: unknown kind (known: ${Object.keys(DROP_KINDS).join(', ')})`);
  return kinds as DropKind[];
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
  const sum = report.summary;
  const verb = report.dryRun ? 'would import' : 'imported';
  out.push(
    `${verb} ${s(report.documentsAdded.length, 'new document')} (${report.documentsUnchanged.length} already present), ${s(report.records, 'annotation record')}`,
  );
  out.push(
    `records read: ${sum.records.read} = ${sum.records.imported} imported + ${sum.records.merged} merged into a document already there + ${sum.records.refused} refused; spans read ${sum.spans.read}, stored ${sum.spans.stored}; document labels read ${sum.docLabels.read}, stored ${sum.docLabels.stored}; notes read ${sum.notes.read}, stored ${sum.notes.stored}`,
  );
  const a = sum.annotationRecords;
  if (a.replaced || a.unchanged)
    out.push(`annotation records: ${a.added} new, ${a.replaced} replaced, ${a.unchanged} unchanged`);
  for (const r of report.refused) out.push(`refused: ${r.file}${r.line ? `:${r.line}` : ''}: ${r.id}: ${r.reason}`);
  for (const d of report.dropped)
    out.push(
      d.allowed
        ? `dropped (--drop ${d.kind}): ${d.count} × ${DROP_KINDS[d.kind]}, first at ${d.first}`
        : `would drop ${d.count} × ${DROP_KINDS[d.kind]}, first at ${d.first}: the import fails unless you pass --drop ${d.kind}`,
    );
  const encodings = new Map<string, number>();
  for (const f of report.files) {
    const key = `${f.encoding} (${f.how})`;
    encodings.set(key, (encodings.get(key) ?? 0) + 1);
  }
  if (encodings.size) out.push(`encodings: ${[...encodings].map(([e, n]) => `${e} × ${n}`).join(', ')}`);
  for (const f of report.files)
    if (f.needsConfirmation)
      out.push(
        `encoding to confirm: ${f.path} looks like ${f.encoding}: "${f.sample ?? ''}" (name it with --encoding ${f.encoding})`,
      );
  for (const d of report.sameText)
    out.push(`same text: ${d.id} has the same text as ${d.sameAs} (both imported: different ids)`);
  for (const d of report.nearDuplicates)
    out.push(`near duplicate: ${d.id} is ${Math.round(d.similarity * 100)}% similar to ${d.similarTo}`);
  for (const n of report.normalized) out.push(`normalized ${n.id}: ${n.changes.join(', ')}`);
  for (const c of report.cleanup) {
    out.push(`clean-up of ${c.id}:`);
    for (const act of c.actions) {
      const first = act.removed.find((l) => l.trim()) ?? '';
      out.push(
        `  - ${act.kind}: ${act.to - act.from === 1 ? `line ${act.to}` : `lines ${act.from + 1}–${act.to}`}: ${act.reason}${first ? ` ("${first.slice(0, 60)}${first.length > 60 ? '…' : ''}")` : ''}`,
      );
    }
  }
  if (report.csv)
    out.push(
      `fields: ${Object.entries(report.csv.mapping)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')} (of ${report.csv.headers.join(', ')}); change with --map`,
    );
  const detected = Object.entries(report.detected);
  if (detected.length)
    out.push(
      `read as ${detected.map(([k, v]) => `${k} ${v}`).join(', ')}: export with ${detected.map(([k, v]) => `--${k} ${v}`).join(' ')} to write it back the same way`,
    );
  out.push(...outletLines(report));
  if (report.addedSpanLabels.length)
    out.push(`added span labels to the codebook: ${report.addedSpanLabels.join(', ')}`);
  if (report.addedDocLabelGroups.length)
    out.push(`added document label groups to the codebook: ${report.addedDocLabelGroups.join(', ')}`);
  for (const w of report.warnings) out.push(`warning: ${w}`);
  if (report.verify) {
    out.push(
      report.verify.length
        ? `verify: ${s(report.verify.length, 'thing')} would not come back identical:`
        : `verify: every span comes back identical when written back as ${report.format}`,
    );
    for (const v of report.verify) out.push(`  ${v.document}${v.annotator ? ` (${v.annotator})` : ''}: ${v.problem}`);
  }
  if (report.dryRun && !report.verify)
    for (const p of report.preview)
      out.push(`\n--- ${p.id} ${JSON.stringify(p.meta)}\n${p.text.slice(0, 400)}${p.length > 400 ? ' …' : ''}`);
  return out.join('\n');
}

/** Each new document's outlet and where it was found, or that none was: the app's preview asks for it. */
function outletLines(report: ImportReport): string[] {
  const out: string[] = [];
  const missing: string[] = [];
  for (const m of report.metadata) {
    const outlet = m.meta.outlet;
    if (!outlet) missing.push(m.id);
    else {
      const from = m.found.find((f) => f.field === 'outlet' && f.value === outlet)?.from;
      if (from && from !== 'the source') out.push(`outlet of ${m.id}: ${outlet} (from ${from})`);
    }
  }
  const shown = out.slice(0, 20);
  if (out.length > shown.length) shown.push(`…and ${out.length - shown.length} more outlets found`);
  if (missing.length)
    shown.push(
      `no outlet named in ${missing.length === 1 ? missing[0] : `${missing.length} documents (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`}: set it in the app (the import preview, or the document panel)`,
    );
  return shown;
}
