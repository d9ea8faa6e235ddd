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
    bias: -3.204,
    weights: [0.777, 0.1, -0.264, 0.578, 1.629, -1.291, -2.627, -0.833, -1.622, -0.314, 0.792, 0.022, 0.678, 0.006, -0.611, -1.336, 0.281, 1.208, 1.791, 4.753, 1.705, -1.976],
  },
  plain: {
    bias: -3.16,
    weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4.283, 6.381, 0, 0, 0],
  },
};
