import type { Entry } from '../knowledge/entry.js';
import type { WordAlterations } from './alterations.js';
import { fieldOfDoc, type Field, type IndexedDoc, type InvertedIndex, type Postings, type TermIndex } from './inverted-index.js';
import { readEntry, type ReadEntry, type SamePhrasings } from './read-entry.js';

/**
 * A server's entries over a shared index that no longer changes: the shared entries it hides (changed or removed
 * there) are masked out, and its own (added or changed) entries are indexed here, so that every count scoring reads
 * is the shared one less the hidden entries plus its own. What it keeps is in proportion to its own entries and
 * the hidden ones, never to the shared index.
 *
 * Slots: the shared index's own (0 to its capacity), then this overlay's, handed out in the order entries are
 * upserted and never reused, so postings stay in slot order. Candidates tied at the cut are kept in the order of
 * their slots, so the overlay scores exactly as an index built afresh over the shared entries it does not hide (in
 * their order) followed by its own entries in the order they were last upserted.
 */
export class OverlayIndex implements TermIndex {
  readonly alterations: WordAlterations;
  private readonly baseCapacity: number;
  private readonly baseTerms: number;
  /** Terms no shared entry has, with ids from `baseTerms` on. */
  private readonly ownTermIds = new Map<string, number>();
  /** Hidden shared entries, by slot. */
  private readonly masked = new Map<number, IndexedDoc>();
  /** Per term id, how many hidden shared entries have it (their postings are skipped). */
  private readonly maskedDf = new Map<number, number>();
  /** Per term id: own entries with it less hidden shared entries with it. */
  private readonly dfDelta = new Map<number, number>();
  /** Own entries by slot less `baseCapacity` (undefined: since replaced or removed). */
  private own: (IndexedDoc | undefined)[] = [];
  private readonly ownSlots = new Map<string, number>();
  /** Per term id, the own slots with it (ascending) packed with their field, as in the shared postings. */
  private ownPostings = new Map<number, number[]>();
  private postingScratch = new Int32Array(64);

  constructor(private readonly base: InvertedIndex) {
    this.alterations = base.alterations;
    this.baseCapacity = base.capacity;
    this.baseTerms = base.terms.termCount;
  }

  get size(): number {
    return this.base.size - this.masked.size + this.ownSlots.size;
  }

  get capacity(): number {
    return this.baseCapacity + this.own.length;
  }

  /** How many shared entries are hidden, and how many entries are the overlay's own. */
  get changes(): { hidden: number; own: number } {
    return { hidden: this.masked.size, own: this.ownSlots.size };
  }

  doc(slot: number): IndexedDoc | undefined {
    if (slot >= this.baseCapacity) return this.own[slot - this.baseCapacity];
    return this.masked.has(slot) ? undefined : this.base.doc(slot);
  }

  docById(id: string): IndexedDoc | undefined {
    const slot = this.ownSlots.get(id);
    if (slot !== undefined) return this.own[slot];
    const doc = this.base.docById(id);
    return doc && !this.masked.has(doc.slot) ? doc : undefined;
  }

  /** The shared entry with this id, hidden or not (undefined when the shared index has none). */
  sharedDoc(id: string): IndexedDoc | undefined {
    return this.base.docById(id);
  }

  isHidden(slot: number): boolean {
    return this.masked.has(slot);
  }

  allDocs(): IndexedDoc[] {
    const shared = this.masked.size === 0 ? this.base.allDocs() : this.base.allDocs().filter((d) => !this.masked.has(d.slot));
    for (const doc of this.own) if (doc) shared.push(doc);
    return shared;
  }

  termId(term: string): number {
    const id = this.base.termId(term);
    return id >= 0 ? id : (this.ownTermIds.get(term) ?? -1);
  }

  documentFrequency(termId: number): number {
    if (termId < 0) return 0;
    return (termId < this.baseTerms ? this.base.documentFrequency(termId) : 0) + (this.dfDelta.get(termId) ?? 0);
  }

