import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, storeErrors } from './errors.js';
import type { KnowledgeStore } from './knowledge-store.js';
import { migrate } from './migrations.js';
import { createSqliteKnowledge } from './sqlite-knowledge.js';
import { guildKey, normaliseQuery } from './store.js';
import type { BackupOptions, BotStore, UnansweredInput, UnansweredQuery, VoteInput, VoteResult, VoteTally } from './store.js';

/** How long a write waits for another process's lock (the bot and a `kb` CLI on one file) before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;
/** How long the health probe (`writable`) waits for another process's write lock. */
const PROBE_BUSY_TIMEOUT_MS = 200;

export interface SqliteStoreOptions {
  /** The clock, in milliseconds since the epoch; tests inject one to order events. Default `Date.now`. */
  now?: () => number;
  /**
   * Refuse to create the database: for a tool that only makes sense on the bot's existing one (a backup), where a
   * mistyped DATABASE_URL should say so rather than back up a new empty file. Default false.
   */
  mustExist?: boolean;
}

/**
 * Opens (creating if needed) the SQLite store at `path`, or an in-memory one for `':memory:'`, and brings its
 * schema up to date. This is the only module that loads the SQLite driver; the knowledge half of the store
 * (`sqlite-knowledge.ts`) is handed the connection.
 *
 * @throws {StoreError} with a one-line message naming the file and what to do: `cannot-open` when its folder
 *   cannot be made or the file cannot be opened, `not-a-database` for a file that is not SQLite (or is damaged),
 *   and the schema codes when the database was written by a newer or diverging version of the bot.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): BotStore & KnowledgeStore {
  const now = options.now ?? Date.now;
  const db = openDatabase(path, options.mustExist ?? false);

  // ─── Statements, prepared once ──────────────────────────────────────────────────────────────────

  const findVote = db.prepare<[string, string, string], { value: number }>(
    'SELECT value FROM votes WHERE guild_id = ? AND entry_id = ? AND user_id = ?',
  );
  const upsertVote = db.prepare<
    [{ guild: string; entry: string; user: string; channel: string; value: number; query: string | null; key: string | null; at: number }]
  >(`
    INSERT INTO votes (guild_id, entry_id, user_id, channel_id, value, query, query_key, created_at, updated_at)
    VALUES (@guild, @entry, @user, @channel, @value, @query, @key, @at, @at)
    ON CONFLICT (guild_id, entry_id, user_id) DO UPDATE SET
      value = excluded.value,
      channel_id = excluded.channel_id,
      query = coalesce(excluded.query, votes.query),
      query_key = coalesce(excluded.query_key, votes.query_key),
      updated_at = excluded.updated_at
  `);
  const tally = db.prepare<[string, string], { up: number | null; down: number | null }>(`
    SELECT sum(value = 1) AS up, sum(value = -1) AS down FROM votes WHERE guild_id = ? AND entry_id = ?
  `);
  const insertQuestion = db.prepare<[string, string, string, string, string, string, string, number]>(`
    INSERT INTO questions_log (guild_id, channel_id, user_id, query, query_key, outcome, suggestions, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  `);
  const bumpAsked = db.prepare<[string, string, number]>(`
    INSERT INTO entry_stats (guild_id, entry_id, asked_count, last_asked_at) VALUES (?, ?, 1, ?)
    ON CONFLICT (guild_id, entry_id) DO UPDATE SET asked_count = asked_count + 1, last_asked_at = excluded.last_asked_at
  `);
  const askedCount = db.prepare<[string, string], { asked_count: number }>(
    'SELECT asked_count FROM entry_stats WHERE guild_id = ? AND entry_id = ?',
  );
  // A 👎 counts as an unanswered question: the bot answered, but not with what the person needed.
  const topUnanswered = db.prepare<[{ guild: string; limit: number }], { query: string; count: number; last: number; downvoted: number }>(`
    SELECT query_key AS query, count(*) AS count, max(at) AS last, max(downvoted) AS downvoted FROM (
      SELECT query_key, created_at AS at, 0 AS downvoted FROM questions_log WHERE guild_id = @guild
      UNION ALL
      SELECT query_key, updated_at AS at, 1 AS downvoted FROM votes WHERE guild_id = @guild AND value = -1 AND query_key IS NOT NULL
    )
    WHERE query_key <> ''
    GROUP BY query_key
    ORDER BY count DESC, last DESC, query ASC
    LIMIT @limit
  `);

  // IMMEDIATE: read-then-write under the write lock, so two processes can't both see "no vote yet".
  const vote = db.transaction((input: VoteInput): VoteResult => {
    const guild = guildKey(input.guildId);
    const previous = findVote.get(guild, input.entryId, input.userId);
    if (previous?.value === input.value) return { recorded: false, changed: false };
    const query = input.query ?? null;
    upsertVote.run({
      guild,
      entry: input.entryId,
      user: input.userId,
      channel: input.channelId,
      value: input.value,
      query,
      key: query === null ? null : normaliseQuery(query),
      at: now(),
    });
    return { recorded: true, changed: previous !== undefined };
  });

  return {
    ...createSqliteKnowledge(db, now),

    recordVote: (input) => vote.immediate(input),

    recordUnanswered(input: UnansweredInput) {
      insertQuestion.run(
        guildKey(input.guildId),
        input.channelId,
        input.userId,
        input.query,
        normaliseQuery(input.query),
        input.outcome,
        JSON.stringify(input.suggestions),
        now(),
      );
    },

    recordAsked({ guildId, entryId }) {
      bumpAsked.run(guildKey(guildId), entryId, now());
    },

    timesAsked(guildId, entryId) {
      return askedCount.get(guildKey(guildId), entryId)?.asked_count ?? 0;
    },

    votesFor(guildId, entryId): VoteTally {
      const row = tally.get(guildKey(guildId), entryId);
      // sum() over no rows is NULL in SQL.
      return { up: row?.up ?? 0, down: row?.down ?? 0 };
    },

    unanswered(guildId, limit): UnansweredQuery[] {
      if (!Number.isInteger(limit) || limit <= 0) return [];
      return topUnanswered
        .all({ guild: guildKey(guildId), limit })
        .map((row) => ({ query: row.query, count: row.count, lastAskedAt: new Date(row.last), downvoted: row.downvoted === 1 }));
    },

    backup: (file, backupOptions) => backupDatabase(db, path, file, backupOptions),

    writable() {
      if (!db.open) return false;
      // Takes the write lock and lets it go: what any write needs first. It waits briefly, not the full busy
      // timeout: the probe runs on the bot's only thread, and a health check should not stall the answers.
      db.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
      try {
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
        return true;
      } catch {
        return false;
      } finally {
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    },

    close() {
      if (!db.open) return;
      // The last connection to close checkpoints by itself; a `kb` CLI may still hold one, so ask for it here.
      // PASSIVE: as much as it can without waiting for that CLI's readers (shutdown has a deadline).
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // A busy or read-only database keeps its WAL; the next open replays it. Closing matters more.
      }
      db.close();
    },
  };
}

// ─── Opening ──────────────────────────────────────────────────────────────────────────────────────

/** The connection, set up for the bot (WAL, foreign keys, busy timeout) and migrated; every failure a StoreError. */
function openDatabase(path: string, mustExist: boolean): Database.Database {
  if (path === ':memory:') {
    if (mustExist) throw storeErrors.noDatabase(path);
  } else {
    if (!mustExist) ensureFolder(dirname(resolve(path)), path);
    const stats = statIfAny(path, path);
    if (stats?.isDirectory()) throw storeErrors.databaseIsFolder(path);
    if (!stats && mustExist) throw storeErrors.noDatabase(path);
  }
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw fromSqlite(path, error);
  }
  try {
    // WAL + synchronous=NORMAL: a commit is in the WAL file before the call returns, so a crashed or kill -9'd
    // process loses nothing it committed; only an OS crash or power loss can drop the last few transactions
    // (FULL would fsync every commit to close that gap, at a cost we don't need). WAL also lets readers run
    // while the bot writes. In-memory databases ignore it and report 'memory'. A file that is not a database
    // fails here, on the first read.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw fromSqlite(path, error);
  }
}

