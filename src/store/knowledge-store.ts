import type { Entry } from '../knowledge/entry.js';
import type { VocabularyChange, VocabularyStore } from './vocabulary-store.js';

/**
 * Each server's own edits to the knowledge base, with their full history.
 *
 * The shipped `knowledge/` files are the base every server starts from and are never copied here: the store holds
 * only a guild's *overrides* (entries it added, shipped entries it edited, entries it hid), so a release that
 * changes a shipped entry reaches every server that has not overridden that entry. Merging the two is the
 * knowledge service's job.
 *
 * Every change is a numbered revision of one entry in one guild, kept forever: hiding is a revision, restoring is a
 * revision. An entry never changed in a guild is at revision 0. Every write names the revision it was based on
 * (`expectedRevision`) and is refused with a {@link StaleRevisionError} if someone else got there first.
 *
 * Guild ids are Discord snowflakes: direct messages have no moderators, so they have no overrides.
 *
 * Writes validate entries with the knowledge base's own schema and store them normalised (trimmed, tags lowercased).
 * Expected refusals are {@link StoreError}s: `stale-revision`, `entry-exists`, `unknown-entry`, `unknown-revision`,
 * `invalid-entry`. Each server's vocabulary (synonym groups) is kept beside its entries: see {@link VocabularyStore}.
 */
export interface KnowledgeStore extends VocabularyStore {
  /** The current state of every entry the guild has overridden, by id. A hidden entry has `entry: null`. */
  overrides(guildId: string): Promise<EntryOverride[]>;

  /** The entry's current revision in the guild; 0 if it was never changed there. */
  currentRevision(guildId: string, entryId: string): Promise<number>;

  /**
   * Adds an entry to the guild, or replaces the guild's version of one.
   *
   * @throws {StaleRevisionError} if the entry is no longer at `expectedRevision`.
   * @throws {StoreError} `entry-exists` when adding an id the guild already has (overridden, or `exists`);
   *   `unknown-entry` when editing an entry that is neither overridden nor given as `before`;
   *   `invalid-entry` when `entry` or `before` fails validation.
   */
  saveEntry(input: SaveEntryInput): Promise<SavedEntry>;

  /**
   * Hides an entry from the guild (the "remove" of the UI): nothing is deleted, and any revision can be restored.
   *
   * @throws {StaleRevisionError} if the entry is no longer at `expectedRevision`.
   * @throws {StoreError} `unknown-entry` if it is already hidden; `invalid-entry` if `before` fails validation.
   */
  hideEntry(input: HideEntryInput): Promise<{ revision: number }>;

  /**
   * Brings back the state an earlier revision left the entry in, as a new revision (action `restore`): its `after`,
   * which hides the entry again when that revision was a removal. Revisions are looked up by guild, entry and
   * number together, so another guild's or another entry's revision is never found.
   *
   * @throws {StaleRevisionError} if the entry is no longer at `expectedRevision`.
   * @throws {StoreError} `unknown-revision` if the guild's entry has no such revision.
   */
  restoreRevision(input: RestoreRevisionInput): Promise<RestoredEntry>;

  /** Every revision of the entry in the guild, newest first; empty if it was never changed there. */
  history(guildId: string, entryId: string): Promise<Revision[]>;

  /**
   * Saves many entries at once, as an import: all of them or none. Each change is checked like a
   * {@link KnowledgeStore.saveEntry} (action `import`, no `entry-exists` check: an import overwrites); one stale
   * or invalid change, or an id given twice, and nothing is written. With `vocabulary`, the guild's vocabulary is
   * saved in the same transaction (action `import`): the entries and the vocabulary, or neither.
   *
   * @returns the new revision of each change, in the order given.
   * @throws {StaleRevisionError} for the first change that is stale; {@link StaleVocabularyError} for the vocabulary.
   * @throws {StoreError} `invalid-entry` listing every invalid change; `invalid-synonyms`.
   */
  applyBatch(guildId: string, changes: readonly BatchChange[], author: Author, vocabulary?: VocabularyChange): Promise<SavedEntry[]>;

