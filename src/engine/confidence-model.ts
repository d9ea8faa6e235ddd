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
/**
 * From this many phrasings on, an entry has its own answer threshold (matcher.ts): the same weights, but the
 * development sets show a confidence read off dozens of rewordings to be surer than one read off five.
 */
export const MANY_PHRASINGS = 20;

export const CONFIDENCE_MODEL: ConfidenceModel = {
  rich: {
    bias: -4.006,
    weights: [0.962, 0.163, -0.467, 1.801, 0.898, -0.551, -3.832, 0.184, -1.659, 0.81, 0.259, 0.457, 0.799, -0.069, 0.022, -1.009, 0.992, -0.922, 0.913, 1.382, 0.957, -0.422, 5.424, 2.244, 2.888, -0.703, -1.103],
  },
  plain: {
    bias: -1.794,
    weights: [1.222, 2.822, 1.347, 0.768, 1.252, 0, 0, 0, -2.03, 0.415, 0.039, 1.051, -1.404, -0.23, 0.007, -1.533, 0.809, 0.617, 1.789, 0.021, 1.667, -1.404, 1.422, 1.422, 2.218, 0, -1.277],
  },
};

export const FITTED_THRESHOLDS = { answer: 0.96, answerPlain: 0.92, answerMany: 0.5 };
