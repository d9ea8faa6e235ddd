import Fuse from 'fuse.js';
import type { Entry } from '../knowledge/entry.js';
import type { ForkableMatcher } from './index.js';
import { InvertedIndex, type TermIndex } from './inverted-index.js';
import { WordAlterations } from './alterations.js';
import { CharGramIndex, wordKey, type CharGramScorer } from './char-grams.js';
import { STOP_WORDS } from './lexicon.js';
import { analyzeQuery } from './query.js';
import { CONFIDENCE_MODEL, FITTED_THRESHOLDS, MANY_PHRASINGS, RICH_PHRASINGS, type ConfidenceModel } from './confidence-model.js';
import { DEFAULT_SCORING, Scratch, scoreQuery, type Candidate, type Scoring } from './score.js';
import { SubjectCounts, SubjectOverlay, type SubjectShares } from './subject.js';
import { clauses } from './text.js';
import { RANKED_MAX, type MatchResult, type ScoredEntry, type SynonymGroups } from './types.js';
import { Vocabulary, type WordLookup } from './vocabulary.js';
import { OverlayGrams } from './overlay-grams.js';
import { OverlayIndex } from './overlay-index.js';
import { OverlayVocabulary } from './overlay-vocabulary.js';
import { entryWords, samePhrasings } from './read-entry.js';

/**
 * Decision thresholds on the confidence (the model's estimate that an entry answers the query). The answer
 * thresholds are chosen with the model, by rule, on development sets of three domains (src/quality/thresholds.ts;
 * `npm run fit-confidence` prints what they do there): the lowest at which no development set gets more than 1%
 * of its questions answered wrongly or fewer than 95% of its off-topic questions declined.
 */
