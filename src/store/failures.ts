import { isPostgresFailure } from './postgres-open.js';

/**
 * Whether `error` is the database's own failure (a full disk, a locked or damaged file, a PostgreSQL server that is
 * down or restarting), not a refusal such as a stale edit: SQLite's errors carry an `SQLITE_*` code, PostgreSQL's
 * a connection error or an SQLSTATE of the server's classes. For counting (`/metrics`) and for telling a moderator
 * to try again shortly, never for deciding what was written.
 */
export function isStoreFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return (typeof code === 'string' && code.startsWith('SQLITE_')) || isPostgresFailure(error);
}
