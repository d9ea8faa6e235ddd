import { QUERY_MAX_CHARS } from './text.js';

/**
 * Distinct words as small numbers ("slots"), read straight from a text's character codes.
 *
 * Indexing 100k entries splits ~12M words. Cutting each out as a string and looking it up in a Map was most of
 * the build time (`npm run bench`): every lookup hashed a freshly made string. Here a word is encoded while it
 * is scanned and found in an open-addressing table, so a string is made only the first time a word is seen.
 *
 * {@link WordTable.scan} must split exactly as `words(normalize(text))` in text.ts does. It handles only the
 * plain case (ASCII without markup, links, c++ / c# or backticks) and says when a text needs the full
 * normalisation instead; test/engine/word-table.test.ts checks the two against each other.
 */

/** Returned by {@link WordTable.scan} for a text only `words(normalize(text))` can split. */
export const NEEDS_NORMALIZE = -1;

const APOSTROPHE = 39;
const DOT = 46;
const COLON = 58;
const SLASH = 47;
const LOWER_S = 115;

/**
 * A word's first ten characters are packed exactly into two numbers, five 6-bit codes each, so that looking up
 * a short word (nearly all of them) compares three numbers instead of its characters. Codes are never 0, so a
 * packed number also says how many characters it holds. Characters past the tenth are hashed, and checked
 * against the stored word. The table covers every UTF-16 code unit so that the scan needs no range check (only
 * its ASCII part is ever read often).
 */
const CODE = new Uint8Array(65_536);
for (let c = 48; c <= 57; c++) CODE[c] = c - 47;
for (let c = 97; c <= 122; c++) CODE[c] = c - 86;
for (let c = 65; c <= 90; c++) CODE[c] = c - 54;
const DOT_CODE = 37;
const PACKED_CHARS = 5;
const EXACT_CHARS = 2 * PACKED_CHARS;

/** Characters where `normalize` may change ASCII text: markup, mentions, c++ / c#, backticks. */
const NORMALIZED = new Uint8Array(128);
for (const c of '<@+#`') NORMALIZED[c.charCodeAt(0)] = 1;

export class WordTable {
  /**
   * Open addressing, four numbers per bucket: the two packed heads, the tail hash, slot + 1 (0: empty). At most
   * three quarters full: the table is read for every word, so it should stay small enough for the CPU caches.
   */
  private buckets = new Int32Array(4 << 14);
  /** The characters of words longer than ten (see {@link sameTail}), one after another; `starts[slot]` on. */
  private chars = new Uint16Array(1 << 16);
  private starts = new Int32Array(1 << 12);
  /** The word of each slot. */
  readonly words: string[] = [];
  /** Words with characters other than [a-z0-9.], which cannot be packed (from the full normalisation). */
  private readonly others = new Map<string, number>();

  /** How many slots exist. */
  get size(): number {
    return this.words.length;
  }

