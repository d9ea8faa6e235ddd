import type { DatabaseConfig } from '../config.js';
import { StoreError } from './errors.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore, restoreSqliteBackup } from './sqlite-store.js';
import type { RestoreResult, SqliteStoreOptions } from './sqlite-store.js';
import type { KnowledgeStore } from './knowledge-store.js';
import type { BotStore } from './store.js';

export type { BackupOptions, BotStore, UnansweredInput, UnansweredQuery, VoteInput, VoteResult, VoteTally } from './store.js';
export { DM_GUILD_ID, normaliseQuery } from './store.js';
export type {
  Author,
  BatchChange,
  EntryOverride,
  HideEntryInput,
  KnowledgeStore,
  RestoredEntry,
  RestoreRevisionInput,
  Revision,
  RevisionAction,
  SavedEntry,
  SaveEntryInput,
} from './knowledge-store.js';
export type {
  RestoreVocabularyInput,
  SaveVocabularyInput,
  VocabularyAction,
  VocabularyChange,
  VocabularyRevision,
  VocabularyStore,
} from './vocabulary-store.js';
export { StaleRevisionError, StaleVocabularyError, StoreError } from './errors.js';
export type { StoreErrorCode } from './errors.js';

export type { RestoreResult } from './sqlite-store.js';

/** Options every implementation understands. */
export type StoreOptions = SqliteStoreOptions;

/**
 * Opens the store described by the configuration (`config.database`): what the bot remembers ({@link BotStore})
 * and each server's knowledge edits ({@link KnowledgeStore}), in one database.
 *
 * @throws {StoreError} if the database cannot safely be used by this version of the bot.
 */
export async function openStore(database: DatabaseConfig, options: StoreOptions = {}): Promise<BotStore & KnowledgeStore> {
  switch (database.kind) {
    case 'sqlite':
      return openSqliteStore(database.path, options);
    case 'postgres':
      return openPostgresStore(database.url, { now: options.now });
    default: {
      // A new DatabaseConfig kind fails to compile here until it has an implementation.
      const unknown: never = database;
      throw new Error(`No store implementation for database kind ${String((unknown as DatabaseConfig).kind)}`);
    }
  }
}

/**
 * Puts a backup written by {@link BotStore.backup} back as the store described by `database`, keeping the database
 * it replaces beside it (`<file>.before-restore`). Refused while another process (the bot) has the database open:
 * stop the bot, restore, start it. The backup is checked to be the bot's database, of a schema this version can
 * use, before anything is replaced.
 *
 * @throws {StoreError} with a one-line message; nothing was changed.
 */
export function restoreStore(database: DatabaseConfig, file: string): Promise<RestoreResult> {
  switch (database.kind) {
    case 'sqlite':
      return restoreSqliteBackup(database.path, file);
    case 'postgres':
      return Promise.reject(
        new StoreError('backup-failed', `${database.display} is a PostgreSQL database: restore it with pg_restore (or psql for a plain pg_dump), not kb restore-backup.`),
      );
    default: {
      const unknown: never = database;
      throw new Error(`No store implementation for database kind ${String((unknown as DatabaseConfig).kind)}`);
    }
  }
}
