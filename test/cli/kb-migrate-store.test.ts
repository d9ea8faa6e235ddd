import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { KnowledgeStore } from '../../src/store/knowledge-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { BotStore } from '../../src/store/store.js';
import { createTestDatabase, postgresAvailable } from '../store/postgres-database.js';
import { expectOneLine, expectUsage, root, runCli } from './helpers.js';

// Each case starts the tool through tsx (about a second alone, several on a loaded machine).
const SPAWN_TIMEOUT_MS = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'paa-kb-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GUILD = '111111111111111111';
const author = { id: '333333333333333333', name: 'Alice' };
const source = join(dir, 'source.db');

/** A SQLite store with a little of everything. */
async function fill(path: string): Promise<void> {
  const store = openSqliteStore(path);
  try {
    await store.saveEntry({
      guildId: GUILD,
      entry: { id: 'what-is-x', question: 'What is X?', answer: 'A letter.', alternates: [], tags: [] },
      before: null,
      expectedRevision: 0,
      author,
      action: 'add',
    });
    await store.hideEntry({ guildId: GUILD, entryId: 'what-is-x', before: { id: 'what-is-x', question: 'What is X?', answer: 'A letter.', alternates: [], tags: [] }, expectedRevision: 1, author });
    await store.saveVocabulary({ guildId: GUILD, groups: [['xp', 'experience']], expectedRevision: 0, author });
    await store.recordVote({ guildId: GUILD, channelId: '222222222222222222', userId: author.id, entryId: 'what-is-x', value: -1, query: 'x?' });
    for (const query of ['one', 'two', 'three']) {
      await store.recordUnanswered({ guildId: GUILD, channelId: '222222222222222222', userId: author.id, query, outcome: 'decline', suggestions: [] });
    }
    await store.recordAsked({ guildId: GUILD, entryId: 'what-is-x' });
  } finally {
    await store.close();
  }
}

async function reads(open: () => BotStore & KnowledgeStore): Promise<unknown[]> {
  const store = open();
  try {
    return [
      await store.overrides(GUILD),
      await store.history(GUILD, 'what-is-x'),
      await store.vocabularyHistory(GUILD),
      await store.votesFor(GUILD, 'what-is-x'),
      await store.unanswered(GUILD, 10),
      await store.timesAsked(GUILD, 'what-is-x'),
      await store.changesSince(0),
      await store.vocabularyChangesSince(0),
    ];
  } finally {
    await store.close();
  }
}

const COUNTS = ['votes 1 → 1', 'questions_log 3 → 3', 'entry_stats 1 → 1', 'entry_revisions 2 → 2', 'entry_overrides 1 → 1', 'vocabulary_revisions 1 → 1'];
const kb = (...args: string[]) => runCli('kb', ['migrate-store', ...args]);

