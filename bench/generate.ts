/**
 * Deterministic synthetic knowledge bases for the benchmark. Same (size, seed) → same entries, in
 * every process, so each engine can be measured in its own child process on identical data.
 *
 * Shape targets (what a real FAQ looks like): questions of 5–15 words in the usual forms ("how does
 * X …", "what is …", "why …", "can I …"), answers of 40–150 words, 0–3 alternates, 1–4 tags, and a
 * vocabulary that grows with the base (real words, syllable jargon, product names, error codes)
 * so the index sees a realistic number of distinct terms.
 */
import type { Entry } from '../src/knowledge/entry.js';
import { mulberry32, type Rng } from './prng.js';
import { ADJECTIVES, FILLER, MODIFIERS, NOUNS, TAGS, VERBS, generateVocabulary } from './vocabulary.js';

/** The words that fill one question's templates; alternates reuse them in another template. */
interface Slots {
  product: string;
  verb: string;
  noun: string;
  noun2: string;
  adj: string;
  modifier: string;
}

type Template = (s: Slots) => string;

// The question forms the brief asks for, plus a few more that FAQ pages are full of.
const TEMPLATES: Template[] = [
  (s) => `how does ${s.product} ${s.verb} the ${s.adj} ${s.noun}`,
  (s) => `what is the ${s.noun} ${s.noun2} in ${s.product}`,
  (s) => `why does my ${s.noun} ${s.verb} ${s.modifier}`,
  (s) => `can I ${s.verb} a ${s.adj} ${s.noun} with ${s.product}`,
  (s) => `how do I ${s.verb} the ${s.noun} on ${s.product}`,
  (s) => `what happens when I ${s.verb} my ${s.noun}`,
  (s) => `where do I find the ${s.adj} ${s.noun} ${s.noun2} setting`,
  (s) => `is it possible to ${s.verb} ${s.noun} without ${s.noun2}`,
  (s) => `why can't I ${s.verb} my ${s.adj} ${s.noun} in ${s.product}`,
];

/** Words shared by question forms; never useful as keywords. */
export const QUESTION_WORDS = new Set(
  'how does do what is why can can\'t t i my where find it possible to happens when a the in on with without setting'.split(' '),
);

/** Draws content words: real nouns and generated jargon, both Zipf-skewed like real text. */
class WordSource {
  readonly jargon: string[];
  readonly products: string[];

  constructor(private readonly rng: Rng, size: number) {
    // Distinct terms grow with the corpus in real text (Heaps' law); scale the generated part with it.
    const v = generateVocabulary(rng, Math.min(3000 + Math.floor(size / 4), 30000), 200 + Math.floor(size / 100));
    this.jargon = v.jargon;
    this.products = v.products;
  }

  noun(): string {
    return this.rng.chance(0.5) ? this.rng.zipf(NOUNS) : this.rng.zipf(this.jargon);
  }

  product(): string {
    return this.rng.pick(this.products);
  }

  /** A content word for padding or prose, sometimes an error code or version (a long tail of unique terms). */
  content(): string {
    const r = this.rng.next();
    if (r < 0.005) return `E${this.rng.int(100, 9999)}`;
    if (r < 0.02) return `v${this.rng.int(1, 12)}.${this.rng.int(0, 20)}`;
    if (r < 0.3) return this.rng.zipf(VERBS);
    if (r < 0.45) return this.rng.zipf(ADJECTIVES);
    if (r < 0.5) return this.rng.pick(MODIFIERS);
    if (r < 0.55) return this.product();
    return this.noun();
  }

  slots(): Slots {
    const rng = this.rng;
    return {
      product: this.product(),
      verb: rng.zipf(VERBS),
      noun: this.noun(),
      noun2: this.noun(),
      adj: rng.zipf(ADJECTIVES),
      modifier: rng.pick(MODIFIERS),
    };
  }
}

const PADDING: ((w: WordSource, rng: Rng) => string)[] = [
  (w) => `for my ${w.noun()}`,
  (w) => `after the ${w.content()} ${w.noun()}`,
  (w) => `on ${w.product()}`,
  (w, rng) => `${rng.pick(MODIFIERS)}`,
  (w) => `using ${w.content()}`,
  (w) => `with the ${w.noun()} ${w.noun()}`,
];

const wordCount = (s: string): number => s.split(' ').length;

