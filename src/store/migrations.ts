import { StoreError, storeErrors } from './errors.js';

/**
 * The little of a SQLite connection that migrations need. Declared here rather than imported so that only
 * `sqlite-store.ts` depends on the driver; a better-sqlite3 `Database` satisfies it as is.
 */
export interface MigrationDb {
  exec(sql: string): unknown;
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
  readonly inTransaction: boolean;
}

/** One step of the schema. Versions only ever grow; a released migration is never edited, only followed. */
export interface Migration {
  version: number;
  /** Short and stable: it is stored, and compared on every open to catch a database from another branch. */
  name: string;
  up(db: MigrationDb): void;
}

// ─── The schema, in order ─────────────────────────────────────────────────────────────────────────
// Conventions: tables are plural nouns grouped by prefix (entry_* belongs to knowledge entries, vocabulary_* to
// synonym groups). Guild ids are TEXT, '' for DMs (see store.ts). Times are INTEGER milliseconds since the epoch,
// except applied_at, which is ISO text for a person reading the file. Entries are stored as JSON text of the
// Entry type (see knowledge-store.ts), vocabularies as JSON text of a list of groups.

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'votes',
    up: (db) =>
      db.exec(`
        CREATE TABLE votes (
          guild_id   TEXT    NOT NULL,
          entry_id   TEXT    NOT NULL,
          user_id    TEXT    NOT NULL,
          channel_id TEXT    NOT NULL,
          value      INTEGER NOT NULL CHECK (value IN (1, -1)),
          query      TEXT,
          query_key  TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          -- One vote per user per entry per guild; the (guild_id, entry_id) prefix also serves the tally.
          PRIMARY KEY (guild_id, entry_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX votes_down_by_query ON votes (guild_id, query_key) WHERE value = -1 AND query_key IS NOT NULL;
      `),
  },
  {
    version: 2,
    name: 'questions_log',
    up: (db) =>
      db.exec(`
        CREATE TABLE questions_log (
          id          INTEGER PRIMARY KEY,
          guild_id    TEXT    NOT NULL,
          channel_id  TEXT    NOT NULL,
          user_id     TEXT    NOT NULL,
          query       TEXT    NOT NULL,
          query_key   TEXT    NOT NULL,
          outcome     TEXT    NOT NULL CHECK (outcome IN ('decline', 'suggest')),
          suggestions TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(suggestions)),
          created_at  INTEGER NOT NULL
        );
        CREATE INDEX questions_log_by_query ON questions_log (guild_id, query_key);
      `),
  },
  {
    version: 3,
    name: 'entry_stats',
    up: (db) =>
      db.exec(`
        CREATE TABLE entry_stats (
          guild_id      TEXT    NOT NULL,
          entry_id      TEXT    NOT NULL,
          asked_count   INTEGER NOT NULL,
          last_asked_at INTEGER NOT NULL,
          PRIMARY KEY (guild_id, entry_id)
        ) WITHOUT ROWID;
      `),
  },
  {
    // The history of moderators' knowledge edits: every change to an entry in a guild, numbered 1, 2, 3… per
    // (guild, entry), never updated or deleted. A rowid table, not WITHOUT ROWID: a row holds two entries of up to
    // a few KB each, too big for the clustered b-tree to pay off.
    version: 4,
    name: 'entry_revisions',
    up: (db) =>
      db.exec(`
        CREATE TABLE entry_revisions (
          guild_id    TEXT    NOT NULL,
          entry_id    TEXT    NOT NULL,
          revision    INTEGER NOT NULL CHECK (revision >= 1),
          action      TEXT    NOT NULL CHECK (action IN ('add', 'edit', 'remove', 'restore', 'import')),
          before_json TEXT    CHECK (before_json IS NULL OR json_valid(before_json)),
          after_json  TEXT    CHECK (after_json IS NULL OR json_valid(after_json)),
          author_id   TEXT    NOT NULL,
          author_name TEXT    NOT NULL,
          created_at  INTEGER NOT NULL,
          PRIMARY KEY (guild_id, entry_id, revision),
          CHECK (action <> 'add' OR before_json IS NULL),
          CHECK (action <> 'remove' OR after_json IS NULL)
        );
      `),
  },
  {
    // A guild's current version of each entry it changed: the latest revision's outcome, kept beside the history so
    // loading a guild's knowledge reads one row per entry. Shipped entries a guild never touched have no row.
    // The foreign key makes "the current state points at a revision in the history" a property of the file, not
    // only of the code: a state row can't exist without the revision that produced it.
    version: 5,
    name: 'entry_overrides',
    up: (db) =>
      db.exec(`
        CREATE TABLE entry_overrides (
          guild_id        TEXT    NOT NULL,
          entry_id        TEXT    NOT NULL,
          revision        INTEGER NOT NULL,
          state           TEXT    CHECK (state IS NULL OR json_valid(state)),
          hidden          INTEGER NOT NULL CHECK (hidden = (state IS NULL)),
          updated_at      INTEGER NOT NULL,
          updated_by_id   TEXT    NOT NULL,
          updated_by_name TEXT    NOT NULL,
          PRIMARY KEY (guild_id, entry_id),
          FOREIGN KEY (guild_id, entry_id, revision) REFERENCES entry_revisions (guild_id, entry_id, revision)
        );
      `),
  },
  {
    // Each guild's vocabulary (synonym groups) as one versioned document: every revision holds the whole list of
    // groups, numbered 1, 2, 3… per guild, never updated or deleted. The latest revision is the current one (the
    // primary key finds it), so there is no separate "current" row to keep in step. A guild without a row sees
    // the shipped groups. The rowid orders changes for other processes (vocabularyChangesSince).
    version: 6,
    name: 'vocabulary_revisions',
    up: (db) =>
      db.exec(`
        CREATE TABLE vocabulary_revisions (
          guild_id      TEXT    NOT NULL,
          revision      INTEGER NOT NULL CHECK (revision >= 1),
          action        TEXT    NOT NULL CHECK (action IN ('edit', 'restore', 'import')),
          groups_json   TEXT    NOT NULL CHECK (json_valid(groups_json) AND json_type(groups_json) = 'array'),
          restored_from INTEGER CHECK ((action = 'restore') = (restored_from IS NOT NULL)),
          author_id     TEXT    NOT NULL,
          author_name   TEXT    NOT NULL,
          created_at    INTEGER NOT NULL,
          PRIMARY KEY (guild_id, revision)
        );
      `),
  },
];