describe('npm run kb -- migrate-store', { timeout: SPAWN_TIMEOUT_MS }, async () => {
  await fill(source);

  test('SQLite to SQLite: the counts per table, then the line that says it is done; again, nothing to do', async () => {
    const target = join(dir, 'copies', 'copy.db');
    expect(await kb('--from', `sqlite:${source}`, '--to', `sqlite:${target}`)).toEqual({
      code: 0,
      out: `${COUNTS.join('\n')}\nCopied ${source} to ${target}.\n`,
      err: '',
    });
    expect(await reads(() => openSqliteStore(target))).toEqual(await reads(() => openSqliteStore(source)));
    expect(await kb('--to', `sqlite:${target}`, '--from', `sqlite:${source}`)).toEqual({
      code: 0,
      out: `${target} is already a copy of ${source}: 9 rows each, nothing to do.\n`,
      err: '',
    });
  });

  test.skipIf(!(await postgresAvailable()))('SQLite to PostgreSQL to a SQLite file: the same store at the end; the password never printed', async () => {
    const database = (await createTestDatabase())!;
    try {
      const url = new URL(database.url);
      url.password = 'hunter2';
      const display = url.toString().replace('hunter2', '***');
      const there = await kb('--from', `sqlite:${source}`, '--to', url.toString());
      expect(there).toEqual({ code: 0, out: `${COUNTS.join('\n')}\nCopied ${source} to ${display}.\n`, err: '' });

      const back = join(dir, 'back.db');
      const result = await kb('--from', url.toString(), '--to', `sqlite:${back}`);
      expect(result).toEqual({ code: 0, out: `${COUNTS.join('\n')}\nCopied ${display} to ${back}.\n`, err: '' });
      expect(await reads(() => openSqliteStore(back))).toEqual(await reads(() => openSqliteStore(source)));

      const again = await kb('--from', `sqlite:${source}`, '--to', url.toString());
      expect(again).toEqual({ code: 0, out: `${display} is already a copy of ${source}: 9 rows each, nothing to do.\n`, err: '' });
      for (const run of [there, result, again]) expect(run.out + run.err).not.toContain('hunter2');

      // A target that holds something else (the same calls, at other times): refused in one line, exit 1.
      const other = join(dir, 'other.db');
      await fill(other);
      const refused = await kb('--from', `sqlite:${other}`, '--to', url.toString());
      expectOneLine(refused, 1, `${display} already holds other data (votes: 1 of its 1 row differs from the source's): nothing was written. Copy into an empty database.`);
      expect(refused.err).not.toContain('hunter2');
    } finally {
      await database.drop();
    }
  });

  test.concurrent.each([
    ['a --from that is no URL', ['--from', 'data/paa.db', '--to', 'sqlite:x.db'], '--from: expected sqlite:<path> or postgres://…'],
    ['a --to of another kind of database', ['--from', `sqlite:${source}`, '--to', 'mysql://me:secret@host/db'], '--to: not supported: a mysql: URL'],
    ['a --to sqlite: without a path', ['--from', `sqlite:${source}`, '--to', 'sqlite:'], '--to: expected a path after sqlite:'],
    ['a blank --from', ['--from', ' ', '--to', 'sqlite:x.db'], '--from is empty'],
    ['a --to postgres:// without a host', ['--from', `sqlite:${source}`, '--to', 'postgres:///paa'], '--to: expected a host in the postgres:// URL'],
    ['the same file twice', ['--from', `sqlite:${source}`, '--to', `sqlite:${dir}/x/../source.db`], `--from and --to are the same database (${source}): copy into another one.`],
    ['the same PostgreSQL database twice', ['--from', 'postgres://me:secret@db.example:5432/paa', '--to', 'postgres://me@db.example/paa'], '--from and --to are the same database (postgres://me:***@db.example:5432/paa)'],
  ])('%s: one line naming the flag, exit 2, nothing written', async (_case, args, message) => {
    const result = await kb(...args);
    expectOneLine(result, 2, message);
    expect(result.out).toBe('');
    expect(result.err).not.toContain('secret');
    expect(existsSync(join(root, 'x.db'))).toBe(false);
  });

  test.concurrent.each([
    ['without --to', ['--from', `sqlite:${source}`], 'Missing --to <DATABASE_URL>: the database to copy into.'],
    ['without either', [], 'Missing --from <DATABASE_URL>: the database to copy from.'],
    ['with an argument', ['--from', `sqlite:${source}`, '--to', 'sqlite:x.db', 'extra'], 'migrate-store takes no arguments'],
    ['with --guild', ['--guild', GUILD, '--from', `sqlite:${source}`, '--to', 'sqlite:x.db'], 'Unknown option --guild'],
  ])('%s: the line, then the usage, exit 2', async (_case, args, message) => {
    expectUsage(await kb(...args), message);
  });

  test('a source that does not exist: refused in one line, exit 1, and neither database created', async () => {
    const missing = join(dir, 'typo', 'paa.db');
    const target = join(dir, 'not-made', 'paa.db');
    const result = await kb('--from', `sqlite:${missing}`, '--to', `sqlite:${target}`);
    expectOneLine(result, 1, `There is no database at ${missing} to copy from (nothing was created): give the bot's database file.`);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    expect(existsSync(join(dir, 'not-made'))).toBe(false);
  });

  test('the usage of kb names the command', async () => {
    expect((await runCli('kb', ['--help'])).out).toContain('migrate-store --from <DATABASE_URL> --to <DATABASE_URL>');
  });
});

