import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { StaleRevisionError, StaleVocabularyError, StoreError } from '../../src/store/errors.js';
import type { KnowledgeStore } from '../../src/store/knowledge-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { CHANGES_LOCK, LISTEN_APPLICATION_NAME } from '../../src/store/postgres-changes.js';
import { migratePostgres, POSTGRES_MIGRATIONS } from '../../src/store/postgres-migrations.js';
import { POOL_APPLICATION_NAME } from '../../src/store/postgres-open.js';
import { isPostgresFailure, openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { BotStore } from '../../src/store/store.js';
import { createTestDatabase, paritySteps, postgresAvailable, type TestDatabase } from './postgres-database.js';
import { CHANNEL, GUILD, alice, bob, entry, question } from './setup.js';

type Store = BotStore & KnowledgeStore;
const available = await postgresAvailable();
const START = Date.UTC(2025, 0, 1);

/** A clock that ticks one second per reading, as setup.ts's. */
const ticking = () => {
  let clock = START;
  return () => (clock += 1_000);
};

/** A throwaway database, dropped after the test. */
async function database(options?: { icuLocale?: string }): Promise<TestDatabase> {
  const db = await createTestDatabase(options);
  if (db === undefined) throw new Error('PostgreSQL went away');
  onTestFinished(() => db.drop());
  return db;
}

/** A store on `db`, closed after the test (before the database is dropped). */
async function open(db: TestDatabase, options: { now?: () => number } = {}): Promise<Store> {
  const store = await openPostgresStore(db.url, { now: options.now ?? ticking() });
  onTestFinished(() => store.close());
  return store;
}

/** The StoreError the promise rejects with; fails the test otherwise. */
async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof StoreError) return error;
  throw new Error(`expected a StoreError, got ${String(error)}`);
}

const add = (store: Store, id: string, expectedRevision = 0, answer = `${id} is a thing.`) =>
  store.saveEntry({ guildId: GUILD, entry: entry(id, { answer }), before: null, expectedRevision, author: alice, action: expectedRevision === 0 ? 'add' : 'edit' });

test('the PostgreSQL schema has the same migrations, by version and name, as the SQLite one', () => {
  expect(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
});

describe.skipIf(!available)('the PostgreSQL store, like the SQLite one', () => {
  test('gives the same results, errors and times for the same calls', async () => {
    const sqlite = openSqliteStore(':memory:', { now: ticking() });
    onTestFinished(() => sqlite.close());
    const postgres = await open(await database({ icuLocale: 'en-US' }));
    const expected = await paritySteps(sqlite);
    expect(await paritySteps(postgres)).toEqual(expected);
  });

  test('sorts text by bytes, as SQLite does, whatever the database\'s locale', async () => {
    const at = () => START;
    const sqlite = openSqliteStore(':memory:', { now: at });
    onTestFinished(() => sqlite.close());
    const postgres = await open(await database({ icuLocale: 'en-US' }), { now: at });
    for (const store of [sqlite, postgres]) for (const query of ['éclair', 'zebra']) await store.recordUnanswered(question(query));
    const queries = async (store: Store) => (await store.unanswered(GUILD, 5)).map((q) => q.query);
    expect(await queries(sqlite)).toEqual(['zebra', 'éclair']);
    expect(await queries(postgres)).toEqual(['zebra', 'éclair']);
  });

  test('round-trips votes, unanswered questions and overrides', async () => {
    const store = await open(await database());
    const vote = { guildId: null, channelId: CHANNEL, userId: alice.id, entryId: 'what-is-pip', value: -1 as const, query: 'What is PIP?' };
    expect(await store.recordVote(vote)).toEqual({ recorded: true, changed: false });
    expect(await store.recordVote(vote)).toEqual({ recorded: false, changed: false });
    expect(await store.recordVote({ ...vote, value: 1 })).toEqual({ recorded: true, changed: true });
    expect(await store.votesFor(null, 'what-is-pip')).toEqual({ up: 1, down: 0 });
    await store.recordUnanswered(question('How do I X?'));
    await store.recordUnanswered(question('how do i  x'));
    expect(await store.unanswered(GUILD, 5)).toEqual([{ query: 'how do i x', count: 2, lastAskedAt: new Date(START + 4_000), downvoted: false }]);
    const { entry: saved } = await add(store, 'what-is-pip');
    expect(await store.overrides(GUILD)).toEqual([{ entryId: 'what-is-pip', revision: 1, entry: saved, updatedAt: new Date(START + 5_000), updatedBy: alice }]);
  });
});

describe.skipIf(!available)('the PostgreSQL store, opened again', () => {
  test('runs no migration the second time, and finds the data', async () => {
    const db = await database();
    // Another application's table: a shared database is fine, as long as it has no schema_migrations of its own.
    await db.query('CREATE TABLE other_application_things (id INTEGER)');
    const first = await open(db);
    await add(first, 'what-is-pip');
    await first.close();
    const before = await db.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
    expect(before.rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5, 6]);

    const second = await open(db);
    expect(await second.currentRevision(GUILD, 'what-is-pip')).toBe(1);
    expect((await db.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).rows).toEqual(before.rows);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    onTestFinished(() => client.end());
    expect(await migratePostgres(client)).toEqual([]);
  });

  test('by two processes at once, migrates once', async () => {
    const db = await database();
    const stores = await Promise.all([open(db), open(db), open(db)]);
    expect(stores).toHaveLength(3);
    expect((await db.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]).toEqual({ n: 6 });
  });

  test('refuses a database written by a newer version, and one from another branch', async () => {
    const db = await database();
    await (await open(db)).close();
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from-the-future')");
    const tooNew = await refusal(openPostgresStore(db.url));
    expect(tooNew.code).toBe('schema-too-new');
    expect(tooNew.message).toMatch(/schema version 99.*only knows up to 6/);

    await db.query("DELETE FROM schema_migrations WHERE version = 99; UPDATE schema_migrations SET name = 'stats' WHERE version = 3");
    const diverged = await refusal(openPostgresStore(db.url));
    expect(diverged.code).toBe('schema-diverged');
    expect(diverged.message).toContain('"stats"');
  });
});