  postingsOf(termId: number): Readonly<Postings> | undefined {
    if (termId < 0) return undefined;
    const shared = termId < this.baseTerms ? this.base.postingsOf(termId) : undefined;
    const own = this.ownPostings.get(termId);
    const hidden = this.maskedDf.has(termId);
    if (!own && !hidden) return shared;
    const total = (shared?.length ?? 0) + (own?.length ?? 0);
    if (this.postingScratch.length < total) this.postingScratch = new Int32Array(Math.max(total, this.postingScratch.length * 2));
    // Valid until the next call: scoring reads one term's postings at a time.
    const data = this.postingScratch;
    let length = 0;
    if (shared) {
      for (let i = 0; i < shared.length; i++) {
        const packed = shared.data[i]!;
        if (!hidden || !this.masked.has(packed >> 2)) data[length++] = packed;
      }
    }
    if (own) for (const packed of own) data[length++] = packed;
    return { data, length };
  }

  fieldOf(doc: IndexedDoc, termId: number): Field | undefined {
    return fieldOfDoc(doc, termId);
  }

  /** Hides a shared entry (by its slot); returns it, or undefined when already hidden. */
  hide(slot: number): IndexedDoc | undefined {
    const doc = this.base.doc(slot);
    if (!doc || this.masked.has(slot)) return undefined;
    this.masked.set(slot, doc);
    for (const packed of doc.terms) {
      this.addDf(packed >> 2, -1);
      this.maskedDf.set(packed >> 2, (this.maskedDf.get(packed >> 2) ?? 0) + 1);
    }
    return doc;
  }

  /**
   * Indexes an own entry (its id must not be indexed here yet); returns its doc and the words read. `same`: what
   * an indexed entry with the same phrasings gives (see readEntry).
   */
  add(entry: Entry, same?: SamePhrasings): { doc: IndexedDoc; read: ReadEntry } {
    const read = readEntry(entry, this.alterations, (term) => {
      const id = this.termId(term);
      if (id >= 0) return id;
      const own = this.baseTerms + this.ownTermIds.size;
      this.ownTermIds.set(term, own);
      return own;
    }, same);
    const index = this.own.length;
    const doc: IndexedDoc = { entry, slot: this.baseCapacity + index, phrasings: read.phrasings, terms: read.terms };
    this.own.push(doc);
    this.ownSlots.set(entry.id, index);
    this.post(doc);
    return { doc, read };
  }

  /** Removes an own entry; returns it, or undefined when it has none by that id. */
  removeOwn(id: string): IndexedDoc | undefined {
    const index = this.ownSlots.get(id);
    if (index === undefined) return undefined;
    const doc = this.own[index]!;
    this.own[index] = undefined;
    this.ownSlots.delete(id);
    for (const packed of doc.terms) {
      const termId = packed >> 2;
      this.addDf(termId, -1);
      const list = this.ownPostings.get(termId)!.filter((p) => p >> 2 !== doc.slot);
      if (list.length === 0) this.ownPostings.delete(termId);
      else this.ownPostings.set(termId, list);
    }
    // Slots are never reused (that keeps postings in slot order); once most are dead they are renumbered, in order.
    if (this.own.length > 2 * this.ownSlots.size + 16) this.compact();
    return doc;
  }

  private post(doc: IndexedDoc): void {
    for (const packed of doc.terms) {
      const termId = packed >> 2;
      this.addDf(termId, 1);
      let list = this.ownPostings.get(termId);
      if (!list) this.ownPostings.set(termId, (list = []));
      list.push((doc.slot << 2) | (packed & 3));
    }
  }

  private compact(): void {
    const live = this.own.filter((d): d is IndexedDoc => d !== undefined);
    this.own = [];
    this.ownSlots.clear();
    this.ownPostings = new Map();
    for (const doc of live) {
      const moved: IndexedDoc = { ...doc, slot: this.baseCapacity + this.own.length };
      this.ownSlots.set(doc.entry.id, this.own.length);
      this.own.push(moved);
      for (const packed of moved.terms) {
        const termId = packed >> 2;
        let list = this.ownPostings.get(termId);
        if (!list) this.ownPostings.set(termId, (list = []));
        list.push((moved.slot << 2) | (packed & 3));
      }
    }
  }

  private addDf(termId: number, by: number): void {
    const value = (this.dfDelta.get(termId) ?? 0) + by;
    if (value === 0) this.dfDelta.delete(termId);
    else this.dfDelta.set(termId, value);
  }
}
