import type { Entry } from '../knowledge/entry.js';
import type { WordAlterations } from './alterations.js';
import { Field } from './inverted-index.js';
import { INTENT_CODES } from './term-reader.js';
import { intentOf, normalize, words } from './text.js';

/**
 * One entry read as the index reads it, the plain way: each text through `words(normalize(text))`, the synonyms
 * (`canonicalWords`) and `termOf`, which is what TermReader does faster for a whole knowledge base
 * (test/engine/term-reader.test.ts holds the two together). A server's overlay reads its few entries this way, so
 * that it needs none of the shared reader's tables and never changes them.
 */
export interface ReadEntry {
  /** As IndexedDoc.phrasings: each phrasing's distinct term ids in order, closed by `-(1 + intent code)`. */
  phrasings: Int32Array;
  /** As IndexedDoc.terms: every distinct term id packed with its strongest field (`id << 2 | field`), sorted. */
  terms: Int32Array;
  /** The words the vocabulary learns from the entry (the canonical words that have a term), each once. */
  words: Set<string>;
}

/** Reads an entry; `idOf` gives a term its id (and may hand out a new one). */
export function readEntry(entry: Entry, alterations: WordAlterations, idOf: (term: string) => number): ReadEntry {
  const known = new Set<string>();
  const fields = new Map<number, Field>();
  const read = (text: string, field: Field): number[] => {
    const ids: number[] = [];
    for (const word of alterations.canonicalWords(words(normalize(text)))) {
      const term = alterations.termOf(word);
      if (term === '') continue;
      known.add(word);
      const id = idOf(term);
      ids.push(id);
      const seen = fields.get(id);
      if (seen === undefined || field < seen) fields.set(id, field);
    }
    return ids;
  };
  const phrasings: number[] = [];
  for (const text of [entry.question, ...entry.alternates]) {
    const start = phrasings.length;
    for (const id of read(text, Field.Question)) if (!phrasings.includes(id, start)) phrasings.push(id);
    phrasings.push(-1 - INTENT_CODES.indexOf(intentOf(words(normalize(text)))));
  }
  for (const tag of entry.tags) read(tag, Field.Tag);
  read(entry.answer, Field.Answer);
  const terms = Int32Array.from([...fields].map(([id, field]) => (id << 2) | field));
  terms.sort();
  return { phrasings: Int32Array.from(phrasings), terms, words: known };
}

/** The words the vocabulary learns from an entry (see {@link ReadEntry.words}). */
export function entryWords(entry: Entry, alterations: WordAlterations): Set<string> {
  const known = new Set<string>();
  for (const text of [entry.question, ...entry.alternates, ...entry.tags, entry.answer]) {
    for (const word of alterations.canonicalWords(words(normalize(text)))) if (alterations.termOf(word) !== '') known.add(word);
  }
  return known;
}