describe.skipIf(!available)('the PostgreSQL store, refusing to open', () => {
  test('on a port nothing listens on: one line naming the server, without the password', async () => {
    const error = await refusal(openPostgresStore('postgres://u:secret@127.0.0.1:1/x'));
    expect(error.code).toBe('cannot-open');
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).toMatch(/is PostgreSQL running there\? Check DATABASE_URL/);
    expect(error.message).not.toContain('secret');
    expect(error.message).not.toContain('\n');
  });

  test('on a database that does not exist: saying so, and how to create it', async () => {
    const db = await database();
    const missing = db.url.replace(db.name, `${db.name}_missing`);
    const error = await refusal(openPostgresStore(missing));
    expect(error.code).toBe('cannot-open');
    expect(error.message).toContain(`has no database "${db.name}_missing"`);
    expect(error.message).toContain('createdb');
  });

  test('on a URL that is not PostgreSQL, without repeating it', async () => {
    const error = await refusal(openPostgresStore('mysql://u:secret@host/x'));
    expect(error.code).toBe('cannot-open');
    expect(error.message).not.toContain('secret');
  });
});

describe.skipIf(!available)('two PostgreSQL stores on one database (two processes)', () => {
  test('let exactly one of two writes at the same revision through, the other stale', async () => {
    const db = await database();
    const [one, two] = [await open(db), await open(db)];
    const shipped = entry('what-is-pip');
    const edit = (store: Store, expectedRevision: number, answer: string) =>
      store.saveEntry({ guildId: GUILD, entry: { ...shipped, answer }, before: shipped, expectedRevision, author: alice, action: 'edit' });
    // Revision 0 included: the entry has no row yet that a row lock could hold.
    for (const expectedRevision of [0, 1, 2]) {
      const results = await Promise.allSettled([edit(one, expectedRevision, 'One.'), edit(two, expectedRevision, 'Two.')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(StaleRevisionError);
    }
    expect(await one.history(GUILD, 'what-is-pip')).toHaveLength(3);

    const vocabulary = (store: Store) => store.saveVocabulary({ guildId: GUILD, groups: [['xp', 'experience']], expectedRevision: 0, author: bob });
    const saves = await Promise.allSettled([vocabulary(one), vocabulary(two)]);
    expect(saves.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(saves.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(StaleVocabularyError);
  });

  test('see each other\'s changes, none skipped while both write at once', async () => {
    const db = await database();
    const [one, two] = [await open(db), await open(db)];
    const seen: string[] = [];
    let sequence = 0;
    const poll = async () => {
      const next = await two.changesSince(sequence);
      sequence = next.sequence;
      seen.push(...next.changes.map((c) => c.entryId));
    };
    const writes = Array.from({ length: 40 }, (_, i) => add(i % 2 === 0 ? one : two, `entry-${i}`));
    let writing = true;
    const polling = (async () => {
      while (writing) await poll();
    })();
    await Promise.all(writes);
    writing = false;
    await polling;
    await poll();
    expect(seen.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `entry-${i}`).sort());

    await one.saveVocabulary({ guildId: GUILD, groups: [['xp', 'experience']], expectedRevision: 0, author: alice });
    expect((await two.vocabularyChangesSince(0)).guildIds).toEqual([GUILD]);
  });

  test('announce a change to the other within a second, and again after its listening connection is lost', async () => {
    const db = await database();
    const [writer, reader] = [await open(db), await open(db)];
    let calls = 0;
    const unsubscribe = reader.subscribe!(() => calls++);
    // The first call says it is listening (changes before that were not announced).
    await vi.waitFor(() => expect(calls).toBe(1), { timeout: 2_000 });

    await add(writer, 'what-is-pip');
    await vi.waitFor(() => expect(calls).toBe(2), { timeout: 1_000, interval: 10 });

    expect(await db.terminateConnections({ applicationName: LISTEN_APPLICATION_NAME })).toBe(1);
    await vi.waitFor(() => expect(calls).toBe(3), { timeout: 2_000, interval: 10 });
    await writer.saveVocabulary({ guildId: GUILD, groups: [['xp', 'experience']], expectedRevision: 0, author: alice });
    await vi.waitFor(() => expect(calls).toBe(4), { timeout: 1_000, interval: 10 });

    unsubscribe();
    await add(writer, 'what-is-npm');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toBe(4);
  });
});

describe.skipIf(!available)('the PostgreSQL store, in operation', () => {
  test('refuses a backup, saying to use pg_dump', async () => {
    const db = await database();
    const error = await refusal((await open(db)).backup('/tmp/paa.backup'));
    expect(error.code).toBe('backup-failed');
    expect(error.message).toMatch(/^Backups of a PostgreSQL store are made with pg_dump: run pg_dump .*--file=\/tmp\/paa\.backup/);
    expect(error.message).not.toContain('\n');
  });

  test('is writable until closed; closing twice is fine, and ends every connection', async () => {
    const db = await database();
    const store = await open(db);
    store.subscribe!(() => {});
    expect(await store.writable()).toBe(true);
    await store.close();
    await store.close();
    expect(await store.writable()).toBe(false);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    expect(rows[0]).toEqual({ n: 0 });
  });

  test('is not writable in a read-only database, and answers within a second', async () => {
    const db = await database();
    const store = await open(db);
    await db.query(`ALTER DATABASE ${db.name} SET default_transaction_read_only = on`);
    await db.terminateConnections({ applicationName: POOL_APPLICATION_NAME });
    const started = Date.now();
    expect(await store.writable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_100);
  });

  test('fails with errors isPostgresFailure recognises when the server ends its connections, then recovers', async () => {
    const db = await database();
    const store = await open(db);
    await add(store, 'what-is-pip');
    // Hold the changes lock from outside, so the store's next write is waiting on the server when its connection ends.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    onTestFinished(() => holder.end());
    await holder.query('SELECT pg_advisory_lock($1)', [CHANGES_LOCK]);
    const waiting = add(store, 'what-is-pip', 1).then(
      () => undefined,
      (e: unknown) => e,
    );
    await vi.waitFor(async () => {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
      expect(rows[0]).toEqual({ n: 1 });
    });
    await db.terminateConnections({ applicationName: POOL_APPLICATION_NAME });
    const error = await waiting;
    expect(error).toBeInstanceOf(Error);
    expect(isPostgresFailure(error)).toBe(true);
    await holder.query('SELECT pg_advisory_unlock($1)', [CHANGES_LOCK]);

    // The pool drops the dead connections (idle ones too, without crashing) and opens new ones.
    expect(await store.currentRevision(GUILD, 'what-is-pip')).toBe(1);
    expect(isPostgresFailure(await refusal(add(store, 'what-is-pip', 0)))).toBe(false);
    expect(isPostgresFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isPostgresFailure(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });

  test('does not keep the process alive once closed', async () => {
    const db = await database();
    const storeModule = fileURLToPath(new URL('../../src/store/postgres-store.ts', import.meta.url));
    const script = `
      const { openPostgresStore } = await import(${JSON.stringify(storeModule)});
      const store = await openPostgresStore(process.argv[1]);
      store.subscribe(() => {});
      await store.writable();
      await store.close();
    `;
    const started = Date.now();
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, db.url], { timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
