import { PARTS_OF_SPEECH, type PartOfSpeech } from './dictionary.js';

/**
 * WordNet's morphy: the lemmas a word form reduces to, per part of speech. As in WordNet's morph.c and NLTK's
 * port of it:
 * - a form in the part of speech's exception list reduces to what the list says ("went" → go, "better" →
 *   good, well), and the detachment rules are not tried;
 * - otherwise each detachment rule whose suffix matches is applied once ("crashed" → crash, "passwords" →
 *   password), and only results that are lemmas of that part of speech are kept;
 * - the form itself counts when it is a lemma ("logging" is a noun as well as a form of "log");
 * - nouns ending in "ss" or of two letters are not detached (morph.c: "boss" is not "bos", "us" is not "u");
 * - a collocation no rule reduces as a whole is reduced word by word ("ran_out" → run_out, "looking_for" →
 *   look_for), as morph.c does.
 */

/** What morphy needs from the dictionary; the real one is WordNetDictionary. */
export interface MorphologyLexicon {
  isLemma(lemma: string, pos: PartOfSpeech): boolean;
  exceptionBases(form: string, pos: PartOfSpeech): string[];
}

/** A lemma a form reduces to (WordNet spelling, underscores) and the part of speech it does so in. */
export interface LemmaOfForm {
  lemma: string;
  pos: PartOfSpeech;
}

/** WordNet's detachment rules (morph.c's sufx/addr tables), tried in this order. */
const DETACHMENT_RULES: Record<PartOfSpeech, readonly (readonly [suffix: string, ending: string])[]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

/** Past this many word-by-word combinations a collocation is not reduced (a 4-word phrase of verbs has 9^4). */
const MAX_COLLOCATION_COMBINATIONS = 64;

/** Every lemma the form reduces to, in part-of-speech order (noun, verb, adj, adv), without repeats. */
export function lemmasOfForm(form: string, lexicon: MorphologyLexicon): LemmaOfForm[] {
  const found: LemmaOfForm[] = [];
  for (const pos of PARTS_OF_SPEECH) {
    for (const lemma of lemmasInPartOfSpeech(form, pos, lexicon)) found.push({ lemma, pos });
  }
  return found;
}

function lemmasInPartOfSpeech(form: string, pos: PartOfSpeech, lexicon: MorphologyLexicon): string[] {
  const whole = singleFormLemmas(form, pos, lexicon);
  if (whole.length > 0 || !form.includes('_')) return whole;
  return collocationLemmas(form.split('_'), pos, lexicon);
}

function singleFormLemmas(form: string, pos: PartOfSpeech, lexicon: MorphologyLexicon): string[] {
  const exceptions = lexicon.exceptionBases(form, pos);
  const candidates = exceptions.length > 0 ? [form, ...exceptions] : [form, ...detached(form, pos)];
  return [...new Set(candidates)].filter((candidate) => lexicon.isLemma(candidate, pos));
}

function detached(form: string, pos: PartOfSpeech): string[] {
  if (pos === 'noun' && (form.endsWith('ss') || form.length <= 2)) return [];
  const results: string[] = [];
  for (const [suffix, ending] of DETACHMENT_RULES[pos]) {
    if (form.length > suffix.length && form.endsWith(suffix)) results.push(form.slice(0, -suffix.length) + ending);
  }
  return results;
}

/** morph.c's collocation pass: reduce each word on its own (keeping it when it does not reduce), then recombine. */
function collocationLemmas(words: string[], pos: PartOfSpeech, lexicon: MorphologyLexicon): string[] {
  if (words.some((word) => word === '')) return [];
  const choices = words.map((word) => [...new Set([word, ...singleFormLemmas(word, pos, lexicon)])]);
  const combinationCount = choices.reduce((product, options) => product * options.length, 1);
  if (combinationCount <= 1 || combinationCount > MAX_COLLOCATION_COMBINATIONS) return [];
  let combinations = [''];
  for (const options of choices) {
    combinations = combinations.flatMap((prefix) => options.map((option) => (prefix === '' ? option : `${prefix}_${option}`)));
  }
  return combinations.filter((candidate) => lexicon.isLemma(candidate, pos));
}
