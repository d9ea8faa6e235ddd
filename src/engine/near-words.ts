/**
 * The best rank among the words one slip away from a typed word (a letter deleted, inserted or changed, or two
 * neighbours swapped), without making a string per candidate.
 *
 * Building each candidate as a string and looking it up made about 45 KB of garbage per unknown word (some 700
 * strings for a 12-letter word), the largest share of a query's allocations and of its garbage-collection pauses
 * (measured with process.memoryUsage() around match()). Here every dictionary word is filed under two
 * polynomial hashes of its letters; a candidate's hashes are combined from the typed word's prefix and suffix
 * hashes, so no candidate is ever spelled out. Two independent 32-bit hashes make a false match vanishingly
 * rare, and a false match would only misjudge how much an unknown word weighs.
 */

const BASE_A = 0x01000193;
const BASE_B = 0x5bd1e995;
const ALPHABET_SIZE = 26;
const A = 97;

export class NearWords {
  /** Open addressing, three numbers per word: hash A, hash B, rank + 1 (0: empty). At most half full. */
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(words: Iterable<[word: string, rank: number]>) {
    const list = [...words].filter(([word]) => /^[a-z]+$/.test(word));
    let slots = 1024;
    while (slots < list.length * 2) slots *= 2;
    this.table = new Int32Array(slots * 3);
    this.mask = slots - 1;
    for (const [word, rank] of list) this.insert(hashOf(word, BASE_A), hashOf(word, BASE_B), rank);
  }

  /** The lowest rank of a word one slip away from `typed` (lowercase a–z), or undefined. */
  bestRankNear(typed: string): number | undefined {
    const n = typed.length;
    const pa = prefixHashes(typed, BASE_A);
    const pb = prefixHashes(typed, BASE_B);
    const powA = powers(n + 2, BASE_A);
    const powB = powers(n + 2, BASE_B);
    // H(s[j..n)) from the prefix hashes: H(s) - H(s[0..j)) * B^(n-j).
    const suffixA = (j: number) => (pa[n]! - Math.imul(pa[j]!, powA[n - j]!)) | 0;
    const suffixB = (j: number) => (pb[n]! - Math.imul(pb[j]!, powB[n - j]!)) | 0;
    let best: number | undefined;
    // head = s[0..i), middle = up to two letters (hashes ma, mb, length m), tail = s[j..n).
    const consider = (i: number, ma: number, mb: number, m: number, j: number) => {
      const tail = n - j;
      const ha = (Math.imul(pa[i]!, powA[m + tail]!) + Math.imul(ma, powA[tail]!) + suffixA(j)) | 0;
      const hb = (Math.imul(pb[i]!, powB[m + tail]!) + Math.imul(mb, powB[tail]!) + suffixB(j)) | 0;
      const rank = this.find(ha, hb);
      if (rank !== undefined && (best === undefined || rank < best)) best = rank;
    };
    for (let i = 0; i <= n; i++) {
      if (i < n) consider(i, 0, 0, 0, i + 1);
      if (i + 1 < n) {
        const x = typed.charCodeAt(i + 1);
        const y = typed.charCodeAt(i);
        consider(i, (Math.imul(x, BASE_A) + y) | 0, (Math.imul(x, BASE_B) + y) | 0, 2, i + 2);
      }
      for (let c = A; c < A + ALPHABET_SIZE; c++) {
        if (i < n) consider(i, c, c, 1, i + 1);
        consider(i, c, c, 1, i);
      }
    }
    return best;
  }

  private insert(ha: number, hb: number, rank: number): void {
    const { table, mask } = this;
    for (let slot = (ha ^ hb) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (table[at + 2] === 0) {
        table[at] = ha;
        table[at + 1] = hb;
        table[at + 2] = rank + 1;
        return;
      }
      // The same word twice (folded capitals): the first, most frequent, rank stays.
      if (table[at] === ha && table[at + 1] === hb) return;
    }
  }

  private find(ha: number, hb: number): number | undefined {
    const { table, mask } = this;
    for (let slot = (ha ^ hb) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const stored = table[at + 2]!;
      if (stored === 0) return undefined;
      if (table[at] === ha && table[at + 1] === hb) return stored - 1;
    }
  }
}

function hashOf(word: string, base: number): number {
  let h = 0;
  for (let k = 0; k < word.length; k++) h = (Math.imul(h, base) + word.charCodeAt(k)) | 0;
  return h;
}

/** Hashes of every prefix: out[k] = H(s[0..k)). Reused arrays: a query asks this for each unknown word. */
function prefixHashes(word: string, base: number): Int32Array {
  const out = base === BASE_A ? scratchA : scratchB;
  out[0] = 0;
  for (let k = 0; k < word.length; k++) out[k + 1] = (Math.imul(out[k]!, base) + word.charCodeAt(k)) | 0;
  return out;
}

function powers(count: number, base: number): Int32Array {
  const out = base === BASE_A ? powersA : powersB;
  out[0] = 1;
  for (let k = 1; k < count; k++) out[k] = Math.imul(out[k - 1]!, base);
  return out;
}

/** Typed words are at most MAX_TYPED letters (english.ts), so fixed scratch suffices. */
export const MAX_TYPED = 12;
const scratchA = new Int32Array(MAX_TYPED + 2);
const scratchB = new Int32Array(MAX_TYPED + 2);
const powersA = new Int32Array(MAX_TYPED + 3);
const powersB = new Int32Array(MAX_TYPED + 3);
