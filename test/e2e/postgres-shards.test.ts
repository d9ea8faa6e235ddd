import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_GUILD, type SimulatorOptions } from '../../src/simulator/index.js';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../store/postgres-database.js';
import { startBot, type RunningBot } from './harness.js';

// Two shard processes and the operator's CLI sharing one PostgreSQL database, as on several machines: a change
// committed by any of them reaches the others by LISTEN/NOTIFY, not by the 5-second poll.

const available = await postgresAvailable();

const SIM: SimulatorOptions = {
  guilds: [
    { ...DEFAULT_GUILD, name: 'Shard Zero', shard: [0, 2] },
    { name: 'Shard One', shard: [1, 2], channels: [{ name: 'general' }], members: [{ user: { username: 'carol' } }] },
  ],
};
const shardEnv = (id: number, url: string) => ({ SHARD_COUNT: '2', SHARD_IDS: String(id), DATABASE_URL: url });

let database: TestDatabase;
const running: RunningBot[] = [];
let zero: RunningBot;

beforeAll(async () => {
  if (!available) return;
  database = (await createTestDatabase())!;
  zero = await startBot({ sim: SIM, registration: 'global', env: shardEnv(0, database.url) });
  running.push(zero);
  running.push(await startBot({ existing: { sim: zero.sim, dbPath: zero.dbPath }, registration: 'global', env: shardEnv(1, database.url) }));
}, 60_000);

afterAll(async () => {
  for (const bot of running.reverse()) await bot.stop();
  await database?.drop();
});

type Name = 'Shard Zero' | 'Shard One';
const server = (name: Name) => {
  const guildId = zero.sim.guildId(name);
  return { guildId, channelId: zero.sim.channelId('general', guildId), userId: zero.sim.userId(name === 'Shard Zero' ? 'alice' : 'carol') };
};

async function askTitle(name: Name, question: string): Promise<string | undefined> {
  const { channelId, userId } = server(name);
  const body = (await zero.sim.slashCommand({ channelId, userId, name: 'ask', options: { question } }).response(8_000)).body as { data?: { embeds?: { title?: string }[] } };
  return body.data?.embeds?.[0]?.title;
}

/** `npm run kb -- add` for a server, as an operator runs it against the shared database. */
async function kbAdd(name: Name, question: string, answer: string): Promise<void> {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/kb.ts', 'add', '--guild', server(name).guildId, '--question', question, '--answer', answer], {
    env: { PATH: process.env.PATH, DATABASE_URL: database.url, KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR },
  });
}

/** How long after `since` the server first answers `question` with `title`, asking every 50 ms; Infinity if not within `limitMs`. */
async function answeredAfter(name: Name, question: string, title: string, since: number, limitMs = 3_000): Promise<number> {
  while (Date.now() - since < limitMs) {
    if ((await askTitle(name, question)) === title) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Infinity;
}

describe.skipIf(!available)('two shard processes and npm run kb on one PostgreSQL', () => {
  test('both shards answer from the shared store before anything is changed', async () => {
    expect(await askTitle('Shard Zero', 'is netflix coded in python?')).toBe('Is Netflix coded in Python?');
    expect(await askTitle('Shard One', 'is netflix coded in python?')).toBe('Is Netflix coded in Python?');
  });

  test('an entry added with the CLI is answered in a server on each shard within a second', async () => {
    await kbAdd('Shard Zero', 'Where is the chess club?', 'Room 12, Thursdays.');
    const zeroAt = await answeredAfter('Shard Zero', 'where is the chess club', 'Where is the chess club?', Date.now());
    await kbAdd('Shard One', 'When does the pool open?', 'At seven.');
    const oneAt = await answeredAfter('Shard One', 'when does the pool open', 'When does the pool open?', Date.now());
    console.log(`CLI add → answered: shard 0 after ${zeroAt} ms, shard 1 after ${oneAt} ms`);
    expect(zeroAt).toBeLessThan(1_000);
    expect(oneAt).toBeLessThan(1_000);
  });

  test('killing the shard-1 process does not disturb shard 0, which goes on answering from the shared store', async () => {
    const during = Array.from({ length: 5 }, () => askTitle('Shard Zero', 'where is the chess club'));
    await running[1]!.kill();
    const after = Array.from({ length: 5 }, () => askTitle('Shard Zero', 'where is the chess club'));
    expect(await Promise.all([...during, ...after])).toEqual(Array(10).fill('Where is the chess club?'));
    expect(zero.child.exitCode).toBeNull();
  });

  test('a shard-1 process started again serves the same knowledge, its own server\'s entry included', async () => {
    running.push(await startBot({ existing: { sim: zero.sim, dbPath: zero.dbPath }, registration: 'global', env: shardEnv(1, database.url) }));
    expect(await askTitle('Shard One', 'when does the pool open')).toBe('When does the pool open?');
  });

  test("a server's own entry never shows in a server on the other shard", async () => {
    expect(await askTitle('Shard One', 'where is the chess club')).not.toBe('Where is the chess club?');
    expect(await askTitle('Shard Zero', 'when does the pool open')).not.toBe('When does the pool open?');
  });
});
