import type { Author } from './knowledge-store.js';

/** The stable identifiers of {@link StoreError}; tests and callers branch on them, never on the message. */
export type StoreErrorCode =
  // A database this version of the bot cannot safely use; for the person running the bot.
  | 'schema-too-new'
  | 'schema-diverged'
  | 'migration-failed'
  // A database file the bot cannot open or create: its folder, its permissions, or not a database at all.
  | 'cannot-open'
  | 'not-a-database'
  // A backup or restore the store refused; for the operator at the shell.
  | 'backup-failed'
  | 'file-exists'
  | 'in-use'
  | 'not-a-store'
  // A knowledge edit the store refused; for the moderator who made it.
  | 'stale-revision'
  | 'entry-exists'
  | 'unknown-entry'
  | 'unknown-revision'
  | 'invalid-entry'
  | 'invalid-synonyms';

/**
 * An expected failure of the store: a database this version cannot safely use, or a knowledge edit it refused.
 * `code` is stable (tests and callers branch on it); `message` is written for the person who has to act on it.
 */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/**
 * What a stale write tells the moderator, for an entry or for the synonyms: who changed it and when, where the store
 * knows, and to reload.
 */
function staleMessage(
  what: { subject: string; plural: boolean; read: string },
  expectedRevision: number,
  currentRevision: number,
  changedBy: Author | null,
  changedAt: Date | null,
): string {
  const [is, was, it] = what.plural ? ['are', 'were', 'them'] : ['is', 'was', 'it'];
  return changedBy === null || changedAt === null
    ? `${what.subject} ${is} at revision ${currentRevision}, not ${expectedRevision}: reload ${it} and try again.`
    : `${what.subject} ${was} changed by ${changedBy.name} at ${changedAt.toISOString()} (revision ${currentRevision}) ` +
        `since you ${what.read} revision ${expectedRevision}: reload ${it} and try again.`;
}

/**
 * A write whose `expectedRevision` is no longer the entry's revision in that guild: someone else changed it since
 * the moderator opened it. Carries who and when, so the UI can say "changed by X at T, reload". Nothing was written.
 */
export class StaleRevisionError extends StoreError {
  constructor(
    readonly guildId: string,
    readonly entryId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
    /** Who wrote `currentRevision`; `null` when the entry has no revision in the guild (revision 0). */
    readonly changedBy: Author | null,
    /** When `currentRevision` was written; `null` with `changedBy`. */
    readonly changedAt: Date | null,
  ) {
    super(
      'stale-revision',
      staleMessage({ subject: `"${entryId}"`, plural: false, read: 'opened' }, expectedRevision, currentRevision, changedBy, changedAt),
    );
    this.name = 'StaleRevisionError';
  }
}

/**
 * A vocabulary write whose `expectedRevision` is no longer the server's vocabulary revision: someone else changed
 * it since the moderator read it. Nothing was written.
 */
export class StaleVocabularyError extends StoreError {
  constructor(
    readonly guildId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
    /** Who wrote `currentRevision`; `null` when the server never saved a vocabulary (revision 0). */
    readonly changedBy: Author | null,
    readonly changedAt: Date | null,
  ) {
    super(
      'stale-revision',
      staleMessage({ subject: 'The synonyms', plural: true, read: 'read' }, expectedRevision, currentRevision, changedBy, changedAt),
    );
    this.name = 'StaleVocabularyError';
  }
}

/** A system or SQLite failure in a few words a person can act on: "permission denied", not "EACCES". */
function reason(error: unknown): string {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS' || code === 'SQLITE_READONLY') return 'read-only';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'the disk is full';
  // /proc and the like: the parent exists, yet the system will not make a folder in it.
  if (code === 'ENOENT') return 'the system does not allow a folder there';
  const message = error instanceof Error ? error.message : String(error);
  return code.startsWith('E') && !message.includes(code) ? `${code}: ${message}` : message;
}

