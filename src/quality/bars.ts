import type { MetricName } from './metrics.js';
import type { SetMeasure } from './run.js';

/**
 * The product's bar (the quality issue), checked against one run. Absolute bars are fixed; the bars against peers
 * move with the best peer on the set (each peer at its own generous threshold, see peers/threshold.ts).
 */

export interface Bar {
  set: string;
  /** What is measured, e.g. "rankedFirst ≥ best peer + 5 (tfidf-char3 59.9%)". */
  what: string;
  metric: MetricName | 'sureShare';
  value: number;
  target: number;
  atLeast: boolean;
  pass: boolean;
}

/** Rounding noise must not turn a bar met exactly into a miss. */
const EPSILON = 1e-9;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Of answers at ≥0.9 confidence, at least this share right, on every set. */
export const SURE_SHARE_MIN = 0.9;

const ARTICLE_ANSWERED_RIGHT: Record<string, number> = {
  article: 0.95,
  'article-holdout': 0.95,
  'article-stripped': 0.8,
  'article-typos': 0.9,
};

export function barsFor(m: SetMeasure): Bar[] {
  const ours = m.ours.report.metrics;
  const out: Bar[] = [];
  const bar = (metric: Bar['metric'], what: string, value: number, target: number, atLeast = true) =>
    out.push({ set: m.name, what, metric, value, target, atLeast, pass: atLeast ? value >= target - EPSILON : value <= target + EPSILON });

  if (m.family === 'article' && ARTICLE_ANSWERED_RIGHT[m.name] !== undefined) {
    bar('answeredRight', `answeredRight ≥ ${pct(ARTICLE_ANSWERED_RIGHT[m.name]!)}`, ours.answeredRight, ARTICLE_ANSWERED_RIGHT[m.name]!);
  }
  if (m.family === 'protocol') {
    const bestBy = (metric: MetricName) => m.peers.reduce<(typeof m.peers)[number] | undefined>((best, p) => (!best || p.metrics[metric] > best.metrics[metric] ? p : best), undefined);
    const ranked = bestBy('rankedFirst');
    if (ranked) bar('rankedFirst', `rankedFirst ≥ best peer + 5 (${ranked.name} ${pct(ranked.metrics.rankedFirst)})`, ours.rankedFirst, ranked.metrics.rankedFirst + 0.05);
    const answered = bestBy('answeredRight');
    if (answered) bar('answeredRight', `answeredRight ≥ 2 × best peer (${answered.name} ${pct(answered.metrics.answeredRight)})`, ours.answeredRight, 2 * answered.metrics.answeredRight);
    const shown = (m.phrasings ?? 1) >= 5 ? 0.85 : 0.7;
    bar('shown', `shown ≥ ${pct(shown)}`, ours.shown, shown);
  }
  if (ours.decline > 0) bar('declinesKept', 'declinesKept ≥ 95.0%', ours.declinesKept, 0.95);
  bar('confidentWrong', 'confidentWrong ≤ 1.0%', ours.confidentWrong, 0.01, false);
  bar('sureShare', `right among answers at ≥0.9 (${m.ours.sure.count})`, m.ours.sure.share, SURE_SHARE_MIN);
  return out;
}

export function bars(measures: readonly SetMeasure[]): Bar[] {
  return measures.flatMap(barsFor);
}
