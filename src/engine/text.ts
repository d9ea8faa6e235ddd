import { INTENT_WORDS, type Intent } from './lexicon.js';

/**
 * Reading text the same way for entries and for queries: normalise, split into words and clauses, read question
 * words. Turning words into terms (synonyms, stop words, stems) depends on the knowledge base: see alterations.ts.
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
