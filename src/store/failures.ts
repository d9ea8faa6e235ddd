/**
 * Whether `error` is the database's own failure (a full disk, a locked or damaged file), not a refusal such as a
 * stale edit: SQLite's errors carry an `SQLITE_*` code. For counting (`/metrics`), never for deciding.
 */
export function isStoreFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}
