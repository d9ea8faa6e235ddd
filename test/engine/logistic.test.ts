import { describe, expect, test } from 'vitest';
import { fitLogistic, sigmoid } from '../../src/engine/logistic.js';

describe('logistic regression (fitting the confidence model)', () => {
  // A deterministic sample: the label is true exactly when 3x - y > 1, with a few flipped near the boundary.
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < 400; i++) {
    const x = ((i * 37) % 101) / 100;
    const y = ((i * 53) % 97) / 96;
    rows.push([x, y, 0.5]);
    const margin = 3 * x - y - 1;
    labels.push(Math.abs(margin) < 0.05 ? i % 2 === 0 : margin > 0);
  }

  test('learns which measures count for and which against', () => {
    const { weights } = fitLogistic(rows, labels, 0.01);
    expect(weights[0]).toBeGreaterThan(0);
    expect(weights[1]).toBeLessThan(0);
    // x counts about three times as much as y, as in the rule that made the labels.
    expect(weights[0]! / -weights[1]!).toBeGreaterThan(2);
    expect(weights[0]! / -weights[1]!).toBeLessThan(4.5);
  });

  test('classifies the sample it was fitted on', () => {
    const { bias, weights } = fitLogistic(rows, labels, 0.01);
    const right = rows.filter((row, i) => sigmoid(bias + row.reduce((s, v, j) => s + v * weights[j]!, 0)) > 0.5 === labels[i]).length;
    expect(right / rows.length).toBeGreaterThan(0.95);
  });

  test('shrinks weights towards zero as regularisation grows', () => {
    const loose = fitLogistic(rows, labels, 0.01).weights[0]!;
    const tight = fitLogistic(rows, labels, 100).weights[0]!;
    expect(Math.abs(tight)).toBeLessThan(Math.abs(loose));
  });

  test('gives the base rate when no measure says anything', () => {
    const flat = [[0], [0], [0], [0]];
    const { bias } = fitLogistic(flat, [true, false, false, false], 1);
    expect(sigmoid(bias)).toBeCloseTo(0.25, 2);
  });
});
