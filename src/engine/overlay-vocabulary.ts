import { DeletionIndex } from './deletion-index.js';
import { completionsAmong, correctAmong, type Vocabulary, type WordLookup } from './vocabulary.js';

/** As in vocabulary.ts: bounds the remembered nearest words. */
const NEAREST_OTHERS_MAX = 100_000;
/** An overlay's own words are few: its deletion index starts small (the shared one starts at 16k slots). */
const OWN_DELETIONS_BITS = 8;

/**
 * A server's known words over a shared vocabulary: a word is known when it is pinned (stop words, synonyms) or some
 * entry the server sees uses it, counted as the shared entries that use it less the hidden ones plus its own. That
 * is exactly what a vocabulary built afresh over the server's entries knows, so corrections and completions (which
 * do not depend on the order words came in) are the same. Words only its own entries use are filed here.
 */
export class OverlayVocabulary implements WordLookup {
  private readonly delta = new Map<string, number>();
  private readonly deletions = new DeletionIndex(OWN_DELETIONS_BITS);
  private readonly own = new Set<string>();
  private readonly prefixes = new Map<string, Set<string>>();
  private readonly nearestOthers = new Map<string, string | null>();

  constructor(
    private readonly base: Vocabulary,
    /** How many shared entries use each word (see SharedParts.words in matcher.ts). */
    private readonly baseCounts: ReadonlyMap<string, number>,
  ) {}

  has(word: string): boolean {
    return this.base.isPinned(word) || (this.baseCounts.get(word) ?? 0) + (this.delta.get(word) ?? 0) > 0;
  }

  /** The words of an entry the server now sees (`by` 1) or no longer sees (`by` -1). */
  count(words: Iterable<string>, by: 1 | -1): void {
    for (const word of words) {
      const value = (this.delta.get(word) ?? 0) + by;
      if (value === 0) this.delta.delete(word);
      else this.delta.set(word, value);
      if (by === 1) this.register(word);
    }
    this.nearestOthers.clear();
  }

  correct(typed: string, otherThan?: string): string | undefined {
    return correctAmong(typed, otherThan, [this.base.deletionIndex, this.deletions], (word) => this.has(word));
  }

  nearestOther(word: string): string | undefined {
    let other = this.nearestOthers.get(word);
    if (other === undefined) {
      if (this.nearestOthers.size >= NEAREST_OTHERS_MAX) this.nearestOthers.clear();
      other = this.correct(word, word) ?? null;
      this.nearestOthers.set(word, other);
    }
    return other ?? undefined;
  }

  complete(prefix: string, limit: number): string[] {
    const key = prefix.slice(0, 2);
    return completionsAmong(prefix, limit, [this.base.wordsStarting(key), this.prefixes.get(key)], (word) => this.has(word));
  }

  /** Files a word the shared vocabulary never registered (as Vocabulary.register does). */
  private register(word: string): void {
    if (this.own.has(word) || this.base.registeredWords().has(word)) return;
    this.own.add(word);
    if (word.length >= 2) this.deletions.add(word);
    if (word.length >= 2) {
      const key = word.slice(0, 2);
      let set = this.prefixes.get(key);
      if (!set) this.prefixes.set(key, (set = new Set()));
      set.add(word);
    }
  }
}
