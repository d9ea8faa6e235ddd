import Fuse from 'fuse.js';
import type { Entry } from '../knowledge/entry.js';
import type { Matcher } from './index.js';
import { InvertedIndex } from './inverted-index.js';
import { ABBREVIATIONS, STOP_WORDS, SYNONYM_GROUPS } from './lexicon.js';
import { analyzeQuery } from './query.js';
import { DEFAULT_SCORING, Scratch, scoreQuery, type Candidate, type Scoring } from './score.js';
import { SubjectCounts } from './subject.js';
import { canonicalWords, clauses, normalize, words } from './text.js';
import type { MatchResult, ScoredEntry } from './types.js';
import { Vocabulary } from './vocabulary.js';

/**
 * Decision thresholds, chosen on the labelled set in `test/fixtures/answer-quality.json` (run
 * `npm run quality` to see the sweep that picked them) and kept round rather than fitted to the last digit.
 */
export const DEFAULT_THRESHOLDS = Object.freeze({
  /** At or above this, and clear of the runner-up by `margin`, the top entry is the answer. */
  answer: 0.6,
  /** The top entry must beat the runner-up by this much to answer; closer calls become suggestions. */
  margin: 0.03,
  /** A lone clear winner answers from this lower confidence, when it beats the runner-up by `clearMargin`. */
  clearAnswer: 0.55,
  clearMargin: 0.15,
  /** At or above this, an entry is worth suggesting; below it everything is declined. */
  suggest: 0.3,
  /** Of the suggestions, how many at most. */
  suggestionsMax: 3,
});

/**
 * Autocomplete receives half-typed text ("how does pyth enh"), where whole-word matching finds little. Up to this
 * many entries, fuse.js (approximate substring matching) over the questions and phrasings fills the rest of the
 * list; past it, building and searching its index on every change would cost more than autocomplete is worth.
 */
export const FUZZY_FALLBACK_MAX_ENTRIES = 5_000;
/** Fuzzy-only results rank below anything the index found: their confidence is scaled down to this at most. */
const FUZZY_CONFIDENCE_MAX = 0.3;

export type MatcherThresholds = Record<keyof typeof DEFAULT_THRESHOLDS, number>;

export interface MatcherOptions {
  thresholds?: Partial<MatcherThresholds>;
  scoring?: Partial<Scoring>;
}