function question(w: WordSource, rng: Rng, slots: Slots, template: Template): string {
  const target = rng.int(5, 15);
  let q = template(slots);
  // Pad short forms with whole phrases up to the drawn length, never past 15 words: cutting a phrase
  // in half would leave questions ending in "after the?".
  for (let tries = 0; wordCount(q) < target && tries < 8; tries++) {
    const phrase = rng.pick(PADDING)(w, rng);
    if (wordCount(q) + wordCount(phrase) <= 15) q += ' ' + phrase;
  }
  return q + '?';
}

function answer(w: WordSource, rng: Rng, slots: Slots): string {
  const target = rng.int(40, 150);
  const topic = [slots.product, slots.noun, slots.verb, slots.noun2];
  const sentences: string[] = [];
  let n = 0;
  while (n < target) {
    const len = Math.min(rng.int(6, 16), Math.max(target - n, 3));
    const s: string[] = [];
    for (let i = 0; i < len; i++) {
      // Answers restate the question's topic now and then, as real answers do.
      const r = rng.next();
      s.push(r < 0.4 ? rng.zipf(FILLER) : r < 0.5 ? rng.pick(topic) : w.content());
    }
    const first = s[0] ?? '';
    s[0] = first.charAt(0).toUpperCase() + first.slice(1);
    sentences.push(s.join(' ') + '.');
    n += len;
  }
  return sentences.join(' ');
}

/** URL-safe slug of the question; the index suffix keeps ids unique even if two questions collide. */
function slug(q: string, i: number): string {
  const base = q.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${base}-${i.toString(36)}`;
}

/** A generated knowledge base and every word its generator could have used. */
export interface KnowledgeBase {
  entries: Entry[];
  /** Lowercase terms the generator draws from; off-topic queries avoid all of them. */
  vocabulary: Set<string>;
}

/** `count` entries from `seed`; identical output for identical arguments, in any process. */
export function generateKnowledgeBase(count: number, seed = 42): KnowledgeBase {
  const rng = mulberry32(seed ^ count);
  const w = new WordSource(rng, count);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const slots = w.slots();
    const forms = rng.shuffle(TEMPLATES);
    const q = question(w, rng, slots, forms[0]!);
    const alternates = forms.slice(1, 1 + rng.int(0, 3)).map((t) => t(slots) + '?');
    const tags = rng.shuffle(TAGS).slice(0, rng.int(1, 4));
    const entry: Entry = { id: slug(q, i), question: q.charAt(0).toUpperCase() + q.slice(1), answer: answer(w, rng, slots), alternates, tags };
    if (rng.chance(0.3)) entry.source = `${slots.product} Help Center`;
    entries.push(entry);
  }
  // Tokenise the word lists the same way the stats do ("can't" → "can", "t"; "Zentrix Pro" → two terms).
  const vocabulary = new Set(terms([VERBS, NOUNS, ADJECTIVES, MODIFIERS, FILLER, TAGS, w.jargon, w.products].flat().join(' ')));
  for (const t of terms(TEMPLATES.map((t) => t(PLACEHOLDER)).join(' '))) vocabulary.add(t);
  return { entries, vocabulary };
}

const PLACEHOLDER: Slots = { product: '', verb: '', noun: '', noun2: '', adj: '', modifier: '' };

/** Lowercase alphanumeric terms, the way the stats below count them. */
export const terms = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Shape summary of a knowledge base, printed so a reader can judge how realistic it is. */
export interface KbStats {
  entries: number;
  distinctTerms: number;
  avgQuestionWords: number;
  avgAnswerWords: number;
  avgAlternates: number;
}

/** Compute {@link KbStats}; O(total words), so the harness asks for it once per size. */
export function kbStats(entries: Entry[]): KbStats {
  const seen = new Set<string>();
  let q = 0;
  let a = 0;
  let alt = 0;
  for (const e of entries) {
    const qt = terms(e.question);
    const at = terms(e.answer);
    q += qt.length;
    a += at.length;
    alt += e.alternates.length;
    for (const t of qt) seen.add(t);
    for (const t of at) seen.add(t);
    for (const x of e.alternates) for (const t of terms(x)) seen.add(t);
  }
  const n = Math.max(entries.length, 1);
  return { entries: entries.length, distinctTerms: seen.size, avgQuestionWords: q / n, avgAnswerWords: a / n, avgAlternates: alt / n };
}
