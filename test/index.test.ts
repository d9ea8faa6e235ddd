import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ARTICLE_KNOWLEDGE_DIR } from './fixtures/knowledge.js';
import { expectOneLine, root, runCli } from './cli/helpers.js';

/** The bot's own start (src/index.ts), meeting an operator's ordinary mistakes before it ever reaches Discord. */
const dir = mkdtempSync(join(tmpdir(), 'paa-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const credentials = { DISCORD_TOKEN: 'a.b.c', DISCORD_CLIENT_ID: '123456789012345678', DISCORD_API_URL: 'http://127.0.0.1:9' };
const startBot = (env: Record<string, string>) => runCli('../index', [], { env: { ...credentials, ...env } });

describe.concurrent('the bot, started with', { timeout: 60_000 }, () => {
  test('a DATABASE_URL that is not a database: one line naming it, exit 1', async () => {
    const notes = join(dir, 'notes.db');
    writeFileSync(notes, 'these are my notes\n');
    expectOneLine(await startBot({ DATABASE_URL: `sqlite:${notes}` }), 1, /notes\.db is not a SQLite database .*DATABASE_URL/);
  });

  test('a DATABASE_URL under a regular file: one line naming it, exit 1', async () => {
    const file = join(dir, 'afile');
    writeFileSync(file, 'x');
    expectOneLine(await startBot({ DATABASE_URL: `sqlite:${join(file, 'paa.db')}` }), 1, /it is a file, not a folder\. Point DATABASE_URL/);
  });

  test('a knowledge file that is not valid YAML: one line naming KNOWLEDGE_DIR and the file, exit 1', async () => {
    const folder = join(dir, 'bad-knowledge');
    mkdirSync(folder);
    writeFileSync(join(folder, 'faq.yaml'), 'entries:\n  - question: [unclosed\n');
    expectOneLine(await startBot({ KNOWLEDGE_DIR: folder, DATABASE_URL: 'sqlite::memory:' }), 1, new RegExp(`^The knowledge in ${folder} \\(KNOWLEDGE_DIR\\) cannot be loaded: faq\\.yaml`));
  });
});

describe('the bot, signalled while it is still logging in', () => {
  test('stops at once with exit 0, not killed by the signal', async () => {
    // A "Discord" that accepts connections and never answers: the login hangs.
    const { createServer } = await import('node:net');
    const { spawn } = await import('node:child_process');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH, ...credentials, DISCORD_API_URL: `http://127.0.0.1:${port}/api`, DATABASE_URL: 'sqlite::memory:', KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      // Once it is logging in (its first request has reached "Discord"), signal it.
      await expect.poll(() => sockets.length, { timeout: 30_000 }).toBeGreaterThan(0);
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      const signalled = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(err).toContain('"event":"stopped"');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 60_000);
});