/** Builds a matcher over the given entries; later changes go through `upsert` and `remove`. */
export function createMatcher(entries: Iterable<Entry>, options: MatcherOptions = {}): Matcher {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const scoring = { ...DEFAULT_SCORING, ...options.scoring };
  // The vocabulary asks the index whether a word is still used; the index registers new words with it.
  const vocabulary: Vocabulary = new Vocabulary((word: string): boolean => index.hasWord(word));
  vocabulary.pin(lexiconWords());
  const index: InvertedIndex = new InvertedIndex(vocabulary);
  const scratch = new Scratch();
  const subjects = new SubjectCounts();
  const upsert = (entry: Entry) => {
    remove(entry.id);
    index.upsert(entry);
    subjects.add(index.docById(entry.id)!);
  };
  const remove = (id: string) => {
    const doc = index.docById(id);
    if (!doc) return;
    subjects.remove(doc);
    index.remove(id);
  };
  for (const entry of entries) upsert(entry);

  // Built on the first autocomplete after a change, dropped by every change.
  let fuzzy: Fuse<Entry> | undefined;
  const fuzzyRank = (text: string, limit: number, exclude: ReadonlySet<string>): ScoredEntry[] => {
    if (index.size > FUZZY_FALLBACK_MAX_ENTRIES || text.trim().length < 2) return [];
    fuzzy ??= new Fuse(
      index.allDocs().map((d) => d.entry),
      { keys: ['question', 'alternates'], includeScore: true, ignoreLocation: true, threshold: 0.5 },
    );
    return fuzzy
      .search(text.slice(0, 200), { limit: limit + exclude.size })
      .filter((r) => !exclude.has(r.item.id))
      .slice(0, limit)
      .map((r) => ({ entry: r.item, confidence: round((1 - (r.score ?? 1)) * FUZZY_CONFIDENCE_MAX) }));
  };

  const analyze = (text: string, completeLastWord: boolean) =>
    analyzeQuery(text, index, vocabulary, { completeLastWord, unknownWeightFactor: scoring.unknownWeightFactor });
  const rankText = (text: string, completeLastWord: boolean): Candidate[] =>
    scoreQuery(analyze(text, completeLastWord), index, scratch, scoring, subjects);

  const match = (query: string): MatchResult => {
    const whole = analyze(query, false);
    let best = scoreQuery(whole, index, scratch, scoring, subjects);
    // A message with several sentences is judged by its best sentence, or by the whole when that is better.
    const parts = clauses(query);
    if (parts.length > 1) {
      // A question often leans on the sentence before it ("netflix never goes down. how do they do it?"), so each
      // question is also read together with its predecessor.
      const pairs = parts.flatMap((part, i) => (i > 0 && part.includes('?') ? [`${parts[i - 1]} ${part}`] : []));
      const context = new Set(whole.terms.filter((t) => t.known).map((t) => t.id));
      for (const part of [...parts, ...pairs]) {
        const ranked = scoreQuery(analyze(part, false), index, scratch, scoring, subjects, context);
        if (ranked.length > 0 && (best.length === 0 || ranked[0]!.confidence > best[0]!.confidence)) best = ranked;
      }
    }
    return decide(query, best, thresholds);
  };

  return {
    match,
    rank(query, limit) {
      const ranked = rankText(query, true).slice(0, limit).map(toScored);
      if (ranked.length >= limit) return ranked;
      return [...ranked, ...fuzzyRank(query, limit - ranked.length, new Set(ranked.map((r) => r.entry.id)))];
    },
    upsert(entry) {
      upsert(entry);
      fuzzy = undefined;
    },
    remove(id) {
      remove(id);
      fuzzy = undefined;
    },
    get(id) {
      return index.docById(id)?.entry;
    },
    entries(limit = Infinity) {
      return index.allDocs().slice(0, limit).map((d) => d.entry);
    },
    get size() {
      return index.size;
    },
  };
}

function decide(query: string, ranked: Candidate[], t: MatcherThresholds): MatchResult {
  const [top, second] = ranked;
  if (!top || top.confidence < t.suggest) {
    return { query, outcome: 'decline', match: null, alternatives: [] };
  }
  const margin = top.confidence - (second?.confidence ?? 0);
  const confident = top.confidence >= t.answer && margin >= t.margin;
  const clearWinner = top.confidence >= t.clearAnswer && margin >= t.clearMargin;
  if (confident || clearWinner) {
    return {
      query,
      outcome: 'answer',
      match: toScored(top),
      alternatives: ranked.slice(1, 1 + t.suggestionsMax).filter((c) => c.confidence >= t.suggest).map(toScored),
    };
  }
  return {
    query,
    outcome: 'suggest',
    match: null,
    alternatives: ranked.filter((c) => c.confidence >= t.suggest).slice(0, t.suggestionsMax).map(toScored),
  };
}

function toScored(candidate: Candidate): ScoredEntry {
  return { entry: candidate.doc.entry, confidence: round(candidate.confidence) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Words that are always real words to the typo corrector, even before any entry uses them. */
function lexiconWords(): string[] {
  const all = new Set<string>(STOP_WORDS);
  // Both the words of a phrase as typed ("artificial") and what it stands for, so typos of either are corrected.
  const phrases = [...SYNONYM_GROUPS.flat(), ...Object.keys(ABBREVIATIONS)];
  for (const phrase of phrases) for (const w of [...words(normalize(phrase)), ...canonicalWords(words(normalize(phrase)))]) all.add(w);
  return [...all];
}
