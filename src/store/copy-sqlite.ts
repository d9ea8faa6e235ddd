import Database from 'better-sqlite3';
import type { CopySide, CopyTransaction } from './copy-side.js';
import { TABLES, readValue, type Snapshot, type TableName, type TableSpec, type Value } from './copy-tables.js';
import { BUSY_TIMEOUT_MS, checkpointAndClose, fromSqlite } from './sqlite-open.js';

// The SQLite side of `kb migrate-store`: its own connection to a database file that openStore has already
// created and migrated (sqlite-open.ts set it to WAL; that sticks to the file).

/**
 * Whether the file at `path` holds the bot's store (a `schema_migrations` table), looked at read-only so that
 * nothing is written to a file that is not the bot's; undefined when it cannot be told (not a database, unreadable):
 * opening it as a store then says why, in the store's words.
 */
export function sqliteHoldsStore(path: string): boolean | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

/** The connection to an existing, migrated database; failures as the store's one-line errors. */
export function openSqliteSide(path: string): CopySide {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw fromSqlite(path, error);
  }

  // The rowid is selected and written by name where the table orders its changes by it.
  const selectList = (table: TableSpec) => table.columns.map((c) => (c.sqliteRowid ? `rowid AS ${c.name}` : c.name)).join(', ');
  const selects = TABLES.map((table) => ({ table, statement: db.prepare(`SELECT ${selectList(table)} FROM ${table.name}`).raw() }));
  const readAll = (): Snapshot =>
    new Map(
      selects.map(({ table, statement }) => [
        table.name,
        (statement.all() as unknown[][]).map((row) => row.map((value, i) => readValue(value, table.columns[i]!, table.name))),
      ]),
    );
  // One (deferred) read transaction: every table as of one moment, whatever the bot commits meanwhile.
  const snapshot = db.transaction(readAll);

  const inserts = new Map(
    TABLES.map((table) => {
      const names = table.columns.map((c) => (c.sqliteRowid ? 'rowid' : c.name));
      return [table.name, db.prepare(`INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)];
    }),
  );
  const transaction: CopyTransaction = {
    read: async () => readAll(),
    async insert(table, rows) {
      const insert = inserts.get(table.name)!;
      // SQLite has no booleans: hidden is 1 or 0.
      for (const row of rows) insert.run(row.map((value: Value) => (typeof value === 'boolean' ? Number(value) : value)));
    },
    // The rowid goes on from the largest one, so the next change after the copy is numbered after the copied ones.
    finish: async () => {},
  };

  return {
    kind: 'sqlite',
    async schemaVersion() {
      return (db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0;
    },
    async columns() {
      return new Map<TableName, string[]>(
        TABLES.map((table) => [table.name, (db.pragma(`table_info(${table.name})`) as { name: string }[]).map((column) => column.name)]),
      );
    },
    read: async () => snapshot(),
    async write(work) {
      // IMMEDIATE: the write lock from the start, so the bot cannot write between the look at the target and the copy.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(transaction);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        // SQLite rolls back by itself on some errors (disk full, I/O); a second ROLLBACK would hide the cause.
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    async close() {
      checkpointAndClose(db);
    },
  };
}
