import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, storeErrors } from './errors.js';
import { migrate } from './migrations.js';
import { ensureFolder, fromSqlite } from './sqlite-open.js';
import type { BackupOptions } from './store.js';

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

/** Writes a checked, self-contained copy of the open database `db` (at `path`) to `file` (see BotStore.backup). */
export async function backupDatabase(db: Database.Database, path: string, file: string, options: BackupOptions = {}): Promise<void> {
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
