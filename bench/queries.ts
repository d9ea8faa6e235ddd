/**
 * A deterministic mixed query load over a generated knowledge base: what people actually type into
 * a Discord channel, from a verbatim FAQ question to a sloppy keyword search to something the
 * knowledge base knows nothing about.
 */
import type { Entry } from '../src/knowledge/entry.js';
import { QUESTION_WORDS, terms, type KnowledgeBase } from './generate.js';
import { mulberry32, type Rng } from './prng.js';
import { FILLER, FILLER_PREFIXES, FILLER_SUFFIXES, OFF_TOPIC_WORDS, offTopicWord } from './vocabulary.js';

/** How a query was derived from its entry. */
export type QueryKind = 'exact' | 'typo' | 'paraphrase' | 'keyword' | 'off-topic';

/** One benchmark query and the entry it was derived from (null for off-topic). */
export interface BenchQuery {
  text: string;
  kind: QueryKind;
  expectedId: string | null;
}

/** Share of each kind in the load; rounded per size, remainder goes to `exact`. */
export const QUERY_MIX: Record<QueryKind, number> = {
  exact: 0.2,
  typo: 0.25,
  paraphrase: 0.25,
  keyword: 0.15,
  'off-topic': 0.15,
};

const FILLER_SET = new Set(FILLER);

/** Swap two adjacent letters, drop one, or double one: the three commonest typing slips. */
function typo(rng: Rng, word: string): string {
  const i = rng.int(0, word.length - 2);
  switch (rng.int(0, 2)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    default:
      return word.slice(0, i + 1) + word.slice(i);
  }
}

/** People rarely type the capital or the question mark; half the time, drop them. */
function casual(rng: Rng, text: string): string {
  return rng.chance(0.5) ? text.toLowerCase().replace(/\?$/, '') : text;
}

function withTypos(rng: Rng, question: string): string {
  const words = question.split(' ');
  // Only words of 4+ letters: a typo in "is" is not a typo anyone needs matched.
  const candidates = words.map((w, i) => (w.replace(/\W/g, '').length >= 4 ? i : -1)).filter((i) => i >= 0);
  const count = Math.min(rng.int(1, 2), candidates.length);
  for (const i of rng.shuffle(candidates).slice(0, count)) {
    // Keep trailing punctuation ("setting?") out of the slip.
    const [, core = '', tail = ''] = /^(.*?)(\W*)$/.exec(words[i]!) ?? [];
    words[i] = typo(rng, core) + tail;
  }
  return casual(rng, words.join(' '));
}

function paraphrase(rng: Rng, question: string): string {
  let words = question.replace(/\?$/, '').split(' ');
  // Drop 1–2 words, keeping at least five so that short questions stay recognisable.
  for (let k = rng.int(1, 2); k > 0 && words.length > 5; k--) words.splice(rng.int(1, words.length - 1), 1);
  // Reorder: move the tail clause to the front ("on Zentrix, how do I …") or swap a neighbouring pair.
  if (rng.chance(0.5) && words.length > 5) {
    const cut = rng.int(Math.ceil(words.length / 2), words.length - 1);
    words = [...words.slice(cut), ...words.slice(0, cut)];
  } else {
    const i = rng.int(0, words.length - 2);
    [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
  }
  let text = words.join(' ').toLowerCase();
  if (rng.chance(0.7)) text = `${rng.pick(FILLER_PREFIXES)} ${text}`;
  if (rng.chance(0.4)) text = `${text} ${rng.pick(FILLER_SUFFIXES)}`;
  return text;
}

function keywords(rng: Rng, entry: Entry): string {
  const content = [...new Set(terms(entry.question).filter((t) => !QUESTION_WORDS.has(t) && !FILLER_SET.has(t)))];
  const picked = rng.shuffle(content).slice(0, rng.int(2, 3));
  return (picked.length > 0 ? picked : terms(entry.question).slice(0, 2)).join(' ');
}

function offTopic(rng: Rng, known: Set<string>): string {
  const word = (): string => {
    for (;;) {
      // Real everyday words (what people actually ask off-topic) or syllable nonsense; either way
      // checked against the generator's vocabulary, so it is in no entry.
      const w = rng.chance(0.5) ? rng.pick(OFF_TOPIC_WORDS) : offTopicWord(rng);
      if (!known.has(w)) return w;
    }
  };
  // Half bare nonsense, half wrapped in a question frame: the frame's words are in every entry, so
  // an engine must not match on "how do I" alone.
  if (rng.chance(0.5)) return Array.from({ length: rng.int(2, 5) }, word).join(' ');
  return rng.pick([
    () => `what is the ${word()} ${word()}?`,
    () => `how do I ${word()} my ${word()}`,
    () => `why does the ${word()} ${word()} ${word()}`,
    () => `can I ${word()} a ${word()}?`,
  ])();
}

/**
 * `count` queries over `entries`, shuffled so that any prefix is a representative sample (the
 * harness times slow peers on a prefix). Same arguments → same queries.
 */
export function generateQueries(kb: KnowledgeBase, count: number, seed = 7): BenchQuery[] {
  const { entries, vocabulary: known } = kb;
  const rng = mulberry32(seed ^ entries.length);
  const kinds: QueryKind[] = [];
  for (const kind of ['typo', 'paraphrase', 'keyword', 'off-topic'] as const) {
    for (let i = Math.round(count * QUERY_MIX[kind]); i > 0; i--) kinds.push(kind);
  }
  while (kinds.length < count) kinds.push('exact');
  return rng.shuffle(kinds.slice(0, count)).map((kind): BenchQuery => {
    if (kind === 'off-topic') return { text: offTopic(rng, known), kind, expectedId: null };
    const entry = rng.pick(entries);
    const text =
      kind === 'exact'
        ? entry.question
        : kind === 'typo'
          ? withTypos(rng, entry.question)
          : kind === 'paraphrase'
            ? paraphrase(rng, entry.question)
            : keywords(rng, entry);
    return { text, kind, expectedId: entry.id };
  });
}

/** How many queries of each kind a load holds (for the table header). */
export function countKinds(queries: BenchQuery[]): Record<QueryKind, number> {
  const out: Record<QueryKind, number> = { exact: 0, typo: 0, paraphrase: 0, keyword: 0, 'off-topic': 0 };
  for (const q of queries) out[q.kind]++;
  return out;
}
