import type { SynonymGroups } from '../knowledge/synonyms.js';
import type { Author } from './knowledge-store.js';

/**
 * Each server's own vocabulary (synonym groups), with its full history.
 *
 * A server's vocabulary is one versioned document: every change writes the whole list of groups as a new
 * revision, numbered 1, 2, 3… per guild and kept forever. A guild that never saved one is at revision 0 and sees
 * the shipped groups from the `knowledge/` files, which are never copied here; once it saves, its stored list is
 * its vocabulary, shipped groups included or not. Every write names the revision it was based on and is refused
 * with a {@link StaleVocabularyError} if someone else got there first. Restoring is a new revision with an older
 * one's groups.
 *
 * Writes validate the groups with the knowledge base's own rules and store them normalised (trimmed,
 * lowercased). Expected refusals are {@link StoreError}s: `stale-revision`, `unknown-revision`, `invalid-synonyms`.
 */
export interface VocabularyStore {
  /** The guild's latest vocabulary revision; undefined when it never saved one (it sees the shipped groups). */
  vocabulary(guildId: string): Promise<VocabularyRevision | undefined>;

  /**
   * Saves the guild's whole vocabulary as a new revision.
   *
   * @throws {StaleVocabularyError} if the vocabulary is no longer at `expectedRevision`.
   * @throws {StoreError} `invalid-synonyms` when the groups fail validation.
   */
  saveVocabulary(input: SaveVocabularyInput): Promise<VocabularyRevision>;

  /**
   * Brings back an earlier revision's groups as a new revision (action `restore`). Revisions are looked up by
   * guild and number together, so another guild's revision is never found.
   *
   * @throws {StaleVocabularyError} if the vocabulary is no longer at `expectedRevision`.
   * @throws {StoreError} `unknown-revision` if the guild has no such revision.
   */
  restoreVocabulary(input: RestoreVocabularyInput): Promise<VocabularyRevision>;

  /** Every vocabulary revision of the guild, newest first; empty if it never saved one. */
  vocabularyHistory(guildId: string): Promise<VocabularyRevision[]>;

  /**
   * The guilds whose vocabulary changed since a point in the history, by any process sharing the database, with
   * the point to ask from next time. Start from 0. A guild changed twice is named once.
   */
  vocabularyChangesSince(sequence: number): Promise<{ sequence: number; guildIds: string[] }>;
}

/** What a vocabulary revision did. `import` is written by an import, together with its entries. */
export type VocabularyAction = 'edit' | 'restore' | 'import';

/** One revision of a guild's vocabulary: the whole list of groups as it stood after the change. */
export interface VocabularyRevision {
  revision: number;
  action: VocabularyAction;
  groups: string[][];
  /** With `restore`: the revision whose groups were brought back. */
  restoredFrom: number | null;
  author: Author;
  createdAt: Date;
}

export interface SaveVocabularyInput {
  guildId: string;
  groups: SynonymGroups;
  /** The revision the change is based on: 0 for a guild that still sees the shipped groups. */
  expectedRevision: number;
  author: Author;
  action?: 'edit' | 'import';
}

export interface RestoreVocabularyInput {
  guildId: string;
  /** The revision whose groups to bring back. */
  revision: number;
  expectedRevision: number;
  author: Author;
}

/** The vocabulary half of an import (see KnowledgeStore.applyBatch): written with the entries, or not at all. */
export interface VocabularyChange {
  groups: SynonymGroups;
  expectedRevision: number;
}
