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
    bias: -3.971,
    weights: [0.247, 0.192, 0.513, 1.729, 2.358, -0.997, -1.477, -0.742, -0.935, -0.363, 0.284, 0.039, 0.054, 0.61, -0.383, -1.737, 0.025, 0.032, 6.043],
  },
  plain: {
    bias: -3.118,
    weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4.282, 6.256],
  },
};
