import { informationFactor, isEnglishWord, knownWordInformation } from './english.js';
import type { TermIndex } from './inverted-index.js';
import type { Intent } from './lexicon.js';
import { STOP_WORDS } from './lexicon.js';
import { intentOf, normalize, words } from './text.js';
import { isSlip, type WordLookup } from './vocabulary.js';

/** One meaningful word of a query, resolved against the knowledge base. */
export interface QueryTerm {
  term: string;
  /** The term's id in the index, or -1 for an unknown word. */
  id: number;
  /** Its inverse document frequency (rarer words weigh more); unknown words get the rarest possible weight. */
  weight: number;
  /** Found in the knowledge base (possibly after typo correction or completion). */
  known: boolean;
  /** Reached through typo correction or prefix completion rather than typed as is. */
  approximate: boolean;
  /** For unknown words: a name or rare word rather than everyday English. */
  rare?: boolean;
}

export interface AnalyzedQuery {
  /** The query's words after chat normalisation, before corrections: what its character 3-grams are read from. */
  text: string;
  terms: QueryTerm[];
  intent: Intent | undefined;
  /** Sum of the weights of all terms, known or not: what a perfect match must explain. */
  totalWeight: number;
  /** Sum of the weights of unknown terms. */
  unknownWeight: number;
  /** The part of `unknownWeight` in names and rare words. */
  rareWeight: number;
  /** Whether an unknown word is a name or a rare word (not everyday English): it may be a different subject. */
  unknownSubject: boolean;
  /** Sum of the weights of known terms: the evidence the knowledge base can match. */
  knownWeight: number;
  /** The text tells something about the writer rather than asking ("python is my favorite language"). */
  statement: boolean;
}

/** The longest question word ("reasons"), plus a typo. */
const INTENT_WORD_MAX = 8;
/** From this information factor on, an unknown word is a name or a rare word (see english.ts). */
const RARE_INFORMATION = 0.9;
/** The least a known word's everyday-English information factor scales it to (see resolveWord). */
const KNOWN_INFORMATION_FLOOR = 0.5;
/** Past this many meaningful words a message is a ramble rather than a question. */
const LONG_QUERY_TERMS = 8;
/**
 * A half-typed last word is completed to the commonest of at most this many known words it starts (the shortest
 * ones): enough for any prefix of three letters or more, and a bound on the work for two.
 */
const COMPLETIONS_MAX = 64;
/** Enough for any real question; more would only add noise and time. */
const QUERY_TERMS_MAX = 24;

export function inverseDocumentFrequency(index: TermIndex, termId: number): number {
  return idf(index.size, index.documentFrequency(termId));
}

function idf(documents: number, frequency: number): number {
  return Math.log(1 + Math.max(documents, 1) / Math.max(frequency, 0.5));
}

/**
 * Resolves the words of one clause to knowledge-base terms: stop words dropped, typos corrected, and, with
 * `completeLastWord`, a half-typed last word completed (autocomplete sends text as it is being typed).
 */
