import { KnowledgeError } from '../knowledge/errors.js';
import { validateSynonyms, type SynonymGroups } from '../knowledge/synonyms.js';
import { StaleVocabularyError, storeErrors } from './errors.js';
import type { Author } from './knowledge-store.js';
import type { VocabularyAction, VocabularyRevision } from './vocabulary-store.js';

// Vocabularies in and out of a store, the same for every implementation: validated with the knowledge base's own
// rules on the way in, stored as JSON text of the groups, read back as they went in.

/** A vocabulary revision as both stores' `vocabulary_revisions` table gives it back. */
export interface VocabularyRow {
  revision: number;
  action: VocabularyAction;
  groups_json: string;
  restored_from: number | null;
  author_id: string;
  author_name: string;
  /** Milliseconds since the epoch (PostgreSQL's BIGINT arrives as text). */
  created_at: number | string;
}

/** A vocabulary write ready to go: the groups already validated and serialised. */
export interface PreparedVocabulary {
  guild: string;
  action: VocabularyAction;
  expectedRevision: number;
  groups: string;
  restoredFrom: number | null;
  author: Author;
}

/** Validates and serialises groups for a store's commit. */
export function prepareVocabulary(guild: string, groups: SynonymGroups, expectedRevision: number, author: Author, action: VocabularyAction): PreparedVocabulary {
  let valid: string[][];
  try {
    valid = validateSynonyms(groups, 'The synonyms');
  } catch (error) {
    if (error instanceof KnowledgeError) throw storeErrors.invalidSynonyms(error.message, error);
    throw error;
  }
  return { guild, action, expectedRevision, groups: JSON.stringify(valid), restoredFrom: null, author };
}

/**
 * Refuses the change unless the guild's vocabulary is still at the revision the caller saw; `latest` is its
 * newest revision, undefined when it never saved one. Returns the revision the change will be.
 */
export function nextVocabularyRevision(change: PreparedVocabulary, latest: VocabularyRow | undefined): number {
  const current = latest?.revision ?? 0;
  if (current !== change.expectedRevision) {
    throw new StaleVocabularyError(
      change.guild,
      change.expectedRevision,
      current,
      latest ? { id: latest.author_id, name: latest.author_name } : null,
      latest ? new Date(Number(latest.created_at)) : null,
    );
  }
  return current + 1;
}

/** Groups are validated before they are written, so what comes back out is a list of groups. */
export function vocabularyFromRow(row: VocabularyRow): VocabularyRevision {
  return {
    revision: row.revision,
    action: row.action,
    groups: JSON.parse(row.groups_json) as string[][],
    restoredFrom: row.restored_from,
    author: { id: row.author_id, name: row.author_name },
    createdAt: new Date(Number(row.created_at)),
  };
}