/** A failure of the driver while opening `path`, as the StoreError a person can act on; anything else as it is. */
function fromSqlite(path: string, error: unknown): unknown {
  if (error instanceof StoreError || !(error instanceof Database.SqliteError)) return error;
  const code = error.code;
  if (code === 'SQLITE_NOTADB') return storeErrors.notADatabase(path, error);
  if (code.startsWith('SQLITE_CORRUPT')) return storeErrors.damaged(path, error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return storeErrors.busy(path, error);
  return storeErrors.cannotOpen(path, error);
}

/**
 * Makes the folder a database file goes in, one level at a time, each missing parent first. Not `mkdirSync`'s
 * `recursive`: on a path the system will never create (`/proc/x`), Node's recursive mkdir retries forever at full CPU.
 */
function ensureFolder(folder: string, database: string): void {
  const missing: string[] = [];
  for (let dir = folder; ; dir = dirname(dir)) {
    const stats = statIfAny(dir, database);
    if (stats?.isDirectory()) break;
    if (stats) throw storeErrors.notAFolder(dir, database);
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      // Another process (the bot and a CLI starting together) may have made it in between.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statIfAny(dir, database)?.isDirectory()) continue;
      throw storeErrors.cannotCreateFolder(dir, database, error);
    }
  }
}

/** What is at `path`, or undefined when nothing is (ENOTDIR: a file stands where a folder on the way should be). */
function statIfAny(path: string, database: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw storeErrors.cannotCreateFolder(path, database, error);
  }
}

// ─── Backup and restore ───────────────────────────────────────────────────────────────────────────

/**
 * Pages per step of the online backup: all of them. One step copies the whole database inside one read transaction,
 * so the copy is one moment of it however busy the bot is (in WAL mode a reader never blocks the writer); in small
 * steps, every write by another connection between two steps restarts the copy from the first page.
 */
const BACKUP_ALL_PAGES = 0x7fff_ffff;

