// `framelens export DIR --format F --out PATH [--annotator NAME | --gold] [--offsets codepoint|utf16] …`: the
// format choices and each format's own flags come from the format registry.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportProject } from '../../backend/exporter';
import type { ExportOptions, ExportReport } from '../../core/formats/options';
import { EXPORT_FORMAT_NAMES, formatNamed } from '../../core/formats/registry';
import { CliError, openService } from '../context';
import { addFormatFlags, formatFlagValues, offsetsFlag } from '../formatFlags';

export function registerExport(program: Command): void {
  const folders = EXPORT_FORMAT_NAMES.filter((n) => formatNamed(n)?.folder);
  const command = program
    .command('export')
    .description('write the project (documents and annotations) in a format other tools read')
    .argument('<dir>', 'the project folder')
    .requiredOption('--format <format>', `output format: ${EXPORT_FORMAT_NAMES.join(', ')}`)
    .addHelpText(
      'after',
      `\nFormats:\n${EXPORT_FORMAT_NAMES.map((n) => `  ${n.padEnd(13)} ${formatNamed(n)?.title}`).join('\n')}`,
    )
    .requiredOption('--out <path>', `the file (or, for ${folders.join(', ')}, the new folder) to write`)
    .option('--annotator <name>', 'only this annotator')
    .option('--gold', 'only the gold (adjudicated) layer')
    .option('--include-model', 'add the model’s cross-fitted layer as one more annotator, "model" (train it first)')
    .option('--offsets <unit>', 'offset unit in the output: codepoint or utf16', 'codepoint');
  addFormatFlags(command, 'export');
  command.action(async (dir: string, opts: Record<string, unknown>) => {
    const format = String(opts.format);
    if (!EXPORT_FORMAT_NAMES.includes(format))
      throw new CliError(`--format ${format}: unknown export format (known: ${EXPORT_FORMAT_NAMES.join(', ')})`);
    const offsets = offsetsFlag(opts);
    if (opts.annotator && opts.gold) throw new CliError('give --annotator or --gold, not both');
    const options: ExportOptions = { format, out: resolve(String(opts.out)), offsets };
    Object.assign(options, formatFlagValues(opts, 'export', format));
    if (opts.annotator) options.annotator = String(opts.annotator);
    if (opts.gold) options.gold = true;
    if (opts.includeModel) options.includeModel = true;
    const service = await openService(dir, 'framelens export');
    // --out is the user's choice: written as given, not through the API's grants.
    const project = service.current();
    const report = await project.consistent(() => exportProject(project, options));
    for (const note of report.notes ?? []) console.error(`note: ${note}`);
    for (const lost of report.loses ?? []) console.error(`not carried by ${format}: ${lost}`);
    console.log(writtenLine(report));
  });
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function writtenLine(report: ExportReport): string {
  if (report.files) return `wrote ${plural(report.files.length, 'file')} into ${report.out}`;
  if (report.bytes !== undefined) return `wrote ${plural(report.bytes, 'byte')} to ${report.out}`;
  return `wrote ${plural(report.lines, 'line')} to ${report.out}`;
}
