import { MANY_PHRASINGS, RICH_PHRASINGS, type ConfidenceModel } from '../engine/confidence-model.js';
import { createMatcher } from '../engine/matcher.js';
import type { TrainingDomain } from './confidence-fit.js';
import { labelledQueries } from './evaluation.js';
import { metricsFromCounts, type Counts, type Metrics } from './metrics.js';

/**
 * The rule the answer thresholds are chosen by, on the development sets (confidence-fit.ts), never on the
 * evaluation sets: for each kind of entry (many: MANY_PHRASINGS phrasings or more; rich: RICH_PHRASINGS or more;
 * plain: fewer), the lowest
 * threshold on a 0.01 grid at which, on every development set of that kind, at most WRONG_MAX of all questions
 * get a wrong answer and at least DECLINES_KEPT_MIN of the questions to decline stay unanswered. Every set must
 * pass, not their mean: a knowledge base whose entries are close to each other is the one where a wrong answer is
 * likeliest, and the bot must be safe there too.
 */
export const WRONG_MAX = 0.01;
export const DECLINES_KEPT_MIN = 0.95;
const GRID = Array.from({ length: 50 }, (_, i) => Math.round((0.5 + i * 0.01) * 100) / 100);

export type EntryKind = 'many' | 'rich' | 'plain';

/** The answer thresholds the rule chooses, one per kind of entry. */
export interface AnswerThresholds {
  answer: number;
  answerPlain: number;
  answerMany: number;
}

/** What the matcher's top candidate was for one development question. */
interface TopCandidate {
  confidence: number;
  right: boolean;
  inScope: boolean;
}

/** One development set's top candidates and its kind. */
export interface DevelopmentTops {
  name: string;
  kind: EntryKind;
  tops: TopCandidate[];
}

/** Runs every development question through a matcher with `model` and nothing decided yet. */
export function developmentTops(model: ConfidenceModel, domains: readonly TrainingDomain[]): DevelopmentTops[] {
  return domains.map(({ name, entries, synonyms, set }) => {
    const matcher = createMatcher(entries, { synonyms, model, thresholds: { answer: 0, answerPlain: 0, answerMany: 0, margin: 0, suggest: 0 } });
    const kind = kindOf(entries.map((e) => 1 + e.alternates.length));
    const tops = labelledQueries(set).map(({ query, expect }) => {
      const result = matcher.match(query);
      const top = result.ranked[0];
      // What the matcher would never answer (a swapped subject) counts as no answer at any threshold.
      const confidence = result.outcome === 'answer' ? top!.confidence : 0;
      return { confidence, right: top !== undefined && expect.includes(top.entry.id), inScope: expect.length > 0 };
    });
    return { name, kind, tops };
  });
}

/** Answered right, wrong answers (of all questions) and declines kept when answering from `threshold` up. */
export function rates(tops: readonly TopCandidate[], threshold: number): Pick<Metrics, 'answeredRight' | 'confidentWrong' | 'declinesKept'> {
  const counts: Counts = { inScope: 0, decline: 0, answeredRight: 0, answeredWrong: 0, declineAnswered: 0, rankedFirst: 0, shown: 0 };
  for (const { confidence, right, inScope } of tops) {
    const answered = confidence >= threshold;
    if (!inScope) {
      counts.decline++;
      if (answered) counts.declineAnswered++;
      continue;
    }
    counts.inScope++;
    if (answered && right) counts.answeredRight++;
    else if (answered) counts.answeredWrong++;
  }
  return metricsFromCounts(counts);
}

/**
 * The threshold the rule chooses for one kind (the grid's last value when none passes), or undefined when no
 * development set is of that kind.
 */
export function chooseThreshold(sets: readonly DevelopmentTops[], kind: EntryKind): number | undefined {
  const own = sets.filter((s) => s.kind === kind);
  if (own.length === 0) return undefined;
  const passes = (t: number) =>
    own.every(({ tops }) => {
      const r = rates(tops, t);
      return r.confidentWrong <= WRONG_MAX && r.declinesKept >= DECLINES_KEPT_MIN;
    });
  return GRID.find(passes) ?? GRID[GRID.length - 1]!;
}

/** One threshold per kind; a kind no development set shows takes its neighbour's (many and plain take rich's). */
export function chooseThresholds(sets: readonly DevelopmentTops[]): AnswerThresholds {
  const strictest = GRID[GRID.length - 1]!;
  const answer = chooseThreshold(sets, 'rich') ?? chooseThreshold(sets, 'plain') ?? strictest;
  return { answer, answerPlain: chooseThreshold(sets, 'plain') ?? answer, answerMany: chooseThreshold(sets, 'many') ?? answer };
}

/** The threshold that applies to a kind. */
export function thresholdFor(thresholds: AnswerThresholds, kind: EntryKind): number {
  return kind === 'many' ? thresholds.answerMany : kind === 'rich' ? thresholds.answer : thresholds.answerPlain;
}

/** A knowledge base's kind: that of its median entry. */
function kindOf(phrasings: readonly number[]): EntryKind {
  const median = [...phrasings].sort((a, b) => a - b)[Math.floor(phrasings.length / 2)] ?? 1;
  return median >= MANY_PHRASINGS ? 'many' : median >= RICH_PHRASINGS ? 'rich' : 'plain';
}
