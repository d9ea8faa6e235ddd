import { BoundedCache } from './wordnet/bounded-cache.js';
import { commonSenses, DEFAULT_SENSE_SELECTION, type SenseSelection } from './wordnet/common-senses.js';
import { wordNetDictionary, type PartOfSpeech } from './wordnet/dictionary.js';
import { lemmasOfForm } from './wordnet/morphy.js';

/**
 * General English from WordNet 3.1 (Princeton): what a word form's dictionary lemmas are, and which other
 * lemmas mean the same in the word's common senses. Nothing here knows of Discord or a knowledge base.
 *
 * The database is opened once per process, on the first look-up, and searched in place (see
 * wordnet/dictionary.ts); answers are memoized in bounded caches, so a word asked about again costs a Map
 * look-up and the same frozen array comes back. Input is lowercased; multi-word lemmas are written with
 * spaces ("set about"), as WordNet's underscores are not how people type.
 */

export interface SynonymOptions {
  /** At most this many senses per part of speech (default 2). */
  maxSenses?: number;
  /** Keep senses tagged at least this share as often as the word's most common one (default 0.25); 0 = all. */
  minShare?: number;
}

/** Enough for every distinct word of a large knowledge base and its questions; an entry costs ~150-300 bytes
 * (bench/wordnet.ts), so both full come to ~10 MB. */
const CACHE_CAPACITY = 20_000;
/** WordNet's longest lemma has 71 characters; anything longer cannot be one and is not searched for. */
const MAX_FORM_LENGTH = 80;
/** The characters WordNet lemmas are made of (lowercase ASCII letters, digits, ' . / -), joined by underscores. */
const LEMMA_SPELLING = /^[a-z0-9'./-]+(?:_[a-z0-9'./-]+)*$/;
const NOTHING: readonly string[] = Object.freeze([]);

const baseFormLists = new BoundedCache<string, readonly string[]>(CACHE_CAPACITY);
const synonymLists = new BoundedCache<string, readonly string[]>(CACHE_CAPACITY);

/**
 * The lemmas a word form reduces to, by WordNet's morphy ("crashed" → crash, "went" → go, "better" → better,
 * good, well; "logging" → logging, log), the form itself included when it is a lemma. [] for a non-word.
 */
export function baseForms(word: string): readonly string[] {
  const form = wordNetSpelling(word);
  if (form === undefined) return NOTHING;
  return baseFormLists.getOrCompute(form, () => {
    const lemmas = lemmasOfForm(form, wordNetDictionary());
    // Most words asked about reduce to one lemma or none: share one empty array among all non-words.
    return lemmas.length === 0 ? NOTHING : Object.freeze([...new Set(lemmas.map(({ lemma }) => readable(lemma)))]);
  });
}

/** Is the word a WordNet lemma, or a form of one ("went", "passwords")? */
export function isWord(word: string): boolean {
  return baseForms(word).length > 0;
}

/**
 * The other lemmas that share a synset with the word's base forms, in the senses people commonly mean
 * (wordnet/common-senses.ts says which and why), most common sense first: "purchase" → buy, "car" →
 * automobile, auto, machine, motorcar. Only senses of the parts of speech the form was reached in count
 * ("crashed" is a verb form, so the noun senses of "crash" do not). Neither the word nor its base forms are
 * included.
 */
export function synonymsOf(word: string, options: SynonymOptions = {}): readonly string[] {
  const form = wordNetSpelling(word);
  if (form === undefined) return NOTHING;
  const selection: SenseSelection = {
    maxSenses: Math.max(0, Math.floor(options.maxSenses ?? DEFAULT_SENSE_SELECTION.maxSenses)),
    minShare: Math.max(0, options.minShare ?? DEFAULT_SENSE_SELECTION.minShare),
  };
  const key = `${form}|${selection.maxSenses}|${selection.minShare}`;
  return synonymLists.getOrCompute(key, () => {
    const synonyms = collectSynonyms(form, selection);
    return synonyms.length === 0 ? NOTHING : Object.freeze(synonyms);
  });
}

function collectSynonyms(form: string, selection: SenseSelection): string[] {
  const dictionary = wordNetDictionary();
  const partsOfSpeechByLemma = new Map<string, PartOfSpeech[]>();
  // Not memoized: only a synonym look-up needs the parts of speech, and its own answer is memoized.
  for (const { lemma, pos } of lemmasOfForm(form, dictionary)) {
    partsOfSpeechByLemma.set(lemma, [...(partsOfSpeechByLemma.get(lemma) ?? []), pos]);
  }
  const excluded = new Set([form, ...partsOfSpeechByLemma.keys()]);
  const synonyms = new Set<string>();
  for (const [lemma, partsOfSpeech] of partsOfSpeechByLemma) {
    const senses = dictionary.senses(lemma, partsOfSpeech);
    for (const sense of commonSenses(senses, selection)) {
      for (const member of dictionary.synsetLemmas(sense.pos, sense.synsetOffset)) {
        if (!excluded.has(member)) synonyms.add(readable(member));
      }
    }
  }
  return [...synonyms];
}

/** Lowercase, accents dropped (WordNet has "naive", "cafe"), curly apostrophes straightened, spaces and underscores to one underscore; undefined if no lemma could be spelled so. */
function wordNetSpelling(word: string): string | undefined {
  if (word.length > MAX_FORM_LENGTH * 2) return undefined;
  const form = word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .trim()
    .replace(/[\s_]+/g, '_');
  return form.length <= MAX_FORM_LENGTH && LEMMA_SPELLING.test(form) ? form : undefined;
}

function readable(lemma: string): string {
  return lemma.replace(/_/g, ' ');
}
