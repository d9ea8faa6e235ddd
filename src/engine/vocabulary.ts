import { DeletionIndex } from './deletion-index.js';

/**
 * The words the knowledge base knows, with typo correction and prefix completion.
 *
 * Typo correction uses symmetric deletion (the SymSpell idea): every word is stored under itself and each
 * one-letter deletion of it, so a typed word finds its candidates by generating its own deletions and looking
 * them up, instead of comparing against every word. One deletion on both sides covers every single
 * substitution, insertion, deletion and adjacent swap; long words also try two deletions on the typed side,
 * which catches a second dropped or doubled letter. Candidates are then checked with a real edit distance.
 */

/** Shorter words are never corrected: too many real words are one letter apart from them. */
const CORRECT_MIN_LENGTH = 3;
/** From this length on a typed word may be two edits away from the word meant. */
const TWO_EDITS_MIN_LENGTH = 8;
/** Bounds the memory of {@link Vocabulary.nearestOther} for a pathological stream of distinct words. */
const NEAREST_OTHERS_MAX = 100_000;

/** What reading a query asks of the known words: {@link Vocabulary}, or a server's overlay over one. */
export interface WordLookup {
  has(word: string): boolean;
  correct(typed: string, otherThan?: string): string | undefined;
  nearestOther(word: string): string | undefined;
  complete(prefix: string, limit: number): string[];
}

export class Vocabulary implements WordLookup {
  /** Words that are always known, whatever the entries say (stop words, synonyms). */
  private readonly pinned = new Set<string>();
  /** Every word ever registered (they are never unregistered: see `has`). */
  private readonly registered = new Set<string>();
  /** deletion variant → the words that produce it (see {@link DeletionIndex}). */
  private readonly deletions = new DeletionIndex();
  /** first two letters → words, for completing a half-typed last word. */
  private readonly prefixes = new Map<string, Set<string>>();
  /**
   * {@link nearestOther}, remembered until a word is registered or the entries change (see {@link entriesChanged}):
   * asked for most words of most queries, and the same words come back.
   */
  private readonly nearestOthers = new Map<string, string | null>();

  /**
   * @param isLive whether some indexed entry still uses a registered word. Asked of the index rather than
   *   counted here, so adding or removing an entry costs the vocabulary nothing.
   */
  constructor(private readonly isLive: (word: string) => boolean = () => true) {}

  pin(words: Iterable<string>): void {
    for (const word of words) {
      this.pinned.add(word);
      this.register(word);
    }
  }

  /** Makes a word a candidate for corrections and completions; idempotent. */
  register(word: string): void {
    if (this.registered.has(word)) return;
    this.registered.add(word);
    this.nearestOthers.clear();
    if (word.length >= CORRECT_MIN_LENGTH - 1) this.deletions.add(word);
    if (word.length >= 2) {
      const key = word.slice(0, 2);
      let set = this.prefixes.get(key);
      if (!set) this.prefixes.set(key, (set = new Set()));
      set.add(word);
    }
  }

  /** A pinned word, or a word some indexed entry uses. */
  has(word: string): boolean {
    return this.pinned.has(word) || (this.registered.has(word) && this.isLive(word));
  }

  /**
   * The known word closest to a typed one, or undefined when none is close enough. With `otherThan`, the closest
   * known word other than it (what a known but rare spelling might be a slip of).
   */
  correct(typed: string, otherThan?: string): string | undefined {
    return correctAmong(typed, otherThan, [this.deletions], (word) => this.has(word));
  }

  /**
   * Entries were added, changed or removed: a word may have come back into use or gone out of it, so the remembered
   * nearest words are forgotten.
   */
  entriesChanged(): void {
    this.nearestOthers.clear();
  }

  /** The known word closest to a known one, other than itself: what a rare spelling might be a slip of. */
  nearestOther(word: string): string | undefined {
    let other = this.nearestOthers.get(word);
    if (other === undefined) {
      if (this.nearestOthers.size >= NEAREST_OTHERS_MAX) this.nearestOthers.clear();
      other = this.correct(word, word) ?? null;
      this.nearestOthers.set(word, other);
    }
    return other ?? undefined;
  }

  /** Known words starting with `prefix` (at least two letters), at most `limit` of them (see {@link completionsAmong}). */
  complete(prefix: string, limit: number): string[] {
    return completionsAmong(prefix, limit, [this.prefixes.get(prefix.slice(0, 2))], (word) => this.has(word));
  }

