import type { Author } from './knowledge-store.js';

/** The stable identifiers of {@link StoreError}; tests and callers branch on them, never on the message. */
export type StoreErrorCode =
  // A database this version of the bot cannot safely use; for the person running the bot.
  | 'schema-too-new'
  | 'schema-diverged'
  | 'migration-failed'
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
