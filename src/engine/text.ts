import { stemmer } from 'stemmer';
import { ABBREVIATIONS, INTENT_WORDS, STOP_WORDS, SYNONYM_GROUPS, type Intent } from './lexicon.js';

/**
 * Turning text into terms, the same way for entries and for queries: normalise, split into words, expand
 * abbreviations, fold synonyms, drop stop words, stem.
 */

/** Longer inputs are cut: no real question needs more, and matching time must stay bounded. */
export const QUERY_MAX_CHARS = 2_000;
/** A message is matched clause by clause (sentences); past this many, the rest is ignored. */
export const CLAUSES_MAX = 12;

const DISCORD_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b/g;
const URL = /\bhttps?:\/\/\S+/g;
const WORD = /[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*/gu;
const ASCII_WORD = /[a-z0-9]+(?:[.'][a-z0-9]+)*/g;

/** Lowercase, compatibility-normalised text with Discord mentions, custom emoji and links removed. */
export function normalize(text: string): string {
  let out = text.slice(0, QUERY_MAX_CHARS);
  // Fast paths: most knowledge text is plain ASCII without mentions or links (indexing 100k entries is ~70M
  // characters, so each skipped pass is measurable with `npm run bench`).
  if (!ASCII.test(out)) out = out.normalize('NFKC');
  if (out.includes('<') || out.includes('@')) out = out.replace(DISCORD_MARKUP, ' ');
  if (out.includes('http')) out = out.replace(URL, ' ');
  out = out.toLowerCase();
  if (/[’‘`´]/.test(out)) out = out.replace(/[’‘`´]/g, "'");
  // Language names made of symbols would vanish when words are split.
  if (out.includes('+') || out.includes('#')) {
    out = out.replace(/(^|[^\p{L}])([cf])(\+\+|#)/gu, (_, before: string, letter: string, suffix: string) => `${before}${letter}${suffix === '#' ? 'sharp' : 'pp'}`);
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, is the point
const ASCII = /^[\x00-\x7f]*$/;

/** The text's words as typed: possessives dropped ("netflix's" → "netflix"), inner apostrophes removed. */
export function words(normalized: string): string[] {
  // match() with a global regex returns plain strings, far cheaper than matchAll's match objects.
  const found = normalized.match(ASCII.test(normalized) ? ASCII_WORD : WORD) ?? [];
  if (!normalized.includes("'")) return found;
  const out: string[] = [];
  for (const raw of found) {
    const word = raw.includes("'") ? raw.replace(/'s$/, '').replace(/'/g, '') : raw;
    if (word !== '') out.push(word);
  }
  return out;
}

/**
 * Splits a message into clauses at sentence ends and line breaks, so that a ramble's one question stands alone.
 * A full stop with no space after it ends a sentence only before a capital ("done.Next"), not inside a name
 * ("node.js", "v1.2").
 */
export function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+|(?<=[!?])(?=\p{L})|(?<=\.)(?=\p{Lu})/u)
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .slice(0, CLAUSES_MAX);
}

const PHRASES = buildPhraseTable();
/** Words that start a multi-word phrase, or are replaced on their own (abbreviations). */
const SPECIAL_WORDS = new Map<string, { startsPhrase: boolean; alone?: string[] }>();
/** Phrase start → the words that may follow it in a phrase. */
const PHRASE_SECOND_WORDS = new Map<string, Set<string>>();
for (const [key, replacement] of PHRASES) {
  const [head, second] = key.split(' ') as [string, string | undefined];
  const special = SPECIAL_WORDS.get(head) ?? { startsPhrase: false };
  if (key.includes(' ')) special.startsPhrase = true;
  else special.alone = replacement;
  SPECIAL_WORDS.set(head, special);
  if (second !== undefined) {
    let seconds = PHRASE_SECOND_WORDS.get(head);
    if (!seconds) PHRASE_SECOND_WORDS.set(head, (seconds = new Set()));
    seconds.add(second);
  }
}

/**
 * Abbreviations and multi-word synonyms become their canonical words; the result is a list of words in which
 * every synonym is already the first word of its group.
 */
export function canonicalWords(input: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < input.length; ) {
    const word = input[i]!;
    if (!needsCanonical(word)) {
      out.push(word);
      i++;
      continue;
    }
    const { canonical, consumed } = canonicalAt(input, i);
    out.push(...canonical);
    i += consumed;
  }
  return out;
}

/** Whether a word may change in {@link canonicalWords}: it starts a phrase, is an abbreviation, or has a dot. */
export function needsCanonical(word: string): boolean {
  return SPECIAL_WORDS.has(word) || word.includes('.');
}

/** The longest phrase, in words, that {@link canonicalAt} reads. */
export const PHRASE_WORDS_MAX = 3;

/**
 * Whether some phrase starts with these two words. When not, {@link canonicalAt} gives the same for the first
 * word whatever follows it, so a caller may remember that per word.
 */
export function continuesPhrase(head: string, second: string): boolean {
  return PHRASE_SECOND_WORDS.get(head)?.has(second) === true;
}

/** The canonical words for the word at `i` (with the phrase it starts, if any) and how many words that used. */
export function canonicalAt(input: readonly string[], i: number): { canonical: readonly string[]; consumed: number } {
  const word = input[i]!;
  const special = SPECIAL_WORDS.get(word);
  if (special?.startsPhrase) {
    for (let length = PHRASE_WORDS_MAX; length >= 2; length--) {
      if (i + length > input.length) continue;
      const phrase = PHRASES.get(input.slice(i, i + length).join(' '));
      if (phrase) return { canonical: phrase, consumed: length };
    }
  }
  if (special?.alone) return { canonical: special.alone, consumed: 1 };
  return { canonical: [word.includes('.') ? word.replace(/\./g, '') : word], consumed: 1 };
}

/**
 * Stemming is the costliest step of indexing and a vocabulary is small next to a text collection, so terms are
 * remembered per word (bounded, for a pathological stream of distinct words).
 */
const TERM_CACHE_MAX = 500_000;
const termCache = new Map<string, string>();

/** The term a canonical word is indexed under, or '' for a stop word. */
export function termOf(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
    term = computeTerm(word);
    termCache.set(word, term);
  }
  return term;
}

function computeTerm(word: string): string {
  if (STOP_WORDS.has(word)) return '';
  const canonical = SYNONYMS.get(word) ?? word;
  // Short numbers are list markers and versions, not topics; longer ones (years, ports) are kept.
  if (/^\d+$/.test(canonical)) return canonical.length <= 2 ? '' : canonical;
  return stemmer(canonical);
}

/** What kind of question a clause asks, from its question words; "what … for?" asks how a thing is used. */
export function intentOf(rawWords: readonly string[]): Intent | undefined {
  let first: Intent | undefined;
  for (let i = 0; i < rawWords.length; i++) {
    const intent = intentInContext(rawWords[i]!, rawWords[i - 1], rawWords[i + 1]);
    // "Why" decides wherever it stands: "netflix uses python, why?" asks for reasons.
    if (intent === 'why') return 'why';
    first ??= intent;
  }
  return finalIntent(first, rawWords[rawWords.length - 1]);
}

/** The intent one word asks for on its own (for a caller reading words one at a time, see {@link intentOf}). */
export function wordIntent(word: string): Intent | undefined {
  return INTENTS.get(word);
}

/**
 * The intent a word asks for between its neighbours: as {@link wordIntent}, except that "in what way(s)" and "in
 * what manner" ask how, not what ("in what ways is python used" is "how is python used").
 */
export function intentInContext(word: string, before: string | undefined, after: string | undefined): Intent | undefined {
  if (word === 'what' && before === 'in' && after !== undefined && MANNER_WORDS.has(after)) return 'how';
  return INTENTS.get(word);
}
const MANNER_WORDS = new Set(['way', 'ways', 'manner']);

/** The intent of a clause without "why", from its first question word's intent and its last word. */
export function finalIntent(first: Intent | undefined, lastWord: string | undefined): Intent | undefined {
  return first === 'what' && lastWord === 'for' ? 'how' : first;
}

const INTENTS = new Map(Object.entries(INTENT_WORDS));

const SYNONYMS = buildSynonymTable();

function buildSynonymTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const [canonical, ...others] of SYNONYM_GROUPS) {
    for (const word of others) if (!word.includes(' ')) table.set(word, canonical!);
  }
  return table;
}

/** Multi-word synonyms and all abbreviations, keyed by their space-joined words. */
function buildPhraseTable(): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const [canonical, ...others] of SYNONYM_GROUPS) {
    for (const phrase of others) if (/[ /-]/.test(phrase)) table.set(words(phrase).join(' '), [canonical!]);
  }
  for (const [abbreviation, expansion] of Object.entries(ABBREVIATIONS)) {
    table.set(abbreviation, expansion.split(' '));
  }
  return table;
}

const QUESTION_OPENERS = new Set([
  'what', 'whats', 'why', 'how', 'hows', 'which', 'who', 'whom', 'whose', 'where', 'when', 'is', 'isnt', 'are',
  'arent', 'was', 'were', 'do', 'does', 'doesnt', 'did', 'didnt', 'can', 'cant', 'could', 'would', 'should',
  'will', 'has', 'have', 'anyone', 'anybody',
]);

/** Whether a message reads as a question: it has a question mark, or a sentence opens like one. */
export function looksLikeQuestion(text: string): boolean {
  if (text.includes('?')) return true;
  return clauses(text).some((clause) => QUESTION_OPENERS.has(words(normalize(clause))[0] ?? ''));
}
