import { stemmer } from 'stemmer';
import { STOP_WORDS } from './lexicon.js';
import type { SynonymGroups } from './types.js';
import { words } from './text.js';

/** The longest phrase, in words, that {@link WordAlterations.canonicalAt} reads. */
export const PHRASE_WORDS_MAX = 3;

/**
 * Stemming is the costliest step of indexing and a vocabulary is small next to a text collection, so the general
 * term of a word is remembered per word (bounded, for a pathological stream of distinct words). It does not depend
 * on any knowledge base, so one cache serves every matcher: a server's own matcher starts warm and adds no copy.
 */
const TERM_CACHE_MAX = 500_000;
const generalTerms = new Map<string, string>();

/** The term of a word in general English: '' for a stop word or a short number, else its stem. */
function generalTermOf(word: string): string {
  let term = generalTerms.get(word);
  if (term === undefined) {
    if (generalTerms.size >= TERM_CACHE_MAX) generalTerms.clear();
    term = STOP_WORDS.has(word) ? '' : /^\d+$/.test(word) ? (word.length <= 2 ? '' : word) : stemmer(word);
    generalTerms.set(word, term);
  }
  return term;
}

/**
 * How one knowledge base turns words into terms: its own synonym groups and abbreviations (every member read as
 * the group's first), then stop words dropped and stems taken. A member written as its own stem also matches its
 * forms, so a group's "crash" catches "crashed" and "crashing" without listing them.
 */
export class WordAlterations {
  /** Multi-word members, and members standing for several words, keyed by their space-joined words. */
  private readonly phrases = new Map<string, string[]>();
  /** Words that start a multi-word phrase, or are replaced on their own. */
  private readonly specialWords = new Map<string, { startsPhrase: boolean; alone?: string[] }>();
  /** Phrase start → the words that may follow it in a phrase. */
  private readonly phraseSecondWords = new Map<string, Set<string>>();
  /** An inflected single-word member → the stem of its group's (single-word) first member. */
  private readonly wordSynonyms = new Map<string, string>();
  /** The same, by stem, for members written as their own stem (so their forms are read as it too). */
  private readonly stemSynonyms = new Map<string, string>();
  /** Every word the groups use, as typed and as read: the typo corrector treats them as real words. */
  readonly knownWords: readonly string[];

  constructor(groups: SynonymGroups = []) {
    const known = new Set<string>();
    for (const group of groups) {
      const [first, ...others] = group.map((member) => words(member.toLowerCase()));
      if (!first || first.length === 0) continue;
      for (const w of first) known.add(w);
      for (const member of others) {
        if (member.length === 0) continue;
        for (const w of member) known.add(w);
        if (member.length === 1 && first.length === 1) {
          const [word] = member as [string];
          // Numbers keep their own term (see generalTermOf), as they always have.
          if (/^\d+$/.test(word)) continue;
          const target = stemmer(first[0]!);
          // A member written as its own stem ("crash") stands for its forms too ("crashed", "crashing"); an
          // inflected one ("programmed") only for itself, or it would pull in every word of its stem ("program").
          if (stemmer(word) === word) this.stemSynonyms.set(word, target);
          else this.wordSynonyms.set(word, target);
        } else {
          this.phrases.set(member.join(' '), first);
        }
      }
    }
    for (const [key, replacement] of this.phrases) {
      const [head, second] = key.split(' ') as [string, string | undefined];
      const special = this.specialWords.get(head) ?? { startsPhrase: false };
      if (second === undefined) special.alone = replacement;
      else special.startsPhrase = true;
      this.specialWords.set(head, special);
      if (second !== undefined) {
        let seconds = this.phraseSecondWords.get(head);
        if (!seconds) this.phraseSecondWords.set(head, (seconds = new Set()));
        seconds.add(second);
      }
    }
    this.knownWords = [...known];
  }

  /** Phrases and abbreviations become their group's first words; other words are kept as they are. */
  canonicalWords(input: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < input.length; ) {
      const word = input[i]!;
      if (!this.needsCanonical(word)) {
        out.push(word);
        i++;
        continue;
      }
      const { canonical, consumed } = this.canonicalAt(input, i);
      out.push(...canonical);
      i += consumed;
    }
    return out;
  }

  /** Whether a word may change in {@link canonicalWords}: it starts a phrase, is an abbreviation, or has a dot. */
  needsCanonical(word: string): boolean {
    return this.specialWords.has(word) || word.includes('.');
  }

  /**
   * Whether some phrase starts with these two words. When not, {@link canonicalAt} gives the same for the first
   * word whatever follows it, so a caller may remember that per word.
   */
  continuesPhrase(head: string, second: string): boolean {
    return this.phraseSecondWords.get(head)?.has(second) === true;
  }

  /** The canonical words for the word at `i` (with the phrase it starts, if any) and how many words that used. */
  canonicalAt(input: readonly string[], i: number): { canonical: readonly string[]; consumed: number } {
    const word = input[i]!;
    const special = this.specialWords.get(word);
    if (special?.startsPhrase) {
      for (let length = PHRASE_WORDS_MAX; length >= 2; length--) {
        if (i + length > input.length) continue;
        const phrase = this.phrases.get(input.slice(i, i + length).join(' '));
        if (phrase) return { canonical: phrase, consumed: length };
      }
    }
    if (special?.alone) return { canonical: special.alone, consumed: 1 };
    return { canonical: [word.includes('.') ? word.replace(/\./g, '') : word], consumed: 1 };
  }

  /** The term a canonical word is indexed under, or '' for a stop word. */
  termOf(word: string): string {
    const general = generalTermOf(word);
    if (general === '') return '';
    return this.wordSynonyms.get(word) ?? this.stemSynonyms.get(general) ?? general;
  }
}

/** General English only: what a knowledge base without its own vocabulary reads with. */
export const GENERAL_ALTERATIONS = new WordAlterations();
