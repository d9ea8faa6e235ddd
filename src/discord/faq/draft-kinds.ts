import type { Entry } from '../../knowledge/entry.js';
import type { SynonymGroups } from '../../knowledge/synonyms.js';
import type { EntryDraft } from './modal.js';

/** What a moderator's pending click refers to. */
export type FaqDraft =
  /** A new entry that looked like a duplicate, waiting for "save anyway". */
  | { kind: 'entry'; draft: EntryDraft }
  /** An import, previewed, waiting for "apply"; `synonyms` when the file has a vocabulary. */
  | { kind: 'import'; entries: Entry[]; synonyms?: SynonymGroups; fileName: string }
  /** An unanswered question, waiting for "create an entry" or "add as a phrasing of" `entryId`. */
  | { kind: 'question'; query: string; entryId?: string };
