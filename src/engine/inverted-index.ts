import type { Entry } from '../knowledge/entry.js';
import type { Intent } from './lexicon.js';
import { canonicalAt, intentOf, needsCanonical, normalize, termOf, words } from './text.js';
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

/** Marks, in the word → id cache, a word that needs the canonical path (a phrase start or an abbreviation). */
const SPECIAL = -2;

/** Intents as small numbers, so a phrasing's intent fits in its end marker (see {@link IndexedDoc.phrasings}). */
const INTENT_CODES: readonly (Intent | undefined)[] = [undefined, 'why', 'how', 'what', 'yesno'];

/** The intent a phrasing's end marker carries. */
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

/** Postings of one term: packed `slot << 2 | field` values, unordered, in a growable typed array. */
interface Postings {
  data: Int32Array;
  length: number;
}

/**
 * Term → entries postings over a changing set of entries. Adding, replacing or removing one entry touches only
 * that entry's terms: no rebuild, whatever the size of the knowledge base.
 */
export class InvertedIndex {
  private readonly termIds = new Map<string, number>();
  /** word → term id (-1 for a stop word): indexing looks each word up once instead of stemming it again. */
  private readonly wordIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
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

  /** The id of a term, or -1 when no entry has it. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  /** Packed postings (`slot << 2 | field`) of a term id; read `length` values only. */
  postingsOf(termId: number): Readonly<Postings> | undefined {
    return this.postings[termId];
  }

  documentFrequency(termId: number): number {
    return termId < 0 ? 0 : (this.postings[termId]?.length ?? 0);
  }

  /** The strongest field a doc has a term in, or undefined. */
  fieldOf(doc: IndexedDoc, termId: number): Field | undefined {
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

  upsert(entry: Entry): void {
    this.remove(entry.id);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    // The strongest field per term of this entry goes in a scratch array indexed by term id (field + 1; 0 = not
    // seen): per-entry maps were a measurable share of indexing time at 100k entries.
    const touched: number[] = [];
    const note = (text: string, field: Field): number[] => {
      const phrasing: number[] = [];
      const tokens = words(normalize(text));
      for (let i = 0; i < tokens.length; ) {
        // One lookup per plain word; only phrase starts and abbreviations take the slower canonical path.
        let id = this.wordIds.get(tokens[i]!);
        if (id === undefined && needsCanonical(tokens[i]!)) {
          this.wordIds.set(tokens[i]!, SPECIAL);
          id = SPECIAL;
        }
        if (id === SPECIAL) {
          const { canonical, consumed } = canonicalAt(tokens, i);
          i += consumed;
          for (const word of canonical) mark(this.idOfWord(word));
          continue;
        }
        mark(id ?? this.idOfWord(tokens[i]!));
        i++;
      }
      return phrasing;

      function mark(id: number): void {
        if (id < 0) return;
        const scratch = self.scratchFields(id + 1);
        const seen = scratch[id]!;
        if (seen === 0) touched.push(id);
        if (seen === 0 || field + 1 < seen) scratch[id] = field + 1;
        if (field === Field.Question && !phrasing.includes(id)) phrasing.push(id);
      }
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the nested function above reads the scratch array
    const self = this;
    const packed: number[] = [];
    for (const text of [entry.question, ...entry.alternates]) {
      for (const id of note(text, Field.Question)) packed.push(id);
      packed.push(-1 - INTENT_CODES.indexOf(intentOf(words(normalize(text)))));
    }
    const phrasings = Int32Array.from(packed);
    for (const tag of entry.tags) note(tag, Field.Tag);
    note(entry.answer, Field.Answer);

    const scratch = this.scratchFields(0);
    const terms = new Int32Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      const id = touched[i]!;
      terms[i] = (id << 2) | (scratch[id]! - 1);
      scratch[id] = 0;
    }
    terms.sort();
    this.docs[slot] = { entry, slot, phrasings, terms };
    this.slotById.set(entry.id, slot);
    for (const packed of terms) this.addPosting(packed >> 2, (slot << 2) | (packed & 3));
  }

  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    for (const packed of doc.terms) {
      const list = this.postings[packed >> 2]!;
      const { data } = list;
      // Order inside a postings list does not matter, so the last value fills the hole.
      for (let i = 0; i < list.length; i++) {
        if (data[i]! >> 2 === slot) {
          data[i] = data[list.length - 1]!;
          list.length--;
          break;
        }
      }
    }
    this.docs[slot] = undefined;
    this.slotById.delete(id);
    this.freeSlots.push(slot);
  }

  /** Whether some indexed entry still has the word (for the vocabulary). */
  hasWord(word: string): boolean {
    let id = this.wordIds.get(word);
    if (id === SPECIAL) id = this.termIds.get(termOf(word));
    return id !== undefined && id >= 0 && this.documentFrequency(id) > 0;
  }

  /** The term id of a canonical word (-1 for a stop word), cached unless the word takes the canonical path. */
  private idOfWord(word: string): number {
    const cached = this.wordIds.get(word);
    if (cached !== undefined && cached !== SPECIAL) return cached;
    const term = termOf(word);
    const id = term === '' ? -1 : this.internTerm(term);
    if (cached === undefined && !needsCanonical(word)) this.wordIds.set(word, id);
    if (id >= 0) this.vocabulary.register(word);
    return id;
  }

  private fieldScratch = new Uint8Array(4_096);

  /** The scratch array, grown (doubling) to hold at least `size` term ids. */
  private scratchFields(size: number): Uint8Array {
    if (this.fieldScratch.length < size) {
      const grown = new Uint8Array(Math.max(size, this.fieldScratch.length * 2));
      grown.set(this.fieldScratch);
      this.fieldScratch = grown;
    }
    return this.fieldScratch;
  }

  private internTerm(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.postings.length;
      this.termIds.set(term, id);
      this.postings.push({ data: new Int32Array(4), length: 0 });
    }
    return id;
  }

  private addPosting(termId: number, value: number): void {
    const list = this.postings[termId]!;
    if (list.length === list.data.length) {
      const grown = new Int32Array(list.data.length * 2);
      grown.set(list.data);
      list.data = grown;
    }
    list.data[list.length++] = value;
  }
}