/** The path as the file system knows it (symlinks resolved) when it exists, else absolute. */
function canonical(path: string): string {
  const absolute = resolve(path);
  return existsSync(absolute) ? realpathSync(absolute) : absolute;
}

async function backupDatabase(db: Database.Database, path: string, file: string, options: BackupOptions = {}): Promise<void> {
  const target = resolve(file);
  const folder = dirname(target);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw storeErrors.noSuchFolder(file, dirname(file));
  if (path !== ':memory:' && canonical(target) === canonical(path)) throw storeErrors.backupOntoItself(file);
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw storeErrors.backupFailed(file, new Error('it is a folder'));
  if (existing && !options.overwrite) throw storeErrors.backupTargetExists(file);
  // Written beside the target and renamed into place: a failed or interrupted backup never leaves half a file
  // under the name, nor replaces a good older backup.
  const partial = `${target}.partial`;
  try {
    rmSync(partial, { force: true });
    await db.backup(partial, { progress: () => BACKUP_ALL_PAGES });
    const copy = new Database(partial);
    try {
      // One self-contained file (no -wal beside it), which opens read-only anywhere; the store sets WAL again on open.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails its check: ${String(check)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error instanceof StoreError ? error : storeErrors.backupFailed(file, error);
  }
}

/** What {@link restoreSqliteBackup} did. */
export interface RestoreResult {
  /** Where the database as it was before now is (`<file>.before-restore`), or null when there was none. */
  previous: string | null;
}

/**
 * Replaces the database at `path` with the backup `file`, when no other process has the database open (the bot must be
 * stopped: it would go on with the old file's state in memory, and writes of an open connection to a replaced file are
 * lost). The backup is checked first (a SQLite database holding the bot's schema, not newer than this version's) and
 * brought up to this version's schema in a copy beside the database; only then is the database (checkpointed into one
 * file) moved aside as `<path>.before-restore` and the copy moved into its place. Nothing changes when a check fails.
 *
 * @throws {StoreError} `in-use`, `not-a-store`, `file-exists` (a `.before-restore` left from an earlier restore),
 *   or `cannot-open`, each with a one-line message.
 */
export async function restoreSqliteBackup(path: string, file: string): Promise<RestoreResult> {
  if (path === ':memory:') throw storeErrors.memoryStore('restore into');
  const source = statSync(file, { throwIfNoEntry: false });
  if (!source) throw storeErrors.restoreSourceMissing(file, 'no such file');
  if (!source.isFile()) throw storeErrors.restoreSourceMissing(file, 'it is not a file');
  if (canonical(file) === canonical(path)) throw storeErrors.restoreSourceMissing(file, 'it is the database itself');
  const previous = `${path}.before-restore`;
  if (existsSync(previous)) throw storeErrors.restoreLeftover(previous);
  ensureFolder(dirname(resolve(path)), path);

  const staging = `${path}.restoring`;
  const removeStaging = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${staging}${suffix}`, { force: true });
  };
  removeStaging();
  try {
    await stageBackup(file, staging);
    if (existsSync(path)) setAside(path, previous);
    renameSync(staging, path);
  } catch (error) {
    removeStaging();
    throw error instanceof StoreError ? error : storeErrors.cannotOpen(path, error);
  }
  return { previous: existsSync(previous) ? previous : null };
}

/** Copies the backup `file` to `staging` with the online backup API, checked and migrated; the backup itself is only read. */
async function stageBackup(file: string, staging: string): Promise<void> {
  let backup: Database.Database;
  try {
    backup = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw storeErrors.notAStore(file, error instanceof Error ? error.message : String(error));
  }
  try {
    const check = backup.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw storeErrors.notAStore(file, `damaged: ${String(check)}`);
    const tables = backup.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").all();
    if (tables.length === 0) throw storeErrors.notAStore(file, "a SQLite database without the bot's tables");
    await backup.backup(staging, { progress: () => BACKUP_ALL_PAGES });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw storeErrors.notAStore(file, error instanceof Error ? error.message : String(error));
  } finally {
    backup.close();
  }
  const staged = new Database(staging);
  try {
    staged.pragma('journal_mode = WAL');
    migrate(staged);
  } catch (error) {
    throw error instanceof StoreError ? storeErrors.backupTooNew(file, error) : storeErrors.notAStore(file, String(error));
  } finally {
    staged.close();
  }
}

/**
 * Moves the database at `path` (with any WAL left beside it) to `previous`, when no other process has it open. The
 * check takes SQLite's exclusive lock without waiting: in WAL mode every open connection holds a shared lock, so it
 * fails at once while the bot runs. The connection then checkpoints, so the file moved aside is whole by itself.
 */
function setAside(path: string, previous: string): void {
  const probe = new Database(path, { timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    probe.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    const code = error instanceof Database.SqliteError ? error.code : '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw storeErrors.inUse(path);
    // A file that is not a database (or a damaged one) is what a restore is for: it is moved aside as it is.
    if (!(code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) throw fromSqlite(path, error);
  } finally {
    probe.close();
  }
  renameSync(path, previous);
  for (const suffix of ['-wal', '-shm']) if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${previous}${suffix}`);
}
