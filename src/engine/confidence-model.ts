/**
 * The confidence model's weights, in FEATURE_NAMES order (features.ts), and the answer thresholds chosen with
 * them. Written by `npm run fit-confidence` (src/quality/confidence-fit.ts, thresholds.ts); refit rather than edit
 * by hand. A candidate's utility is the bias plus its weighed measures; its confidence is its share of
 * exp(utility) among all the query's candidates and "none of them" (score.ts).
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
    weights: [1.179, 0.578, -0.514, 1.856, 0.891, -0.552, -3.832, 0.193, -1.646, 0.806, 0.258, 0.474, 0.602, -0.076, 0.031, -1.01, 0.965, -0.938, 0.931, 1.337, 1.021, -0.399, 5.443, 2.225, 2.83, -0.725, -1.055],
  },
  plain: {
    bias: -1.787,
    weights: [1.412, 2.495, 1.354, 0.778, 1.172, 0, 0, 0, -1.998, 0.413, 0.042, 1.074, -1.505, -0.221, 0.007, -1.531, 0.758, 0.655, 1.814, 0.009, 1.656, -1.505, 1.409, 1.409, 2.214, 0, -1.261],
  },
};

export const FITTED_THRESHOLDS = { answer: 0.96, answerPlain: 0.92, answerMany: 0.5 };
