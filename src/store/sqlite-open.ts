import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, storeErrors } from './errors.js';
import { migrate } from './migrations.js';

/** How long a write waits for another process's lock (the bot and a `kb` CLI on one file) before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/** The connection, set up for the bot (WAL, foreign keys, busy timeout) and migrated; every failure a StoreError. */
export function openDatabase(path: string, mustExist: boolean): Database.Database {
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
export function fromSqlite(path: string, error: unknown): unknown {
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
export function ensureFolder(folder: string, database: string): void {
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

/**
 * Closes the connection, folding its write-ahead log into the file first; a closed one is left alone. The last
 * connection to close checkpoints by itself, but a `kb` CLI may still hold one, so it is asked for here. PASSIVE:
 * as much as it can without waiting for that CLI's readers (shutdown has a deadline).
 */
export function checkpointAndClose(db: Database.Database): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy or read-only database keeps its WAL; the next open replays it. Closing matters more.
  }
  db.close();
}
