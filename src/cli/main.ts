// The `framelens` command: one line per error, non-zero exit, a stack only with --verbose.
import { Command, CommanderError } from 'commander';
import { registerAdjudicate } from './commands/adjudicate';
import { registerAgreement } from './commands/agreement';
import { registerExport } from './commands/exportCmd';
import { registerImport } from './commands/importCmd';
import { registerInit } from './commands/init';
import { registerModel } from './commands/model';
import { registerOutlets } from './commands/outlets';
import { registerPackages } from './commands/packages';
import { registerServe } from './commands/serve';
import { registerStats } from './commands/stats';
import { registerStudy } from './commands/study';

/** Builds the program (exported so tests can run commands in-process). */
export function buildProgram(): Command {
  const program = new Command('framelens')
    .description('Frame Lens: annotate framing in news, measure agreement, export datasets')
    .option('--verbose', 'print stack traces of errors')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`${str.split('\n')[0]}\n`) });
  registerInit(program);
  registerImport(program);
  registerExport(program);
  registerStats(program);
  registerAgreement(program);
  registerAdjudicate(program);
  registerPackages(program);
  registerOutlets(program);
  registerModel(program);
  registerServe(program);
  registerStudy(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI and turns every failure into one line on stderr and an exit status. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = (error as Error).message?.split('\n')[0] ?? String(error);
    process.stderr.write(`framelens: ${message}\n`);
    if (argv.includes('--verbose') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

// `framelens … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const isEntry = process.argv[1] && /framelens(\.c?js)?$|src[/\\]cli[/\\]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  const code = await runCli(process.argv.slice(2));
  if (code !== 0 || !process.argv.slice(2).includes('serve')) process.exitCode = code;
}
