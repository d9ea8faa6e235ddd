import type { Matcher } from '../engine/index.js';
import type { MatchResult } from '../engine/types.js';
import { countsOf, isFailure, metricsFromCounts, type Counts, type Metrics, type Observation } from './metrics.js';

/** A labelled set of queries: what should be answered (and by which entries), what should be declined. */
export interface LabelledSet {
  inScope: { query: string; expect: string[]; kind?: string }[];
  decline: { query: string; kind?: string }[];
}

/** The counts (see {@link Counts}: answered right or wrong, declines answered, ranked first, shown) and their rates. */
export interface QualityReport extends Counts {
  /** Rates in [0, 1]. */
  answeredRightRate: number;
  declineRespectedRate: number;
  confidentWrongRate: number;
  rankedFirstRate: number;
  shownRate: number;
  /** The same rates by their names in the quality report. */
  metrics: Metrics;
  failures: { query: string; expected: string; got: string }[];
}

/** The set's queries with what each expects (nothing, for a should-decline query), in-scope first. */
export function labelledQueries(set: LabelledSet): { query: string; expect: readonly string[] }[] {
  return [...set.inScope, ...set.decline.map(({ query }) => ({ query, expect: [] as string[] }))];
}

/** What our matcher did with one query, in the terms every engine is measured in. */
export function observeResult(result: MatchResult, expect: readonly string[]): Observation {
  const answered = result.outcome === 'answer' && result.match ? { id: result.match.entry.id, score: result.match.confidence } : null;
  return {
    query: result.query,
    expect,
    answered,
    ranked: result.ranked.map((c) => ({ id: c.entry.id, score: c.confidence })),
    // Only a suggestion shows buttons instead of an answer; a decline's closest questions are not offered as buttons.
    offered: result.outcome === 'suggest' ? result.alternatives.map((a) => a.entry.id) : [],
    verdict: describe(result),
  };
}

/** Every query of the set through the matcher. */
export function observeMatcher(matcher: Matcher, set: LabelledSet): Observation[] {
  return labelledQueries(set).map(({ query, expect }) => observeResult(matcher.match(query), expect));
}

/** Counts and rates from observations already made (so one pass over the set serves every report). */
export function reportOf(observations: readonly Observation[]): QualityReport {
  const c = countsOf(observations);
  const metrics = metricsFromCounts(c);
  return {
    inScope: c.inScope,
    decline: c.decline,
    answeredRight: c.answeredRight,
    answeredWrong: c.answeredWrong,
    declineAnswered: c.declineAnswered,
    rankedFirst: c.rankedFirst,
    shown: c.shown,
    answeredRightRate: metrics.answeredRight,
    declineRespectedRate: metrics.declinesKept,
    confidentWrongRate: metrics.confidentWrong,
    rankedFirstRate: metrics.rankedFirst,
    shownRate: metrics.shown,
    metrics,
    failures: observations.filter(isFailure).map((o) => ({
      query: o.query,
      expected: o.expect.length > 0 ? o.expect.join(' | ') : 'not answered',
      got: o.verdict,
    })),
  };
}

/** Runs every query of the set through the matcher and counts what a person would have seen. */
export function evaluate(matcher: Matcher, set: LabelledSet): QualityReport {
  return reportOf(observeMatcher(matcher, set));
}

function describe(result: MatchResult): string {
  if (result.outcome === 'answer') return `answer ${result.match!.entry.id} (${result.match!.confidence})`;
  const list = result.alternatives.map((a) => `${a.entry.id} (${a.confidence})`).join(', ');
  return list ? `${result.outcome}: ${list}` : result.outcome;
}