  /** The words registered under their first two letters (for a server's overlay, overlay-vocabulary.ts). */
  wordsStarting(key: string): ReadonlySet<string> | undefined {
    return this.prefixes.get(key);
  }

  /** Whether a word is always known, whatever the entries say. */
  isPinned(word: string): boolean {
    return this.pinned.has(word);
  }

  /** Every word ever registered, pinned ones included. */
  registeredWords(): ReadonlySet<string> {
    return this.registered;
  }

  /** The deletion index of every registered word (for a server's overlay). */
  get deletionIndex(): DeletionIndex {
    return this.deletions;
  }
}

/**
 * The closest word to `typed` among the words of the deletion indexes that `has` says are known. The best
 * candidate does not depend on the order candidates come in (ties go to the smaller word), so several indexes may
 * be read one after another: a server's overlay reads the shared one and its own.
 */
export function correctAmong(
  typed: string,
  otherThan: string | undefined,
  indexes: readonly DeletionIndex[],
  has: (word: string) => boolean,
): string | undefined {
  if (typed.length < CORRECT_MIN_LENGTH || /\d/.test(typed)) return undefined;
  const maxDistance = typed.length >= TWO_EDITS_MIN_LENGTH ? 2 : 1;
  const oneDeletion = new Set([typed, ...deletionsOf(typed)]);

  let best: string | undefined;
  let bestScore = Infinity;
  const consider = (word: string): void => {
    if (word === otherThan || !has(word) || Math.abs(word.length - typed.length) > maxDistance) return;
    const distance = editDistance(typed, word, maxDistance);
    if (distance > maxDistance) return;
    // Ties go to the same first letter (people rarely mistype it), then to a slip of the keys over a changed
    // letter: "waht" is "what" with two letters swapped, not "want" with one changed.
    const score = distance * 4 + (word[0] === typed[0] ? 0 : 2) + (isSlip(typed, word) ? 0 : 1);
    if (score < bestScore || (score === bestScore && best !== undefined && word < best)) {
      best = word;
      bestScore = score;
    }
  };
  for (const variant of oneDeletion) for (const index of indexes) index.forEachWord(variant, consider);
  // A word one edit away outscores any two away: the two-deletion variants (dozens for a long word) are looked up
  // only when none was found.
  if (maxDistance === 1 || bestScore < 2 * 4) return best;
  const twoDeletions = new Set<string>();
  for (const v of oneDeletion) for (const d of deletionsOf(v)) if (!oneDeletion.has(d)) twoDeletions.add(d);
  for (const variant of twoDeletions) for (const index of indexes) index.forEachWord(variant, consider);
  return best;
}

/**
 * Known words starting with `prefix` (at least two letters), shortest first, then in alphabetical order, at most
 * `limit`. The order depends on the words alone, never on the order they were registered in: a matcher changed
 * entry by entry, one built afresh and a server's overlay complete alike.
 */
export function completionsAmong(
  prefix: string,
  limit: number,
  sets: readonly (ReadonlySet<string> | undefined)[],
  has: (word: string) => boolean,
): string[] {
  if (prefix.length < 2) return [];
  const key = prefix.slice(0, 2);
  const found = new Set<string>();
  for (const set of sets) {
    for (const word of set ?? []) if (word !== prefix && word.startsWith(prefix) && word.slice(0, 2) === key && has(word)) found.add(word);
  }
  return [...found].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}

/** The two words differ by inserted or dropped letters, or have the same letters in another order. */
export function isSlip(typed: string, meant: string): boolean {
  if (typed.length !== meant.length) return true;
  // Letter counts compared in place: this runs for every correction candidate, and words are short.
  for (let i = 0; i < typed.length; i++) {
    const letter = typed.charCodeAt(i);
    let inTyped = 0;
    let inMeant = 0;
    for (let j = 0; j < typed.length; j++) {
      if (typed.charCodeAt(j) === letter) inTyped++;
      if (meant.charCodeAt(j) === letter) inMeant++;
    }
    if (inTyped !== inMeant) return false;
  }
  return true;
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early once every path
 * exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const cols = b.length + 1;
  // Three rows reused across calls: this runs for every typo candidate, and allocation showed up in p99 latency.
  if (rows[0].length < cols) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(cols * 2);
  let [prevPrev, prev, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const oldest = prevPrev;
    prevPrev = prev;
    prev = current;
    current = oldest;
  }
  return prev[cols - 1]!;
}

const rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