  /** Writes the slots of the text's words into `out` and returns how many, or {@link NEEDS_NORMALIZE}. */
  scan(text: string, out: SlotBuffer): number {
    const end = Math.min(text.length, QUERY_MAX_CHARS);
    let slots: Int32Array = out.array;
    let count = 0;
    let i = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (CODE[c] === 0) {
        // A link needs "://", and every other change `normalize` makes to ASCII starts at one of these.
        if (c >= 128 || NORMALIZED[c] === 1 || (c === COLON && text.charCodeAt(i + 1) === SLASH)) return NEEDS_NORMALIZE;
        i++;
        continue;
      }
      // A word is [a-z0-9]+ then any number of [.'][a-z0-9]+ groups, as ASCII_WORD in text.ts.
      const start = i;
      let head = 0;
      let next = 0;
      let tail = 0;
      let length = 0;
      let apostrophes = false;
      for (;;) {
        let code = 0;
        for (; i < end; i++) {
          code = text.charCodeAt(i);
          const v = CODE[code]!;
          if (v === 0) break;
          if (length < PACKED_CHARS) head = (head << 6) | v;
          else if (length < EXACT_CHARS) next = (next << 6) | v;
          else tail = Math.imul(tail ^ v, HASH_PRIME);
          length++;
        }
        // `code` is now the character after the run, if any.
        if ((code !== DOT && code !== APOSTROPHE) || i + 1 >= end || CODE[text.charCodeAt(i + 1)] === 0) break;
        if (code === APOSTROPHE) apostrophes = true;
        else {
          if (length < PACKED_CHARS) head = (head << 6) | DOT_CODE;
          else if (length < EXACT_CHARS) next = (next << 6) | DOT_CODE;
          else tail = Math.imul(tail ^ DOT_CODE, HASH_PRIME);
          length++;
        }
        i++;
      }
      if (count === slots.length) slots = out.grow();
      slots[count++] = apostrophes ? this.slotOfApostrophized(text, start, i) : this.find(head, next, tail, text, start, length);
    }
    return count;
  }

  /** The slot of a word, made if new. */
  slotOf(word: string): number {
    let head = 0;
    let next = 0;
    let tail = 0;
    for (let k = 0; k < word.length; k++) {
      const code = word.charCodeAt(k);
      const v = code === DOT ? DOT_CODE : code >= 97 && code <= 122 ? CODE[code]! : code >= 48 && code <= 57 ? CODE[code]! : 0;
      // Not lowercase [a-z0-9.]: not packable (only the full normalisation makes such words).
      if (v === 0) return this.slotOfOther(word);
      if (k < PACKED_CHARS) head = (head << 6) | v;
      else if (k < EXACT_CHARS) next = (next << 6) | v;
      else tail = Math.imul(tail ^ v, HASH_PRIME);
    }
    return this.find(head, next, tail, word, 0, word.length);
  }

  /** Inner apostrophes are dropped ("don't" → "dont"), and a final "'s" with them ("netflix's" → "netflix"). */
  private slotOfApostrophized(text: string, start: number, end: number): number {
    if (text.charCodeAt(end - 2) === APOSTROPHE && (text.charCodeAt(end - 1) | 32) === LOWER_S) end -= 2;
    return this.slotOf(text.slice(start, end).toLowerCase().replaceAll("'", ''));
  }

  private slotOfOther(word: string): number {
    let slot = this.others.get(word);
    if (slot === undefined) {
      slot = this.words.length;
      this.words.push(word);
      this.others.set(word, slot);
      this.addChars(slot, word);
    }
    return slot;
  }

  /**
   * The slot of the word packed as (head, next, tail), made if new. Its characters, letters in either case, are
   * `text` from `from` on: read to check what packing does not settle (past the tenth) and to make a new word.
   */
  private find(head: number, next: number, tail: number, text: string, from: number, length: number): number {
    // A long word's tail is never 0, so it cannot pass for a short word with the same first ten characters.
    if (length > EXACT_CHARS) tail |= 1;
    const { buckets } = this;
    const mask = (buckets.length >> 2) - 1;
    for (let b = mix(head, next, tail) & mask; ; b = (b + 1) & mask) {
      const entry = buckets[4 * b + 3]!;
      if (entry === 0) return this.add(head, next, tail, text, from, length, b);
      if (buckets[4 * b] !== head || buckets[4 * b + 1] !== next || buckets[4 * b + 2] !== tail) continue;
      if (length <= EXACT_CHARS || this.sameTail(entry - 1, text, from, length)) return entry - 1;
    }
  }

  private sameTail(slot: number, text: string, from: number, length: number): boolean {
    const start = this.starts[slot]!;
    if (this.starts[slot + 1]! - start !== length) return false;
    // Letters, digits and dots only: OR-ing 32 lowercases the letters and changes nothing else.
    for (let k = EXACT_CHARS; k < length; k++) if (this.chars[start + k] !== (text.charCodeAt(from + k) | 32)) return false;
    return true;
  }

  private add(head: number, next: number, tail: number, text: string, from: number, length: number, bucket: number): number {
    const slot = this.words.length;
    const word = text.slice(from, from + length).toLowerCase();
    this.words.push(word);
    this.addChars(slot, word);
    const { buckets } = this;
    buckets[4 * bucket] = head;
    buckets[4 * bucket + 1] = next;
    buckets[4 * bucket + 2] = tail;
    buckets[4 * bucket + 3] = slot + 1;
    if (this.words.length * 16 > buckets.length * 3) this.rehash();
    return slot;
  }

  /** Keeps the characters of long words (for {@link sameTail}); short ones are settled by their packed heads. */
  private addChars(slot: number, word: string): void {
    if (slot + 2 > this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    const start = this.starts[slot]!;
    const length = word.length > EXACT_CHARS ? word.length : 0;
    if (start + length > this.chars.length) this.chars = grown(this.chars, (start + length) * 2);
    for (let k = 0; k < length; k++) this.chars[start + k] = word.charCodeAt(k);
    this.starts[slot + 1] = start + length;
  }

  private rehash(): void {
    const old = this.buckets;
    const buckets = new Int32Array(old.length * 2);
    const mask = (buckets.length >> 2) - 1;
    for (let b = 0; b < old.length; b += 4) {
      if (old[b + 3] === 0) continue;
      let to = mix(old[b]!, old[b + 1]!, old[b + 2]!) & mask;
      while (buckets[4 * to + 3] !== 0) to = (to + 1) & mask;
      for (let k = 0; k < 4; k++) buckets[4 * to + k] = old[b + k]!;
    }
    this.buckets = buckets;
  }
}

/** A growable array of slots, reused from text to text. */
export class SlotBuffer {
  array: Int32Array = new Int32Array(1_024);

  grow(): Int32Array {
    return (this.array = grown(this.array, this.array.length * 2));
  }
}

const HASH_PRIME = 0x01000193;

/** The bucket of a packed word: every bit of the three numbers reaches the low bits. */
function mix(head: number, next: number, tail: number): number {
  let h = Math.imul(head, 0x9e3779b1) ^ Math.imul(next, 0x85ebca6b) ^ tail;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

function grown<T extends Int32Array | Uint16Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
