import type { Entry } from '../knowledge/entry.js';
import type { Intent } from './lexicon.js';
import { PostingStore } from './postings.js';
import { GENERAL_ALTERATIONS, type WordAlterations } from './alterations.js';
import { INTENT_CODES, TermReader } from './term-reader.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Where a term occurs in an entry; a term in the question counts for more than the same term in the answer.
 * Numbers are posting codes (two bits), smallest is strongest.
 */
export const enum Field {
  Question = 0,
  Tag = 1,
  Answer = 2,
}

/** The intent a phrasing's end marker carries (intents are small numbers so that they fit in it). */
export function intentOfMarker(marker: number): Intent | undefined {
  return INTENT_CODES[-marker - 1];
}

/** One indexed entry. */
export interface IndexedDoc {
  entry: Entry;
  slot: number;
  /**
   * The question and each alternate phrasing: their term ids one after another, each phrasing closed by a
   * negative marker `-(1 + intent code)`. One array per entry instead of one object per phrasing keeps 100k
   * entries within the memory budget; read the intent with {@link intentOfMarker}.
   */
  phrasings: Int32Array;
  /**
   * Every distinct term of the entry with the strongest field it occurs in, packed as `termId << 2 | field` and
   * sorted, so a lookup is a binary search. Packed typed arrays because at 100k entries per-entry maps cost
   * hundreds of megabytes (measured with `npm run bench`).
   */
  terms: Int32Array;
}

/** Postings of one term: packed `slot << 2 | field` values; `data` may be longer than `length`. */
export interface Postings {
  data: Int32Array;
  length: number;
}

/**
 * What scoring reads of the indexed entries: {@link InvertedIndex}, or a server's overlay over a shared one
 * (overlay-index.ts), whose counts are the shared index's less what the server hid plus its own entries.
 */
export interface TermIndex {
  /** How this knowledge base turns words into terms; queries are read the same way. */
  readonly alterations: WordAlterations;
  /** How many entries are indexed. */
  readonly size: number;
  /** The bound for slot numbers (per-slot scratch arrays). */
  readonly capacity: number;
  doc(slot: number): IndexedDoc | undefined;
  docById(id: string): IndexedDoc | undefined;
  /** Every entry, in slot order. */
  allDocs(): IndexedDoc[];
  /** The id of a term, or -1 when no entry has it (an id whose entries are all gone has frequency 0). */
  termId(term: string): number;
  /** Packed postings (`slot << 2 | field`) of a term id, in slot order for an index never removed from. */
  postingsOf(termId: number): Readonly<Postings> | undefined;
  documentFrequency(termId: number): number;
  /** The strongest field a doc has a term in, or undefined. */
  fieldOf(doc: IndexedDoc, termId: number): Field | undefined;
}

