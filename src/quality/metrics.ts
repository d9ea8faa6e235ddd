/**
 * The named measures of one engine on one labelled set, computed the same way for our matcher and for the peers
 * from what each showed for every query (an {@link Observation}).
 */

/** A candidate entry an engine put forward, with its score (our confidence, or a peer's own score). */
export interface Candidate {
  id: string;
  score: number;
}

/** What an engine did with one query of a labelled set. */
export interface Observation {
  query: string;
  /** The entries that answer it; empty for a query that must be declined. */
  expect: readonly string[];
  /** The entry given as the answer, or null when the engine did not answer. */
  answered: Candidate | null;
  /** The engine's best candidates whatever it decided, best first. */
  ranked: readonly Candidate[];
  /** Entries offered to click when it did not answer ("did you mean" buttons, or a peer's top 3). */
  offered: readonly string[];
  /** One line saying what the engine did, for listing failures. */
  verdict: string;
}

/** Rates in [0, 1] and the sizes they were measured over. */
export interface Metrics {
  inScope: number;
  decline: number;
  /** In-scope queries answered with an expected entry, over in-scope queries. */
  answeredRight: number;
  /** Should-decline queries not answered, over should-decline queries (1 when the set has none). */
  declinesKept: number;
  /** In-scope queries answered with a wrong entry plus should-decline queries answered, over all queries. */
  confidentWrong: number;
  /** In-scope queries whose top-ranked candidate is expected, whatever the decision, over in-scope queries. */
  rankedFirst: number;
  /** In-scope queries answered right or whose right entry was offered to click, over in-scope queries. */
  shown: number;
}

export type MetricName = Exclude<keyof Metrics, 'inScope' | 'decline'>;
export const METRIC_NAMES: readonly MetricName[] = ['answeredRight', 'declinesKept', 'confidentWrong', 'rankedFirst', 'shown'];

/** Counts behind the rates, for reports that quote them. */
export interface Counts {
  inScope: number;
  decline: number;
  answeredRight: number;
  answeredWrong: number;
  declineAnswered: number;
  rankedFirst: number;
  shown: number;
}

export function countsOf(observations: readonly Observation[]): Counts {
  const counts: Counts = { inScope: 0, decline: 0, answeredRight: 0, answeredWrong: 0, declineAnswered: 0, rankedFirst: 0, shown: 0 };
  for (const o of observations) {
    if (o.expect.length === 0) {
      counts.decline++;
      if (o.answered) counts.declineAnswered++;
      continue;
    }
    counts.inScope++;
    const right = o.answered !== null && o.expect.includes(o.answered.id);
    if (right) counts.answeredRight++;
    else if (o.answered) counts.answeredWrong++;
    if (o.ranked[0] && o.expect.includes(o.ranked[0].id)) counts.rankedFirst++;
    if (right || (!o.answered && o.offered.some((id) => o.expect.includes(id)))) counts.shown++;
  }
  return counts;
}

export function metricsFromCounts(c: Counts): Metrics {
  const all = c.inScope + c.decline;
  return {
    inScope: c.inScope,
    decline: c.decline,
    answeredRight: c.answeredRight / Math.max(1, c.inScope),
    declinesKept: 1 - c.declineAnswered / Math.max(1, c.decline),
    confidentWrong: (c.answeredWrong + c.declineAnswered) / Math.max(1, all),
    rankedFirst: c.rankedFirst / Math.max(1, c.inScope),
    shown: c.shown / Math.max(1, c.inScope),
  };
}

export function metricsOf(observations: readonly Observation[]): Metrics {
  return metricsFromCounts(countsOf(observations));
}

/** Whether an observation is a miss worth listing: an in-scope query not answered right, or a decline answered. */
export function isFailure(o: Observation): boolean {
  if (o.expect.length === 0) return o.answered !== null;
  return o.answered === null || !o.expect.includes(o.answered.id);
}
