import { describe, expect, test } from 'vitest';
import { fitConfidenceModel } from '../../src/engine/confidence-fit.js';
import { CONFIDENCE_MODEL } from '../../src/engine/confidence-model.js';
import type { LabelledSet } from '../../src/engine/evaluation.js';
import { FEATURE_NAMES } from '../../src/engine/index.js';
import { loadKnowledgeDir } from '../../src/knowledge/files.js';
import training from '../fixtures/answer-quality-train.json' with { type: 'json' };

describe('the shipped confidence model', () => {
  test('has one weight per measure', () => {
    expect(CONFIDENCE_MODEL.rich.weights).toHaveLength(FEATURE_NAMES.length);
    expect(CONFIDENCE_MODEL.plain.weights).toHaveLength(FEATURE_NAMES.length);
  });

  // The model must come from the training set alone: refitting reproduces it exactly. A change to the knowledge
  // base, the measures or the training set fails here until `npm run fit-confidence` is run and committed.
  test('is exactly what fitting on the training set gives', () => {
    expect(fitConfidenceModel(loadKnowledgeDir(), training as LabelledSet)).toEqual(CONFIDENCE_MODEL);
  }, 60_000);

  test('counts coverage and phrasing fit for an answer, and a missing subject against it', () => {
    const weight = (name: (typeof FEATURE_NAMES)[number]) => CONFIDENCE_MODEL.rich.weights[FEATURE_NAMES.indexOf(name)]!;
    expect(weight('coverage')).toBeGreaterThan(0);
    expect(weight('fitSameIntent')).toBeGreaterThan(0);
    expect(weight('offDomain')).toBeLessThan(0);
    expect(CONFIDENCE_MODEL.plain.weights[FEATURE_NAMES.indexOf('heuristic')]).toBeGreaterThan(0);
  });
});
