// `framelens init DIR [--name NAME] [--codebook FILE]`: creates a project folder.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { FileProblemError } from '../../backend/durableFile';
import { importIntoProject } from '../../backend/importer';
import { readJson } from '../../backend/jsonStore';
import { Project } from '../../backend/project';
import { codebookFromQdc, parseQdc } from '../../core/formats/qdpx/index';
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

async function readBytes(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(error.code === 'ENOENT' ? `${path} does not exist` : `${path}: ${error.message}`);
  });
  return new Uint8Array(bytes);
}

/**
 * What a codebook file holds, by its name and first bytes: a REFI-QDA codebook may come named .xml, and a .qdpx
 * (a whole project) is a common mistake that deserves its own line rather than a JSON parse error.
 */
function isRefiCodebook(path: string, bytes: Uint8Array): boolean {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b)
    throw new CliError(
      `${path} is a zip archive (a REFI-QDA project?), not a codebook: create the project, then framelens import DIR ${path}`,
    );
  if (path.toLowerCase().endsWith('.qdc')) return true;
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

/** A REFI-QDA codebook is read once before the project exists, so that a bad file leaves no folder behind. */
function checkQdcFile(path: string, bytes: Uint8Array): void {
  try {
    codebookFromQdc(parseQdc(bytes, { file: path }).codebook, { file: path });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a project folder')
    .argument('<dir>', 'the folder to create (must not hold a project yet)')
    .option('--name <name>', 'the project name (default: the folder name)')
    .option('--codebook <file>', 'start from this codebook (JSON, or a REFI-QDA .qdc)')
    .action(async (dir: string, opts: { name?: string; codebook?: string }) => {
      const given = opts.codebook ? resolve(opts.codebook) : null;
      const bytes = given ? await readBytes(given) : null;
      const qdc = given && bytes && isRefiCodebook(given, bytes) ? given : null;
      if (qdc && bytes) checkQdcFile(qdc, bytes);
      const codebook = opts.codebook && !qdc ? await readCodebookFile(opts.codebook) : null;
      const root = resolve(dir);
      const project = await Project.create(
        root,
        opts.name ?? basename(root),
        codebook ? { ...codebook, version: Math.max(1, codebook.version) } : undefined,
      );
      // Through the importer, so the codes' GUIDs are kept for the next .qdc or .qdpx export.
      if (qdc) await importIntoProject(project, { paths: [qdc], format: 'qdc' });
      console.log(`created project ${project.settings.name} in ${root}`);
    });
}
