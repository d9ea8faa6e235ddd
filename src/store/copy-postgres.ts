import pg from 'pg';
import type { CopySide, CopyTransaction } from './copy-side.js';
import { TABLES, readValue, type Snapshot, type TableName, type TableSpec } from './copy-tables.js';
import { CHANGES_CHANNEL, CHANGES_LOCK } from './postgres-changes.js';
import { CONNECT_TIMEOUT_MS, LOCK_TIMEOUT_MS, cannotOpen, inClientTransaction } from './postgres-open.js';

// The PostgreSQL side of `kb migrate-store`: one connection of its own (a pg.Client, not the store's pool), to a
// database openStore has already migrated.

/** `application_name` of the copy's connection, so an operator can tell it apart in pg_stat_activity. */
export const COPY_APPLICATION_NAME = 'paa-bot-migrate-store';
/** Rows per INSERT: a few thousand parameters a statement, far below PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 500;

/** A connection to `url`; a failure is the store's one-line `cannot-open` (never the password). */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: COPY_APPLICATION_NAME });
  // A connection that dies emits 'error' as well as failing the query; unheard, it would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw cannotOpen(url, error);
  }
  return client;
}

/** Whether the database at `url` holds the bot's store (a `schema_migrations` table), looked at without writing. */
export async function postgresHoldsStore(url: string): Promise<boolean> {
  const client = await connectPostgres(url);
  try {
    const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
    return rows[0]?.present === true;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openPostgresSide(url: string): Promise<CopySide> {
  const client = await connectPostgres(url);

  // JSON is read back as the text that was written, byte for byte (JSON, unlike JSONB, keeps it).
  const selectList = (table: TableSpec) => table.columns.map((c) => (c.type === 'json' ? `${c.name}::text AS ${c.name}` : c.name)).join(', ');
  const readAll = async (): Promise<Snapshot> => {
    const snapshot = new Map<TableName, unknown[][]>();
    for (const table of TABLES) {
      const { rows } = await client.query<unknown[]>({ text: `SELECT ${selectList(table)} FROM ${table.name}`, rowMode: 'array' });
      snapshot.set(
        table.name,
        rows.map((row) => row.map((value, i) => readValue(value, table.columns[i]!, table.name))),
      );
    }
    return snapshot as Snapshot;
  };

  const transaction: CopyTransaction = {
    read: readAll,
    async insert(table, rows) {
      const names = table.columns.map((c) => c.name);
      // The ids and change ids are the source's: identity columns take them only when told to.
      const overriding = table.columns.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + ROWS_PER_INSERT);
        const tuples = chunk.map((_, r) => `(${names.map((_, c) => `$${r * names.length + c + 1}`).join(', ')})`);
        await client.query(`INSERT INTO ${table.name} (${names.join(', ')})${overriding} VALUES ${tuples.join(', ')}`, chunk.flat());
      }
    },
    async finish(copied) {
      // Identity columns written with explicit values leave their sequence where it was: moved past the largest copied
      // id (never back), the next vote or change gets a new id instead of colliding with a copied one.
      for (const table of TABLES) {
        const rows = copied.get(table.name) ?? [];
        if (rows.length === 0) continue;
        for (const [i, column] of table.columns.entries()) {
          if (!column.identity) continue;
          const largest = rows.reduce((max, row) => Math.max(max, row[i] as number), 0);
          await client.query(
            `SELECT setval(seq, GREATEST($3::bigint, coalesce(pg_sequence_last_value(seq), 0)))
             FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq) AS identity`,
            [table.name, column.name, largest],
          );
        }
      }
      // Bots already running on this database reload the guilds whose knowledge or vocabulary arrived (on commit).
      const guilds = new Set<string>();
      for (const name of ['entry_revisions', 'vocabulary_revisions'] as const) {
        const table = TABLES.find((t) => t.name === name)!;
        const at = table.columns.findIndex((c) => c.name === 'guild_id');
        for (const row of copied.get(name) ?? []) guilds.add(row[at] as string);
      }
      for (const guild of [...guilds].sort()) await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, guild]);
    },
  };

  return {
    kind: 'postgres',
    async schemaVersion() {
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      return rows[0]?.version ?? 0;
    },
    async columns() {
      const { rows } = await client.query<{ table_name: TableName; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ANY($1) ORDER BY table_name, ordinal_position`,
        [TABLES.map((t) => t.name)],
      );
      const columns = new Map<TableName, string[]>(TABLES.map((t) => [t.name, []]));
      for (const row of rows) columns.get(row.table_name)?.push(row.column_name);
      return columns;
    },
    // REPEATABLE READ: every table as of one moment, whatever the bot commits meanwhile.
    read: () => inClientTransaction(client, readAll, ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY']),
    write: (work) =>
      inClientTransaction(
        client,
        () => work(transaction),
        [
          `SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`,
          // The knowledge writers' lock first (as they take it), then the tables: no writer gets in until the copy ends.
          `SELECT pg_advisory_xact_lock(${CHANGES_LOCK})`,
          `LOCK TABLE ${TABLES.map((t) => t.name).join(', ')} IN EXCLUSIVE MODE`,
        ],
      ),
    async close() {
      await client.end().catch(() => {});
    },
  };
}
