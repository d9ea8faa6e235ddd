import type { Entry } from '../knowledge/entry.js';

/**
 * Character 3-gram similarity between a query and an entry's phrasings: TF-IDF over the 3-grams of the lowercased
 * words, cosine. Words are only half of what tells two questions alike: "transfer" and "transferring", "top up" and
 * "topped up", "cancelled" and "canceled", "doesnetflix" and "does netflix" share most of their 3-grams and none of
 * their words. On the public intent sets a TF-IDF over 3-grams alone ranked the right entry first more often than
 * our word matching did; as three more measures for the confidence model it lifted ours past it (`npm run
 * quality`).
 *
 * It measures the candidates the word index gathered; it gathers none of its own. Tried with postings of every
 * 3-gram as a second source of candidates, it ranked no better on any quality set and made a query at 100k
 * entries 40 times slower (`npm run bench`).
 *
 * Only the phrasings (question and alternates) are read, not the answer: the word index already reads the answer,
 * whose 3-grams would cost far more for little. What is kept for every entry is how many entries have each 3-gram;
 * the entries' vectors are kept for up to VECTOR_CACHE_MAX entries (made at indexing while there is room, then for
 * the entries scored), and made from an entry's text when it is scored and not kept. Measured with `npm run bench`:
 * at 10k entries the vectors of all cost 17 MB and halve the time the 3-grams add to a query.
 */

/** The 3-gram similarities of one (query, entry) pair, each a cosine in [0, 1]. */
export interface CharSimilarity {
  /** Against all of the entry's phrasings read as one text. */
  entry: number;
  /** Against its best-fitting phrasing. */
  phrasing: number;
}

