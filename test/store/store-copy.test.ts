import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { DatabaseConfig } from '../../src/config.js';
import type { KnowledgeStore } from '../../src/store/knowledge-store.js';
import { LATEST_VERSION } from '../../src/store/migrations.js';
import { POSTGRES_LATEST_VERSION } from '../../src/store/postgres-migrations.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { COPIED_SCHEMA_VERSION, StoreCopyError, copyStore, sameDatabase, type CopyReport } from '../../src/store/store-copy.js';
import type { BotStore } from '../../src/store/store.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from './postgres-database.js';
import { CAROL, CHANNEL, GUILD, OTHER_GUILD, alice, bob, entry, question } from './setup.js';

type Store = BotStore & KnowledgeStore;

const TABLES = ['votes', 'questions_log', 'entry_stats', 'entry_revisions', 'entry_overrides', 'vocabulary_revisions'] as const;
const ENTRY_IDS = ['a-b', 'what-is-python', 'imported-one', 'zebra', 'never-changed', 'after-the-copy'];

const dir = mkdtempSync(join(tmpdir(), 'paa-store-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `store-${++files}.db`);
const sqlite = (path: string): DatabaseConfig => ({ kind: 'sqlite', path });
const postgres = (database: TestDatabase): DatabaseConfig => ({ kind: 'postgres', url: database.url, display: database.url });

const opened: Store[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const database of databases.splice(0)) await database.drop();
});

/** A clock one second a reading from a fixed start, so two stores given the same calls write the same times. */
const clock = () => {
  let at = Date.UTC(2025, 0, 1);
  return () => (at += 1_000);
};
const openSqlite = (path: string, now = clock()) => {
  const store = openSqliteStore(path, { now });
  opened.push(store);
  return store;
};
const openPostgres = async (database: TestDatabase, now = clock()) => {
  const store = await openPostgresStore(database.url, { now });
  opened.push(store);
  return store;
};
const testDatabase = async () => {
  const database = (await createTestDatabase())!;
  databases.push(database);
  return database;
};

/** A store with some of everything, written through the store's interface. */
async function fill(store: Store): Promise<void> {
  // Entries: added, edited, hidden, restored (to a shown and a hidden state), in two guilds.
  const ab = entry('a-b');
  const shipped = entry('what-is-python', { answer: 'A language.' });
  await store.saveEntry({ guildId: GUILD, entry: ab, before: null, expectedRevision: 0, author: alice, action: 'add' });
  await store.saveEntry({ guildId: GUILD, entry: { ...ab, answer: 'Edited: “quoted”, café, 🎉.', tags: ['Lang'] }, before: ab, expectedRevision: 1, author: bob, action: 'edit' });
  await store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 0, author: alice });
  await store.restoreRevision({ guildId: GUILD, entryId: 'a-b', revision: 1, expectedRevision: 2, author: alice });
  await store.hideEntry({ guildId: GUILD, entryId: 'a-b', before: ab, expectedRevision: 3, author: bob });
  await store.restoreRevision({ guildId: GUILD, entryId: 'a-b', revision: 2, expectedRevision: 4, author: alice });
  await store.saveEntry({ guildId: OTHER_GUILD, entry: entry('zebra', { alternates: ['a zebra?'] }), before: null, expectedRevision: 0, author: bob, action: 'add' });
  // An import, with a vocabulary.
  await store.applyBatch(
    GUILD,
    [
      { entry: entry('imported-one', { answer: 'Imported.' }), before: null, expectedRevision: 0 },
      { entry: { ...shipped, answer: 'Imported over a hidden one.' }, before: shipped, expectedRevision: 1 },
    ],
    bob,
    { groups: [['hp', 'health points']], expectedRevision: 0 },
  );
  // Vocabularies: saves and a restore.
  await store.saveVocabulary({ guildId: GUILD, groups: [['Experience Points', 'XP'], ['pvp', 'player versus player']], expectedRevision: 1, author: alice });
  await store.restoreVocabulary({ guildId: GUILD, revision: 1, expectedRevision: 2, author: bob });
  await store.saveVocabulary({ guildId: OTHER_GUILD, groups: [['mp', 'mana']], expectedRevision: 0, author: bob });
  // Votes, one changed, one in a DM.
  const vote = (userId: string, entryId: string, value: 1 | -1, guildId: string | null = GUILD, query?: string) =>
    store.recordVote({ guildId, channelId: CHANNEL, userId, entryId, value, query });
  await vote(alice.id, 'a-b', 1);
  await vote(bob.id, 'a-b', -1, GUILD, 'What is A-B?');
  await vote(CAROL, 'a-b', -1, GUILD, 'what is a-b');
  await vote(alice.id, 'a-b', -1, GUILD, 'A b?');
  await vote(bob.id, 'zebra', 1, OTHER_GUILD);
  await vote(bob.id, 'a-b', -1, null, 'In a DM');
  // Unanswered questions, declined and suggest-only, in guilds and a DM.
  for (const query of ['zebra', 'éclair', 'What is pip', 'how do I X?', 'How do i  x']) await store.recordUnanswered(question(query));
  await store.recordUnanswered(question('?', { guildId: null, outcome: 'suggest', suggestions: ['a-b', 'zebra'] }));
  await store.recordUnanswered(question('stripes?', { guildId: OTHER_GUILD, outcome: 'suggest', suggestions: ['zebra'] }));
  // Asked counts in two guilds (and a DM).
  for (let i = 0; i < 3; i++) await store.recordAsked({ guildId: GUILD, entryId: 'a-b' });
  await store.recordAsked({ guildId: OTHER_GUILD, entryId: 'a-b' });
  await store.recordAsked({ guildId: OTHER_GUILD, entryId: 'zebra' });
  await store.recordAsked({ guildId: null, entryId: 'a-b' });
}

