import { createMatcher } from '../engine/index.js';
import { evaluate } from './evaluation.js';
import type { Metrics } from './metrics.js';
import type { QualitySet } from './sets.js';

/** How our rates move with the answer threshold and margin on a set: the evidence behind the shipped thresholds. */
export interface SweepRow {
  answer: number;
  margin: number;
  metrics: Metrics;
}

export const SWEEP_ANSWERS = [0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] as const;
export const SWEEP_MARGINS = [0, 0.05, 0.1, 0.2] as const;

export function sweep(qs: QualitySet): SweepRow[] {
  return SWEEP_ANSWERS.flatMap((answer) =>
    SWEEP_MARGINS.map((margin) => {
      // The answer thresholds of every kind of entry (by phrasing count) move together.
      const matcher = createMatcher(qs.entries, { synonyms: qs.synonyms, thresholds: { answer, answerPlain: answer, answerMany: answer, margin } });
      return { answer, margin, metrics: evaluate(matcher, qs.set).metrics };
    }),
  );
}

export function formatSweep(name: string, rows: readonly SweepRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}`.padStart(6);
  return [
    `${name}: answer threshold sweep (ours; rates in %)`,
    'answer  margin  answeredRight  declinesKept  confidentWrong  shown',
    ...rows.map((r) => `${r.answer.toFixed(2)}    ${r.margin.toFixed(2)}    ${pct(r.metrics.answeredRight)}         ${pct(r.metrics.declinesKept)}        ${pct(r.metrics.confidentWrong)}        ${pct(r.metrics.shown)}`),
  ].join('\n');
}
