/**
 * The confidence model's weights, in FEATURE_NAMES order (features.ts). Written by `npm run fit-confidence`
 * from the training set; refit rather than edit by hand.
 *
 * Entries with many phrasings and entries with one or two are measured differently (a subject can be read off
 * twenty rewordings, not off one), so each kind has its own weights.
 */
export interface LogisticWeights {
  bias: number;
  weights: readonly number[];
}

export interface ConfidenceModel {
  /** For entries with at least RICH_PHRASINGS phrasings (question and alternates). */
  rich: LogisticWeights;
  /** For the others: most entries a moderator writes have a question and no alternates. */
  plain: LogisticWeights;
}

/** From this many phrasings on, an entry is weighed by the `rich` weights. */
export const RICH_PHRASINGS = 4;

export const CONFIDENCE_MODEL: ConfidenceModel = {
  rich: {
    bias: -3.816,
    weights: [0.839, -0.057, -0.403, 0.172, 1.938, -2.758, -1.802, -0.991, -1.451, 0.706, 0.745, 0.081, 0.896, -0.079, -0.422, -1.608, 0.062, 1.058, 1.886, 3.905, 4.217, -1.771],
  },
  plain: {
    bias: -3.253,
    weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4.733, 5.98, 0, 0, 0],
  },
};
