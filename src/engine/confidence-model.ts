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
    bias: -4.025,
    weights: [0.943, 0.156, -0.505, 1.788, 0.904, -0.549, -3.813, 0.198, -1.644, 0.808, 0.266, 0.473, 0.787, -0.07, 0.022, -0.957, 0.989, -0.85, 0.892, 1.387, 0.945, -0.427, 5.415, 2.275, 2.919, -0.69, -1.111],
  },
  plain: {
    bias: -1.808,
    weights: [1.198, 2.807, 1.295, 0.741, 1.254, 0, 0, 0, -1.986, 0.387, 0.05, 1.047, -1.403, -0.224, 0.007, -1.483, 0.784, 0.695, 1.78, 0.032, 1.641, -1.403, 1.441, 1.441, 2.221, 0, -1.286],
  },
};

export const FITTED_THRESHOLDS = { answer: 0.96, answerPlain: 0.97, answerMany: 0.5 };