/** The schema version this code writes. */
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

// ─── Applying them ────────────────────────────────────────────────────────────────────────────────

/**
 * Brings the database up to the last of `migrations`, each in its own transaction, recording each in
 * `schema_migrations`. Safe to run on every open: applied migrations are skipped.
 *
 * @returns the versions applied by this call.
 * @throws {StoreError} `schema-too-new` if the database knows a later version than the code,
 *   `schema-diverged` if an applied version has another name, `migration-failed` if a step throws.
 */
export function migrate(db: MigrationDb, migrations: readonly Migration[] = MIGRATIONS): number[] {
  assertOrdered(migrations);
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )
  `);
  const applied = (): Map<number, string> =>
    new Map((db.prepare('SELECT version, name FROM schema_migrations').all() as { version: number; name: string }[]).map((r) => [r.version, r.name]));

  checkCompatible(applied(), migrations);
  const done: number[] = [];
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before looking: when the bot and a CLI open the same file at once, the
    // second waits (busy_timeout), then sees the migration already applied instead of applying it twice.
    db.exec('BEGIN IMMEDIATE');
    try {
      const now = applied();
      checkCompatible(now, migrations);
      if (!now.has(migration.version)) {
        migration.up(db);
        db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(migration.version, migration.name);
        done.push(migration.version);
      }
      db.exec('COMMIT');
    } catch (error) {
      // SQLite rolls back by itself on some errors (disk full, I/O); a second ROLLBACK would hide the cause.
      if (db.inTransaction) db.exec('ROLLBACK');
      if (error instanceof StoreError) throw error;
      throw storeErrors.migrationFailed(migration.version, migration.name, error);
    }
  }
  return done;
}

function checkCompatible(applied: Map<number, string>, migrations: readonly Migration[]): void {
  const known = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied.keys());
  if (newest > known) throw storeErrors.schemaTooNew(newest, known);
  for (const { version, name } of migrations) {
    const dbName = applied.get(version);
    if (dbName !== undefined && dbName !== name) throw storeErrors.schemaDiverged(version, dbName, name);
  }
}

/** A programming error, not a runtime one: caught by the first test that opens a store. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`Migrations must have strictly increasing integer versions; ${m.version} "${m.name}" follows ${previous}.`);
    }
  });
}
