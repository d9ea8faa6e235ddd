import type { Entry } from '../knowledge/entry.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { validateEntries } from '../knowledge/validate.js';
import { StaleRevisionError, storeErrors } from './errors.js';
import type { Author, BatchChange, RevisionAction, SaveEntryInput } from './knowledge-store.js';

// Entries in and out of a store, the same for every implementation: validated with the knowledge base's own
// schema on the way in, stored as JSON text, read back as they went in; and the change each write records.

/** One revision about to be written, its entries already validated and serialised. */
export interface StoredChange {
  guild: string;
  entryId: string;
  action: RevisionAction;
  expectedRevision: number;
  /** What the caller saw before; recorded only when the guild has no override yet. */
  before: string | null;
  after: string | null;
  author: Author;
}

/** The stored state of an entry's override, as far as the revision check needs it. */
export interface OverrideHead {
  revision: number;
  updated_by_id: string;
  updated_by_name: string;
  /** Milliseconds since the epoch (PostgreSQL's BIGINT arrives as text). */
  updated_at: number | string;
}

/** Refuses the change unless the entry is still at the revision the caller saw. */
export function assertRevision(change: Omit<StoredChange, 'after'>, row: OverrideHead | undefined): void {
  const current = row?.revision ?? 0;
  if (current === change.expectedRevision) return;
  throw new StaleRevisionError(
    change.guild,
    change.entryId,
    change.expectedRevision,
    current,
    row ? { id: row.updated_by_id, name: row.updated_by_name } : null,
    row ? new Date(Number(row.updated_at)) : null,
  );
}

/** A save (add, edit) validated into the change to write, with the entry as it will be stored. */
export function saveChange({ guildId, entry, before, expectedRevision, author, action }: SaveEntryInput): { change: StoredChange; entry: Entry } {
  const saved = validateStoredEntry(entry, 'The entry');
  const previous = before === null ? null : validateBefore(before, saved.id);
  return { change: { guild: guildId, entryId: saved.id, action, expectedRevision, before: previous, after: JSON.stringify(saved), author }, entry: saved };
}

/** An import validated into its changes, with the entries as they will be stored, in the order given. */
export function importChanges(guildId: string, batch: readonly BatchChange[], author: Author): { changes: StoredChange[]; entries: Entry[] } {
  // Validated as one list, so one error names every bad entry and any id given twice.
  const entries = validateStoredEntries(
    batch.map((c) => c.entry),
    'The import',
  );
  const changes = batch.map(
    (c, i): StoredChange => ({
      guild: guildId,
      entryId: entries[i]!.id,
      action: 'import',
      expectedRevision: c.expectedRevision,
      before: c.before === null ? null : validateBefore(c.before, entries[i]!.id),
      after: JSON.stringify(entries[i]),
      author,
    }),
  );
  return { changes, entries };
}

/** The knowledge base's own validation, its refusal turned into the store's typed error. */
export function validateStoredEntries(raw: readonly unknown[], where: string): Entry[] {
  try {
    return validateEntries(raw, where);
  } catch (error) {
    if (error instanceof KnowledgeError) throw storeErrors.invalidEntry(error.message, error);
    throw error;
  }
}

export function validateStoredEntry(raw: Entry, where: string): Entry {
  return validateStoredEntries([raw], where)[0]!;
}

/** Validates the "before" snapshot and serialises it; it must be the same entry, since ids never change. */
export function validateBefore(before: Entry, entryId: string): string {
  const valid = validateStoredEntry(before, 'The entry before the change');
  if (valid.id !== entryId) throw storeErrors.invalidEntry(`The entry before the change is "${valid.id}", not "${entryId}": an entry's id never changes.`);
  return JSON.stringify(valid);
}

/** Entries are validated before they are written, so what comes back out is an Entry. */
export function entryFromJson(json: string | null): Entry | null {
  return json === null ? null : (JSON.parse(json) as Entry);
}