export function analyzeQuery(
  text: string,
  index: TermIndex,
  vocabulary: WordLookup,
  options: { completeLastWord?: boolean; unknownWeightFactor?: number } = {},
): AnalyzedQuery {
  const raw = words(normalize(text));
  // Typos are fixed before phrases and synonyms are read, so "artifical intelligence" is still a phrase.
  const corrected = new Set<string>();
  const fixed = raw.flatMap((word) => {
    const correction = correctionOf(word, vocabulary, index);
    if (correction !== undefined) {
      corrected.add(correction);
      return [correction];
    }
    return splitJoined(word, vocabulary) ?? [word];
  });
  const canonical = index.alterations.canonicalWords(fixed);
  const byTerm = new Map<string, QueryTerm>();
  canonical.forEach((word, position) => {
    if (STOP_WORDS.has(word)) return;
    const isLastWord = options.completeLastWord === true && position === canonical.length - 1;
    const resolved = resolveWord(word, index, vocabulary, isLastWord, corrected.has(word), options.unknownWeightFactor ?? 1);
    if (resolved === null || byTerm.has(resolved.term)) return;
    byTerm.set(resolved.term, resolved);
  });
  const terms = [...byTerm.values()].slice(0, QUERY_TERMS_MAX);
  // With no known word nothing can match, so unknown words need no weighing (that is the costly part of them).
  if (!terms.some((t) => t.known)) {
    return { text: raw.join(' '), terms, intent: undefined, totalWeight: 0, unknownWeight: 0, rareWeight: 0, unknownSubject: false, knownWeight: 0, statement: false };
  }
  // In a long message, words around the question are mostly context: each unknown one counts for less.
  const dampen = Math.min(1, LONG_QUERY_TERMS / Math.max(1, terms.length));
  let totalWeight = 0;
  let unknownWeight = 0;
  let rareWeight = 0;
  for (const t of terms) {
    if (!t.known) {
      const information = informationFactor(t.term);
      t.rare = information >= RARE_INFORMATION;
      t.weight *= information * dampen;
      unknownWeight += t.weight;
      if (t.rare) rareWeight += t.weight;
    }
    totalWeight += t.weight;
  }
  // Question words are read after typo correction too: "whyy does…" still asks why.
  // Only short words can be a mistyped question word, so longer ones skip the corrector here.
  const intentWords = fixed.map((w) => (w.length > INTENT_WORD_MAX || vocabulary.has(w) ? w : (vocabulary.correct(w) ?? w)));
  return {
    text: raw.join(' '),
    terms,
    intent: intentOf(intentWords),
    totalWeight,
    unknownWeight,
    rareWeight,
    unknownSubject: terms.some((t) => t.rare === true),
    knownWeight: totalWeight - unknownWeight,
    statement: isStatement(text, intentWords),
  };
}

/** null: the word carries nothing (a stop word after correction, a number, a stray letter). */
function resolveWord(
  word: string,
  index: TermIndex,
  vocabulary: WordLookup,
  isLastWord: boolean,
  approximate: boolean,
  unknownWeightFactor: number,
): QueryTerm | null {
  // Plain functions, not closures: this runs for every word of every query.
  const term = index.alterations.termOf(word);
  if (term !== '' && entriesWith(index, term) > 0) return knownTerm(index, word, term, approximate);

  if (isLastWord) {
    const completion = vocabulary
      .complete(word, COMPLETIONS_MAX)
      .map((w) => index.alterations.termOf(w))
      .filter((t) => t !== '' && entriesWith(index, t) > 0)
      .sort((a, b) => entriesWith(index, b) - entriesWith(index, a))[0];
    if (completion) return knownTerm(index, word, completion, true);
  }

  // Numbers and one- or two-letter leftovers are too ambiguous to count against a match.
  if (/^\d+$/.test(word) || word.length <= 2) return null;
  // Weighed later, and only when the query has a known word to match (see analyzeQuery).
  return { term: word, id: -1, weight: idf(index.size, 0) * unknownWeightFactor, known: false, approximate: false };
}

function entriesWith(index: TermIndex, term: string): number {
  return index.documentFrequency(index.termId(term));
}

/**
 * Small words that turn a verb into its opposite ("log in" / "log out", "turn on" / "turn off") or negate it: they
 * must tell such entries apart, but alone they say little about the topic, so they weigh a fraction of a word.
 */
const PARTICLES: ReadonlySet<string> = new Set(['in', 'out', 'on', 'off', 'up', 'down', 'not', 'no']);
const PARTICLE_WEIGHT = 0.7;

function knownTerm(index: TermIndex, word: string, term: string, approximate: boolean): QueryTerm {
  const id = index.termId(term);
  // Rarity in the knowledge base alone overrates an everyday word that a few entries happen to use ("made",
  // "job"): it is weighed by how much it says in everyday English too, more gently than an unknown word.
  const everyday = KNOWN_INFORMATION_FLOOR + (1 - KNOWN_INFORMATION_FLOOR) * knownWordInformation(word);
  const particle = PARTICLES.has(word) ? PARTICLE_WEIGHT : 1;
  return { term, id, weight: inverseDocumentFrequency(index, id) * everyday * particle, known: true, approximate };
}

