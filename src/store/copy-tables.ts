// The store's tables as `kb migrate-store` copies them: the same names in SQLite (migrations.ts) and PostgreSQL
// (postgres-migrations.ts), each column with the one JS type both sides are read into, so rows from either
// database compare equal when they hold the same data.

/** The schema version these tables describe; the copy refuses to run against another (see store-copy.ts). */
export const COPIED_SCHEMA_VERSION = 6;

/**
 * How a column is read and compared: `integer` as a number (PostgreSQL's BIGINT arrives as a string), `json` as the
 * text that was written (PostgreSQL's JSON is read `::text`, which keeps it byte for byte), `boolean` as true or
 * false (SQLite stores 1 or 0).
 */
export type ColumnType = 'text' | 'integer' | 'json' | 'boolean';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /**
   * The order of changes (`changesSince`): SQLite's rowid, PostgreSQL's identity column `change_id`. Copied as is,
   * so the target lists changes in the source's order and numbering.
   */
  sqliteRowid?: true;
  /** A PostgreSQL identity column: written with OVERRIDING SYSTEM VALUE, its sequence moved past the copied ids after. */
  identity?: true;
}

export interface TableSpec {
  name: TableName;
  columns: readonly ColumnSpec[];
  /** The primary key, by column name: what tells two rows apart when a source and a target are compared. */
  key: readonly string[];
}

export type TableName = 'votes' | 'questions_log' | 'entry_stats' | 'entry_revisions' | 'entry_overrides' | 'vocabulary_revisions';

/** One value of a row, in the type its column reads as. */
export type Value = string | number | boolean | null;
/** Every table's rows, each row its values in the order of the table's columns. */
export type Snapshot = ReadonlyMap<TableName, readonly Value[][]>;

const text = (name: string): ColumnSpec => ({ name, type: 'text' });
const integer = (name: string): ColumnSpec => ({ name, type: 'integer' });
const json = (name: string): ColumnSpec => ({ name, type: 'json' });
const changeId: ColumnSpec = { name: 'change_id', type: 'integer', sqliteRowid: true, identity: true };

/** In the order they are written: a revision before the override that points at it (the foreign key). */
export const TABLES: readonly TableSpec[] = [
  {
    name: 'votes',
    columns: [text('guild_id'), text('entry_id'), text('user_id'), text('channel_id'), integer('value'), text('query'), text('query_key'), integer('created_at'), integer('updated_at')],
    key: ['guild_id', 'entry_id', 'user_id'],
  },
  {
    name: 'questions_log',
    columns: [
      { name: 'id', type: 'integer', identity: true },
      text('guild_id'),
      text('channel_id'),
      text('user_id'),
      text('query'),
      text('query_key'),
      text('outcome'),
      json('suggestions'),
      integer('created_at'),
    ],
    key: ['id'],
  },
  {
    name: 'entry_stats',
    columns: [text('guild_id'), text('entry_id'), integer('asked_count'), integer('last_asked_at')],
    key: ['guild_id', 'entry_id'],
  },
  {
    name: 'entry_revisions',
    columns: [
      changeId,
      text('guild_id'),
      text('entry_id'),
      integer('revision'),
      text('action'),
      json('before_json'),
      json('after_json'),
      text('author_id'),
      text('author_name'),
      integer('created_at'),
    ],
    key: ['guild_id', 'entry_id', 'revision'],
  },
  {
    name: 'entry_overrides',
    columns: [
      text('guild_id'),
      text('entry_id'),
      integer('revision'),
      json('state'),
      { name: 'hidden', type: 'boolean' },
      integer('updated_at'),
      text('updated_by_id'),
      text('updated_by_name'),
    ],
    key: ['guild_id', 'entry_id'],
  },
  {
    name: 'vocabulary_revisions',
    columns: [
      changeId,
      text('guild_id'),
      integer('revision'),
      text('action'),
      json('groups_json'),
      integer('restored_from'),
      text('author_id'),
      text('author_name'),
      integer('created_at'),
    ],
    key: ['guild_id', 'revision'],
  },
];

/** The columns a table has in the database itself, by name: SQLite's rowid is no column there. */
export function storedColumns(table: TableSpec, kind: 'sqlite' | 'postgres'): string[] {
  return table.columns.filter((column) => kind === 'postgres' || !column.sqliteRowid).map((column) => column.name);
}

/** Total rows of a snapshot. */
export function rowCount(snapshot: Snapshot): number {
  let total = 0;
  for (const rows of snapshot.values()) total += rows.length;
  return total;
}

/**
 * Where `target` differs from `source`, in a few words for a message ("votes: 3 rows there, 12 in the source"), or
 * undefined when they hold the same rows. Rows are matched by primary key, so neither side's order matters. A
 * table the target has rows in is named before one it lacks rows in: what is there is what a person looks for.
 */
export function difference(source: Snapshot, target: Snapshot): string | undefined {
  const differences = TABLES.map((table) => ({ held: (target.get(table.name) ?? []).length > 0, text: tableDifference(table, source, target) }));
  return (differences.find((d) => d.held && d.text !== undefined) ?? differences.find((d) => d.text !== undefined))?.text;
}

function tableDifference(table: TableSpec, source: Snapshot, target: Snapshot): string | undefined {
  const from = source.get(table.name) ?? [];
  const to = target.get(table.name) ?? [];
  if (from.length !== to.length) return `${table.name}: ${rows(to.length)} there, ${from.length} in the source`;
  const keyAt = table.key.map((name) => table.columns.findIndex((column) => column.name === name));
  const keyOf = (row: readonly Value[]) => JSON.stringify(keyAt.map((i) => row[i]));
  const byKey = new Map(from.map((row) => [keyOf(row), JSON.stringify(row)]));
  const differing = to.filter((row) => byKey.get(keyOf(row)) !== JSON.stringify(row)).length;
  return differing === 0 ? undefined : `${table.name}: ${differing} of its ${rows(to.length)} ${differing === 1 ? 'differs' : 'differ'} from the source's`;
}

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** A value read from either database, as its column's type (see {@link ColumnType}). */
export function readValue(value: unknown, column: ColumnSpec, table: TableName): Value {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'integer': {
      const number = typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw unreadable(table, column, value);
      return number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 0 || value === 1) return value === 1;
      throw unreadable(table, column, value);
    case 'text':
    case 'json':
      if (typeof value !== 'string') throw unreadable(table, column, value);
      return value;
  }
}

function unreadable(table: TableName, column: ColumnSpec, value: unknown): Error {
  // The value is not quoted: it is a user's data, and may be long.
  return new Error(`${table}.${column.name} holds a ${typeof value} where a ${column.type} was expected.`);
}