  /** The guilds that have at least one override, sorted; for maintenance tools. */
  guildsWithOverrides(): Promise<string[]>;

  /**
   * The entries changed since a point in the history, by any process sharing the database (the bot, `npm run
   * kb`), with the point to ask from next time. Start from 0.
   */
  changesSince(sequence: number): Promise<{ sequence: number; changes: { guildId: string; entryId: string }[] }>;

  /**
   * Calls `listener` soon after any process commits a change to entries or vocabularies, and again once a lost
   * connection is back (changes made meanwhile were not announced), so the caller asks {@link changesSince} at once
   * instead of waiting for its next poll. The announcement carries no data: the store stays the truth. Absent on a
   * store that cannot announce (SQLite: callers poll). Returns a function that stops the calls.
   */
  subscribe?(listener: () => void): () => void;
}

/** Who made a change: a Discord user id, and the name shown at the time (names change; the id does not). */
export interface Author {
  id: string;
  name: string;
}

/** What a revision did. `import` is a change applied by {@link KnowledgeStore.applyBatch}. */
export type RevisionAction = 'add' | 'edit' | 'remove' | 'restore' | 'import';

/** A guild's current version of one entry. */
export interface EntryOverride {
  entryId: string;
  /** The revision that produced this state (≥ 1). */
  revision: number;
  /** The entry as the guild sees it; `null` when the guild hid it. */
  entry: Entry | null;
  updatedAt: Date;
  updatedBy: Author;
}

/** One change to one entry in one guild, as kept in the history. */
export interface Revision {
  revision: number;
  action: RevisionAction;
  /** The entry as the guild saw it before the change; `null` if it did not exist there or was hidden. */
  before: Entry | null;
  /** The entry after the change; `null` if the change hid it. */
  after: Entry | null;
  author: Author;
  createdAt: Date;
}

/** Input of {@link KnowledgeStore.saveEntry}. The entry's id is `entry.id`. */
export interface SaveEntryInput {
  guildId: string;
  entry: Entry;
  /**
   * The entry as the moderator saw it: the shipped entry being edited, or `null` for an add. Only recorded when the
   * guild has no override yet (the store does not hold shipped entries); otherwise the stored state is recorded,
   * which the revision check guarantees is what the moderator saw.
   */
  before: Entry | null;
  /** The revision the change is based on: 0 for an add or a first edit of a shipped entry. */
  expectedRevision: number;
  author: Author;
  action: 'add' | 'edit' | 'import';
  /** For an add: whether the shipped knowledge already has an entry with this id (then the add is refused). */
  exists?: boolean;
}

/** Input of {@link KnowledgeStore.hideEntry}. */
export interface HideEntryInput {
  guildId: string;
  entryId: string;
  /** The entry as the moderator saw it; recorded only when the guild has no override yet (see {@link SaveEntryInput.before}). */
  before: Entry;
  expectedRevision: number;
  author: Author;
}

/**
 * Input of {@link KnowledgeStore.restoreRevision}. There is no `before`: a restorable revision exists only if the
 * guild has overridden the entry, so the store always knows the current state.
 */
export interface RestoreRevisionInput {
  guildId: string;
  entryId: string;
  /** The revision whose outcome to bring back. */
  revision: number;
  expectedRevision: number;
  author: Author;
}

/** One item of {@link KnowledgeStore.applyBatch}; the fields mean what they mean in {@link SaveEntryInput}. */
export interface BatchChange {
  entry: Entry;
  before: Entry | null;
  expectedRevision: number;
}

/** The result of a save: the new revision and the entry as stored (validated and normalised). */
export interface SavedEntry {
  revision: number;
  entry: Entry;
}

/** The result of a restore: the new revision and the entry as it now stands, `null` if the restore hid it. */
export interface RestoredEntry {
  revision: number;
  entry: Entry | null;
}