/** The strongest field a doc has a term in, or undefined (a binary search in its sorted packed terms). */
export function fieldOfDoc(doc: IndexedDoc, termId: number): Field | undefined {
  const { terms } = doc;
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = terms[mid]! >> 2;
    if (id === termId) return (terms[mid]! & 3) as Field;
    if (id < termId) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * Term → entries postings over a changing set of entries. Adding, replacing or removing one entry touches only
 * that entry's terms: no rebuild, whatever the size of the knowledge base.
 */
export class InvertedIndex implements TermIndex {
  private readonly reader: TermReader;
  /** Postings per term id. */
  private readonly postings = new PostingStore();
  private readonly docs: (IndexedDoc | undefined)[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  /**
   * Scratch reused by every upsert (garbage collection was a large share of indexing 100k entries): per term id,
   * the strongest field seen in the entry (field + 1; 0 = not seen); the term ids seen; the phrasings so far.
   */
  private fieldScratch = new Uint8Array(4_096);
  private touchedScratch = new Int32Array(4_096);
  private phrasingScratch = new Int32Array(1_024);

  constructor(
    vocabulary: Vocabulary,
    /** How this knowledge base turns words into terms; queries are read the same way. */
    readonly alterations: WordAlterations = GENERAL_ALTERATIONS,
  ) {
    this.reader = new TermReader(vocabulary, alterations);
  }

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

  /** The id of a term, or -1 when no entry has it. */
  termId(term: string): number {
    return this.reader.termId(term);
  }

  /** Packed postings (`slot << 2 | field`) of a term id; read `length` values only. */
  postingsOf(termId: number): Readonly<Postings> | undefined {
    if (termId < 0 || termId >= this.postings.size) return undefined;
    return { data: this.postings.values(termId), length: this.postings.length(termId) };
  }

  documentFrequency(termId: number): number {
    return termId < 0 || termId >= this.postings.size ? 0 : this.postings.length(termId);
  }

  /** The strongest field a doc has a term in, or undefined. */
  fieldOf(doc: IndexedDoc, termId: number): Field | undefined {
    return fieldOfDoc(doc, termId);
  }

  upsert(entry: Entry): void {
    this.remove(entry.id);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    const { reader } = this;
    let touched = 0;
    let packed = 0;
    for (let k = -1; k < entry.alternates.length; k++) {
      const count = reader.read(k < 0 ? entry.question : entry.alternates[k]!);
      this.fitScratch(packed + count + 1);
      const phrasing = this.phrasingScratch;
      const start = packed;
      for (let i = 0; i < count; i++) {
        const id = reader.ids[i]!;
        touched = this.mark(id, Field.Question, touched);
        let j = start;
        while (j < packed && phrasing[j] !== id) j++;
        if (j === packed) phrasing[packed++] = id;
      }
      phrasing[packed++] = -1 - reader.intentCode();
    }
    for (const tag of entry.tags) touched = this.markAll(reader.read(tag), Field.Tag, touched);
    touched = this.markAll(reader.read(entry.answer), Field.Answer, touched);

    // One buffer for both arrays: allocating buffers was a measurable share of indexing 100k entries.
    const storage = new ArrayBuffer(4 * (touched + packed));
    const terms = new Int32Array(storage, 0, touched);
    const phrasings = new Int32Array(storage, 4 * touched, packed);
    for (let i = 0; i < packed; i++) phrasings[i] = this.phrasingScratch[i]!;
    const fields = this.fieldScratch;
    for (let i = 0; i < touched; i++) {
      const id = this.touchedScratch[i]!;
      terms[i] = (id << 2) | (fields[id]! - 1);
      fields[id] = 0;
    }
    terms.sort();
    this.docs[slot] = { entry, slot, phrasings, terms };
    this.slotById.set(entry.id, slot);
    this.postings.ensure(reader.termCount);
    for (let i = 0; i < terms.length; i++) this.postings.append(terms[i]! >> 2, (slot << 2) | (terms[i]! & 3));
  }

  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    for (const packed of doc.terms) this.postings.removeSlot(packed >> 2, slot);
    this.docs[slot] = undefined;
    this.slotById.delete(id);
    this.freeSlots.push(slot);
  }

  /** The reader that gave out this index's term ids (a server's overlay looks terms up in it, read-only). */
  get terms(): TermReader {
    return this.reader;
  }

  /** Whether some indexed entry still has the word (for the vocabulary). */
  hasWord(word: string): boolean {
    const id = this.reader.wordTermId(word);
    return id !== undefined && id >= 0 && this.documentFrequency(id) > 0;
  }

  /** Notes the term ids the reader just read, in `field`; returns the new count of touched terms. */
  private markAll(count: number, field: Field, touched: number): number {
    this.fitScratch(0);
    for (let i = 0; i < count; i++) touched = this.mark(this.reader.ids[i]!, field, touched);
    return touched;
  }

  private mark(id: number, field: Field, touched: number): number {
    const fields = this.fieldScratch;
    const seen = fields[id]!;
    if (seen === 0) this.touchedScratch[touched++] = id;
    if (seen === 0 || field + 1 < seen) fields[id] = field + 1;
    return touched;
  }

  /** Grows the scratch arrays (doubling) to every term id the reader has given out, and `phrasing` values. */
  private fitScratch(phrasing: number): void {
    const terms = this.reader.termCount;
    if (this.fieldScratch.length < terms) {
      const size = Math.max(terms, this.fieldScratch.length * 2);
      const fields = new Uint8Array(size);
      fields.set(this.fieldScratch);
      this.fieldScratch = fields;
      const touched = new Int32Array(size);
      touched.set(this.touchedScratch);
      this.touchedScratch = touched;
    }
    if (this.phrasingScratch.length < phrasing) {
      const grown = new Int32Array(Math.max(phrasing, this.phrasingScratch.length * 2));
      grown.set(this.phrasingScratch);
      this.phrasingScratch = grown;
    }
  }
}