// Each message is one line, names the file at fault and says what to do: the bot and the CLIs print it as it is.
export const storeErrors = {
  cannotCreateFolder: (folder: string, database: string, cause: unknown) =>
    new StoreError(
      'cannot-open',
      `Cannot create the folder ${folder} for the database ${database} (${reason(cause)}): create it for the user that runs the bot, or point DATABASE_URL at a folder that user can write.`,
      { cause },
    ),
  notAFolder: (path: string, database: string) =>
    new StoreError('cannot-open', `Cannot put the database ${database} under ${path}: it is a file, not a folder. Point DATABASE_URL at a path inside a folder.`),
  databaseIsFolder: (database: string) =>
    new StoreError('cannot-open', `The database ${database} is a folder, not a file: point DATABASE_URL at a file in it, such as ${database.replace(/\/+$/, '')}/paa.db.`),
  noDatabase: (database: string) =>
    new StoreError(
      'cannot-open',
      database === ':memory:'
        ? 'The database is in memory (DATABASE_URL=sqlite::memory:): there is no file to work on. Set DATABASE_URL as the bot has it.'
        : `There is no database at ${database}: set DATABASE_URL as the bot has it (the bot creates the file on its first start).`,
    ),
  cannotOpen: (database: string, cause: unknown) =>
    new StoreError(
      'cannot-open',
      `Cannot open the database ${database} (${reason(cause)}): let the user that runs the bot read and write it and its folder, or point DATABASE_URL at another file.`,
      { cause },
    ),
  notADatabase: (database: string, cause: unknown) =>
    new StoreError(
      'not-a-database',
      `${database} is not a SQLite database (${reason(cause)}): point DATABASE_URL at the bot's database, or move this file away to start a new one there.`,
      { cause },
    ),
  damaged: (database: string, cause: unknown) =>
    new StoreError(
      'not-a-database',
      `The database ${database} is damaged (${reason(cause)}): restore a backup (npm run kb -- restore-backup <file>), or move it away to start a new one.`,
      { cause },
    ),
  busy: (database: string, cause: unknown) =>
    new StoreError(
      'cannot-open',
      `The database ${database} stayed locked by another process (${reason(cause)}): wait for it to finish (a running import?) and try again.`,
      { cause },
    ),
  backupTargetExists: (file: string) =>
    new StoreError('file-exists', `${file} already exists: choose another file, or pass --force to overwrite it.`),
  backupOntoItself: (file: string) =>
    new StoreError('backup-failed', `${file} is the database itself: write the backup to another file.`),
  backupFailed: (file: string, cause: unknown) =>
    new StoreError('backup-failed', `Cannot write the backup ${file} (${reason(cause)}): choose a file in a folder you can write.`, { cause }),
  noSuchFolder: (file: string, folder: string) =>
    new StoreError('backup-failed', `Cannot write ${file}: the folder ${folder} does not exist. Create it first, or choose another file.`),
  restoreSourceMissing: (file: string, why: string) =>
    new StoreError('not-a-store', `Cannot restore from ${file}: ${why}.`),
  notAStore: (file: string, why: string) =>
    new StoreError('not-a-store', `${file} is not a backup of the bot's database (${why}): give a file written by npm run kb -- backup.`),
  backupTooNew: (file: string, cause: StoreError) =>
    new StoreError('not-a-store', `${file} cannot be restored by this version of the bot: ${cause.message}`, { cause }),
  inUse: (database: string) =>
    new StoreError(
      'in-use',
      `The database ${database} is open in another process (the bot?): stop the bot, run the restore again, then start the bot. Nothing was changed.`,
    ),
  restoreLeftover: (file: string) =>
    new StoreError('file-exists', `${file} is left from an earlier restore: move it away (it is the database as it was before), then run the restore again.`),
  memoryStore: (what: string) =>
    new StoreError('backup-failed', `The database is in memory (DATABASE_URL=sqlite::memory:): there is no file to ${what}. Set DATABASE_URL as the bot has it.`),

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
  entryExists: (entryId: string, hidden: boolean) =>
    new StoreError(
      'entry-exists',
      hidden
        ? `An entry "${entryId}" already exists on this server, hidden: restore or edit it instead of adding it again.`
        : `An entry "${entryId}" already exists on this server: edit it, or add yours under another id.`,
    ),
  unknownEntry: (entryId: string, why: string) => new StoreError('unknown-entry', `"${entryId}" ${why}.`),
  unknownRevision: (entryId: string, revision: number) =>
    new StoreError('unknown-revision', `"${entryId}" has no revision ${revision} on this server.`),
  invalidEntry: (message: string, cause?: unknown) => new StoreError('invalid-entry', message, { cause }),
  unknownVocabularyRevision: (revision: number) =>
    new StoreError('unknown-revision', `The synonyms have no revision ${revision} on this server.`),
  invalidSynonyms: (message: string, cause?: unknown) => new StoreError('invalid-synonyms', message, { cause }),
};
