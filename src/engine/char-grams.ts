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
  const lower = text.toLowerCase();
  // ASCII (most knowledge text): NFKC changes nothing and letters and digits are [a-z0-9], a far cheaper regex.
  if (ASCII_TEXT.test(lower)) return (lower.match(/[a-z0-9]+/g) ?? []).join(' ');
  return (lower.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, is the point
const ASCII_TEXT = /^[\x00-\x7f]*$/;

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
 * An entry's vectors: runs of (3-gram id, count), first all phrasings together, then each phrasing (none more for
 * an entry of one phrasing); each run closed by SEPARATOR. Within a run the 3-grams are in the order of their codes
 * (the three characters as one number), not of their ids: ids are handed out in the order 3-grams are first met, so
 * two indexes over the same entries added in another order (a server's overlay and a fresh build, see
 * overlay-grams.ts) number them differently, and sums taken in id order would differ in their last bits.
 */
export interface CharVectors {
  entry: Entry;
  ids: Int32Array;
  counts: Uint8Array;
  /** Each run's length under the idf of `normsVersion` (recomputed when the entries have changed since). */
  norms: Float64Array;
  normsVersion: number;
}

/**
 * What the similarity reads of a collection of entries: how many there are, each 3-gram's id and idf, and an
 * entry's vectors. {@link CharGramIndex} is one; a server's overlay (overlay-grams.ts) is another, whose counts
 * are the shared index's less the entries it hides plus its own.
 */
export interface GramStats {
  readonly entries: number;
  /** The id of a 3-gram (by its code, see {@link gramCode}) that some entry has, else {@link UNSEEN}. */
  idOf(code: number): number;
  /** Smoothed idf; {@link UNSEEN} gets the highest. */
  idf(id: number): number;
  vectorsOf(entry: Entry): CharVectors;
  /** The vectors' run lengths under the current idf. */
  normsOf(vectors: CharVectors): Float64Array;
}

/** What scoring asks of the 3-grams: prepare a query, measure candidates, then done. */
export interface CharGramScorer {
  prepare(query: string): boolean;
  similarity(entry: Entry, out: CharSimilarity): CharSimilarity;
  done(): void;
}

export const SEPARATOR = -1;
/** Marks a 3-gram that no entry has. */
export const UNSEEN = -2;
/** How many entries' vectors are kept (about 1.7 kB each: 27 MB when full, measured at 100k with `npm run bench`). */
const VECTOR_CACHE_MAX = 16_384;
const COUNT_MAX = 255;

export class CharGramIndex implements GramStats, CharGramScorer {
  /** 3-gram (its three code units as one number) → id. */
  private readonly gramIds = new Map<number, number>();
  /** Per 3-gram id, how many entries have it. */
  private df = new Int32Array(1024);
  private count = 0;
  /** Each 3-gram's idf as of `idfVersion`; `version` moves on with every change. */
  private idfs = new Float64Array(1024);
  private idfVersion = new Int32Array(1024).fill(-1);
  private version = 0;
  private readonly vectors = new Map<string, CharVectors>();

  get size(): number {
    return this.count;
  }

  get entries(): number {
    return this.count;
  }

  /** How many 3-grams have ids (ids are 0 to this, exclusive). */
  get idCount(): number {
    return this.gramIds.size;
  }

  upsert(entry: Entry): void {
    const register = (code: number) => this.register(code);
    if (this.vectors.size < VECTOR_CACHE_MAX) {
      // While the cache has room the vectors are made now: a knowledge base the cache holds whole never reads an
      // entry's text again. Past it, only what is asked is kept (making vectors for every entry of 100k cost a
      // fifth more build time than counting its 3-grams).
      const vectors = this.remember(vectorsFrom(entry, register));
      for (let i = 0; vectors.ids[i] !== SEPARATOR; i++) this.df[vectors.ids[i]!]!++;
    } else {
      forEachDistinct(gramCodes(phrasingsOf(entry)), (code) => this.df[register(code)]!++);
    }
    this.count++;
    this.version++;
  }

  /** Forgets an entry given as it was indexed. */
  remove(entry: Entry): void {
    forEachDistinct(gramCodes(phrasingsOf(entry)), (code) => {
      const id = this.gramIds.get(code);
      if (id !== undefined) this.df[id]!--;
    });
    this.count--;
    this.version++;
    this.vectors.delete(entry.id);
  }

