import type { LabelledSet } from '../evaluation.js';
import { labelledQueries } from '../evaluation.js';
import { metricsOf, type Candidate, type Metrics, type Observation } from '../metrics.js';
import type { PeerIndex } from './peer.js';

/**
 * A peer ranks but never decides, so the report decides for it: it answers its top entry when the top score is at
 * least t, and otherwise offers its top 3 (as buttons would). t is chosen per set, on that very set, as the t
 * answering the most in-scope queries right while at most {@link PEER_WRONG_MAX} of all queries get a wrong answer.
 * That is generous to the peers: an oracle threshold, tuned on the queries it is then measured on, which no
 * deployed bot gets. Ours is measured with its fixed shipped thresholds.
 */
export const PEER_WRONG_MAX = 0.01;

/** How many candidates a peer offers when it does not answer. */
const PEER_OFFERED = 3;

/** A query and the peer's ranking for it, before any threshold. */
export interface RankedQuery {
  query: string;
  expect: readonly string[];
  ranked: Candidate[];
}

export function rankSet(index: PeerIndex, set: LabelledSet, limit = 5): RankedQuery[] {
  return labelledQueries(set).map(({ query, expect }) => ({ query, expect, ranked: index.rank(query, limit) }));
}

/** What the peer shows for each query when it answers from `threshold` up. */
export function observeAt(queries: readonly RankedQuery[], threshold: number): Observation[] {
  return queries.map(({ query, expect, ranked }) => {
    const top = ranked[0];
    const answered = top && top.score >= threshold ? top : null;
    const offered = answered ? [] : ranked.slice(0, PEER_OFFERED).map((c) => c.id);
    const verdict = answered ? `answer ${answered.id} (${answered.score.toFixed(3)})` : `offer ${offered.join(', ') || 'nothing'}`;
    return { query, expect, answered, ranked, offered, verdict };
  });
}

/**
 * The threshold of the rule above: every distinct top score is tried, highest first; a tie in right answers keeps
 * the higher threshold. Infinity (answer nothing) when even the highest answers too many wrongly.
 */
export function choosePeerThreshold(queries: readonly RankedQuery[], wrongMax = PEER_WRONG_MAX): number {
  const tops = queries
    .filter((q) => q.ranked[0] !== undefined)
    .map((q) => ({ score: q.ranked[0]!.score, right: q.expect.includes(q.ranked[0]!.id) }))
    .sort((a, b) => b.score - a.score);
  let best = { threshold: Infinity, right: 0 };
  let right = 0;
  let wrong = 0;
  for (let i = 0; i < tops.length; i++) {
    if (tops[i]!.right) right++;
    else wrong++;
    // Only between distinct scores: a threshold answers every query tied at it.
    if (i + 1 < tops.length && tops[i + 1]!.score === tops[i]!.score) continue;
    // Wrong answers only grow as the threshold falls, so the first breach ends the sweep.
    if (wrong / Math.max(1, queries.length) > wrongMax) break;
    if (right > best.right) best = { threshold: tops[i]!.score, right };
  }
  return best.threshold;
}

/** A peer measured on a set at its chosen threshold. */
export interface PeerMeasure {
  threshold: number;
  metrics: Metrics;
  observations: Observation[];
}

/**
 * `max` queries of the set spread evenly over it (in-scope first, then declines), so that about the set's
 * proportions remain; the whole set when it is no larger. Deterministic: every run measures the same sample.
 */
export function sampleSet(set: LabelledSet, max: number): LabelledSet {
  const total = set.inScope.length + set.decline.length;
  if (total <= max) return set;
  const picked = new Set(Array.from({ length: max }, (_, i) => Math.floor((i * total) / max)));
  return {
    inScope: set.inScope.filter((_, i) => picked.has(i)),
    decline: set.decline.filter((_, i) => picked.has(set.inScope.length + i)),
  };
}

/** The peer on the set (or on a sample of at most `sample` of its queries) at the threshold of the rule above. */
export function measurePeer(index: PeerIndex, set: LabelledSet, sample?: number): PeerMeasure {
  const ranked = rankSet(index, sample === undefined ? set : sampleSet(set, sample));
  const threshold = choosePeerThreshold(ranked);
  const observations = observeAt(ranked, threshold);
  return { threshold, metrics: metricsOf(observations), observations };
}
