import type { Snapshot, TableName, TableSpec, Value } from './copy-tables.js';

/**
 * One database as `kb migrate-store` sees it: raw rows, below the store's interface. Implemented for SQLite
 * (copy-sqlite.ts) and PostgreSQL (copy-postgres.ts), over a connection of its own, opened after `openStore` has
 * created and migrated the database.
 */
export interface CopySide {
  readonly kind: 'sqlite' | 'postgres';
  /** The highest migration applied (schema_migrations). */
  schemaVersion(): Promise<number>;
  /** The columns each copied table has in the database, to be checked against copy-tables.ts. */
  columns(): Promise<Map<TableName, string[]>>;
  /** Every row of every copied table, read in one transaction: a consistent picture while the bot goes on writing. */
  read(): Promise<Snapshot>;
  /**
   * Runs `work` in one transaction that keeps every other writer out until it ends: committed if `work` resolves,
   * rolled back if it throws.
   */
  write<T>(work: (transaction: CopyTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface CopyTransaction {
  /** As {@link CopySide.read}, inside the transaction (what it has written included). */
  read(): Promise<Snapshot>;
  /** Writes the rows as they are, their ids and change order included. */
  insert(table: TableSpec, rows: readonly (readonly Value[])[]): Promise<void>;
  /** Once the rows are in and checked: what the database needs to go on after them (numbering, announcements). */
  finish(copied: Snapshot): Promise<void>;
}
