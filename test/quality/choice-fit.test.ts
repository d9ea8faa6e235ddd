import { describe, expect, test } from 'vitest';
import { choiceProbabilities, fitChoice, type ChoiceGroup } from '../../src/quality/choice-fit.js';

/** Two candidates per question; the first feature tells the answer, the last is the bias. */
function groups(count: number, declineEvery: number): ChoiceGroup[] {
  return Array.from({ length: count }, (_, i) => {
    const right = i % 2;
    const candidates = [0, 1].map((c) => [c === right ? 1 : 0.2 + (i % 3) * 0.1, 1]);
    return { candidates, answer: i % declineEvery === 0 ? -1 : right };
  });
}

describe('the choice model (which candidate answers, or none)', () => {
  test('learns that the measure telling the answer apart counts for it', () => {
    const [measure] = fitChoice(groups(200, 1000), 0.01, new Set([1]));
    expect(measure).toBeGreaterThan(2);
  });

  test('gives each candidate a probability, and what is left to 1 to "none of them"', () => {
    const w = fitChoice(groups(200, 4), 0.01, new Set([1]));
    const p = choiceProbabilities(w, [[1, 1], [0.2, 1]]);
    expect(p[0]).toBeGreaterThan(p[1]!);
    expect(p[0]! + p[1]!).toBeLessThan(1);
  });

  test('answers less surely when more of the questions had no answer among the candidates', () => {
    const sure = choiceProbabilities(fitChoice(groups(200, 1000), 0.01, new Set([1])), [[1, 1], [0.2, 1]])[0]!;
    const unsure = choiceProbabilities(fitChoice(groups(200, 2), 0.01, new Set([1])), [[1, 1], [0.2, 1]])[0]!;
    expect(unsure).toBeLessThan(sure);
  });

  test('weighs a group by its weight, as if it were repeated', () => {
    const once = groups(40, 5);
    const doubled = [...once, ...once];
    const weighted = once.map((g) => ({ ...g, weight: 2 }));
    const a = fitChoice(doubled, 1, new Set([1]));
    const b = fitChoice(weighted, 1, new Set([1]));
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 6));
  });
});
