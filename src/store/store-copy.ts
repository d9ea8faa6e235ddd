import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { databaseName, type DatabaseConfig } from '../config.js';
import { openPostgresSide, postgresHoldsStore } from './copy-postgres.js';
import type { CopySide } from './copy-side.js';
import { openSqliteSide, sqliteHoldsStore } from './copy-sqlite.js';
import { COPIED_SCHEMA_VERSION, TABLES, difference, rowCount, storedColumns, type Snapshot, type TableName } from './copy-tables.js';
import { StoreError, type StoreErrorCode } from './errors.js';
import { openStore } from './index.js';
import { describeTarget } from './postgres-open.js';

// `npm run kb -- migrate-store`: the whole store copied from one database into another (SQLite to PostgreSQL, the
// other way, or file to file), row for row, so that the target answers every store method as the source does.
//
// Both are opened with openStore first (the source must exist; the target is created and migrated), then copied
// below the store's interface, on connections of their own: the source read in one transaction, the target
// written in one transaction that keeps the bot out, checked row for row against the source before it commits.

export type { TableName } from './copy-tables.js';
export { COPIED_SCHEMA_VERSION } from './copy-tables.js';

/** Why a copy was refused; nothing was written to the target. */
export type CopyRefusal = 'same-database' | 'no-source' | 'memory-target' | 'target-not-empty' | 'unsupported-schema' | 'mismatch';

export class StoreCopyError extends StoreError {
  constructor(
    readonly reason: CopyRefusal,
    code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'StoreCopyError';
  }
}

export interface CopyReport {
  /** `already-a-copy`: the target held exactly the source's rows, and nothing was written. */
  status: 'copied' | 'already-a-copy';
  /** Rows per table in the source, and in the target once done, in the order of the schema. */
  tables: { table: TableName; source: number; target: number }[];
  /** Rows in the source, all tables together. */
  rows: number;
}

/**
 * Copies every row of the store at `from` into the store at `to`: votes, unanswered questions, statistics, and
 * every entry and vocabulary revision with its number, author, time and JSON exactly, in the source's change order
 * (the target's `changesSince` lists them in the same order, under the same numbers). The target must be empty, or
 * already hold exactly the source's rows: then nothing is written (`already-a-copy`).
 *
 * @throws {StoreCopyError} when refused (`from` and `to` the same database, no store at `from`, other data in
 *   `to`, a schema this copy does not know, a copy that does not read back as the source); nothing was written.
 * @throws {StoreError} when either database cannot be opened, with the store's one-line message.
 */
export async function copyStore(from: DatabaseConfig, to: DatabaseConfig): Promise<CopyReport> {
  const fromName = databaseName(from);
  const toName = databaseName(to);
  if (sameDatabase(from, to)) throw new StoreCopyError('same-database', 'backup-failed', `${fromName} is both the source and the target: copy into another database.`);
  if (to.kind === 'sqlite' && to.path === ':memory:') {
    throw new StoreCopyError('memory-target', 'backup-failed', 'The target sqlite::memory: would be gone when the copy ends: copy into a file or a PostgreSQL database.');
  }
  await checkSource(from);
  // openStore checks what it always checks (a database of this bot, of a schema this version knows) and brings
  // both up to date: the source must exist; the target is created if need be.
  await openAndClose(from, true);
  await openAndClose(to, false);

  const source = await openSide(from);
  let snapshot: Snapshot;
  try {
    await checkSchema(source, fromName);
    snapshot = await source.read();
  } finally {
    await source.close();
  }

  const target = await openSide(to);
  try {
    await checkSchema(target, toName);
    return await target.write(async (transaction) => {
      const before = await transaction.read();
      const rows = rowCount(snapshot);
      if (rowCount(before) > 0 || rows === 0) {
        const different = difference(snapshot, before);
        if (different !== undefined) {
          throw new StoreCopyError(
            'target-not-empty',
            'file-exists',
            `${toName} already holds other data (${different}): nothing was written. Copy into an empty database.`,
          );
        }
        return { status: 'already-a-copy', tables: counts(snapshot, before), rows };
      }
      for (const table of TABLES) await transaction.insert(table, snapshot.get(table.name) ?? []);
      const after = await transaction.read();
      const different = difference(snapshot, after);
      if (different !== undefined) {
        throw new StoreCopyError('mismatch', 'backup-failed', `The copy in ${toName} does not read back as ${fromName} (${different}): rolled back, nothing was written.`);
      }
      await transaction.finish(snapshot);
      return { status: 'copied', tables: counts(snapshot, after), rows };
    });
  } finally {
    await target.close();
  }
}

