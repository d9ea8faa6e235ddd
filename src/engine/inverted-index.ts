import type { Entry } from '../knowledge/entry.js';
import type { Intent } from './lexicon.js';
import { canonicalWords, intentOf, normalize, termOf, words } from './text.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Where a term occurs in an entry; a term in the question counts for more than the same term in the answer.
 * Numbers are posting codes, smallest is strongest.
 */
export const enum Field {
  Question = 0,
  Tag = 1,
  Answer = 2,
}

/** One indexed entry. */
export interface Phrasing {
  terms: string[];
  /** What it asks (why / how / what / yes-no). */
  intent: Intent | undefined;
}

export interface IndexedDoc {
  entry: Entry;
  slot: number;
  /** The question and each alternate phrasing: its distinct terms and what it asks. */
  phrasings: Phrasing[];
  /** Every distinct term of the entry with the strongest field it occurs in. */
  fields: Map<string, Field>;
  /** Words as written, for the vocabulary's reference counts. */
  surfaces: string[];
}

interface Postings {
  slots: number[];
  fields: Field[];
}

/**
 * Term → entries postings over a changing set of entries. Adding, replacing or removing one entry touches only
 * that entry's terms: no rebuild, whatever the size of the knowledge base.
 */
export class InvertedIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly docs: (IndexedDoc | undefined)[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly freeSlots: number[] = [];

  constructor(private readonly vocabulary: Vocabulary) {}

  /** How many entries are indexed. */
  get size(): number {
    return this.slotById.size;
  }

  /** Number of slots ever used, live or free (the bound for per-slot arrays). */
  get capacity(): number {
    return this.docs.length;
  }

  doc(slot: number): IndexedDoc | undefined {
    return this.docs[slot];
  }

  docById(id: string): IndexedDoc | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.docs[slot];
  }

  allDocs(): IndexedDoc[] {
    return this.docs.filter((d): d is IndexedDoc => d !== undefined);
  }

  /** Entries that contain the term, as parallel arrays of slots and fields; empty when unknown. */
  postingsOf(term: string): Readonly<Postings> | undefined {
    return this.postings.get(term);
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.slots.length ?? 0;
  }

  upsert(entry: Entry): void {
    this.remove(entry.id);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    const doc = analyzeEntry(entry, slot);
    this.docs[slot] = doc;
    this.slotById.set(entry.id, slot);
    for (const [term, field] of doc.fields) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = { slots: [], fields: [] }));
      list.slots.push(slot);
      list.fields.push(field);
    }
    for (const surface of doc.surfaces) this.vocabulary.add(surface);
  }

  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    for (const term of doc.fields.keys()) {
      const list = this.postings.get(term)!;
      const at = list.slots.indexOf(slot);
      // Order inside a postings list does not matter, so the last element fills the hole.
      list.slots[at] = list.slots[list.slots.length - 1]!;
      list.fields[at] = list.fields[list.fields.length - 1]!;
      list.slots.pop();
      list.fields.pop();
      if (list.slots.length === 0) this.postings.delete(term);
    }
    for (const surface of doc.surfaces) this.vocabulary.delete(surface);
    this.docs[slot] = undefined;
    this.slotById.delete(id);
    this.freeSlots.push(slot);
  }
}

function analyzeEntry(entry: Entry, slot: number): IndexedDoc {
  const fields = new Map<string, Field>();
  const surfaces = new Set<string>();
  const note = (text: string, field: Field): string[] => {
    const terms: string[] = [];
    for (const word of canonicalWords(words(normalize(text)))) {
      const term = termOf(word);
      if (term === '') continue;
      surfaces.add(word);
      terms.push(term);
      const previous = fields.get(term);
      if (previous === undefined || field < previous) fields.set(term, field);
    }
    return [...new Set(terms)];
  };
  const phrasings = [entry.question, ...entry.alternates].map((text) => ({
    terms: note(text, Field.Question),
    intent: intentOf(words(normalize(text))),
  }));
  for (const tag of entry.tags) note(tag, Field.Tag);
  note(entry.answer, Field.Answer);
  return {
    entry,
    slot,
    phrasings,
    fields,
    surfaces: [...surfaces],
  };
}
