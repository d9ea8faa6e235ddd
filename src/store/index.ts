import type { DatabaseConfig } from '../config.js';
import { openSqliteStore } from './sqlite-store.js';
import type { SqliteStoreOptions } from './sqlite-store.js';
import type { BotStore } from './store.js';

export type { BotStore, UnansweredInput, UnansweredQuery, VoteInput, VoteResult, VoteTally } from './store.js';
export { DM_GUILD_ID, normaliseQuery } from './store.js';
export { StoreError } from './errors.js';

/** Options every implementation understands. */
export type StoreOptions = SqliteStoreOptions;

/**
 * Opens the store described by the configuration (`config.database`).
 *
 * @throws {StoreError} if the database cannot safely be used by this version of the bot.
 */
export function openStore(database: DatabaseConfig, options: StoreOptions = {}): BotStore {
  switch (database.kind) {
    case 'sqlite':
      return openSqliteStore(database.path, options);
    default: {
      // A new DatabaseConfig kind fails to compile here until it has an implementation.
      const unknown: never = database.kind;
      throw new Error(`No store implementation for database kind ${String(unknown)}`);
    }
  }
}
