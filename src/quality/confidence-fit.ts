import type { SynonymGroups } from '../engine/types.js';
import type { Entry } from '../knowledge/entry.js';
import { RICH_PHRASINGS, type ConfidenceModel, type LogisticWeights } from '../engine/confidence-model.js';
import type { LabelledSet } from './evaluation.js';
import { FEATURE_NAMES } from '../engine/features.js';
import { createMatcher } from '../engine/matcher.js';
import { fitLogistic } from '../engine/logistic.js';

/**
 * Fitting the confidence model (confidence-model.ts) on a labelled training set: one row per candidate of every
 * reading of every query, labelled by whether that entry answers it.
 *
 * - Rows come from the knowledge base as it is and with its alternates removed: most knowledge bases a moderator
 *   writes have one phrasing per entry, this one about twenty, and both kinds must be weighed well.
 * - Entries with many phrasings get weights over every measure. Entries with few get the hand-set heuristic and
 *   its lead over the other candidates only: the subject and phrasing measures say little about an entry with one
 *   phrasing, and fitted over them the model answered more of such entries wrongly.
 */

/**
 * The knowledge base the training set was written for: the frozen copy of the article's, with its synonyms, so
 * whatever an operator adds to or changes in `knowledge/` leaves the fit as it is.
 */
export const TRAINING_KNOWLEDGE_DIR = 'test/fixtures/knowledge/article';
export const TRAINING_SET_FILE = 'test/fixtures/answer-quality-train.json';

/** Regularisation: enough to keep weights of rarely-set measures (statement, rare words) from running off. */
const L2 = 1;
/** What weighs an entry with few phrasings: the heuristic and how far it leads the other candidates. */
const PLAIN_MEASURES = [FEATURE_NAMES.indexOf('heuristic'), FEATURE_NAMES.indexOf('lead')];

/** One knowledge base and the labelled questions asked of it, to fit on. */
export interface TrainingDomain {
  name: string;
  entries: readonly Entry[];
  synonyms?: SynonymGroups;
  set: LabelledSet;
}

/** The article's training set over its knowledge base as it is and with its alternates removed. */
export function fitConfidenceModel(entries: readonly Entry[], set: LabelledSet, synonyms: SynonymGroups = []): ConfidenceModel {
  return fitConfidenceOnDomains(trainingVariants(entries).map((v) => ({ name: v.name, entries: v.entries, synonyms, set })));
}

/** Fits on the candidates of every domain's questions at once, so the weights hold across knowledge bases. */
export function fitConfidenceOnDomains(domains: readonly TrainingDomain[]): ConfidenceModel {
  const rows = { rich: [] as number[][], plain: [] as number[][] };
  const labels = { rich: [] as boolean[], plain: [] as boolean[] };
  for (const { entries, synonyms, set } of domains) {
    const matcher = createMatcher(entries, { synonyms });
    for (const { query, expect } of labelledQueries(set)) {
      for (const reading of matcher.explain(query)) {
        for (const candidate of reading.candidates) {
          const kind = candidate.phrasings >= RICH_PHRASINGS ? 'rich' : 'plain';
          rows[kind].push(candidate.features);
          labels[kind].push(expect.includes(candidate.entry.id));
        }
      }
    }
  }
  const rich = fitLogistic(rows.rich, labels.rich, L2);
  const plain = fitLogistic(
    rows.plain.map((row) => PLAIN_MEASURES.map((i) => row[i]!)),
    labels.plain,
    L2,
  );
  return {
    rich: rounded({ bias: rich.bias, weights: rich.weights }),
    plain: rounded({ bias: plain.bias, weights: FEATURE_NAMES.map((_, i) => (PLAIN_MEASURES.includes(i) ? plain.weights[PLAIN_MEASURES.indexOf(i)]! : 0)) }),
  };
}

/** The knowledge base as it is, and with its alternates removed. */
export function trainingVariants(entries: readonly Entry[]): { name: string; entries: Entry[] }[] {
  return [
    { name: 'with alternates', entries: [...entries] },
    { name: 'questions only', entries: entries.map((e) => ({ ...e, alternates: [] })) },
  ];
}

/** Every query of the set with the entries that answer it (none for those to decline). */
export function labelledQueries(set: LabelledSet): { query: string; expect: string[] }[] {
  return [...set.inScope, ...set.decline.map((d) => ({ query: d.query, expect: [] as string[] }))];
}

/** Three decimals: the written model reads well and refits reproduce it exactly. */
function rounded(weights: LogisticWeights): LogisticWeights {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { bias: round(weights.bias), weights: weights.weights.map(round) };
}
