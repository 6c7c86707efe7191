// `framelens init DIR [--name NAME] [--codebook FILE]`: creates a project folder.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { z } from 'zod';
import { Project } from '../../backend/project';
import type { Codebook } from '../../core/model';
import { codebookSchema, describeZodError } from '../../core/schemas';
import { CliError } from '../context';

/** Reads a codebook file: either a bare codebook or codebook.json of another project. */
async function readCodebookFile(path: string): Promise<Codebook> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path}: ${(error as Error).message}`);
  }
  const inner =
    data && typeof data === 'object' && 'codebook' in data ? (data as { codebook: unknown }).codebook : data;
  const withVersion = inner && typeof inner === 'object' && !('version' in inner) ? { version: 1, ...inner } : inner;
  const parsed = codebookSchema.safeParse(withVersion);
  if (!parsed.success) throw new CliError(`${path}: ${describeZodError(parsed.error as z.ZodError)}`);
  return parsed.data;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a project folder')
    .argument('<dir>', 'the folder to create (must not hold a project yet)')
    .option('--name <name>', 'the project name (default: the folder name)')
    .option('--codebook <file>', 'start from this codebook (JSON)')
    .action(async (dir: string, opts: { name?: string; codebook?: string }) => {
      const codebook = opts.codebook ? await readCodebookFile(opts.codebook) : null;
      const root = resolve(dir);
      const project = await Project.create(root, opts.name ?? basename(root));
      if (codebook) await project.writeCodebook({ ...codebook, version: Math.max(1, codebook.version) });
      console.log(`created project ${project.settings.name} in ${root}`);
    });
}
