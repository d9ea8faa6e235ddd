import { readFileSync } from 'node:fs';
import type { SynonymGroups } from '../engine/types.js';
import type { Entry } from '../knowledge/entry.js';
import { RICH_PHRASINGS, type ConfidenceModel, type LogisticWeights } from '../engine/confidence-model.js';
import { labelledQueries, type LabelledSet } from './evaluation.js';
import { FEATURE_NAMES } from '../engine/features.js';
import { createMatcher } from '../engine/matcher.js';
import { loadKnowledgeBase } from '../knowledge/files.js';
import { fitChoice, type ChoiceGroup } from './choice-fit.js';
import { DATASET_NAMES, trainingSets, type DatasetName } from './datasets.js';

/**
 * Fitting the confidence model (confidence-model.ts) on several domains at once, so that a confidence means the
 * same on a knowledge base nobody here wrote:
 *
 * - the article's training set over its knowledge base, as shipped (about twenty phrasings an entry) and with its
 *   alternates removed (one phrasing, as most moderators write);
 * - Banking77 and CLINC150 as FAQs of 1 and of 5 phrasings per entry, asked with the rows of their `train` parts
 *   that the protocol leaves free (datasets.ts), and declining whole intents left out and CLINC150's `oos_train`.
 *
 * Every reading of every question is one choice among its candidates (choice-fit.ts); each domain weighs the same
 * in total, so the article's long training set does not outvote the others. The answer thresholds are then chosen
 * by a rule (chooseThresholds) on development sets drawn from other rows than the fit's.
 */

/**
 * The knowledge base the article's training set was written for: the frozen copy of the article's, with its
 * synonyms, so whatever an operator adds to or changes in `knowledge/` leaves the fit as it is.
 */
export const TRAINING_KNOWLEDGE_DIR = 'test/fixtures/knowledge/article';
export const TRAINING_SET_FILE = 'test/fixtures/answer-quality-train.json';
/** The article's development set: the labelled set (its holdout is never used here). */
export const DEVELOPMENT_SET_FILE = 'test/fixtures/answer-quality.json';

/** Regularisation: enough to keep weights of rarely-set measures (statement, rare words) from running off. */
const L2 = 1;
/** Questions drawn per intent for fitting, and for the development sets (from the rows after them). */
const FIT_PER_INTENT = 24;
const DEV_PER_INTENT = 10;
/** Which seventh of the intents the development sets decline (the fit's is 2, the evaluation's 6). */
const DEV_DECLINE_OFFSET = 4;

/** One knowledge base and the labelled questions asked of it. */
export interface TrainingDomain {
  /** e.g. "banking77 train, 5 phrasings". */
  name: string;
  /** What the domain is about, for leaving one out: "article", "banking77", "clinc150". */
  source: string;
  entries: readonly Entry[];
  synonyms?: SynonymGroups;
  set: LabelledSet;
}

function readSet(file: string): LabelledSet {
  const { inScope, decline } = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet;
  return { inScope, decline: decline ?? [] };
}

/** The article's knowledge base as shipped and with its alternates removed, asked the questions of `file`. */
function articleDomains(file: string, label: string): TrainingDomain[] {
  const { entries, synonyms } = loadKnowledgeBase(TRAINING_KNOWLEDGE_DIR);
  const set = readSet(file);
  return [
    { name: `article ${label}, as shipped`, source: 'article', entries, synonyms, set },
    { name: `article ${label}, questions only`, source: 'article', entries: entries.map((e) => ({ ...e, alternates: [] })), synonyms, set },
  ];
}

function datasetDomains(dataset: DatasetName, perIntent: number, slice: { skip?: number; declineOffset?: number }): TrainingDomain[] {
  return [1, 5].map((k) => {
    const t = trainingSets(dataset, k, perIntent, slice);
    return { name: t.name, source: dataset, entries: t.entries, set: t.set };
  });
}

/** Every domain the model is fitted on. */
export function trainingDomains(): TrainingDomain[] {
  return [...articleDomains(TRAINING_SET_FILE, 'training set'), ...DATASET_NAMES.flatMap((d) => datasetDomains(d, FIT_PER_INTENT, {}))];
}

/** The development sets the thresholds are chosen on: other rows (and other declined intents) than the fit's. */
export function developmentDomains(): TrainingDomain[] {
  return [
    ...articleDomains(DEVELOPMENT_SET_FILE, 'labelled set'),
    ...DATASET_NAMES.flatMap((d) => datasetDomains(d, DEV_PER_INTENT, { skip: FIT_PER_INTENT, declineOffset: DEV_DECLINE_OFFSET })),
  ];
}

/**
 * Fits the choice model on every reading of every domain's questions: rich and plain weights at once, each
 * candidate's measures placed in the half of the coefficients its kind of entry uses.
 */
export function fitConfidenceOnDomains(domains: readonly TrainingDomain[], l2 = L2): ConfidenceModel {
  const width = FEATURE_NAMES.length + 1;
  const groups: ChoiceGroup[] = [];
  for (const domain of domains) {
    const own = choiceGroups(domain, width);
    // Each domain weighs the same in total, whatever its number of questions.
    for (const group of own) groups.push({ ...group, weight: 1000 / own.length });
  }
  const w = fitChoice(groups, l2, new Set([width - 1, 2 * width - 1]));
  const half = (offset: number): LogisticWeights => ({ bias: w[offset + width - 1]!, weights: w.slice(offset, offset + width - 1) });
  return { rich: rounded(half(0)), plain: rounded(half(width)) };
}

function choiceGroups({ entries, synonyms, set }: TrainingDomain, width: number): ChoiceGroup[] {
  const matcher = createMatcher(entries, { synonyms });
  const groups: ChoiceGroup[] = [];
  for (const { query, expect } of labelledQueries(set)) {
    for (const reading of matcher.explain(query)) {
      // In entry order, not the shipped model's: the fit must not depend on the model it replaces (nor must the
      // choice among several right entries).
      const ordered = [...reading.candidates].sort((a, b) => (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
      const answerId = expect.find((id) => ordered.some((c) => c.entry.id === id));
      const candidates = ordered.map((c) => {
        const x = new Array<number>(2 * width).fill(0);
        const offset = c.phrasings >= RICH_PHRASINGS ? 0 : width;
        c.features.forEach((v, i) => (x[offset + i] = v));
        x[offset + width - 1] = 1;
        return x;
      });
      groups.push({ candidates, answer: ordered.findIndex((c) => c.entry.id === answerId) });
    }
  }
  return groups;
}

/** Three decimals: the written model reads well and refits reproduce it exactly. */
function rounded(weights: LogisticWeights): LogisticWeights {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { bias: round(weights.bias), weights: weights.weights.map(round) };
}
