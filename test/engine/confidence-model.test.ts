import { describe, expect, test } from 'vitest';
import { developmentDomains, fitConfidenceOnDomains, trainingDomains } from '../../src/quality/confidence-fit.js';
import { chooseThresholds, developmentTops } from '../../src/quality/thresholds.js';
import { CONFIDENCE_MODEL, FITTED_THRESHOLDS } from '../../src/engine/confidence-model.js';
import { FEATURE_NAMES } from '../../src/engine/index.js';

describe('the shipped confidence model', () => {
  test('has one weight per measure', () => {
    expect(CONFIDENCE_MODEL.rich.weights).toHaveLength(FEATURE_NAMES.length);
    expect(CONFIDENCE_MODEL.plain.weights).toHaveLength(FEATURE_NAMES.length);
  });

  // The model and its thresholds must come from the training domains and the rule alone: refitting reproduces
  // both exactly. A change to the measures, the lexicon, the training sets or the knowledge file they were
  // written for fails here until `npm run fit-confidence` is run and its result committed.
  test('is exactly what fitting on the training domains gives, with the thresholds the rule chooses', () => {
    const model = fitConfidenceOnDomains(trainingDomains());
    expect(model).toEqual(CONFIDENCE_MODEL);
    expect(chooseThresholds(developmentTops(model, developmentDomains()))).toEqual(FITTED_THRESHOLDS);
  }, 120_000);

  // The directions a person would expect; a refit that flips one of them deserves a look before it ships.
  test('counts a lead in spelling and in phrasing fit for an answer, and unknown words and a missing domain against it', () => {
    for (const kind of ['rich', 'plain'] as const) {
      const weight = (name: (typeof FEATURE_NAMES)[number]) => CONFIDENCE_MODEL[kind].weights[FEATURE_NAMES.indexOf(name)]!;
      expect(weight('charLead')).toBeGreaterThan(0);
      expect(weight('charEntry')).toBeGreaterThan(0);
      expect(weight('unknown')).toBeLessThan(0);
      expect(weight('unknownRare')).toBeLessThan(0);
      expect(weight('swappedDomain')).toBeLessThan(0);
    }
    expect(CONFIDENCE_MODEL.rich.weights[FEATURE_NAMES.indexOf('fitLead')]).toBeGreaterThan(0);
    expect(CONFIDENCE_MODEL.rich.weights[FEATURE_NAMES.indexOf('offDomain')]).toBeLessThan(0);
  });
});