/**
 * Whether `a` and `b` name the same database: the same SQLite file (symbolic links followed, relative paths
 * resolved), or the same database on the same PostgreSQL server as the URLs spell it. A server reached under two
 * names is not caught here; copying it onto itself then finds it "already a copy" and writes nothing.
 */
export function sameDatabase(a: DatabaseConfig, b: DatabaseConfig): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') {
    if (a.path === ':memory:' || b.path === ':memory:') return false;
    return canonicalPath(a.path) === canonicalPath(b.path);
  }
  if (a.kind === 'postgres' && b.kind === 'postgres') {
    const [x, y] = [describeTarget(a.url), describeTarget(b.url)];
    if (x === undefined || y === undefined) return a.url === b.url;
    return hostKey(x.host) === hostKey(y.host) && x.port === y.port && x.database === y.database;
  }
  return false;
}

function canonicalPath(path: string): string {
  const absolute = resolve(path);
  for (const candidate of [() => realpathSync(absolute), () => join(realpathSync(dirname(absolute)), basename(absolute))]) {
    try {
      return candidate();
    } catch {
      // Not there (yet): try its folder, then the path as written.
    }
  }
  return absolute;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const hostKey = (host: string) => (LOOPBACK.has(host.toLowerCase()) ? 'localhost' : host.toLowerCase());

/** Refuses a source that is not the bot's store, before anything opens it (opening migrates, which writes). */
async function checkSource(from: DatabaseConfig): Promise<void> {
  const name = databaseName(from);
  const none = (message: string) => new StoreCopyError('no-source', 'not-a-store', message);
  if (from.kind === 'sqlite') {
    if (from.path === ':memory:') throw none('The source sqlite::memory: is a new, empty database in memory: there is nothing to copy from it.');
    if (!existsSync(from.path)) throw none(`There is no database at ${from.path} to copy from (nothing was created): give the bot's database file.`);
    if (sqliteHoldsStore(from.path) === false) throw none(`${name} is not the bot's database (it has no schema_migrations table): nothing to copy from it.`);
    return;
  }
  let holds: boolean;
  try {
    holds = await postgresHoldsStore(from.url);
  } catch (error) {
    throw fromSide(error, 'from', name);
  }
  if (!holds) throw none(`${name} holds no store of the bot (no schema_migrations table): nothing to copy from it.`);
}

async function openAndClose(database: DatabaseConfig, mustExist: boolean): Promise<void> {
  try {
    await (await openStore(database, { mustExist })).close();
  } catch (error) {
    throw fromSide(error, mustExist ? 'from' : 'to', databaseName(database));
  }
}

async function openSide(database: DatabaseConfig): Promise<CopySide> {
  return database.kind === 'sqlite' ? openSqliteSide(database.path) : openPostgresSide(database.url);
}

/** A store's refusal to open, saying which side of the copy it is. */
function fromSide(error: unknown, side: 'from' | 'to', name: string): unknown {
  if (!(error instanceof StoreError)) return error;
  return new StoreError(error.code, `Cannot copy ${side} ${name}: ${error.message}`, { cause: error });
}

/**
 * The copy knows the tables of one schema version; a database at another (a newer bot added a table or a column)
 * is refused rather than copied without it.
 */
async function checkSchema(side: CopySide, name: string): Promise<void> {
  const unsupported = (why: string) =>
    new StoreCopyError('unsupported-schema', 'schema-diverged', `${name} cannot be copied by this version of migrate-store: ${why}.`);
  const version = await side.schemaVersion();
  if (version !== COPIED_SCHEMA_VERSION) throw unsupported(`it is at schema version ${version}, and the copy knows version ${COPIED_SCHEMA_VERSION}`);
  const columns = await side.columns();
  for (const table of TABLES) {
    const expected = storedColumns(table, side.kind).sort();
    const actual = [...(columns.get(table.name) ?? [])].sort();
    if (expected.join() !== actual.join()) throw unsupported(`its table ${table.name} has the columns ${actual.join(', ') || '(none)'}, not ${expected.join(', ')}`);
  }
}

function counts(source: Snapshot, target: Snapshot): CopyReport['tables'] {
  return TABLES.map((table) => ({ table: table.name, source: source.get(table.name)?.length ?? 0, target: target.get(table.name)?.length ?? 0 }));
}
