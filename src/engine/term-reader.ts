import type { Intent } from './lexicon.js';
import { PHRASE_WORDS_MAX, type WordAlterations } from './alterations.js';
import { finalIntent, intentInContext, normalize, wordIntent, words } from './text.js';
import type { Vocabulary } from './vocabulary.js';
import { NEEDS_NORMALIZE, SlotBuffer, WordTable } from './word-table.js';

/** In the word caches: a word that needs the canonical path (a phrase start, an abbreviation, a dotted word). */
const SPECIAL = -2;
/** A word slot not looked at yet. */
const UNRESOLVED = -3;

/** Intents as small numbers (a phrasing's intent goes in its end marker in the index). */
export const INTENT_CODES: readonly (Intent | undefined)[] = [undefined, 'why', 'how', 'what', 'yesno'];
const WHY = INTENT_CODES.indexOf('why');
const WHAT = INTENT_CODES.indexOf('what');
/** In the per-slot intent cache: not looked up yet. */
const UNKNOWN_INTENT = -1;

/**
 * Reads entry texts into term ids for the index: the same terms, in the same order, as `termOf` over
 * `canonicalWords(words(normalize(text)))`, but with the work done once per distinct word instead of once per
 * word. Indexing 100k entries reads ~12M words and ~40k distinct ones (`npm run bench`).
 *
 * Terms get ids, and words are registered with the vocabulary, the first time they are read, in text order.
 */
export class TermReader {
  private readonly termIds = new Map<string, number>();
  /** word → term id (-1 for a stop word, SPECIAL): kept for {@link wordTermId} and words met as canonical forms. */
  private readonly wordIds = new Map<string, number>();
  private readonly table = new WordTable();
  /** Per word slot: what `wordIds` says for its word, or UNRESOLVED; the word's intent code, or UNKNOWN_INTENT. */
  private slotIds = new Int32Array(1_024).fill(UNRESOLVED);
  private slotIntents = new Int8Array(1_024).fill(UNKNOWN_INTENT);
  /** Per slot of a SPECIAL word: its term ids when no phrase follows (most of the time: "what", "go", "v1.2"). */
  private readonly aloneIds = new Map<number, readonly number[]>();
  private readonly tokens = new SlotBuffer();
  private tokenCount = 0;
  /** The term ids of the last text read (stop words left out). */
  ids = new Int32Array(1_024);

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly alterations: WordAlterations,
  ) {}

  /** How many terms have ids; ids are 0 to this, exclusive. */
  get termCount(): number {
    return this.termIds.size;
  }

  /** The id of a term, or -1 when no text had it. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  /** The term id a word was indexed under, -1 for a stop word, undefined for a word never read. */
  wordTermId(word: string): number | undefined {
    const id = this.wordIds.get(word);
    return id === SPECIAL ? this.termIds.get(this.alterations.termOf(word)) : id;
  }

  /** Reads a text into {@link ids}; returns how many. */
  read(text: string): number {
    const count = this.tokenize(text);
    const tokens = this.tokens.array;
    const { words } = this.table;
    let n = 0;
    for (let i = 0; i < count; ) {
      const slot = tokens[i]!;
      let id = this.slotIds[slot]!;
      if (id === UNRESOLVED) id = this.resolve(slot);
      if (id !== SPECIAL) {
        if (id >= 0) n = this.push(n, id);
        i++;
        continue;
      }
      const word = words[slot]!;
      if (i + 1 < count && this.alterations.continuesPhrase(word, words[tokens[i + 1]!]!)) {
        const window: string[] = [];
        for (let k = i; k < count && k < i + PHRASE_WORDS_MAX; k++) window.push(words[tokens[k]!]!);
        const { canonical, consumed } = this.alterations.canonicalAt(window, 0);
        for (const w of canonical) n = this.push(n, this.idOfWord(w));
        i += consumed;
        continue;
      }
      let alone = this.aloneIds.get(slot);
      if (alone === undefined) {
        alone = this.alterations.canonicalAt([word], 0).canonical.map((w) => this.idOfWord(w));
        this.aloneIds.set(slot, alone);
      }
      for (let k = 0; k < alone.length; k++) n = this.push(n, alone[k]!);
      i++;
    }
    this.tokenCount = count;
    return n;
  }

  /** The code (in {@link INTENT_CODES}) of the intent of the last text read, as `intentOf(words(normalize(text)))`. */
  intentCode(): number {
    const tokens = this.tokens.array;
    let first = 0;
    for (let i = 0; i < this.tokenCount; i++) {
      const slot = tokens[i]!;
      let code = this.slotIntents[slot]!;
      if (code === UNKNOWN_INTENT) code = this.slotIntents[slot] = INTENT_CODES.indexOf(wordIntent(this.table.words[slot]!));
      // "In what way(s)" asks how: the one intent that depends on the neighbours, so it is not cached per word.
      if (code === WHAT && i > 0 && i + 1 < this.tokenCount) {
        const words = this.table.words;
        code = INTENT_CODES.indexOf(intentInContext(words[slot]!, words[tokens[i - 1]!], words[tokens[i + 1]!]));
      }
      // As in intentOf: "why" decides wherever it stands, otherwise the first question word does.
      if (code === WHY) return WHY;
      if (first === 0) first = code;
    }
    const last = this.tokenCount > 0 ? this.table.words[tokens[this.tokenCount - 1]!] : undefined;
    return INTENT_CODES.indexOf(finalIntent(INTENT_CODES[first], last));
  }

  /** Splits a text into word slots, left in `tokens`; returns how many. */
  private tokenize(text: string): number {
    let count = this.table.scan(text, this.tokens);
    if (count === NEEDS_NORMALIZE) {
      const found = words(normalize(text));
      for (count = 0; count < found.length; count++) {
        if (count === this.tokens.array.length) this.tokens.grow();
        this.tokens.array[count] = this.table.slotOf(found[count]!);
      }
    }
    if (this.slotIds.length < this.table.size) {
      const ids = new Int32Array(this.table.size * 2).fill(UNRESOLVED);
      ids.set(this.slotIds);
      this.slotIds = ids;
      const intents = new Int8Array(this.table.size * 2).fill(UNKNOWN_INTENT);
      intents.set(this.slotIntents);
      this.slotIntents = intents;
    }
    return count;
  }

  /** Appends a term id (skipping stop words) at `n`; returns the new count. */
  private push(n: number, id: number): number {
    if (id < 0) return n;
    if (n === this.ids.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[n] = id;
    return n + 1;
  }

  /** What a word slot stands for, decided the first time the word is read. */
  private resolve(slot: number): number {
    const word = this.table.words[slot]!;
    let id = this.wordIds.get(word);
    if (id === undefined && this.alterations.needsCanonical(word)) {
      this.wordIds.set(word, SPECIAL);
      id = SPECIAL;
    }
    id ??= this.idOfWord(word);
    this.slotIds[slot] = id;
    return id;
  }

  /** The term id of a canonical word (-1 for a stop word), cached unless the word takes the canonical path. */
  private idOfWord(word: string): number {
    const cached = this.wordIds.get(word);
    if (cached !== undefined && cached !== SPECIAL) return cached;
    const term = this.alterations.termOf(word);
    let id = -1;
    if (term !== '') {
      id = this.termIds.get(term) ?? this.termIds.size;
      if (id === this.termIds.size) this.termIds.set(term, id);
    }
    if (cached === undefined && !this.alterations.needsCanonical(word)) this.wordIds.set(word, id);
    if (id >= 0) this.vocabulary.register(word);
    return id;
  }
}