  /** Readies the query's weights; then `similarity` for each candidate, then `done`. */
  prepare(query: string): boolean {
    return prepareQuery(this, query);
  }

  done(): void {
    queryDone();
  }

  /** The similarities of the prepared query and an indexed entry. */
  similarity(entry: Entry, out: CharSimilarity): CharSimilarity {
    return similarityOf(this, entry, out);
  }

  /** The id a 3-gram code was given, whether or not an entry still has it (for an overlay's counts). */
  registeredId(code: number): number | undefined {
    return this.gramIds.get(code);
  }

  /** How many entries have the 3-gram of this id. */
  frequency(id: number): number {
    return this.df[id]!;
  }

  idOf(code: number): number {
    const id = this.gramIds.get(code);
    // A 3-gram only removed entries had reads as one no entry has: as it would in an index built afresh.
    return id !== undefined && this.df[id]! > 0 ? id : UNSEEN;
  }

  /** Smoothed idf; a 3-gram no entry has gets the highest, so text the knowledge base lacks lowers the similarity. */
  idf(id: number): number {
    if (id < 0) return Math.log(this.count + 1) + 1;
    // Kept from query to query until the entries change: a logarithm per 3-gram per candidate was a fifth of a query.
    if (this.idfVersion[id] === this.version) return this.idfs[id]!;
    const value = Math.log((this.count + 1) / (this.df[id]! + 1)) + 1;
    this.idfs[id] = value;
    this.idfVersion[id] = this.version;
    return value;
  }

  normsOf(vectors: CharVectors): Float64Array {
    if (vectors.normsVersion !== this.version) {
      computeNorms(this, vectors, vectors.norms);
      vectors.normsVersion = this.version;
    }
    return vectors.norms;
  }

  /** An entry's vectors, from the cache or from its text (then cached, the oldest dropped). */
  vectorsOf(entry: Entry): CharVectors {
    // Oldest first out, not least recently used: refreshing on every hit cost more than the misses it saved.
    const cached = this.vectors.get(entry.id);
    if (cached?.entry === entry) return cached;
    return this.remember(vectorsFrom(entry, (code) => this.idOf(code)));
  }

  private remember(vectors: CharVectors): CharVectors {
    this.vectors.delete(vectors.entry.id);
    this.vectors.set(vectors.entry.id, vectors);
    if (this.vectors.size > VECTOR_CACHE_MAX) this.vectors.delete(this.vectors.keys().next().value!);
    return vectors;
  }

  private register(code: number): number {
    let id = this.gramIds.get(code);
    if (id === undefined) {
      id = this.gramIds.size;
      this.gramIds.set(code, id);
      this.grow(id + 1);
    }
    return id;
  }

  private grow(size: number): void {
    if (this.df.length >= size) return;
    const next = Math.max(size, this.df.length * 2);
    const df = new Int32Array(next);
    df.set(this.df);
    this.df = df;
    this.idfs = new Float64Array(next);
    this.idfVersion = new Int32Array(next).fill(-1);
  }
}

/*
 * The query's side, shared by every index: a query is prepared, its candidates measured and `done` called within
 * one synchronous scoreQuery, so one scratch serves all the knowledge bases of a process.
 */

/** The query's weight per 3-gram id (zero elsewhere), set by `prepareQuery` and cleared by `queryDone`. */
let queryWeight: Float64Array = new Float64Array(1024);
let queryIds: number[] = [];
let queryNorm = 0;

export function prepareQuery(stats: GramStats, query: string): boolean {
  queryDone();
  let norm = 0;
  const codes = gramCodes([query]);
  codes.sort();
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j < codes.length && codes[j] === codes[i]) j++;
    const id = stats.idOf(codes[i]!);
    if (id >= 0) {
      const weight = (1 + Math.log(j - i)) * stats.idf(id);
      norm += weight * weight;
      if (queryWeight.length <= id) queryWeight = grownWeights(queryWeight, id + 1);
      queryWeight[id] = weight;
      queryIds.push(id);
    } else {
      // A 3-gram no entry has still counts in the query's length, each occurrence on its own.
      const weight = stats.idf(UNSEEN);
      norm += weight * weight * (j - i);
    }
    i = j;
  }
  queryNorm = Math.sqrt(norm);
  return queryNorm > 0;
}

