import { describe, expect, test } from 'vitest';
import { evaluate, type LabelledSet } from '../../src/quality/evaluation.js';
import { createMatcher } from '../../src/engine/index.js';
import { loadKnowledgeDir } from '../../src/knowledge/files.js';
import answerQuality from '../fixtures/answer-quality.json' with { type: 'json' };
import holdout from '../fixtures/answer-quality-holdout.json' with { type: 'json' };

/**
 * The quality gate over the labelled set in test/fixtures/answer-quality.json (written from the article alone,
 * disjoint from the knowledge base's phrasings and from the training set the confidence model is fitted on: see
 * test/knowledge/files.test.ts). The matcher's measures and the lexicon were shaped on this set, and the answer
 * thresholds were chosen on it, as the issue asks (see DEFAULT_THRESHOLDS); the confidence model was not (it is
 * fitted on test/fixtures/answer-quality-train.json).
 *
 * TARGETS are the product's bar (the answer-engine issue), all met. FLOORS are what the matcher measured on this
 * set when the gate was last tightened, less about one query of slack, and never below the targets: they stop
 * regressions. Raise a floor whenever the matcher improves; never lower one to make a change pass. (They were lowered once, when alternates and training queries that read the same as a query of
 * these sets were removed: the higher figures had been partly memorised.) `npm run quality -- --failures` lists
 * every miss.
 */
const TARGETS = { answeredRight: 0.95, declineRespected: 0.95, confidentWrong: 0.01 };
const FLOORS = { answeredRight: 0.95, declineRespected: 0.98, confidentWrong: 0.01 };

describe('answer quality on the labelled set', () => {
  const set = answerQuality as LabelledSet;
  const report = evaluate(createMatcher(loadKnowledgeDir()), set);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

  test('is large and varied enough to measure with', () => {
    expect(set.inScope.length).toBeGreaterThanOrEqual(150);
    expect(set.decline.length).toBeGreaterThanOrEqual(80);
  });

  test('reports its rates against the targets', () => {
    const line = (name: string, value: number, target: number, atLeast: boolean) =>
      `${name}: ${pct(value)} (target ${atLeast ? '≥' : '≤'} ${pct(target)}${(atLeast ? value >= target : value <= target) ? ', met' : ', NOT MET'})`;
    console.info(
      [
        `answer quality over ${report.inScope} in-scope and ${report.decline} should-decline queries`,
        line('in-scope answered with a right entry', report.answeredRightRate, TARGETS.answeredRight, true),
        line('should-decline not answered', report.declineRespectedRate, TARGETS.declineRespected, true),
        line('confident wrong answers', report.confidentWrongRate, TARGETS.confidentWrong, false),
      ].join('\n'),
    );
  });

  test(`answers at least ${pct(FLOORS.answeredRight)} of in-scope questions with a right entry`, () => {
    expect(report.answeredRightRate).toBeGreaterThanOrEqual(FLOORS.answeredRight);
  });

  test(`leaves at least ${pct(FLOORS.declineRespected)} of should-decline questions unanswered`, () => {
    expect(report.declineRespectedRate).toBeGreaterThanOrEqual(FLOORS.declineRespected);
  });

  test(`gives a confident wrong answer to at most ${pct(FLOORS.confidentWrong)} of all queries`, () => {
    expect(report.confidentWrongRate).toBeLessThanOrEqual(FLOORS.confidentWrong);
  });
});

/**
 * A second set, written by another session after the matcher was tuned, from the article alone: it estimates how
 * the matcher does on questions nobody tuned for. It is for measuring only; its misses are never looked at one by
 * one to tune the matcher (that would make it a second tuning set). Its totals have been used to compare a few
 * alternative designs, which leaks a little: read it as slightly optimistic. Floors as above.
 */
const HOLDOUT_FLOORS = { answeredRight: 0.89, declineRespected: 0.98, confidentWrong: 0.007 };

describe('answer quality on the holdout set', () => {
  const report = evaluate(createMatcher(loadKnowledgeDir()), holdout as LabelledSet);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

  test('reports its rates', () => {
    console.info(
      `holdout (${report.inScope} in-scope, ${report.decline} should-decline): answered right ${pct(report.answeredRightRate)}, ` +
        `declines respected ${pct(report.declineRespectedRate)}, confident wrong ${pct(report.confidentWrongRate)}`,
    );
  });

  test('stays at or above the floors it measured', () => {
    expect(report.answeredRightRate).toBeGreaterThanOrEqual(HOLDOUT_FLOORS.answeredRight);
    expect(report.declineRespectedRate).toBeGreaterThanOrEqual(HOLDOUT_FLOORS.declineRespected);
    expect(report.confidentWrongRate).toBeLessThanOrEqual(HOLDOUT_FLOORS.confidentWrong);
  });
});

/**
 * Most knowledge bases a moderator writes have a question per entry and no alternates. The same set against the
 * shipped entries stripped of their alternates keeps that case honest; floors as above.
 */
// Lowered from 0.64 in-scope when entries with few phrasings got their own, stricter answer threshold (0.85):
// fewer answers, and confident wrong answers down from 2.3% to 1.0%.
const QUESTIONS_ONLY_FLOORS = { answeredRight: 0.54, declineRespected: 0.98, confidentWrong: 0.013 };

describe('answer quality with questions only (no alternates)', () => {
  const entries = loadKnowledgeDir().map((e) => ({ ...e, alternates: [] }));
  const report = evaluate(createMatcher(entries), answerQuality as LabelledSet);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

  test('reports its rates', () => {
    console.info(
      `questions only: answered right ${pct(report.answeredRightRate)}, declines respected ${pct(report.declineRespectedRate)}, ` +
        `confident wrong ${pct(report.confidentWrongRate)}`,
    );
  });

  test('stays at or above the floors it measured', () => {
    expect(report.answeredRightRate).toBeGreaterThanOrEqual(QUESTIONS_ONLY_FLOORS.answeredRight);
    expect(report.declineRespectedRate).toBeGreaterThanOrEqual(QUESTIONS_ONLY_FLOORS.declineRespected);
    expect(report.confidentWrongRate).toBeLessThanOrEqual(QUESTIONS_ONLY_FLOORS.confidentWrong);
  });
});
