import pg from 'pg';
import { StoreError } from './errors.js';

// Connecting to PostgreSQL, and telling its failures apart: the pool every query goes through, the one-line
// StoreError a failed open becomes, a transaction helper, and `isPostgresFailure` for counting outages.

/** How long a call waits for a connection before failing: during an outage the bot should answer "no" fast, not hang. */
export const CONNECT_TIMEOUT_MS = 2_000;
/** How long a knowledge write waits for another process's lock before failing, like SQLite's busy timeout. */
export const LOCK_TIMEOUT_MS = 5_000;
/** `application_name` of the pool's connections, so an operator can tell them apart in pg_stat_activity. */
export const POOL_APPLICATION_NAME = 'paa-bot';

/** Where a URL points, for messages: never the password. */
export interface PostgresTarget {
  host: string;
  port: string;
  database: string;
  user: string;
}

/** The host, port, database and user of a `postgres://` URL, with libpq's defaults; undefined if it is not one. */
export function describeTarget(url: string): PostgresTarget | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return undefined;
  const user = decodeURIComponent(parsed.username) || 'postgres';
  return {
    // A socket folder can be given as ?host=/var/run/postgresql instead of in the authority.
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost',
    port: parsed.port || '5432',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user,
    user,
  };
}

/** The pool the store runs on. Its connections' own errors (a server restart while idle) must never crash the bot. */
export function createPool(url: string, size: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    lock_timeout: LOCK_TIMEOUT_MS,
    application_name: POOL_APPLICATION_NAME,
    keepAlive: true,
  });
  // An idle connection that dies is dropped by the pool and reported here; the next query opens a new one, and
  // a query that fails tells its caller. Nothing to do, and the store logs nothing.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `work` in one transaction on `client`, after the statements in `begin` (isolation, locks): committed if it
 * resolves, rolled back if it throws. On a dead connection ROLLBACK fails too; the server rolled back by itself,
 * and the first error, the cause, is the one thrown.
 */
export async function inClientTransaction<T>(client: pg.ClientBase, work: () => Promise<T>, begin: readonly string[] = []): Promise<T> {
  await client.query('BEGIN');
  try {
    for (const statement of begin) await client.query(statement);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Runs `work` in one transaction on one pooled connection: committed if it resolves, rolled back if it throws. A
 * connection whose transaction failed is not handed out again (see withClient).
 */
export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, (client) => inClientTransaction(client, () => work(client)));
}

/**
 * Runs `work` on one pooled connection. A connection that failed is destroyed rather than returned to the pool
 * (it may be dead, or inside a transaction a failed statement left open).
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // While checked out, a dying connection emits 'error' on the client; unheard, it would crash the process.
  const ignore = () => {};
  client.on('error', ignore);
  let failure: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(failure);
  }
}

/** A connection refused by PostgreSQL or the network at open, as the one-line StoreError a person can act on. */
export function cannotOpen(url: string, error: unknown): StoreError {
  const target = describeTarget(url);
  if (target === undefined) {
    // No cause: a URL that does not parse may still hold a password, and the cause gets logged.
    return new StoreError('cannot-open', 'DATABASE_URL is not a PostgreSQL URL: write it as postgres://user:password@host:5432/database.');
  }
  const where = `${target.host}:${target.port}`;
  const code = errorCode(error);
  if (code === '3D000') {
    return new StoreError(
      'cannot-open',
      `PostgreSQL at ${where} has no database "${target.database}": create it (createdb -h ${target.host} -p ${target.port} ${target.database}), or fix the database name in DATABASE_URL.`,
      { cause: error },
    );
  }
  if (code === '28P01' || code === '28000') {
    return new StoreError(
      'cannot-open',
      `PostgreSQL at ${where} refused user "${target.user}" for database "${target.database}" (${messageOf(error)}): check the user and password in DATABASE_URL.`,
      { cause: error },
    );
  }
  if (code === '42501') {
    return new StoreError(
      'cannot-open',
      `User "${target.user}" may not create the bot's tables in database "${target.database}" at ${where} (${messageOf(error)}): grant it CREATE on the schema, or put the database's owner in DATABASE_URL.`,
      { cause: error },
    );
  }
  if (isPostgresFailure(error)) {
    return new StoreError(
      'cannot-open',
      `Cannot connect to PostgreSQL at ${where}, database "${target.database}" (${connectReason(error)}): is PostgreSQL running there? Check DATABASE_URL.`,
      { cause: error },
    );
  }
  return new StoreError(
    'cannot-open',
    `Cannot use PostgreSQL at ${where}, database "${target.database}" (${oneLine(messageOf(error))}): check DATABASE_URL, and that the database is the bot's own or shared with it on purpose.`,
    { cause: error },
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A failure to reach the server in a few words: "connection refused", not "connect ECONNREFUSED 127.0.0.1:1". */
function connectReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ETIMEDOUT' || /timeout/i.test(messageOf(error))) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  if (code === '57P03') return 'the server is starting up or shutting down';
  if (code === '53300') return 'too many connections';
  return oneLine(messageOf(error));
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// SQLSTATE classes of the server or the connection failing, not of a statement being refused: 08 connection
// exception, 53 insufficient resources (disk full, out of memory, too many connections), 57 operator intervention
// (shutdown, terminated backend, query cancelled), 58 system error (I/O), XX internal error (corruption).
const FAILURE_CLASSES = new Set(['08', '53', '57', '58', 'XX']);
/** pg's own words for a connection that died or never came. */
const FAILURE_MESSAGES = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|timeout expired|Query read timeout/i;

/**
 * Whether `error` is PostgreSQL or the network failing (the server down or restarting, a dropped connection, a full
 * disk), not a refusal such as a stale edit or a constraint. For counting outages (`/metrics`), never for deciding.
 */
export function isPostgresFailure(error: unknown): boolean {
  if (error instanceof StoreError || error === null || typeof error !== 'object') return false;
  const code = errorCode(error);
  if (NETWORK_CODES.has(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && FAILURE_CLASSES.has(code.slice(0, 2))) return true;
  // 55P03 lock_not_available: another process held the lock past the lock timeout, as SQLITE_BUSY is for SQLite.
  if (code === '55P03') return true;
  return FAILURE_MESSAGES.test(messageOf(error));
}

/** The code of a pg or system error; Node reports a refused dual-stack connect as an AggregateError of them. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return '';
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return messageOf(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}