/**
 * The knowledge-base word a typed word is a typo of, if it plausibly is one. Real words are never corrected
 * ("rust" is not a typo of "just"); into a stop word or from a short word only a slip of the keys counts (a
 * letter doubled, dropped or swapped): a changed letter there too often makes another real word ("uber" is not
 * "user").
 */
function correctionOf(word: string, vocabulary: WordLookup, index: TermIndex): string | undefined {
  if (STOP_WORDS.has(word) || isEnglishWord(word)) return undefined;
  if (vocabulary.has(word)) return commonSpellingOf(word, vocabulary, index);
  const correction = vocabulary.correct(word);
  if (correction === undefined) return undefined;
  const risky = STOP_WORDS.has(correction) || word.length <= 4;
  return !risky || isSlip(word, correction) ? correction : undefined;
}

/**
 * Two words typed without the space between them ("usepython", "whydoes"): split where both halves are words the
 * knowledge base knows or function words. Only for a word that is neither known nor English nor correctable:
 * "island" is never "is land". Of several splits, the one whose shorter half is longest.
 */
function splitJoined(word: string, vocabulary: WordLookup): [string, string] | undefined {
  if (word.length < JOINED_MIN_LENGTH || vocabulary.has(word) || isEnglishWord(word) || /\d/.test(word)) return undefined;
  const known = (part: string) => STOP_WORDS.has(part) || vocabulary.has(part);
  let best: [string, string] | undefined;
  for (let at = 2; at <= word.length - 2; at++) {
    const first = word.slice(0, at);
    const second = word.slice(at);
    if (!known(first) || !known(second)) continue;
    if (!best || Math.min(first.length, second.length) > Math.min(best[0].length, best[1].length)) best = [first, second];
  }
  return best;
}
/** Shorter run-together words are likelier typos than two words ("isit" aside, which chat normalisation reads). */
const JOINED_MIN_LENGTH = 5;

/**
 * A moderator may store a typo on purpose ("pyhton" as an alternate, to catch it): the word is then known, and
 * would no longer be corrected for any other entry. A known word that is not everyday English and has the letters
 * of one used by far more entries, two of them swapped, is read as that commoner word. Only swapped letters: a
 * letter more or less often makes another real name ("flink" is not "link", "scala" not "scalar").
 */
function commonSpellingOf(word: string, vocabulary: WordLookup, index: TermIndex): string | undefined {
  const own = entriesWith(index, index.alterations.termOf(word));
  if (own === 0 || word.length <= 4) return undefined;
  const other = vocabulary.nearestOther(word);
  if (other === undefined || STOP_WORDS.has(other) || other.length !== word.length || !isSlip(word, other)) return undefined;
  return entriesWith(index, index.alterations.termOf(other)) >= COMMON_SPELLING_RATIO * own ? other : undefined;
}
/** How many times more entries must use the commoner spelling: a rare word beside a common one, not two rivals. */
const COMMON_SPELLING_RATIO = 5;

const ASKING_WORDS = new Set([
  'what', 'whats', 'why', 'how', 'which', 'who', 'where', 'when', 'know', 'wondering', 'wonder', 'curious',
  'tell', 'explain', 'question', 'understand', 'anyone', 'anybody',
]);
/** These ask only at the start of a sentence: "is netflix…?" asks, "python is…" tells. */
const ASKING_FIRST_WORDS = new Set(['is', 'are', 'does', 'do', 'did', 'can', 'could', 'would', 'should', 'will', 'was', 'were']);
const FIRST_PERSON = new Set(['i', 'im', 'my', 'me', 'mine', 'we', 'our', 'ive', 'id']);

/**
 * A sentence about the writer, with no question mark and no asking word anywhere: chat, not a question.
 * Keyword queries ("netflix cassandra") have no first-person word and are not statements.
 */
function isStatement(text: string, rawWords: readonly string[]): boolean {
  if (text.includes('?')) return false;
  if (rawWords.some((w) => ASKING_WORDS.has(w)) || ASKING_FIRST_WORDS.has(rawWords[0] ?? '')) return false;
  return rawWords.some((w) => FIRST_PERSON.has(w));
}
