import { describe, expect, test } from 'vitest';
import { fitConfidenceModel } from '../../src/quality/confidence-fit.js';
import { CONFIDENCE_MODEL } from '../../src/engine/confidence-model.js';
import type { LabelledSet } from '../../src/quality/evaluation.js';
import { FEATURE_NAMES } from '../../src/engine/index.js';
import { articleKnowledge } from '../fixtures/knowledge.js';
import training from '../fixtures/answer-quality-train.json' with { type: 'json' };

describe('the shipped confidence model', () => {
  test('has one weight per measure', () => {
    expect(CONFIDENCE_MODEL.rich.weights).toHaveLength(FEATURE_NAMES.length);
    expect(CONFIDENCE_MODEL.plain.weights).toHaveLength(FEATURE_NAMES.length);
  });

  // The model must come from the training set alone: refitting reproduces it exactly. A change to the measures,
  // the lexicon, the training set or the knowledge file it was written for fails here until
  // `npm run fit-confidence` is run and its result committed.
  test('is exactly what fitting on the training set gives', () => {
    const { entries, synonyms } = articleKnowledge();
    expect(fitConfidenceModel(entries, training as LabelledSet, synonyms)).toEqual(CONFIDENCE_MODEL);
  }, 60_000);

  // The directions a person would expect; a refit that flips one of them deserves a look before it ships.
  test('counts a lead over the other candidates (overall and by phrasing fit) for an answer, a missing subject and unknown names against it', () => {
    const weight = (name: (typeof FEATURE_NAMES)[number]) => CONFIDENCE_MODEL.rich.weights[FEATURE_NAMES.indexOf(name)]!;
    expect(weight('lead')).toBeGreaterThan(0);
    expect(weight('fitLead')).toBeGreaterThan(0);
    expect(weight('offDomain')).toBeLessThan(0);
    expect(weight('unknownRare')).toBeLessThan(0);
    expect(CONFIDENCE_MODEL.plain.weights[FEATURE_NAMES.indexOf('heuristic')]).toBeGreaterThan(0);
    expect(CONFIDENCE_MODEL.plain.weights[FEATURE_NAMES.indexOf('lead')]).toBeGreaterThan(0);
  });
});
