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

/** What an entry with the same phrasings already read gives: its phrasings and the words they teach. */
export interface SamePhrasings {
  phrasings: Int32Array;
  words: ReadonlySet<string>;
}

/**
 * Reads an entry; `idOf` gives a term its id (and may hand out a new one). With `same` (an indexed entry whose
 * question and alternates are this one's, under the same ids), the phrasings are taken from it and only the tags
 * and the answer are read: most edits change the answer of an entry with dozens of alternates.
 */
export function readEntry(entry: Entry, alterations: WordAlterations, idOf: (term: string) => number, same?: SamePhrasings): ReadEntry {
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
  let phrasings: Int32Array;
  if (same) {
    phrasings = same.phrasings;
    for (const id of phrasings) if (id >= 0) fields.set(id, Field.Question);
    for (const word of same.words) known.add(word);
  } else {
    const list: number[] = [];
    for (const text of [entry.question, ...entry.alternates]) {
      const start = list.length;
      for (const id of read(text, Field.Question)) if (!list.includes(id, start)) list.push(id);
      list.push(-1 - INTENT_CODES.indexOf(intentOf(words(normalize(text)))));
    }
    phrasings = Int32Array.from(list);
  }
  for (const tag of entry.tags) read(tag, Field.Tag);
  read(entry.answer, Field.Answer);
  const terms = Int32Array.from([...fields].map(([id, field]) => (id << 2) | field));
  terms.sort();
  return { phrasings, terms, words: known };
}

/** The words the vocabulary learns from an entry (see {@link ReadEntry.words}), or from the given texts of it. */
export function entryWords(entry: Entry, alterations: WordAlterations, texts = [entry.question, ...entry.alternates, ...entry.tags, entry.answer]): Set<string> {
  const known = new Set<string>();
  for (const text of texts) {
    for (const word of alterations.canonicalWords(words(normalize(text)))) if (alterations.termOf(word) !== '') known.add(word);
  }
  return known;
}

/** Whether two entries have the same question and alternates, in the same order. */
export function samePhrasings(a: Entry, b: Entry): boolean {
  return a.question === b.question && a.alternates.length === b.alternates.length && a.alternates.every((p, i) => p === b.alternates[i]);
}
