import type { Entry } from '../knowledge/entry.js';
import {
  computeNorms,
  prepareQuery,
  queryDone,
  similarityOf,
  vectorsFrom,
  SEPARATOR,
  UNSEEN,
  type CharGramIndex,
  type CharGramScorer,
  type CharSimilarity,
  type CharVectors,
  type GramStats,
} from './char-grams.js';
import { samePhrasings } from './read-entry.js';

/**
 * A server's 3-gram counts over a shared CharGramIndex that no longer changes: each 3-gram's entry count is the
 * shared one less the hidden entries that have it plus the server's own entries that have it, and the entry count
 * likewise, so every idf, norm and cosine is the one an index built afresh over the server's entries gives (vectors
 * are summed in 3-gram code order, the same whatever the ids). Keeps the vectors of its own entries only.
 */
export class OverlayGrams implements GramStats, CharGramScorer {
  private readonly baseIds: number;
  /** 3-grams no shared entry has, with ids from `baseIds` on. */
  private readonly ownIds = new Map<number, number>();
  /** Per 3-gram id: own entries with it less hidden shared entries with it. */
  private readonly dfDelta = new Map<number, number>();
  private entriesDelta = 0;
  private readonly vectors = new Map<string, CharVectors>();
  /** Moves on with every change: the norms of own vectors are kept under it. */
  private version = 0;
  /** Idfs and the norms of shared entries' vectors under this overlay's counts, as of `idfsVersion`. */
  private readonly idfs = new Map<number, number>();
  private sharedNorms = new WeakMap<CharVectors, Float64Array>();
  private idfsVersion = -1;

  constructor(private readonly base: CharGramIndex) {
    this.baseIds = base.idCount;
  }

  get entries(): number {
    return this.base.entries + this.entriesDelta;
  }

  /** A shared entry the server no longer sees. */
  hide(entry: Entry): void {
    // Its vectors' first run holds each of its 3-grams once.
    const { ids } = this.base.vectorsOf(entry);
    for (let i = 0; ids[i] !== SEPARATOR; i++) if (ids[i]! >= 0) this.addDf(ids[i]!, -1);
    this.entriesDelta--;
    this.version++;
  }

  /**
   * One of the server's own entries; `replaces` is the shared entry of the same id, if any. An edit that keeps the
   * phrasings (most change the answer) has the same 3-grams, so the shared entry's vectors are reused, not remade.
   */
  add(entry: Entry, replaces?: Entry): void {
    let vectors: CharVectors;
    if (replaces && samePhrasings(entry, replaces)) {
      const shared = this.base.vectorsOf(replaces);
      vectors = { entry, ids: shared.ids, counts: shared.counts, norms: new Float64Array(shared.norms.length), normsVersion: -1 };
    } else {
      vectors = vectorsFrom(entry, (code) => {
        const id = this.base.registeredId(code) ?? this.ownIds.get(code);
        if (id !== undefined) return id;
        const own = this.baseIds + this.ownIds.size;
        this.ownIds.set(code, own);
        return own;
      });
    }
    this.vectors.set(entry.id, vectors);
    for (let i = 0; vectors.ids[i] !== SEPARATOR; i++) this.addDf(vectors.ids[i]!, 1);
    this.entriesDelta++;
    this.version++;
  }

  /** Forgets one of the server's own entries. */
  removeOwn(entry: Entry): void {
    const vectors = this.vectors.get(entry.id)!;
    for (let i = 0; vectors.ids[i] !== SEPARATOR; i++) this.addDf(vectors.ids[i]!, -1);
    this.vectors.delete(entry.id);
    this.entriesDelta--;
    this.version++;
  }

  idOf(code: number): number {
    const id = this.base.registeredId(code) ?? this.ownIds.get(code);
    return id !== undefined && this.frequency(id) > 0 ? id : UNSEEN;
  }

  /** The same formula as CharGramIndex.idf, on this overlay's counts (kept until the next change). */
  idf(id: number): number {
    if (id < 0) return Math.log(this.entries + 1) + 1;
    this.sync();
    let value = this.idfs.get(id);
    if (value === undefined) {
      value = Math.log((this.entries + 1) / (this.frequency(id) + 1)) + 1;
      this.idfs.set(id, value);
    }
    return value;
  }

  vectorsOf(entry: Entry): CharVectors {
    const own = this.vectors.get(entry.id);
    return own?.entry === entry ? own : this.base.vectorsOf(entry);
  }

  normsOf(vectors: CharVectors): Float64Array {
    if (this.vectors.get(vectors.entry.id) !== vectors) {
      // A shared entry's vectors belong to the shared index, whose norms are under its own counts: this overlay's
      // are kept beside them, for the shared entries it has scored, until its next change.
      this.sync();
      let norms = this.sharedNorms.get(vectors);
      if (!norms) {
        norms = computeNorms(this, vectors, new Float64Array(vectors.norms.length));
        this.sharedNorms.set(vectors, norms);
      }
      return norms;
    }
    if (vectors.normsVersion !== this.version) {
      computeNorms(this, vectors, vectors.norms);
      vectors.normsVersion = this.version;
    }
    return vectors.norms;
  }

  prepare(query: string): boolean {
    return prepareQuery(this, query);
  }

  similarity(entry: Entry, out: CharSimilarity): CharSimilarity {
    return similarityOf(this, entry, out);
  }

  done(): void {
    queryDone();
  }

  /** Forgets the idfs and norms of an earlier version. */
  private sync(): void {
    if (this.idfsVersion === this.version) return;
    this.idfs.clear();
    this.sharedNorms = new WeakMap();
    this.idfsVersion = this.version;
  }

  private frequency(id: number): number {
    return (id < this.baseIds ? this.base.frequency(id) : 0) + (this.dfDelta.get(id) ?? 0);
  }

  private addDf(id: number, by: number): void {
    const value = (this.dfDelta.get(id) ?? 0) + by;
    if (value === 0) this.dfDelta.delete(id);
    else this.dfDelta.set(id, value);
  }
}

