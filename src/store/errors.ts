/**
 * An expected failure of the store: a database this version cannot safely use.
 * `code` is stable (tests and callers branch on it); `message` is written for the person running the bot.
 */
export class StoreError extends Error {
  constructor(
    readonly code: 'schema-too-new' | 'schema-diverged' | 'migration-failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export const storeErrors = {
  schemaTooNew: (dbVersion: number, knownVersion: number) =>
    new StoreError(
      'schema-too-new',
      `The database is at schema version ${dbVersion}, but this version of the bot only knows up to ${knownVersion}. ` +
        'It was written by a newer release: upgrade the bot, or point DATABASE_URL at another file.',
    ),
  schemaDiverged: (version: number, dbName: string, codeName: string) =>
    new StoreError(
      'schema-diverged',
      `Migration ${version} in the database is "${dbName}" but the code's migration ${version} is "${codeName}": ` +
        'the database was created by a different branch of the bot. Use another file, or migrate it by hand.',
    ),
  migrationFailed: (version: number, name: string, cause: unknown) =>
    new StoreError(
      'migration-failed',
      `Migration ${version} "${name}" failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    ),
};
