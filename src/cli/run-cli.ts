import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { StoreError } from '../store/errors.js';

/**
 * What every command-line tool shares: exit codes, one-line messages for the mistakes a person makes, unknown
 * options refused, and a quiet end when the reader of its output goes away (`| head`).
 *
 * Exit codes: 0 done, 1 refused (a bad file, a refused change, an unusable database or configuration: the message
 * says what to fix), 2 a command line the tool cannot run (the message and the usage). A stack trace means a bug.
 */

/** A command line the tool cannot run: the message says what to type instead. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the person at the terminal can fix (a missing file, a folder that does not exist), said in one line. Exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Expected failures: the message is for the person, written to be read without a stack. */
const EXPECTED = [CliError, KnowledgeError, StoreError, ConfigError];

/**
 * Parses a command line strictly: an unknown option or an option without its value is a {@link UsageError} with
 * the usage, never read as part of the question or as a file name. Tokens after `--` are positionals.
 */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw error;
    throw new UsageError(`${parseProblem(error as Error)}\n${usage}`);
  }
}

/** node:util's parse errors, shortened to what the person typed and what was wrong with it. */
function parseProblem(error: Error): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  switch ((error as { code?: string }).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option${option ? ` ${option}` : ''} (a question or file name starting with "-" goes after --).`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option ? `${option} needs a value.` : error.message;
    default:
      return error.message;
  }
}

/**
 * Ends the process with code 0, quietly, when the reader of stdout (or stderr) has gone: `npm run kb -- list | head`
 * has what it asked for. Without it a write to the closed pipe throws `write EPIPE` with a stack.
 */
export function endQuietlyOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

/**
 * The exit code and the message for a failure, or undefined for an unexpected one (a bug: it keeps its stack).
 * Usage errors print the usage after their line; every other expected failure is its message alone.
 */
export function describeFailure(error: unknown): { code: 1 | 2; message: string } | undefined {
  if (error instanceof UsageError) return { code: 2, message: error.message };
  if (EXPECTED.some((type) => error instanceof type)) return { code: 1, message: (error as Error).message };
  return undefined;
}

/**
 * Runs a tool's `main` with its arguments and exits with its code. Expected failures print their message (no stack)
 * and exit 1 or 2; EPIPE on the output ends quietly.
 */
export function runCli(main: (argv: string[]) => number | Promise<number>): void {
  endQuietlyOnClosedOutput();
  void Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        const failure = describeFailure(error);
        if (!failure) throw error;
        process.stderr.write(`${failure.message}\n`);
        process.exitCode = failure.code;
      },
    );
}