export function queryDone(): void {
  for (const id of queryIds) queryWeight[id] = 0;
  queryIds = [];
  queryNorm = 0;
}

/** The similarities of the prepared query and an entry of `stats`. */
export function similarityOf(stats: GramStats, entry: Entry, out: CharSimilarity): CharSimilarity {
  out.entry = 0;
  out.phrasing = 0;
  if (queryNorm === 0) return out;
  const vectors = stats.vectorsOf(entry);
  const norms = stats.normsOf(vectors);
  const { ids, counts } = vectors;
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
    if (id < 0 || id >= queryWeight.length) continue;
    const weight = queryWeight[id]!;
    if (weight !== 0) dot += (1 + LOG_COUNT[counts[i]!]!) * stats.idf(id) * weight;
  }
  // An entry of one phrasing keeps one run: the whole entry is its phrasing.
  if (norms.length === 1) out.phrasing = out.entry;
  return out;
}

/** Writes each run's length under `stats`' idf into `norms`. */
export function computeNorms(stats: GramStats, vectors: CharVectors, norms: Float64Array): Float64Array {
  const { ids, counts } = vectors;
  let norm = 0;
  let run = 0;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] === SEPARATOR) {
      norms[run++] = Math.sqrt(norm);
      norm = 0;
      continue;
    }
    const weight = (1 + LOG_COUNT[counts[i]!]!) * stats.idf(ids[i]!);
    norm += weight * weight;
  }
  return norms;
}

/**
 * An entry's vectors, its 3-grams given ids by `idOf` (which may register them). Each run is in 3-gram code order
 * (see {@link CharVectors}).
 */
export function vectorsFrom(entry: Entry, idOf: (code: number) => number): CharVectors {
  const phrasings = phrasingsOf(entry).map((p) => gramCodes([p]));
  for (const p of phrasings) p.sort();
  let total = 0;
  for (const p of phrasings) total += p.length;
  const whole = new Float64Array(total);
  total = 0;
  for (const p of phrasings) {
    whole.set(p, total);
    total += p.length;
  }
  whole.sort();
  const runs: Float64Array[] = phrasings.length === 1 ? [whole] : [whole, ...phrasings];
  let length = 0;
  for (const run of runs) length += distinctCount(run) + 1;
  const ids = new Int32Array(length);
  const counts = new Uint8Array(length);
  let at = 0;
  for (const run of runs) {
    for (let i = 0; i < run.length; ) {
      let j = i;
      while (j < run.length && run[j] === run[i]) j++;
      ids[at] = idOf(run[i]!);
      counts[at++] = Math.min(COUNT_MAX, j - i);
      i = j;
    }
    ids[at++] = SEPARATOR;
  }
  return { entry, ids, counts, norms: new Float64Array(runs.length), normsVersion: -1 };
}

/** The 3-gram codes of the texts, one per occurrence: each padded 3-gram's three UTF-16 code units as one number. */
export function gramCodes(texts: readonly string[]): Float64Array {
  const keys = texts.map(wordKey).filter((k) => k !== '');
  let length = 0;
  for (const key of keys) length += key.length;
  const out = new Float64Array(length);
  let at = 0;
  for (const key of keys) {
    // No string per 3-gram.
    let a = SPACE;
    let b = key.charCodeAt(0);
    for (let i = 1; i <= key.length; i++) {
      const c = i < key.length ? key.charCodeAt(i) : SPACE;
      out[at++] = (a * 65536 + b) * 65536 + c;
      a = b;
      b = c;
    }
  }
  return out;
}

const SPACE = 32;

export function phrasingsOf(entry: Entry): string[] {
  return [entry.question, ...entry.alternates];
}

/** Calls `visit` once per distinct value (sorting `values` in place). */
export function forEachDistinct(values: Float64Array, visit: (value: number) => void): void {
  values.sort();
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) visit(values[i]!);
}

function distinctCount(sorted: Float64Array): number {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  return n;
}

function grownWeights(array: Float64Array, size: number): Float64Array {
  const grown = new Float64Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

const LOG_COUNT = Float64Array.from({ length: 256 }, (_, c) => (c > 0 ? Math.log(c) : 0));
