import type { Entry } from '../knowledge/entry.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { validateEntries } from '../knowledge/validate.js';
import { storeErrors } from './errors.js';

// Entries in and out of a store, the same for every implementation: validated with the knowledge base's own
// schema on the way in, stored as JSON text, read back as they went in.

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
