import { describe, expect, test } from 'vitest';
import { chooseThreshold, chooseThresholds } from '../../src/quality/thresholds.js';

describe('the threshold rule', () => {
  const tops = (rightAt: number[], wrongAt: number[], declineAt: number[]) => [
    ...rightAt.map((confidence) => ({ confidence, right: true, inScope: true })),
    ...wrongAt.map((confidence) => ({ confidence, right: false, inScope: true })),
    ...declineAt.map((confidence) => ({ confidence, right: false, inScope: false })),
  ];

  test('takes the lowest threshold at which every development set of the kind stays within the bars', () => {
    // 100 questions each: one wrong answer in a hundred is allowed, two are not.
    const easy = { name: 'easy', kind: 'rich' as const, tops: tops(Array(80).fill(0.9), [0.6, 0.55], Array(18).fill(0.1)) };
    const hard = { name: 'hard', kind: 'rich' as const, tops: tops(Array(80).fill(0.9), [0.8, 0.7], Array(18).fill(0.1)) };
    expect(chooseThreshold([easy], 'rich')).toBe(0.56);
    expect(chooseThreshold([easy, hard], 'rich')).toBe(0.71);
  });

  test('keeps 95% of the questions to decline unanswered', () => {
    const set = { name: 'declines', kind: 'plain' as const, tops: tops(Array(80).fill(0.99), [], [...Array(10).fill(0.1), ...Array(10).fill(0.75)]) };
    // Answering from 0.75 would answer half the declines (10 wrong of 100, too); from 0.76 none.
    expect(chooseThreshold([set], 'plain')).toBe(0.76);
  });

  test('gives a kind no development set shows the threshold of entries with a few phrasings', () => {
    const rich = { name: 'rich', kind: 'rich' as const, tops: tops(Array(90).fill(0.9), [0.6, 0.6], []) };
    expect(chooseThresholds([rich])).toEqual({ answer: 0.61, answerPlain: 0.61, answerMany: 0.61 });
  });
});
