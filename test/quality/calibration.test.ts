import { describe, expect, test } from 'vitest';
import { calibrationBins, calibrationSvg, sureAnswers } from '../../src/quality/calibration.js';
import type { Observation } from '../../src/quality/metrics.js';

/** An observation whose top candidate is `top` at `confidence`, answered or not. */
const observed = (expect: string[], top: string | null, confidence: number, answered = false): Observation => ({
  query: `${top} ${confidence}`,
  expect,
  answered: answered && top ? { id: top, score: confidence } : null,
  ranked: top ? [{ id: top, score: confidence }] : [],
  offered: [],
  verdict: '',
});

describe('the calibration of our top candidate', () => {
  const observations = [
    observed(['a'], 'a', 0.95, true),
    observed(['a'], 'b', 0.92, true),
    observed(['a'], 'a', 1),
    observed([], 'a', 0.97, true), // a should-decline query's top candidate is never right
    observed(['a'], 'a', 0.05),
    observed(['a'], null, 0),
  ];

  test('bins queries by tenths of confidence, 1 in the last bin, nothing ranked in the first', () => {
    const bins = calibrationBins(observations);
    expect(bins).toHaveLength(10);
    expect(bins[9]).toEqual({ from: 0.9, to: 1, count: 4, right: 2 });
    expect(bins[0]).toEqual({ from: 0, to: 0.1, count: 2, right: 1 });
    expect(bins.slice(1, 9).every((b) => b.count === 0)).toBe(true);
  });

  test('of the answers given at 0.9 or more, counts how many and how many were right', () => {
    expect(sureAnswers(observations)).toEqual({ count: 3, right: 1, share: 1 / 3 });
    expect(sureAnswers([])).toEqual({ count: 0, right: 0, share: 1 });
  });

  test('draws a chart a person can open: titled, axes labelled, the diagonal, each bar with its count', () => {
    const svg = calibrationSvg('banking77-5 <calibration>', calibrationBins(observations));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('banking77-5 &lt;calibration&gt;');
    expect(svg).toContain('confidence of our top candidate');
    expect(svg).toContain('share whose top candidate is right');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('n=4');
    expect(svg).toContain('n=2');
    expect(svg.match(/<rect /g)).toHaveLength(3); // the background and two non-empty bins
  });
});
