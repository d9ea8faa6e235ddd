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
    bias: -3.432,
    weights: [0.717, -0.05, -0.118, 0.23, 1.627, -1.406, -2.518, -0.708, -1.525, 0.441, 0.678, 0.265, 0.768, 0.043, -0.48, -1.719, 0.311, 0.975, 2.189, 4.086, 1.982, -1.467],
  },
  plain: {
    bias: -3.253,
    weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4.733, 5.98, 0, 0, 0],
  },
};