/** What every read method of the store answers, for every guild and entry the tests touch. */
async function readAll(store: Store): Promise<Record<string, unknown>> {
  const read: Record<string, unknown> = {};
  for (const guildId of [GUILD, OTHER_GUILD, null]) {
    const guild = guildId ?? 'DM';
    read[`unanswered ${guild}`] = await store.unanswered(guildId, 100);
    read[`unanswered ${guild} top 2`] = await store.unanswered(guildId, 2);
    for (const id of ENTRY_IDS) {
      read[`votesFor ${guild} ${id}`] = await store.votesFor(guildId, id);
      read[`timesAsked ${guild} ${id}`] = await store.timesAsked(guildId, id);
    }
    if (guildId === null) continue;
    read[`overrides ${guild}`] = await store.overrides(guildId);
    read[`vocabulary ${guild}`] = await store.vocabulary(guildId);
    read[`vocabularyHistory ${guild}`] = await store.vocabularyHistory(guildId);
    for (const id of ENTRY_IDS) {
      read[`history ${guild} ${id}`] = await store.history(guildId, id);
      read[`currentRevision ${guild} ${id}`] = await store.currentRevision(guildId, id);
    }
  }
  read.guildsWithOverrides = await store.guildsWithOverrides();
  read.changesSince = await store.changesSince(0);
  read.vocabularyChangesSince = await store.vocabularyChangesSince(0);
  return read;
}

/** The same new writes, for a source and its copy: each must take the next number after the copied ones. */
async function writeAfterTheCopy(store: Store): Promise<void> {
  await store.saveEntry({ guildId: OTHER_GUILD, entry: entry('after-the-copy'), before: null, expectedRevision: 0, author: alice, action: 'add' });
  await store.saveEntry({ guildId: GUILD, entry: entry('a-b', { answer: 'After the copy.' }), before: null, expectedRevision: 5, author: alice, action: 'edit' });
  await store.saveVocabulary({ guildId: OTHER_GUILD, groups: [['mp', 'mana', 'magic points']], expectedRevision: 1, author: alice });
  await store.recordUnanswered(question('asked after the copy'));
  await store.recordUnanswered(question('asked after the copy'));
  await store.recordVote({ guildId: GUILD, channelId: CHANNEL, userId: CAROL, entryId: 'zebra', value: -1, query: 'after' });
  await store.recordAsked({ guildId: GUILD, entryId: 'zebra' });
}

function sqliteCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

async function postgresCounts(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
  return counts;
}

/** The source's rows per table, as the report gives them. */
const FILLED = { votes: 5, questions_log: 7, entry_stats: 4, entry_revisions: 9, entry_overrides: 4, vocabulary_revisions: 4 };
const reported = (counts: Record<string, number>): CopyReport['tables'] =>
  TABLES.map((table) => ({ table, source: counts[table]!, target: counts[table]! }));
const total = Object.values(FILLED).reduce((a, b) => a + b, 0);

/** A filled SQLite store, closed, with what it reads. */
async function filledSource(): Promise<{ path: string; read: Record<string, unknown> }> {
  const path = newFile();
  const store = openSqlite(path);
  await fill(store);
  const read = await readAll(store);
  await store.close();
  return { path, read };
}

test('the copy knows the schema both stores are at', () => {
  expect({ sqlite: LATEST_VERSION, postgres: POSTGRES_LATEST_VERSION }).toEqual({ sqlite: COPIED_SCHEMA_VERSION, postgres: COPIED_SCHEMA_VERSION });
});

describe('copyStore from SQLite to another SQLite file', () => {
  test('the copy answers every read as the source; a second run writes nothing; new writes go on after the copied ones', async () => {
    const source = await filledSource();
    const target = join(dir, 'nested', 'copy.db');
    expect(await copyStore(sqlite(source.path), sqlite(target))).toEqual({ status: 'copied', tables: reported(FILLED), rows: total });
    expect(sqliteCounts(target)).toEqual(FILLED);
    expect(await readAll(openSqlite(target))).toEqual(source.read);

    const before = readFileSync(target);
    expect(await copyStore(sqlite(source.path), sqlite(target))).toMatchObject({ status: 'already-a-copy', rows: total });
    expect(sqliteCounts(target)).toEqual(FILLED);
    expect(readFileSync(target).equals(before)).toBe(true);

    // The same writes on both: each store numbers them after what it holds, so both read alike still.
    const [from, to] = [openSqlite(source.path, clock()), openSqlite(target, clock())];
    await writeAfterTheCopy(from);
    await writeAfterTheCopy(to);
    expect(await readAll(to)).toEqual(await readAll(from));
  });

  test('a target holding other data: refused, and left as it was', async () => {
    const source = await filledSource();
    const target = newFile();
    const other = openSqlite(target);
    await other.recordAsked({ guildId: GUILD, entryId: 'a-b' });
    const was = await readAll(other);
    await other.close();
    const refused = await copyStore(sqlite(source.path), sqlite(target)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreCopyError);
    expect(refused).toMatchObject({ reason: 'target-not-empty', message: `${target} already holds other data (entry_stats: 1 row there, 4 in the source): nothing was written. Copy into an empty database.` });
    expect(sqliteCounts(target)).toEqual({ votes: 0, questions_log: 0, entry_stats: 1, entry_revisions: 0, entry_overrides: 0, vocabulary_revisions: 0 });
    expect(await readAll(openSqlite(target))).toEqual(was);
  });

  test('a target holding as many rows, but not the same: refused', async () => {
    const source = await filledSource();
    const target = newFile();
    await copyStore(sqlite(source.path), sqlite(target));
    const db = new Database(target);
    db.prepare("UPDATE entry_revisions SET author_name = 'Mallory' WHERE revision = 1").run();
    db.close();
    await expect(copyStore(sqlite(source.path), sqlite(target))).rejects.toThrow(/already holds other data \(entry_revisions: 4 of its 9 rows differ from the source's\)/);
  });

  test('an empty store copied: a copy of nothing; the second time, already a copy', async () => {
    const [source, target] = [newFile(), newFile()];
    await openSqlite(source).close();
    expect(await copyStore(sqlite(source), sqlite(target))).toMatchObject({ status: 'already-a-copy', rows: 0 });
    expect(sqliteCounts(target)).toEqual({ votes: 0, questions_log: 0, entry_stats: 0, entry_revisions: 0, entry_overrides: 0, vocabulary_revisions: 0 });
  });
});

describe('copyStore refusals', () => {
  test('the same file, however spelt: refused', async () => {
    const { path } = await filledSource();
    const roundabout = `${dir}/x/../${basename(path)}`;
    const linked = join(dir, 'link.db');
    symlinkSync(path, linked);
    expect(sameDatabase(sqlite(path), sqlite(roundabout))).toBe(true);
    expect(sameDatabase(sqlite(linked), sqlite(path))).toBe(true);
    expect(sameDatabase(sqlite(path), sqlite(newFile()))).toBe(false);
    await expect(copyStore(sqlite(path), sqlite(linked))).rejects.toMatchObject({ reason: 'same-database' });
    const url = 'postgres://postgres:secret@127.0.0.1:5432/paa';
    expect(sameDatabase({ kind: 'postgres', url, display: '' }, { kind: 'postgres', url: 'postgresql://other@localhost/paa', display: '' })).toBe(true);
    expect(sameDatabase({ kind: 'postgres', url, display: '' }, { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/paa2', display: '' })).toBe(false);
  });

  test('a source that does not exist: refused, and not created', async () => {
    const missing = join(dir, 'typo', 'paa.db');
    const target = join(dir, 'never-written', 'paa.db');
    await expect(copyStore(sqlite(missing), sqlite(target))).rejects.toMatchObject({
      reason: 'no-source',
      message: `There is no database at ${missing} to copy from (nothing was created): give the bot's database file.`,
    });
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    expect(existsSync(join(dir, 'never-written'))).toBe(false);
    await expect(copyStore(sqlite(':memory:'), sqlite(newFile()))).rejects.toMatchObject({ reason: 'no-source' });
  });

  test("a source that is another program's SQLite database, or no database at all: refused, and left alone", async () => {
    const other = newFile();
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    await expect(copyStore(sqlite(other), sqlite(newFile()))).rejects.toMatchObject({ reason: 'no-source', message: expect.stringContaining('is not the bot\'s database') });
    const check = new Database(other, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'notes' }]);
    check.close();

    const notes = join(dir, 'notes.db');
    writeFileSync(notes, 'my notes, not a database\n');
    await expect(copyStore(sqlite(notes), sqlite(newFile()))).rejects.toThrow(/^Cannot copy from .*notes\.db: .*notes\.db is not a SQLite database/);
    expect(readFileSync(notes, 'utf8')).toBe('my notes, not a database\n');
  });
});

describe.skipIf(!(await postgresAvailable()))('copyStore between SQLite and PostgreSQL', () => {
  test('SQLite to PostgreSQL: every read the same; a second run writes nothing; new writes get new ids; and back to SQLite', async () => {
    const source = await filledSource();
    const database = await testDatabase();
    expect(await copyStore(sqlite(source.path), postgres(database))).toEqual({ status: 'copied', tables: reported(FILLED), rows: total });
    expect(await postgresCounts(database)).toEqual(FILLED);
    const target = await openPostgres(database, clock());
    expect(await readAll(target)).toEqual(source.read);
    // The copied changes, in the source's order and numbering.
    expect((await target.changesSince(0)).changes).toEqual((source.read.changesSince as { changes: unknown[] }).changes);
    expect((await target.changesSince(0)).sequence).toBe(FILLED.entry_revisions);

    expect(await copyStore(sqlite(source.path), postgres(database))).toEqual({ status: 'already-a-copy', tables: reported(FILLED), rows: total });
    expect(await postgresCounts(database)).toEqual(FILLED);

    // Writes after the copy: new questions_log ids and change ids (the sequences were moved past the copied ones).
    const from = openSqlite(source.path, clock());
    await writeAfterTheCopy(from);
    await writeAfterTheCopy(target);
    expect(await readAll(target)).toEqual(await readAll(from));
    const changes = await target.changesSince(FILLED.entry_revisions);
    expect(changes).toEqual({ sequence: FILLED.entry_revisions + 2, changes: [{ guildId: OTHER_GUILD, entryId: 'after-the-copy' }, { guildId: GUILD, entryId: 'a-b' }] });
    expect((await database.query<{ id: string }>('SELECT max(id) AS id FROM questions_log')).rows[0]!.id).toBe(String(FILLED.questions_log + 2));

    // PostgreSQL to SQLite: the same again.
    const back = newFile();
    expect(await copyStore(postgres(database), sqlite(back))).toMatchObject({ status: 'copied' });
    expect(await readAll(openSqlite(back))).toEqual(await readAll(target));
  });

  test('the JSON of entries and vocabularies is copied as its text, byte for byte', async () => {
    const source = await filledSource();
    const database = await testDatabase();
    await copyStore(sqlite(source.path), postgres(database));
    const db = new Database(source.path, { readonly: true });
    const sqliteRows = db.prepare('SELECT before_json, after_json FROM entry_revisions ORDER BY rowid').all();
    const sqliteGroups = db.prepare('SELECT groups_json FROM vocabulary_revisions ORDER BY rowid').all();
    const sqliteSuggestions = db.prepare('SELECT suggestions FROM questions_log ORDER BY id').all();
    db.close();
    expect((await database.query('SELECT before_json::text, after_json::text FROM entry_revisions ORDER BY change_id')).rows).toEqual(sqliteRows);
    expect((await database.query('SELECT groups_json::text FROM vocabulary_revisions ORDER BY change_id')).rows).toEqual(sqliteGroups);
    expect((await database.query('SELECT suggestions::text FROM questions_log ORDER BY id')).rows).toEqual(sqliteSuggestions);
  });

  test('a PostgreSQL target holding other data: refused, and left as it was', async () => {
    const source = await filledSource();
    const database = await testDatabase();
    const other = await openPostgres(database);
    await other.recordVote({ guildId: GUILD, channelId: CHANNEL, userId: alice.id, entryId: 'a-b', value: 1 });
    await other.saveVocabulary({ guildId: GUILD, groups: [['mine', 'ours']], expectedRevision: 0, author: alice });
    const was = await readAll(other);
    await expect(copyStore(sqlite(source.path), postgres(database))).rejects.toMatchObject({
      reason: 'target-not-empty',
      message: `${database.url} already holds other data (votes: 1 row there, 5 in the source): nothing was written. Copy into an empty database.`,
    });
    expect(await postgresCounts(database)).toEqual({ votes: 1, questions_log: 0, entry_stats: 0, entry_revisions: 0, entry_overrides: 0, vocabulary_revisions: 1 });
    expect(await readAll(other)).toEqual(was);
    // Refused without using up ids: the next write is numbered as if the copy had never been tried.
    await other.saveVocabulary({ guildId: GUILD, groups: [['mine', 'theirs']], expectedRevision: 1, author: alice });
    expect((await other.vocabularyChangesSince(0)).sequence).toBe(2);
  });

  test('PostgreSQL source with no store of the bot: refused, nothing created in it', async () => {
    const empty = await testDatabase();
    await expect(copyStore(postgres(empty), sqlite(newFile()))).rejects.toMatchObject({ reason: 'no-source' });
    expect((await empty.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]).toEqual({ n: '0' });
  });

  test('a running bot on the target hears of the copied knowledge', async () => {
    const source = await filledSource();
    const database = await testDatabase();
    const bot = await openPostgres(database);
    let heard = 0;
    const listening = new Promise<void>((resolve) => bot.subscribe!(() => (++heard === 1 ? resolve() : undefined)));
    await listening; // once when it starts listening
    const announced = new Promise<void>((resolve) => bot.subscribe!(resolve));
    await copyStore(sqlite(source.path), postgres(database));
    await announced;
    expect(await bot.guildsWithOverrides()).toEqual([GUILD, OTHER_GUILD]);
  });
});
