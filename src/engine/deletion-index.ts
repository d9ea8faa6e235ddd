/**
 * Words by their one-letter deletions (and by themselves), for the typo corrector in vocabulary.ts: which
 * words turn into a given string when one letter (or none) is deleted.
 *
 * A map from each deletion string to its words cost ~10% of indexing 100k entries (`npm run bench`): every
 * word made and hashed a string per letter. Here the deletions of a word are hashed straight from its
 * characters (a polynomial hash, so deleting a letter is a prefix and a suffix combined), and only the hash,
 * the word and the deleted position are stored; a lookup checks the characters of each hash match.
 */

const BASE = 0x01000193;

export class DeletionIndex {
  /**
   * Open addressing, three numbers per entry: variant hash, word index + 1 (0: empty), deleted position or -1.
   * At most three quarters full.
   */
  private entries: Int32Array;
  private used = 0;
  private readonly words: string[] = [];
  /** Scratch for {@link add}: hashes of each prefix and suffix of the word, and powers of the base. */
  private prefix = new Int32Array(64);
  private suffix = new Int32Array(64);
  private powers = new Int32Array(64);

  /** @param bits the table starts with 2^bits entries (it doubles as it fills). */
  constructor(bits = 14) {
    this.entries = new Int32Array(3 << bits);
  }

  /** Files a word under itself and each of its distinct one-letter deletions. */
  add(word: string): void {
    const n = word.length;
    if (this.prefix.length <= n) {
      this.prefix = new Int32Array(2 * n + 2);
      this.suffix = new Int32Array(2 * n + 2);
      this.powers = new Int32Array(2 * n + 2);
    }
    const { prefix, suffix, powers } = this;
    powers[0] = 1;
    for (let k = 0; k < n; k++) {
      powers[k + 1] = Math.imul(powers[k]!, BASE);
      prefix[k + 1] = (Math.imul(prefix[k]!, BASE) + word.charCodeAt(k)) | 0;
    }
    suffix[n] = 0;
    for (let k = n - 1; k >= 0; k--) suffix[k] = (suffix[k + 1]! + Math.imul(word.charCodeAt(k), powers[n - 1 - k]!)) | 0;

    const index = this.words.length;
    this.words.push(word);
    this.insert(prefix[n]!, index, -1);
    for (let k = 0; k < n; k++) {
      // Deleting either of two equal neighbours gives the same string: it is filed once.
      if (k > 0 && word.charCodeAt(k) === word.charCodeAt(k - 1)) continue;
      this.insert((Math.imul(prefix[k]!, powers[n - 1 - k]!) + suffix[k + 1]!) | 0, index, k);
    }
  }

  /** Calls `visit` once for each word that is `variant`, or becomes it with one letter deleted. */
  forEachWord(variant: string, visit: (word: string) => void): void {
    let hash = 0;
    for (let k = 0; k < variant.length; k++) hash = (Math.imul(hash, BASE) + variant.charCodeAt(k)) | 0;
    const { entries } = this;
    const mask = entries.length / 3 - 1;
    for (let e = mix(hash) & mask; entries[3 * e + 1] !== 0; e = (e + 1) & mask) {
      if (entries[3 * e] !== hash) continue;
      const word = this.words[entries[3 * e + 1]! - 1]!;
      if (isDeletion(word, entries[3 * e + 2]!, variant)) visit(word);
    }
  }

  private insert(hash: number, index: number, deleted: number): void {
    if ((this.used + 1) * 4 > (this.entries.length / 3) * 3) {
      const old = this.entries;
      this.entries = new Int32Array(old.length * 2);
      for (let e = 0; e < old.length; e += 3) if (old[e + 1] !== 0) this.place(old[e]!, old[e + 1]! - 1, old[e + 2]!);
    }
    this.place(hash, index, deleted);
    this.used++;
  }

  private place(hash: number, index: number, deleted: number): void {
    const { entries } = this;
    const mask = entries.length / 3 - 1;
    let e = mix(hash) & mask;
    while (entries[3 * e + 1] !== 0) e = (e + 1) & mask;
    entries[3 * e] = hash;
    entries[3 * e + 1] = index + 1;
    entries[3 * e + 2] = deleted;
  }
}

/** Whether `variant` is `word` with the letter at `deleted` removed (or `word` itself, for -1). */
function isDeletion(word: string, deleted: number, variant: string): boolean {
  if (deleted < 0) return word === variant;
  if (word.length !== variant.length + 1) return false;
  for (let k = 0; k < variant.length; k++) {
    if (variant.charCodeAt(k) !== word.charCodeAt(k < deleted ? k : k + 1)) return false;
  }
  return true;
}

/** Spreads the hash's bits so that the low ones (the bucket) depend on all of them. */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}
