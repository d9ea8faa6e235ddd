import { describe, expect, test } from 'vitest';
import { barsFor } from '../../src/quality/bars.js';
import { metricsFromCounts, type Metrics } from '../../src/quality/metrics.js';
import type { SetMeasure } from '../../src/quality/run.js';

const metrics = (rates: Partial<Metrics>): Metrics => ({ ...metricsFromCounts({ inScope: 100, decline: 100, answeredRight: 0, answeredWrong: 0, declineAnswered: 0, rankedFirst: 0, shown: 0 }), ...rates });

function measure(name: string, family: SetMeasure['family'], ours: Partial<Metrics>, peers: Partial<Metrics>[] = [], phrasings?: number): SetMeasure {
  return {
    name, family, phrasings, description: '', entries: 1, ms: 0,
    ours: { report: { metrics: metrics(ours) } as SetMeasure['ours']['report'], ms: 0, observations: [], calibration: [], sure: { count: 10, right: 9, share: 0.9 } },
    peers: peers.map((p, i) => ({ name: `peer${i}`, description: '', threshold: 0.5, queries: 200, metrics: metrics(p), ms: 0 })),
  };
}

const verdict = (bars: ReturnType<typeof barsFor>, metric: string) => bars.find((b) => b.metric === metric)!;

describe('the bar', () => {
  test('on an intent set, ranks 5 points above the best peer and answers twice what the best peer answers', () => {
    const bars = barsFor(measure('banking77-5', 'protocol', { rankedFirst: 0.7, answeredRight: 0.4 }, [{ rankedFirst: 0.6, answeredRight: 0.1 }, { rankedFirst: 0.66, answeredRight: 0.21 }], 5));
    expect(verdict(bars, 'rankedFirst')).toMatchObject({ target: expect.closeTo(0.71), pass: false, what: expect.stringContaining('peer1') });
    expect(verdict(bars, 'answeredRight')).toMatchObject({ target: expect.closeTo(0.42), pass: false });
  });

  test('asks more to be shown with 5 phrasings than with 1', () => {
    expect(verdict(barsFor(measure('clinc150-5', 'protocol', { shown: 0.8 }, [], 5)), 'shown')).toMatchObject({ target: 0.85, pass: false });
    expect(verdict(barsFor(measure('clinc150-1', 'protocol', { shown: 0.8 }, [], 1)), 'shown')).toMatchObject({ target: 0.7, pass: true });
  });

  test('on the article sets, answers by the set: 95% labelled and holdout, 80% stripped, 90% with typos', () => {
    const target = (name: string) => verdict(barsFor(measure(name, 'article', { answeredRight: 0.9 })), 'answeredRight').target;
    expect(['article', 'article-holdout', 'article-stripped', 'article-typos'].map(target)).toEqual([0.95, 0.95, 0.8, 0.9]);
  });

  test('everywhere, at most 1% confidently wrong, and a bar met exactly is met', () => {
    const bars = barsFor(measure('article', 'article', { confidentWrong: 0.01, declinesKept: 0.95 }));
    expect(verdict(bars, 'confidentWrong')).toMatchObject({ atLeast: false, pass: true });
    expect(verdict(bars, 'declinesKept').pass).toBe(true);
    expect(verdict(bars, 'sureShare').pass).toBe(true);
  });
});
