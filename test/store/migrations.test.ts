import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../src/store/migrations.js';
import type { Migration } from '../../src/store/migrations.js';
import { refusal, setup } from './setup.js';

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

function versions(db: Database.Database): { version: number; name: string }[] {
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
}

describe('the migrations, given a new database', () => {
  test('create every table and record every version', async () => {
    const { path, open } = setup();
    await (await open()).close();
    const db = new Database(path);
    expect(tables(db)).toEqual(['entry_overrides', 'entry_revisions', 'entry_stats', 'questions_log', 'schema_migrations', 'vocabulary_revisions', 'votes']);
    expect(versions(db)).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    const appliedAt = db.prepare('SELECT applied_at FROM schema_migrations').pluck().all() as string[];
    for (const at of appliedAt) expect(new Date(at).toISOString()).toBe(at);
    db.close();
  });

  test('are numbered 1, 2, 3… with distinct names', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });
});

describe('the migrations, given a database already up to date', () => {
  test('apply nothing on reopen and keep the data', async () => {
    const { path, open } = setup();
    const store = await open();
    await store.recordAsked({ guildId: null, entryId: 'e' });
    await store.close();
    await (await open()).close();
    const db = new Database(path);
    expect(versions(db)).toHaveLength(MIGRATIONS.length);
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('SELECT asked_count FROM entry_stats').pluck().get()).toBe(1);
    db.close();
  });
});

describe('the migrations, given a database from an older version', () => {
  test('apply only the missing ones', async () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(tables(db)).toContain('entry_stats');
    db.close();
  });
});

describe('the migrations, given a database from before knowledge edits (version 3)', () => {
  test('add the knowledge tables and keep what was there', async () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 3));
    db.prepare("INSERT INTO entry_stats VALUES ('g', 'e', 7, 0)").run();
    expect(migrate(db)).toEqual([4, 5, 6]);
    expect(tables(db)).toEqual(expect.arrayContaining(['entry_overrides', 'entry_revisions']));
    expect(db.prepare('SELECT asked_count FROM entry_stats').pluck().get()).toBe(7);
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});

describe('the migrations, given a database from before synonyms (version 5)', () => {
  test('add the vocabulary table and keep the entry history', async () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 5));
    db.prepare("INSERT INTO entry_revisions VALUES ('g', 'e', 1, 'add', NULL, '{}', 'u', 'U', 0)").run();
    expect(migrate(db)).toEqual([6]);
    expect(tables(db)).toContain('vocabulary_revisions');
    expect(db.prepare('SELECT count(*) FROM entry_revisions').pluck().get()).toBe(1);
    db.close();
  });
});

describe('the vocabulary table, written to directly', () => {
  const insert = (db: Database.Database) =>
    db.prepare(
      "INSERT INTO vocabulary_revisions (guild_id, revision, action, groups_json, restored_from, author_id, author_name, created_at) VALUES ('g', ?, ?, ?, ?, 'u', 'U', 0)",
    );

  test.each([
    ['revision 0', 0, 'edit', '[]', null],
    ['an unknown action', 1, 'rename', '[]', null],
    ['groups that are not JSON', 1, 'edit', 'not json', null],
    ['groups that are not a list', 1, 'edit', '{}', null],
    ['a restore that names no revision', 1, 'restore', '[]', null],
    ['an edit that names a restored revision', 1, 'edit', '[]', 1],
  ])('refuses a row with %s', async (_case, revision, action, groups, restoredFrom) => {
    const db = new Database(':memory:');
    migrate(db);
    expect(() => insert(db).run(revision, action, groups, restoredFrom)).toThrow(/CHECK|JSON/i);
    db.close();
  });

  test('refuses a revision number used twice in a guild', async () => {
    const db = new Database(':memory:');
    migrate(db);
    insert(db).run(1, 'edit', '[]', null);
    expect(() => insert(db).run(1, 'edit', '[]', null)).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('the knowledge tables, written to directly', () => {
  function knowledgeDb() {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    const revision = db.prepare(
      "INSERT INTO entry_revisions (guild_id, entry_id, revision, action, before_json, after_json, author_id, author_name, created_at) VALUES ('g', 'e', ?, ?, ?, ?, 'u', 'U', 0)",
    );
    const override = db.prepare("INSERT INTO entry_overrides VALUES ('g', 'e', ?, ?, ?, 0, 'u', 'U')");
    return { db, revision, override };
  }

  test('refuse a current state that points at no revision', async () => {
    const { db, override } = knowledgeDb();
    expect(() => override.run(1, '{}', 0)).toThrow(/FOREIGN KEY/);
    db.close();
  });

  test.each([
    ['an add with something before it', 1, 'add', '{}', '{}'],
    ['a removal that leaves something', 1, 'remove', '{}', '{}'],
    ['an unknown action', 1, 'rename', null, '{}'],
    ['revision 0', 0, 'add', null, '{}'],
    ['an entry that is not JSON', 1, 'add', null, 'not json'],
  ])('refuse a revision row with %s', async (_case, number, action, before, after) => {
    const { db, revision } = knowledgeDb();
    expect(() => revision.run(number, action, before, after)).toThrow(/CHECK|JSON/i);
    db.close();
  });

  test('refuse a hidden flag that disagrees with the state', async () => {
    const { db, revision, override } = knowledgeDb();
    revision.run(1, 'add', null, '{}');
    expect(() => override.run(1, '{}', 1)).toThrow(/CHECK/);
    expect(() => override.run(1, null, 0)).toThrow(/CHECK/);
    db.close();
  });
});

describe('the migrations, given a database from a newer version of the bot', () => {
  test('refuse to open it, saying so', async () => {
    const { path, open } = setup();
    await (await open()).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(LATEST_VERSION + 1, 'from_the_future');
    db.close();

    const error = await refusal(() => open());
    expect(error.code).toBe('schema-too-new');
    expect(error.message).toContain(`schema version ${LATEST_VERSION + 1}`);
    expect(error.message).toContain(`only knows up to ${LATEST_VERSION}`);
  });
});

describe('the migrations, given a database from another branch', () => {
  test('refuse a version whose name differs', async () => {
    const db = new Database(':memory:');
    migrate(db, [{ version: 1, name: 'something_else', up: (d) => d.exec('CREATE TABLE t (x)') }]);
    expect((await refusal(() => migrate(db))).code).toBe('schema-diverged');
    db.close();
  });
});

describe('the migrations, given a failing step', () => {
  test('roll that step back entirely and keep the earlier ones', async () => {
    const db = new Database(':memory:');
    const failing: Migration[] = [
      MIGRATIONS[0]!,
      { version: 2, name: 'half_done', up: (d) => d.exec('CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);') },
    ];
    const error = await refusal(() => migrate(db, failing));
    expect(error.code).toBe('migration-failed');
    expect(error.message).toContain('no such table: nowhere');
    expect(tables(db)).not.toContain('half');
    expect(versions(db).map((v) => v.version)).toEqual([1]);
    db.close();
  });

  test.each([
    ['out of order', [2, 1]],
    ['repeated', [1, 1]],
    ['not integers', [1.5]],
  ])('refuse a list whose versions are %s', async (_case, list) => {
    const db = new Database(':memory:');
    const migrations = list.map((version) => ({ version, name: `m${version}`, up: () => {} }));
    expect(() => migrate(db, migrations)).toThrow(/strictly increasing/);
    db.close();
  });
});
