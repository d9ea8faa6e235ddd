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
    bias: -3.949,
    weights: [0.244, 0.193, 0.506, 1.725, 2.353, -1.008, -1.485, -0.73, -0.939, -0.365, 0.283, 0.038, 0.051, 0.608, -0.385, -1.734, 0.014, 0.033, 6.054],
  },
  plain: {
    bias: -3.118,
    weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4.284, 6.275],
  },
};