export const DEFAULT_THRESHOLDS = Object.freeze({
  /** At or above this, and clear of the runner-up by `margin`, the top entry is the answer. */
  answer: FITTED_THRESHOLDS.answer,
  /** The same for an entry with fewer than RICH_PHRASINGS phrasings, weighed by the plainer half of the model. */
  answerPlain: FITTED_THRESHOLDS.answerPlain,
  /** The same for an entry with MANY_PHRASINGS phrasings or more: read off that many rewordings, a confidence is surer. */
  answerMany: FITTED_THRESHOLDS.answerMany,
  /** The top entry must beat the runner-up by this much to answer: a near tie is a suggestion with both buttons. */
  margin: 0.05,
  /**
   * At or above this, an entry is worth suggesting ("did you mean"); below it everything is declined. The
   * confidence is the chance that the entry answers, so a button right one time in ten is worth showing: it is
   * one click, seen only by the asker.
   */
  suggest: 0.1,
  /**
   * Once the top entry is worth suggesting, the runners-up join it as buttons from this confidence on: the right
   * entry was among the three buttons 6–9 points more often on the public intent sets than with `suggest` for all
   * (`npm run quality`), for buttons only the asker sees.
   */
  suggestOthers: 0.01,
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
  /** Another confidence model than the shipped one (fitting tries its own). */
  model?: ConfidenceModel;
  /** The knowledge base's own synonyms and abbreviations, on top of general English. */
  synonyms?: SynonymGroups;
}

/** Builds a matcher over the given entries; later changes go through `upsert` and `remove`, or a `fork()`. */
export function createMatcher(entries: Iterable<Entry>, options: MatcherOptions = {}): ForkableMatcher {
  const settings = settingsOf(options);
  // The vocabulary asks the index whether a word is still used; the index registers new words with it.
  const vocabulary: Vocabulary = new Vocabulary((word: string): boolean => index.hasWord(word));
  const alterations = new WordAlterations(options.synonyms);
  vocabulary.pin([...STOP_WORDS, ...alterations.knownWords]);
  const index: InvertedIndex = new InvertedIndex(vocabulary, alterations);
  const scratch = new Scratch();
  const subjects = new SubjectCounts();
  const charGrams = new CharGramIndex();
  let shared: SharedParts | undefined;
  const upsert = (entry: Entry) => {
    if (shared) throw new Error(FORKED);
    remove(entry.id);
    index.upsert(entry);
    charGrams.upsert(entry);
    subjects.add(index.docById(entry.id)!);
    vocabulary.entriesChanged();
  };
  const remove = (id: string) => {
    if (shared) throw new Error(FORKED);
    const doc = index.docById(id);
    if (!doc) return;
    subjects.remove(doc);
    index.remove(id);
    charGrams.remove(doc.entry);
    vocabulary.entriesChanged();
  };
  for (const entry of entries) upsert(entry);
  return assemble({ index, vocabulary, subjects, charGrams, scratch, settings, upsert, remove }, () => {
    shared ??= { index, vocabulary, subjects, charGrams, scratch, settings, words: undefined };
    return createOverlayMatcher(shared);
  });
}

const FORKED = 'This matcher is shared by its forks and no longer changes: change a fork instead.';

/** What a matcher decides with, besides its entries. */
interface Settings {
  thresholds: MatcherThresholds;
  scoring: Scoring;
  model: ConfidenceModel;
}

function settingsOf(options: MatcherOptions): Settings {
  return {
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    scoring: { ...DEFAULT_SCORING, ...options.scoring },
    model: options.model ?? CONFIDENCE_MODEL,
  };
}

/** A forked matcher's structures, read (never changed) by its overlays. */
interface SharedParts {
  index: InvertedIndex;
  vocabulary: Vocabulary;
  subjects: SubjectCounts;
  charGrams: CharGramIndex;
  /** One scratch for all: a query is scored in one synchronous call. */
  scratch: Scratch;
  settings: Settings;
  /**
   * The words each shared entry teaches the vocabulary, and how many shared entries use each word (what an
   * overlay's vocabulary counts from): read once, at the first fork.
   */
  words: { byEntry: Map<string, ReadonlySet<string>>; byEntryPhrasings: Map<string, ReadonlySet<string>>; counts: Map<string, number> } | undefined;
}

/**
 * A matcher over shared structures and changes of its own (see OverlayIndex): it answers exactly as a matcher built
 * afresh over the shared entries it did not hide, in their order, followed by its own entries in the order they
 * were last upserted. Its memory is in proportion to its changes.
 */
function createOverlayMatcher(shared: SharedParts): ForkableMatcher {
  if (!shared.words) {
    const words = new Map<string, ReadonlySet<string>>();
    const phrasingWords = new Map<string, ReadonlySet<string>>();
    const counts = new Map<string, number>();
    const { alterations } = shared.index;
    for (const { entry } of shared.index.allDocs()) {
      const fromPhrasings = entryWords(entry, alterations, [entry.question, ...entry.alternates]);
      const known = new Set([...fromPhrasings, ...entryWords(entry, alterations, [...entry.tags, entry.answer])]);
      phrasingWords.set(entry.id, fromPhrasings);
      words.set(entry.id, known);
      for (const word of known) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    shared.words = { byEntry: words, byEntryPhrasings: phrasingWords, counts };
  }
  const sharedWords = shared.words;
  const index = new OverlayIndex(shared.index);
  const vocabulary = new OverlayVocabulary(shared.vocabulary, sharedWords.counts);
  const ownWords = new Map<string, ReadonlySet<string>>();
  const subjects = new SubjectOverlay(shared.subjects);
  const charGrams = new OverlayGrams(shared.charGrams);
  const hide = (id: string) => {
    const doc = index.sharedDoc(id);
    if (!doc || index.isHidden(doc.slot)) return;
    index.hide(doc.slot);
    subjects.count(doc, -1);
    charGrams.hide(doc.entry);
    vocabulary.count(sharedWords.byEntry.get(id)!, -1);
  };
  const remove = (id: string) => {
    const own = index.removeOwn(id);
    if (own) {
      subjects.count(own, -1);
      charGrams.removeOwn(own.entry);
      vocabulary.count(ownWords.get(id)!, -1);
      ownWords.delete(id);
    } else hide(id);
  };
  const upsert = (entry: Entry) => {
    remove(entry.id);
    // An edit of a shared entry that keeps its phrasings (most change the answer) reuses what was read of them.
    const replaced = index.sharedDoc(entry.id);
    const same = replaced && samePhrasings(replaced.entry, entry) ? { phrasings: replaced.phrasings, words: sharedWords.byEntryPhrasings.get(entry.id)! } : undefined;
    const { doc, read } = index.add(entry, same);
    subjects.count(doc, 1);
    charGrams.add(entry, replaced?.entry);
    vocabulary.count(read.words, 1);
    ownWords.set(entry.id, read.words);
  };
  return assemble({ index, vocabulary, subjects, charGrams, scratch: shared.scratch, settings: shared.settings, upsert, remove }, () => {
    // A fork of a fork starts from the same shared structures with a copy of this one's changes.
    const forked = createOverlayMatcher(shared);
    for (const doc of shared.index.allDocs()) if (index.isHidden(doc.slot)) forked.remove(doc.entry.id);
    for (const doc of index.allDocs()) if (doc.slot >= shared.index.capacity) forked.upsert(doc.entry);
    return forked;
  });
}

interface Parts {
  index: TermIndex;
  vocabulary: WordLookup;
  subjects: SubjectShares;
  charGrams: CharGramScorer;
  scratch: Scratch;
  settings: Settings;
  upsert(entry: Entry): void;
  remove(id: string): void;
}

/** The matcher over one set of structures: reading, scoring and deciding are the same for a full one and an overlay. */
function assemble({ index, vocabulary, subjects, charGrams, scratch, settings, upsert, remove }: Parts, fork: () => ForkableMatcher): ForkableMatcher {
  const { thresholds, scoring } = settings;
  const scoringContext = { index, scratch, scoring, subjects, charGrams, model: settings.model };

  // Built on the first autocomplete after a change, dropped by every change.
  let fuzzy: Fuse<Entry> | undefined;
  let generation = 0;
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
    scoreQuery(analyze(text, completeLastWord), scoringContext);

  /**
   * Every reading of a message that is scored: the whole, and with several sentences each sentence and each
   * question read with the sentence before it ("netflix never goes down. how do they do it?").
   */
  const readings = (query: string, keepFeatures: boolean): ScoredReading[] => {
    const whole = analyze(query, false);
    const out: ScoredReading[] = [{ text: query, ranked: scoreQuery(whole, scoringContext, undefined, keepFeatures) }];
    const parts = clauses(query);
    if (parts.length > 1) {
      const pairs = parts.flatMap((part, i) => (i > 0 && part.includes('?') ? [`${parts[i - 1]} ${part}`] : []));
      // A sentence's subject may be named in another one: "my netflix recs are spooky. how does python fit in?"
      const context = new Set(whole.terms.filter((t) => t.known).map((t) => t.id));
      for (const part of [...parts, ...pairs]) {
        out.push({ text: part, ranked: scoreQuery(analyze(part, false), scoringContext, context, keepFeatures) });
      }
    }
    return out;
  };

  const match = (query: string): MatchResult => {
    // A message is judged by its best reading.
    let best: Candidate[] = [];
    for (const { ranked } of readings(query, false)) {
      if (ranked.length > 0 && (best.length === 0 || ranked[0]!.confidence > best[0]!.confidence)) best = ranked;
    }
    return decide(query, best, thresholds);
  };

  return {
    match,
    explain(query) {
      return readings(query, true).map(({ text, ranked }) => ({
        text,
        candidates: ranked.map((c) => ({ entry: c.doc.entry, confidence: c.confidence, features: Array.from(c.features!), phrasings: c.phrasings! })),
      }));
    },
    rank(query, limit) {
      const ranked = rankText(query, true).slice(0, limit).map(toScored);
      if (ranked.length >= limit) return ranked;
      return [...ranked, ...fuzzyRank(query, limit - ranked.length, new Set(ranked.map((r) => r.entry.id)))];
    },
    upsert(entry) {
      upsert(entry);
      fuzzy = undefined;
      generation++;
    },
    remove(id) {
      remove(id);
      fuzzy = undefined;
      generation++;
    },
    get generation() {
      return generation;
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
    fork,
  };
}

interface ScoredReading {
  text: string;
  ranked: Candidate[];
}

function decide(query: string, candidates: Candidate[], t: MatcherThresholds): MatchResult {
  const verdict = decideOutcome(query, candidates, t);
  return { ...verdict, ranked: candidates.slice(0, RANKED_MAX).map(toScored) };
}

function decideOutcome(query: string, ranked: Candidate[], t: MatcherThresholds): Omit<MatchResult, 'ranked'> {
  const [top, second] = ranked;
  if (!top || top.confidence < t.suggest) {
    return { query, outcome: 'decline', match: null, alternatives: [] };
  }
  const margin = top.confidence - (second?.confidence ?? 0);
  const bar = top.phrasings >= MANY_PHRASINGS ? t.answerMany : top.phrasings >= RICH_PHRASINGS ? t.answer : t.answerPlain;
  if (((top.confidence >= bar && !top.swapped) || asksWordForWord(query, top.doc.entry)) && margin >= t.margin) {
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
    alternatives: ranked.filter((c, i) => c.confidence >= (i === 0 ? t.suggest : t.suggestOthers)).slice(0, t.suggestionsMax).map(toScored),
  };
}

/**
 * A question asked word for word as the entry's question or one of its alternates is answered whatever the
 * confidence: the moderator wrote that very question for that answer. The confidence still decides everything
 * else, so a near twin ("turn on" and "turn off") asked word for word is told apart by its words.
 */
function asksWordForWord(query: string, entry: Entry): boolean {
  const key = wordKey(query);
  return key !== '' && (wordKey(entry.question) === key || entry.alternates.some((a) => wordKey(a) === key));
}

function toScored(candidate: Candidate): ScoredEntry {
  return { entry: candidate.doc.entry, confidence: round(candidate.confidence) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
