import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export interface CliOptions {
  /** The environment beyond PATH; KNOWLEDGE_DIR defaults to the frozen article fixture. */
  env?: Record<string, string>;
  input?: string;
  /** Run as this user (root can; the tests use it to meet "permission denied" as root). */
  uid?: number;
  /** Close the reading end of stdout at once, as `| true` or a `| head` that has what it needs: every write meets EPIPE. */
  closedOutput?: boolean;
}

/** The unprivileged user the tests run a tool as, to meet "permission denied" where root may write anywhere. */
export const NOBODY = 65534;

/**
 * Whether a tool can be run as {@link NOBODY} here: as root, and with the checkout readable by others. A clone
 * inside a private folder (mkdtemp's 0700, or /root) is not, and the tests that need it are skipped there.
 */
export const canRunAsNobody: boolean =
  process.getuid?.() === 0 &&
  spawnSync(process.execPath, ['-e', 'require.resolve("tsx")'], { cwd: root, uid: NOBODY, gid: NOBODY }).status === 0;

/** Runs `src/cli/<script>.ts` as `npm run <script>` does (tsx), in its own process; resolves when it exits. */
export function runCli(script: string, args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR, ...options.env };
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid !== undefined && { uid: options.uid, gid: options.uid }),
  });
  if (options.closedOutput) child.stdout.destroy();
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/** The tool refused with exactly one line on stderr (no stack trace), matching `message`, and this exit code. */
export function expectOneLine(result: CliResult, code: number, message: RegExp | string): void {
  expect(result.err).not.toMatch(/\n\s+at /);
  expect({ code: result.code, err: result.err }).toEqual({ code, err: expect.stringMatching(typeof message === 'string' ? escape(message) : message) });
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
}

/** A usage mistake: its line first, then the usage, exit code 2, nothing on stdout. */
export function expectUsage(result: CliResult, message: RegExp | string): void {
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(2);
  const [first, ...usage] = result.err.trimEnd().split('\n');
  expect(first).toMatch(typeof message === 'string' ? escape(message) : message);
  expect(usage.join('\n')).toMatch(/usage/);
  expect(result.out).toBe('');
}

const escape = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
