import { readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { fileTooLarge } from '../knowledge/limits.js';
import { CliError } from './run-cli.js';

/**
 * The files a person names on a tool's command line, read and written with one-line errors that name the file and
 * say what to do, instead of Node's ENOENT/EISDIR with a stack.
 */

/** An errno in words, for a message. */
function systemProblem(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ? `${code}: ${message}` : String(message);
  }
}

/**
 * Reads a file a person gave, refusing a missing file, a folder, an unreadable file or one over the import size
 * limit (src/knowledge/limits.ts) before reading a byte of it.
 *
 * @throws {CliError} for a missing or unreadable file; {@link KnowledgeError} `too-large` for one over the limit.
 */
export function readInputFile(file: string): Buffer {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new CliError(`${file}: it is a folder, not a file; give the path of a file in it.`);
    size = stats.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: ${systemProblem(error)}; check the path.`);
  }
  const tooLarge = fileTooLarge(file, size);
  if (tooLarge) throw tooLarge;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`${file}: ${systemProblem(error)}; check the path.`);
  }
}

/** What is at `path`, or undefined when nothing is (ENOTDIR: a file stands where a folder on the way should be). */
function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CliError(`${path}: ${systemProblem(error)}.`);
  }
}

/**
 * Whether `file` can be written as a tool's output (`--out`): its folder must exist (it is not created: a typo in a
 * path should not grow folders), and an existing file is refused unless `overwrite` is set. Call it before doing
 * the work, so a wrong path changes nothing.
 *
 * @throws {CliError} naming the file and what to do.
 */
export function checkOutputFile(file: string, options: OutputOptions): void {
  const option = options.option ?? '--out';
  const folder = dirname(file);
  if (!statIfAny(folder)?.isDirectory()) throw new CliError(`${file}: the folder ${folder} does not exist; create it first, or give ${option} another path.`);
  const stats = statIfAny(file);
  if (stats?.isDirectory()) throw new CliError(`${file}: it is a folder; give ${option} a file name, such as ${file.replace(/\/+$/, '')}/knowledge.yaml.`);
  if (stats && !options.overwrite) throw new CliError(`${file} exists; pass --force to overwrite it.`);
}

export interface OutputOptions {
  /** Replace an existing file. */
  overwrite: boolean;
  /** The option that named the file, for the message. Default `--out`. */
  option?: string;
}

/**
 * Writes `text` to a file a person named, after {@link checkOutputFile}.
 *
 * @throws {CliError} naming the file and what to do.
 */
export function writeOutputFile(file: string, text: string, options: OutputOptions): void {
  checkOutputFile(file, options);
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`${file}: cannot write it (${systemProblem(error)}); give ${options.option ?? '--out'} a path you can write.`);
  }
}
