// `framelens init DIR [--name NAME] [--codebook FILE]`: creates a project folder.
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { FileProblemError } from '../../backend/durableFile';
import { readJson } from '../../backend/jsonStore';
import { Project } from '../../backend/project';
import type { Codebook } from '../../core/model';
import { codebookSchema } from '../../core/schemas';
import { CliError } from '../context';

/** A codebook file: a bare codebook (its version may be left out) or the codebook.json of another project. */
const codebookFile = z.preprocess((data) => {
  const inner =
    data && typeof data === 'object' && 'codebook' in data ? (data as { codebook: unknown }).codebook : data;
  return inner && typeof inner === 'object' && !('version' in inner) ? { version: 1, ...inner } : inner;
}, codebookSchema);

async function readCodebookFile(path: string): Promise<Codebook> {
  const codebook = await readJson(path, codebookFile).catch((error) => {
    if (error instanceof FileProblemError) throw new CliError(`${path}: ${error.reason}`);
    throw error;
  });
  if (!codebook) throw new CliError(`${path} does not exist`);
  return codebook;
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
      const project = await Project.create(
        root,
        opts.name ?? basename(root),
        codebook ? { ...codebook, version: Math.max(1, codebook.version) } : undefined,
      );
      console.log(`created project ${project.settings.name} in ${root}`);
    });
}
