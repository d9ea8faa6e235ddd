import { describe, expect, test } from 'vitest';
import type { MatchResult, Matcher, ScoredEntry } from '../../src/engine/index.js';
import type { Entry } from '../../src/knowledge/entry.js';
import { evaluate, type LabelledSet } from '../../src/quality/evaluation.js';

/** The metrics on a matcher whose every verdict is written by hand, so each count can be checked by eye. */

const entry = (id: string): Entry => ({ id, question: `${id}?`, answer: `${id}.`, alternates: [], tags: [] });
const scored = (id: string, confidence: number): ScoredEntry => ({ entry: entry(id), confidence });

type Verdict = Omit<MatchResult, 'query'>;
const answer = (id: string, ...rest: string[]): Verdict => ({
  outcome: 'answer',
  match: scored(id, 0.9),
  alternatives: rest.map((r) => scored(r, 0.3)),
  ranked: [scored(id, 0.9), ...rest.map((r) => scored(r, 0.3))],
});
const suggest = (...ids: string[]): Verdict => ({ outcome: 'suggest', match: null, alternatives: ids.map((i) => scored(i, 0.4)), ranked: ids.map((i) => scored(i, 0.4)) });
const decline = (...ranked: string[]): Verdict => ({ outcome: 'decline', match: null, alternatives: ranked.map((i) => scored(i, 0.1)), ranked: ranked.map((i) => scored(i, 0.1)) });

function fakeMatcher(verdicts: Record<string, Verdict>): Matcher {
  const unused = () => {
    throw new Error('not used by the metrics');
  };
  return {
    match: (query) => ({ query, ...verdicts[query]! }),
    explain: unused,
    rank: unused,
    upsert: unused,
    remove: unused,
    entries: unused,
    get: unused,
    size: 0,
    generation: 0,
  };
}

const set: LabelledSet = {
  inScope: [
    { query: 'answered right', expect: ['a'] },
    { query: 'answered wrong, right one second', expect: ['b'] },
    { query: 'suggested, right one a button', expect: ['c'] },
    { query: 'declined though ranked first', expect: ['e'] },
  ],
  decline: [{ query: 'off topic, answered' }, { query: 'off topic, declined' }],
};
const matcher = fakeMatcher({
  'answered right': answer('a'),
  'answered wrong, right one second': answer('a', 'b'),
  'suggested, right one a button': suggest('d', 'c'),
  // A decline's closest questions are not buttons: ranking it first does not make it shown.
  'declined though ranked first': decline('e'),
  'off topic, answered': answer('a'),
  'off topic, declined': decline(),
});

describe('the metrics of a labelled set', () => {
  const report = evaluate(matcher, set);

  test('answeredRight: in-scope questions answered with an expected entry, over in-scope questions', () => {
    expect(report.metrics.answeredRight).toBe(1 / 4);
  });

  test('declinesKept: should-decline questions not answered, over should-decline questions', () => {
    expect(report.metrics.declinesKept).toBe(1 / 2);
  });

  test('confidentWrong: wrong answers and answered declines, over all questions', () => {
    expect(report.metrics.confidentWrong).toBe(2 / 6);
  });

  test('rankedFirst: in-scope questions whose top candidate is expected, whatever the decision', () => {
    expect(report.metrics.rankedFirst).toBe(2 / 4);
  });

  test('shown: in-scope questions answered right or with the right entry among the "did you mean" buttons', () => {
    expect(report.metrics.shown).toBe(2 / 4);
  });

  test('keeps the counts and rates its older callers read', () => {
    expect(report).toMatchObject({
      inScope: 4,
      decline: 2,
      answeredRight: 1,
      answeredWrong: 1,
      declineAnswered: 1,
      rankedFirst: 2,
      shown: 2,
      answeredRightRate: 1 / 4,
      declineRespectedRate: 1 / 2,
      confidentWrongRate: 2 / 6,
    });
  });

  test('lists every miss with what was expected and what the matcher did', () => {
    expect(report.failures).toEqual([
      { query: 'answered wrong, right one second', expected: 'b', got: 'answer a (0.9)' },
      { query: 'suggested, right one a button', expected: 'c', got: 'suggest: d (0.4), c (0.4)' },
      { query: 'declined though ranked first', expected: 'e', got: 'decline: e (0.1)' },
      { query: 'off topic, answered', expected: 'not answered', got: 'answer a (0.9)' },
    ]);
  });

  test('a set without should-decline questions keeps all of its (none) declines', () => {
    const inScopeOnly = evaluate(matcher, { inScope: set.inScope, decline: [] });
    expect(inScopeOnly.metrics.declinesKept).toBe(1);
    expect(inScopeOnly.metrics.confidentWrong).toBe(1 / 4);
  });
});
