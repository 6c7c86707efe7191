// The format options of the registry as command-line flags, shared by `import` and `export`.
import { type Command, Option } from 'commander';
import { allOptions, formatNamed, optionValue } from '../core/formats/registry';
import { CliError } from './context';

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Adds one flag per format option of the use, its help naming the formats that take it. */
export function addFormatFlags(command: Command, use: 'import' | 'export'): void {
  for (const { spec, formats } of allOptions(use)) {
    const flag = spec.kind === 'boolean' ? `--${spec.flag}` : `--${spec.flag} <value>`;
    command.addOption(new Option(flag, `${spec.help} [${formats.join(', ')}]`));
  }
}

/** The --offsets unit, or a refusal. */
export function offsetsFlag(opts: Record<string, unknown>): 'codepoint' | 'utf16' {
  if (opts.offsets !== 'codepoint' && opts.offsets !== 'utf16')
    throw new CliError(`--offsets ${String(opts.offsets)}: use codepoint or utf16`);
  return opts.offsets;
}

/** The format options given on the command line, each checked against the chosen format. */
export function formatFlagValues(
  opts: Record<string, unknown>,
  use: 'import' | 'export',
  format: string,
): Record<string, unknown> {
  const chosen = formatNamed(format);
  const own = new Set((use === 'import' ? chosen?.importOptions : chosen?.exportOptions)?.map((o) => o.key));
  const out: Record<string, unknown> = {};
  for (const { spec, formats } of allOptions(use)) {
    const raw = opts[camel(spec.flag)];
    if (raw === undefined) continue;
    if (!own.has(spec.key)) throw new CliError(`--${spec.flag} applies to ${formats.join(', ')}, not to ${format}`);
    try {
      out[spec.key] = raw === true ? true : optionValue(spec, String(raw));
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  return out;
}
