import type { Matcher } from '../engine/index.js';
import type { MatchResult } from '../engine/types.js';

/** A labelled set of queries: what should be answered (and by which entries), what should be declined. */
export interface LabelledSet {
  inScope: { query: string; expect: string[]; kind?: string }[];
  decline: { query: string; kind?: string }[];
}

export interface QualityReport {
  inScope: number;
  decline: number;
  /** In-scope queries answered with one of their expected entries. */
  answeredRight: number;
  /** In-scope queries answered with an entry they did not expect. */
  answeredWrong: number;
  /** Should-decline queries that were answered anyway. */
  declineAnswered: number;
  /** Rates in [0, 1]. */
  answeredRightRate: number;
  declineRespectedRate: number;
  confidentWrongRate: number;
  failures: { query: string; expected: string; got: string }[];
}

/** Runs every query of the set through the matcher and counts what a person would have seen. */
export function evaluate(matcher: Matcher, set: LabelledSet): QualityReport {
  const failures: QualityReport['failures'] = [];
  let answeredRight = 0;
  let answeredWrong = 0;
  for (const { query, expect } of set.inScope) {
    const result = matcher.match(query);
    if (result.outcome === 'answer' && expect.includes(result.match!.entry.id)) answeredRight++;
    else {
      if (result.outcome === 'answer') answeredWrong++;
      failures.push({ query, expected: expect.join(' | '), got: describe(result) });
    }
  }
  let declineAnswered = 0;
  for (const { query } of set.decline) {
    const result = matcher.match(query);
    if (result.outcome === 'answer') {
      declineAnswered++;
      failures.push({ query, expected: 'not answered', got: describe(result) });
    }
  }
  const all = set.inScope.length + set.decline.length;
  return {
    inScope: set.inScope.length,
    decline: set.decline.length,
    answeredRight,
    answeredWrong,
    declineAnswered,
    answeredRightRate: answeredRight / Math.max(1, set.inScope.length),
    declineRespectedRate: 1 - declineAnswered / Math.max(1, set.decline.length),
    confidentWrongRate: (answeredWrong + declineAnswered) / Math.max(1, all),
    failures,
  };
}

function describe(result: MatchResult): string {
  if (result.outcome === 'answer') return `answer ${result.match!.entry.id} (${result.match!.confidence})`;
  const list = result.alternatives.map((a) => `${a.entry.id} (${a.confidence})`).join(', ');
  return list ? `${result.outcome}: ${list}` : result.outcome;
}
