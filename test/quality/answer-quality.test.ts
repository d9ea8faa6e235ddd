import { describe, expect, test } from 'vitest';
import { measureSet } from '../../src/quality/run.js';
import { KNOWN_SET_NAMES, qualitySet, qualitySetNames } from '../../src/quality/sets.js';

/**
 * The quality gate: our matcher on every quality set (src/quality/sets.ts), held to the floors below.
 *
 * FLOORS is the one table of numbers the engine produces that a test may hold: what the matcher measured on each
 * set when the gate was last tightened, less about 2 points (confidentWrong, a ceiling, plus about half a point).
 * They stop regressions; they are not the product's bar, which `npm run quality` prints with PASS/MISS next to the
 * peers. Raise a floor whenever the matcher improves; never lower one to make a change pass. `npm run quality --
 * --set <name> --failures` lists every miss of a set.
 *
 * The article labelled set is one of the development sets the answer thresholds were chosen on (with rows of the
 * Banking77 and CLINC150 train parts, src/quality/confidence-fit.ts); the holdout set is never looked at query by
 * query (read its floors as slightly optimistic: its totals were used to compare designs). The protocol sets
 * (Banking77, CLINC150) are knowledge bases nobody here wrote; only their held-out queries are measured.
 */
interface Floors {
  answeredRight: number;
  /** Absent for a set without should-decline queries. */
  declinesKept?: number;
  /** A ceiling. */
  confidentWrong: number;
  rankedFirst: number;
  shown: number;
  /** Of the answers given at ≥0.9 confidence, the share right. */
  sureRight: number;
}

const FLOORS: Record<string, Floors> = {
  article: { answeredRight: 0.86, declinesKept: 0.965, confidentWrong: 0.011, rankedFirst: 0.95, shown: 0.975, sureRight: 0.97 },
  'article-holdout': { answeredRight: 0.79, declinesKept: 0.98, confidentWrong: 0.005, rankedFirst: 0.97, shown: 0.97, sureRight: 0.97 },
  'article-stripped': { answeredRight: 0.24, declinesKept: 0.97, confidentWrong: 0.013, rankedFirst: 0.845, shown: 0.935, sureRight: 0.92 },
  'article-typos': { answeredRight: 0.73, confidentWrong: 0.005, rankedFirst: 0.96, shown: 0.98, sureRight: 0.97 },
  'banking77-1': { answeredRight: 0.045, declinesKept: 0.975, confidentWrong: 0.009, rankedFirst: 0.35, shown: 0.50, sureRight: 0.9 },
  'banking77-5': { answeredRight: 0.155, declinesKept: 0.95, confidentWrong: 0.013, rankedFirst: 0.685, shown: 0.83, sureRight: 0.92 },
  'clinc150-1': { answeredRight: 0.042, declinesKept: 0.98, confidentWrong: 0.011, rankedFirst: 0.435, shown: 0.57, sureRight: 0.87 },
  'clinc150-5': { answeredRight: 0.155, declinesKept: 0.98, confidentWrong: 0.013, rankedFirst: 0.59, shown: 0.72, sureRight: 0.93 },
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

test('every quality set has its row of floors, and every row a set', () => {
  expect(Object.keys(FLOORS).sort()).toEqual([...KNOWN_SET_NAMES].sort());
});

test('the article labelled set is large and varied enough to measure with', () => {
  const { set } = qualitySet('article');
  expect(set.inScope.length).toBeGreaterThanOrEqual(150);
  expect(set.decline.length).toBeGreaterThanOrEqual(80);
});

describe.each(KNOWN_SET_NAMES)('answer quality on %s', (name) => {
  const available = qualitySetNames().includes(name);
  // Measured once per set, ours alone: the peers are for the report, not the gate.
  const measure = available ? measureSet(qualitySet(name), []) : undefined;
  const floors = FLOORS[name]!;
  const metrics = measure?.ours.report.metrics;

  test.skipIf(!available)('reports its rates', () => {
    const m = metrics!;
    console.info(
      `${name} (${m.inScope} in-scope, ${m.decline} should-decline): answered right ${pct(m.answeredRight)}, declines kept ${pct(m.declinesKept)}, ` +
        `confident wrong ${pct(m.confidentWrong)}, ranked first ${pct(m.rankedFirst)}, shown ${pct(m.shown)}, ` +
        `right at ≥0.9 ${pct(measure!.ours.sure.share)} of ${measure!.ours.sure.count}`,
    );
  });

  test.skipIf(!available)(`answers at least ${pct(floors.answeredRight)} of in-scope questions with a right entry`, () => {
    expect(metrics!.answeredRight).toBeGreaterThanOrEqual(floors.answeredRight);
  });

  test.skipIf(!available || floors.declinesKept === undefined)(`leaves at least ${pct(floors.declinesKept ?? 0)} of should-decline questions unanswered`, () => {
    expect(metrics!.declinesKept).toBeGreaterThanOrEqual(floors.declinesKept!);
  });

  test.skipIf(!available)(`gives a confident wrong answer to at most ${pct(floors.confidentWrong)} of all queries`, () => {
    expect(metrics!.confidentWrong).toBeLessThanOrEqual(floors.confidentWrong);
  });

  test.skipIf(!available)(`ranks a right entry first for at least ${pct(floors.rankedFirst)} of in-scope questions`, () => {
    expect(metrics!.rankedFirst).toBeGreaterThanOrEqual(floors.rankedFirst);
  });

  test.skipIf(!available)(`shows a right entry (answer or button) for at least ${pct(floors.shown)} of in-scope questions`, () => {
    expect(metrics!.shown).toBeGreaterThanOrEqual(floors.shown);
  });

  test.skipIf(!available)(`is right in at least ${pct(floors.sureRight)} of the answers it gives at 0.9 confidence or more`, () => {
    expect(measure!.ours.sure.share).toBeGreaterThanOrEqual(floors.sureRight);
  });
});
