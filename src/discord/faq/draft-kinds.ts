import type { Entry } from '../../knowledge/entry.js';
import type { EntryDraft } from './modal.js';

/** What a moderator's pending click refers to. */
export type FaqDraft =
  /** A new entry that looked like a duplicate, waiting for "save anyway". */
  | { kind: 'entry'; draft: EntryDraft }
  /** An import, previewed, waiting for "apply". */
  | { kind: 'import'; entries: Entry[]; fileName: string }
  /** An unanswered question, waiting for "create an entry" or "add as a phrasing of" `entryId`. */
  | { kind: 'question'; query: string; entryId?: string };
