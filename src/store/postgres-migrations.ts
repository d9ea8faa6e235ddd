import type pg from 'pg';
import { StoreError, storeErrors } from './errors.js';
import { inClientTransaction } from './postgres-open.js';

/** One step of the PostgreSQL schema: the same versions and names as SQLite's (migrations.ts), in PostgreSQL's dialect. */
export interface PostgresMigration {
  version: number;
  /** Short and stable: stored, and compared on every open to catch a database from another branch. */
  name: string;
  sql: string;
}

// ─── The schema, in order ─────────────────────────────────────────────────────────────────────────
// The same tables and constraints as migrations.ts, so both stores answer alike:
// - Text that is compared, grouped or sorted is COLLATE "C": byte order, as SQLite's BINARY collation, rather than
//   the database's locale (which would sort "what-is-x" among "whatis…" by ignoring the hyphen).
// - Times are BIGINT milliseconds since the epoch, as in SQLite (pg returns BIGINT as a string: the store converts).
// - Entries and vocabularies are JSON, not JSONB: JSON validates and keeps the text exactly as written (JSONB would
//   reorder keys), so what is read back is what SQLite would read back.
// - Revision tables carry a `change_id` where SQLite uses the rowid, to order changes for other processes; see
//   CHANGES_LOCK in postgres-knowledge.ts for why it never skips one.

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'votes',
    sql: `
      CREATE TABLE votes (
        guild_id   TEXT COLLATE "C" NOT NULL,
        entry_id   TEXT COLLATE "C" NOT NULL,
        user_id    TEXT COLLATE "C" NOT NULL,
        channel_id TEXT    NOT NULL,
        value      INTEGER NOT NULL CHECK (value IN (1, -1)),
        query      TEXT,
        query_key  TEXT COLLATE "C",
        created_at BIGINT  NOT NULL,
        updated_at BIGINT  NOT NULL,
        -- One vote per user per entry per guild; the (guild_id, entry_id) prefix also serves the tally.
        PRIMARY KEY (guild_id, entry_id, user_id)
      );
      CREATE INDEX votes_down_by_query ON votes (guild_id, query_key) WHERE value = -1 AND query_key IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'questions_log',
    sql: `
      CREATE TABLE questions_log (
        id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        guild_id    TEXT COLLATE "C" NOT NULL,
        channel_id  TEXT   NOT NULL,
        user_id     TEXT   NOT NULL,
        query       TEXT   NOT NULL,
        query_key   TEXT COLLATE "C" NOT NULL,
        outcome     TEXT   NOT NULL CHECK (outcome IN ('decline', 'suggest')),
        suggestions JSON   NOT NULL DEFAULT '[]',
        created_at  BIGINT NOT NULL
      );
      CREATE INDEX questions_log_by_query ON questions_log (guild_id, query_key);
    `,
  },
  {
    version: 3,
    name: 'entry_stats',
    sql: `
      CREATE TABLE entry_stats (
        guild_id      TEXT COLLATE "C" NOT NULL,
        entry_id      TEXT COLLATE "C" NOT NULL,
        asked_count   INTEGER NOT NULL,
        last_asked_at BIGINT  NOT NULL,
        PRIMARY KEY (guild_id, entry_id)
      );
    `,
  },
  {
    // Every change to an entry in a guild, numbered 1, 2, 3… per (guild, entry), never updated or deleted.
    version: 4,
    name: 'entry_revisions',
    sql: `
      CREATE TABLE entry_revisions (
        guild_id    TEXT COLLATE "C" NOT NULL,
        entry_id    TEXT COLLATE "C" NOT NULL,
        revision    INTEGER NOT NULL CHECK (revision >= 1),
        action      TEXT    NOT NULL CHECK (action IN ('add', 'edit', 'remove', 'restore', 'import')),
        before_json JSON,
        after_json  JSON,
        author_id   TEXT    NOT NULL,
        author_name TEXT    NOT NULL,
        created_at  BIGINT  NOT NULL,
        change_id   BIGINT  GENERATED ALWAYS AS IDENTITY UNIQUE,
        PRIMARY KEY (guild_id, entry_id, revision),
        CHECK (action <> 'add' OR before_json IS NULL),
        CHECK (action <> 'remove' OR after_json IS NULL)
      );
    `,
  },
  {
    // A guild's current version of each entry it changed: the latest revision's outcome. The foreign key makes
    // "the current state points at a revision in the history" a property of the database, not only of the code.
    version: 5,
    name: 'entry_overrides',
    sql: `
      CREATE TABLE entry_overrides (
        guild_id        TEXT COLLATE "C" NOT NULL,
        entry_id        TEXT COLLATE "C" NOT NULL,
        revision        INTEGER NOT NULL,
        state           JSON,
        hidden          BOOLEAN NOT NULL CHECK (hidden = (state IS NULL)),
        updated_at      BIGINT  NOT NULL,
        updated_by_id   TEXT    NOT NULL,
        updated_by_name TEXT    NOT NULL,
        PRIMARY KEY (guild_id, entry_id),
        FOREIGN KEY (guild_id, entry_id, revision) REFERENCES entry_revisions (guild_id, entry_id, revision)
      );
    `,
  },
  {
    // Each guild's vocabulary as one versioned document, numbered 1, 2, 3… per guild; the latest is the current one.
    version: 6,
    name: 'vocabulary_revisions',
    sql: `
      CREATE TABLE vocabulary_revisions (
        guild_id      TEXT COLLATE "C" NOT NULL,
        revision      INTEGER NOT NULL CHECK (revision >= 1),
        action        TEXT    NOT NULL CHECK (action IN ('edit', 'restore', 'import')),
        groups_json   JSON    NOT NULL CHECK (json_typeof(groups_json) = 'array'),
        restored_from INTEGER CHECK ((action = 'restore') = (restored_from IS NOT NULL)),
        author_id     TEXT    NOT NULL,
        author_name   TEXT    NOT NULL,
        created_at    BIGINT  NOT NULL,
        change_id     BIGINT  GENERATED ALWAYS AS IDENTITY UNIQUE,
        PRIMARY KEY (guild_id, revision)
      );
    `,
  },
];

/** The schema version this code writes. */
export const POSTGRES_LATEST_VERSION = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;

/**
 * The advisory lock (transaction-level) every migration step runs under: when the bot and a CLI open the same
 * database at once, the second waits, then sees the migration applied instead of applying it twice.
 */
const MIGRATION_LOCK = 7_061_610_001;

// ─── Applying them ────────────────────────────────────────────────────────────────────────────────

/**
 * Brings the database up to the last of `migrations`, each in its own transaction, recording each in
 * `schema_migrations` (created if missing: a shared database may hold other applications' tables, which are left
 * alone). Safe to run on every open: applied migrations are skipped.
 *
 * @returns the versions applied by this call.
 * @throws {StoreError} `schema-too-new`, `schema-diverged`, `migration-failed`, as SQLite's `migrate`.
 */
export async function migratePostgres(client: pg.ClientBase, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  const already = await underMigrationLock(client, async () => {
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )
    `);
    return checkedApplied(client, migrations);
  });
  const done: number[] = [];
  for (const migration of migrations) {
    if (already.has(migration.version)) continue;
    try {
      await underMigrationLock(client, async () => {
        // Looked at again under the lock: another process may have applied it since.
        if ((await checkedApplied(client, migrations)).has(migration.version)) return;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        done.push(migration.version);
      });
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw storeErrors.migrationFailed(migration.version, migration.name, error);
    }
  }
  return done;
}

function underMigrationLock<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  return inClientTransaction(client, work, [`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`]);
}

/** The applied migrations, by version, once checked to be ones this code can work with. */
async function checkedApplied(client: pg.ClientBase, migrations: readonly PostgresMigration[]): Promise<Map<number, string>> {
  const { rows } = await client.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations');
  const applied = new Map(rows.map((row) => [row.version, row.name]));
  const known = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied.keys());
  if (newest > known) throw storeErrors.schemaTooNew(newest, known);
  for (const { version, name } of migrations) {
    const dbName = applied.get(version);
    if (dbName !== undefined && dbName !== name) throw storeErrors.schemaDiverged(version, dbName, name);
  }
  return applied;
}