/** A text's lowercased words joined by single spaces: two texts with the same key ask word for word the same. */
export function wordKey(text: string): string {
  return (text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** The 3-grams of a text: its lowercased words joined by single spaces, padded with one space each side. */
export function charGrams(text: string): string[] {
  const key = wordKey(text);
  if (key === '') return [];
  const padded = ` ${key} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/**
 * An entry's vectors: runs of (3-gram id, count) with ids ascending, first all phrasings together, then each
 * phrasing (none more for an entry of one phrasing); each run closed by SEPARATOR.
 */
interface CharVectors {
  entry: Entry;
  ids: Int32Array;
  counts: Uint8Array;
  /** Each run's length under the idf of `normsVersion` (recomputed when the entries have changed since). */
  norms: Float64Array;
  normsVersion: number;
}

const SEPARATOR = -1;
/** How many entries' vectors are kept (about 1.7 kB each: 27 MB when full, measured at 100k with `npm run bench`). */
const VECTOR_CACHE_MAX = 16_384;
const COUNT_MAX = 255;

export class CharGramIndex {
  /** 3-gram (its three code units as one number) → id. */
  private readonly gramIds = new Map<number, number>();
  /** Per 3-gram id, how many entries have it. */
  private df = new Int32Array(1024);
  private entries = 0;
  /** Each 3-gram's idf as of `idfVersion`; `version` moves on with every change. */
  private idfs = new Float64Array(1024);
  private idfVersion = new Int32Array(1024).fill(-1);
  private version = 0;
  private readonly vectors = new Map<string, CharVectors>();
  /** Scratch: the query's weight per 3-gram id (zero elsewhere), set by `prepare` and cleared by `done`. */
  private queryWeight = new Float64Array(1024);
  private queryIds: number[] = [];
  private queryNorm = 0;

  get size(): number {
    return this.entries;
  }

  upsert(entry: Entry): void {
    if (this.vectors.size < VECTOR_CACHE_MAX) {
      // While the cache has room the vectors are made now: a knowledge base the cache holds whole never reads an
      // entry's text again. Past it, only what is asked is kept (making vectors for every entry of 100k cost a
      // fifth more build time than counting its 3-grams).
      const vectors = this.remember(this.vectorsFrom(entry, phrasingsOf(entry).map((p) => this.idsOf([p], true))));
      for (let i = 0; vectors.ids[i] !== SEPARATOR; i++) this.df[vectors.ids[i]!]!++;
    } else {
      forEachDistinct(this.idsOf(phrasingsOf(entry), true), (id) => this.df[id]!++);
    }
    this.entries++;
    this.version++;
  }

  /** Forgets an entry given as it was indexed. */
  remove(entry: Entry): void {
    forEachDistinct(this.idsOf(phrasingsOf(entry), false), (id) => {
      if (id >= 0) this.df[id]!--;
    });
    this.entries--;
    this.version++;
    this.vectors.delete(entry.id);
  }

  /** Readies the query's weights; then `similarity` for each candidate, then `done`. */
  prepare(query: string): boolean {
    this.done();
    let norm = 0;
    const ids = this.idsOf([query], false);
    ids.sort();
    for (let i = 0; i < ids.length; ) {
      let j = i;
      while (j < ids.length && ids[j] === ids[i]) j++;
      const id = ids[i]!;
      // A 3-gram no entry has still counts in the query's length, each occurrence on its own.
      const count = id >= 0 ? j - i : 1;
      const weight = (1 + Math.log(count)) * this.idf(id);
      norm += id >= 0 ? weight * weight : weight * weight * (j - i);
      if (id >= 0) {
        this.queryWeight[id] = weight;
        this.queryIds.push(id);
      }
      i = j;
    }
    this.queryNorm = Math.sqrt(norm);
    return this.queryNorm > 0;
  }

  done(): void {
    for (const id of this.queryIds) this.queryWeight[id] = 0;
    this.queryIds = [];
    this.queryNorm = 0;
  }

  /** The similarities of the prepared query and an indexed entry. */
  similarity(entry: Entry, out: CharSimilarity): CharSimilarity {
    out.entry = 0;
    out.phrasing = 0;
    if (this.queryNorm === 0) return out;
    const vectors = this.vectorsOf(entry);
    // Also brings the idf of every 3-gram of the entry up to date, so the loop below reads `idfs` directly.
    if (vectors.normsVersion !== this.version) this.computeNorms(vectors);
    const { ids, counts, norms } = vectors;
    const { queryWeight, idfs, queryNorm } = this;
    let dot = 0;
    let run = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === SEPARATOR) {
        const cosine = norms[run]! > 0 ? dot / (norms[run]! * queryNorm) : 0;
        if (run === 0) out.entry = cosine;
        else if (cosine > out.phrasing) out.phrasing = cosine;
        run++;
        dot = 0;
        continue;
      }
      // A 3-gram no entry has (the entry was changed since it was indexed) matches nothing.
      if (id < 0) continue;
      const weight = queryWeight[id]!;
      if (weight !== 0) dot += (1 + LOG_COUNT[counts[i]!]!) * idfs[id]! * weight;
    }
    // An entry of one phrasing keeps one run: the whole entry is its phrasing.
    if (norms.length === 1) out.phrasing = out.entry;
    return out;
  }

  private computeNorms(vectors: CharVectors): void {
    const { ids, counts, norms } = vectors;
    let norm = 0;
    let run = 0;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === SEPARATOR) {
        norms[run++] = Math.sqrt(norm);
        norm = 0;
        continue;
      }
      const weight = (1 + LOG_COUNT[counts[i]!]!) * this.idf(ids[i]!);
      norm += weight * weight;
    }
    vectors.normsVersion = this.version;
  }

  /** An entry's vectors, from the cache or from its text (then cached, the oldest dropped). */
  private vectorsOf(entry: Entry): CharVectors {
    // Oldest first out, not least recently used: refreshing on every hit cost more than the misses it saved.
    const cached = this.vectors.get(entry.id);
    if (cached?.entry === entry) return cached;
    return this.remember(this.vectorsFrom(entry, phrasingsOf(entry).map((p) => this.idsOf([p], false))));
  }

  private remember(vectors: CharVectors): CharVectors {
    this.vectors.delete(vectors.entry.id);
    this.vectors.set(vectors.entry.id, vectors);
    if (this.vectors.size > VECTOR_CACHE_MAX) this.vectors.delete(this.vectors.keys().next().value!);
    return vectors;
  }

  /** The vectors from each phrasing's 3-gram ids (sorted here, in place). */
  private vectorsFrom(entry: Entry, phrasings: Int32Array[]): CharVectors {
    for (const p of phrasings) p.sort();
    let total = 0;
    for (const p of phrasings) total += p.length;
    const whole = new Int32Array(total);
    total = 0;
    for (const p of phrasings) {
      whole.set(p, total);
      total += p.length;
    }
    whole.sort();
    const runs = phrasings.length === 1 ? [whole] : [whole, ...phrasings];
    let length = 0;
    for (const run of runs) length += distinctCount(run) + 1;
    const ids = new Int32Array(length);
    const counts = new Uint8Array(length);
    let at = 0;
    for (const run of runs) {
      for (let i = 0; i < run.length; ) {
        let j = i;
        while (j < run.length && run[j] === run[i]) j++;
        ids[at] = run[i]!;
        counts[at++] = Math.min(COUNT_MAX, j - i);
        i = j;
      }
      ids[at++] = SEPARATOR;
    }
    return { entry, ids, counts, norms: new Float64Array(runs.length), normsVersion: -1 };
  }

  /** Smoothed idf; a 3-gram no entry has gets the highest, so text the knowledge base lacks lowers the similarity. */
  private idf(id: number): number {
    if (id < 0) return Math.log(this.entries + 1) + 1;
    // Kept from query to query until the entries change: a logarithm per 3-gram per candidate was a fifth of a query.
    if (this.idfVersion[id] === this.version) return this.idfs[id]!;
    const value = Math.log((this.entries + 1) / (this.df[id]! + 1)) + 1;
    this.idfs[id] = value;
    this.idfVersion[id] = this.version;
    return value;
  }

  /** The 3-gram ids of the texts, one per occurrence; unknown 3-grams are registered when `register`, else -2. */
  private idsOf(texts: readonly string[], register: boolean): Int32Array {
    const keys = texts.map(wordKey).filter((k) => k !== '');
    let length = 0;
    for (const key of keys) length += key.length;
    const out = new Int32Array(length);
    let at = 0;
    for (const key of keys) {
      // The padded text's 3-grams, each read as one number of its three UTF-16 code units (no string per 3-gram).
      let a = SPACE;
      let b = key.charCodeAt(0);
      for (let i = 1; i <= key.length; i++) {
        const c = i < key.length ? key.charCodeAt(i) : SPACE;
        const gram = (a * 65536 + b) * 65536 + c;
        let id = this.gramIds.get(gram);
        if (id === undefined && register) {
          id = this.gramIds.size;
          this.gramIds.set(gram, id);
          this.grow(id + 1);
        }
        out[at++] = id ?? UNSEEN;
        a = b;
        b = c;
      }
    }
    return out;
  }

  private grow(size: number): void {
    if (this.df.length >= size) return;
    const next = Math.max(size, this.df.length * 2);
    const df = new Int32Array(next);
    df.set(this.df);
    this.df = df;
    this.queryWeight = new Float64Array(next);
    this.idfs = new Float64Array(next);
    this.idfVersion = new Int32Array(next).fill(-1);
  }
}

/** Marks a 3-gram that no entry has. */
const UNSEEN = -2;
const SPACE = 32;

function phrasingsOf(entry: Entry): string[] {
  return [entry.question, ...entry.alternates];
}

/** Calls `visit` once per distinct id (sorting `ids` in place). */
function forEachDistinct(ids: Int32Array, visit: (id: number) => void): void {
  ids.sort();
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) visit(ids[i]!);
}

function distinctCount(sorted: Int32Array): number {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  return n;
}

const LOG_COUNT = Float64Array.from({ length: 256 }, (_, c) => (c > 0 ? Math.log(c) : 0));
