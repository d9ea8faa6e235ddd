import type { CharGramScorer, CharSimilarity } from './char-grams.js';
import { RICH_PHRASINGS, type ConfidenceModel, type LogisticWeights } from './confidence-model.js';
import { FEATURE_COUNT, FEATURE_NAMES, measure } from './features.js';
import { Field, type IndexedDoc, type TermIndex } from './inverted-index.js';
import { inverseDocumentFrequency, type AnalyzedQuery, type QueryTerm } from './query.js';
import type { SubjectShares } from './subject.js';

/**
 * Scoring one analysed query against the index: gather candidates from the postings of the query's terms, keep
 * the best few, measure each (features.ts, char-grams.ts), and turn the measures into a confidence in [0, 1] with
 * the fitted confidence model: the estimated probability that the entry answers the query, all candidates weighed
 * together (see choiceShares).
 */

/** How query words count towards an entry, before the confidence model weighs the resulting measures. */
export const DEFAULT_SCORING = Object.freeze({
  /** A query word found only in the answer text: it is about the entry, less surely what the entry is for. */
  answerFieldWeight: 0.85,
  tagFieldWeight: 0.9,
  /** A corrected or completed word is probably, not certainly, the word meant. */
  approximateWeight: 0.9,
  /** How much an unknown word weighs compared with a word found in no entry's text (the rarest possible). */
  unknownWeightFactor: 1,
});

export type Scoring = Record<keyof typeof DEFAULT_SCORING, number>;
/** Candidates kept for full scoring; the rest cannot win. */
const CANDIDATES_MAX = 12;
/**
 * A term found in more than this share of entries does not gather candidates on its own (its postings would be
 * most of the index); it still counts for the candidates the rarer terms found.
 */
const COMMON_TERM_SHARE = 0.2;
const COMMON_TERM_MIN_DF = 200;

export interface Candidate {
  doc: IndexedDoc;
  confidence: number;
  /** The measures behind the confidence, in FEATURE_NAMES order (only when asked for: explain, fitting). */
  features?: Float64Array;
  /** How many phrasings the entry has: which weights of the model applied. */
  phrasings: number;
  /**
   * An unknown word stands where the best phrasing has a word most entries share (the `swappedDomain` measure):
   * the question is about something else, however well the rest fits ("what is google's approach to open source"
   * in a Netflix FAQ), and is never answered outright, only suggested. The model alone weighed it too lightly to
   * stop such answers; with this rule the development sets allowed a plain entry's threshold of 0.92 instead of
   * 0.97 (`npm run fit-confidence`).
   */
  swapped: boolean;
}

/** Scratch arrays reused across queries, so a query allocates nothing in proportion to the index. */
export class Scratch {
  scores = new Float64Array(0);
  /** Whether a slot was touched by this query (its score may legitimately be 0). */
  seen = new Uint8Array(0);
  /** The slots touched by this query, in `touched[0, touchedCount)`: a common term touches thousands. */
  touched = new Int32Array(0);
  touchedCount = 0;
  private readonly features: Float64Array[] = [];
  /** Per known query term (see Evidence in features.ts). */
  queryWeights = new Float64Array(32);
  phrasingHits = new Int32Array(32);

  /** Grows the per-query-term arrays to hold `count` terms; returns `queryWeights`. */
  termArrays(count: number): Float64Array {
    if (this.queryWeights.length < count) {
      this.queryWeights = new Float64Array(count);
      this.phrasingHits = new Int32Array(count);
    }
    return this.queryWeights;
  }

  /** The i-th candidate's feature array, reused from query to query. */
  featuresOf(i: number): Float64Array {
    return (this.features[i] ??= new Float64Array(FEATURE_COUNT));
  }

  ensure(capacity: number): void {
    this.touchedCount = 0;
    if (this.scores.length >= capacity) return;
    const size = Math.max(capacity, this.scores.length * 2, 64);
    this.scores = new Float64Array(size);
    this.seen = new Uint8Array(size);
    this.touched = new Int32Array(size);
  }
}

/**
 * `context`: the term ids of the whole message when `query` is one sentence of it. The subject may be named in
 * another sentence ("my netflix recs are spooky. how does python fit in?").
 */
/** What scoring reads besides the query: the index and what is kept alongside it. */
export interface ScoringContext {
  index: TermIndex;
  scratch: Scratch;
  scoring: Scoring;
  subjects: SubjectShares;
  model: ConfidenceModel;
  charGrams: CharGramScorer;
}

export function scoreQuery(
  query: AnalyzedQuery,
  { index, scratch, scoring, subjects, model, charGrams }: ScoringContext,
  context?: ReadonlySet<number>,
  keepFeatures = false,
): Candidate[] {
  const known = query.terms.filter((t) => t.known);
  if (known.length === 0 || query.totalWeight === 0 || !charGrams.prepare(query.text)) return [];
  scratch.ensure(index.capacity);
  const { scores, seen } = scratch;
  const fieldWeight: Record<Field, number> = {
    [Field.Question]: 1,
    [Field.Tag]: scoring.tagFieldWeight,
    [Field.Answer]: scoring.answerFieldWeight,
  };
  const termWeight = (qt: QueryTerm) => qt.weight * (qt.approximate ? scoring.approximateWeight : 1);

  const commonDf = Math.max(COMMON_TERM_MIN_DF, index.size * COMMON_TERM_SHARE);
  const byRarity = [...known].sort((a, b) => index.documentFrequency(a.id) - index.documentFrequency(b.id));
  const gathering = byRarity.filter((t, i) => i === 0 || index.documentFrequency(t.id) <= commonDf);

  const { touched } = scratch;
  for (const qt of gathering) {
    const postings = index.postingsOf(qt.id);
    if (!postings) continue;
    const base = termWeight(qt);
    const { data, length } = postings;
    for (let i = 0; i < length; i++) {
      const packed = data[i]!;
      const slot = packed >> 2;
      if (seen[slot] === 0) {
        seen[slot] = 1;
        touched[scratch.touchedCount++] = slot;
      }
      scores[slot]! += base * fieldWeight[(packed & 3) as Field];
    }
  }

  const touchedCount = scratch.touchedCount;
  const top = topSlots(touched, touchedCount, scores, seen, CANDIDATES_MAX);
  if (top.length === 0) {
    charGrams.done();
    return [];
  }

  const queryTerms = new Set(known.map((t) => t.id));
  let queryIdf = 0;
  for (const term of queryTerms) queryIdf += inverseDocumentFrequency(index, term);
  const queryTermIndex = new Map<number, number>();
  const queryWeights = scratch.termArrays(queryTerms.size);
  for (const qt of known) {
    if (queryTermIndex.has(qt.id)) continue;
    queryWeights[queryTermIndex.size] = termWeight(qt);
    queryTermIndex.set(qt.id, queryTermIndex.size);
  }
  const { phrasingHits } = scratch;
  const subjectTerms = context ?? queryTerms;
  const similarity: CharSimilarity = { entry: 0, phrasing: 0 };
  // First every candidate is measured, then each is compared with the best of the others (the `lead` measure),
  // then weighed.
  const measured = top.map(({ slot }, i) => {
    const doc = index.doc(slot)!;
    // The few candidates are weighed again term by term: the gathering pass skipped the commonest terms, and
    // what the answer text alone supports must be known.
    let gathered = 0;
    let fromAnswer = 0;
    let fromPhrasings = 0;
    for (const qt of known) {
      const field = index.fieldOf(doc, qt.id);
      if (field === undefined) continue;
      const weight = termWeight(qt) * fieldWeight[field];
      gathered += weight;
      if (field === Field.Answer) fromAnswer += weight;
      else if (field === Field.Question) fromPhrasings += weight;
    }
    const features = keepFeatures ? new Float64Array(FEATURE_COUNT) : scratch.featuresOf(i);
    const evidence = { gathered, fromAnswer, fromPhrasings, queryIdf, subjectTerms, queryTermIndex, queryWeights, phrasingHits };
    const phrasings = measure(query, doc, evidence, index, subjects, features);
    charGrams.similarity(doc.entry, similarity);
    features[CHAR_ENTRY] = similarity.entry;
    features[CHAR_PHRASING] = similarity.phrasing;
    return { doc, features, phrasings };
  });
  charGrams.done();
  setLeads(measured.map((m) => m.features));
  // Only entries weighed by the rich model vote: a one-phrasing entry's smoothed likelihood would take share from the
  // others for nothing ("when is movie night?" beside the shipped entries). A plain entry keeps its raw
  // log-likelihood in the measure, which is what the plain weights were fitted on.
  setVotes(
    measured.filter((m) => m.phrasings >= RICH_PHRASINGS).map((m) => m.features),
    VOTE_BACKGROUND,
  );
  const utilities = measured.map(({ features, phrasings }) => utilityOf(features, phrasings >= RICH_PHRASINGS ? model.rich : model.plain));
  const confidences = choiceShares(utilities);
  return measured
    .map(({ doc, features, phrasings }, i) => {
      const confidence = confidences[i]!;
      const swapped = features[SWAPPED_DOMAIN]! > 0;
      return keepFeatures ? { doc, confidence, features, phrasings, swapped } : { doc, confidence, phrasings, swapped };
    })
    // Ties (common among hopeless candidates, whose shares underflow to 0) go by id, compared with `<`: localeCompare
    // is far slower and ran for every tie.
    .sort((a, b) => b.confidence - a.confidence || (a.doc.entry.id < b.doc.entry.id ? -1 : a.doc.entry.id > b.doc.entry.id ? 1 : 0));
}

const HEURISTIC = FEATURE_NAMES.indexOf('heuristic');
const CHAR_ENTRY = FEATURE_NAMES.indexOf('charEntry');
const CHAR_PHRASING = FEATURE_NAMES.indexOf('charPhrasing');
const SWAPPED_DOMAIN = FEATURE_NAMES.indexOf('swappedDomain');

const LEAD = FEATURE_NAMES.indexOf('lead');

/** The measures that compare a candidate with the others: each one's value less the best among the others. */
const LEADS: readonly [from: number, to: number][] = [
  [HEURISTIC, LEAD],
  [FEATURE_NAMES.indexOf('fitSameIntent'), FEATURE_NAMES.indexOf('fitLead')],
  [CHAR_ENTRY, FEATURE_NAMES.indexOf('charLead')],
];

function setLeads(all: readonly Float64Array[]): void {
  for (const [from, to] of LEADS) {
    let first = -1;
    let best = 0;
    let second = 0;
    all.forEach((features, i) => {
      const value = features[from]!;
      if (first === -1 || value > best) {
        second = first === -1 ? 0 : best;
        best = value;
        first = i;
      } else if (value > second) second = value;
    });
    all.forEach((features, i) => {
      features[to] = features[from]! - (i === first ? second : best);
    });
  }
}

const VOTE = FEATURE_NAMES.indexOf('phrasingVote');
/**
 * The vote has one more voter than the candidates: an entry in whose phrasings each query word has this chance.
 * Without it a lone poor candidate ("what is the best pizza": only one entry has "best") took the whole vote.
 */
const VOTE_BACKGROUND = Math.log(0.1);

/** Turns each candidate's phrasing log-likelihood (features.ts) into its share of the votes (softmax). */
function setVotes(all: readonly Float64Array[], background: number): void {
  let max = background;
  for (const features of all) max = Math.max(max, features[VOTE]!);
  let sum = Math.exp(background - max);
  for (const features of all) sum += Math.exp(features[VOTE]! - max);
  for (const features of all) features[VOTE] = Math.exp(features[VOTE]! - max) / sum;
}

/** A candidate's utility under the confidence model: bias plus the weighed measures. */
export function utilityOf(features: Float64Array, model: LogisticWeights): number {
  let utility = model.bias;
  for (let i = 0; i < FEATURE_COUNT; i++) utility += model.weights[i]! * features[i]!;
  return utility;
}

/**
 * Each candidate's chance of being the answer: exp(u) over 1 + the sum of exp(u), the 1 standing for "none of
 * them". So the confidences of one query's candidates sum to at most 1, and a close rival takes its share from
 * the leader (src/quality/choice-fit.ts fits the weights on exactly this).
 */
function choiceShares(utilities: readonly number[]): number[] {
  const max = Math.max(0, ...utilities);
  const exps = utilities.map((u) => Math.exp(u - max));
  const total = Math.exp(-max) + exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/**
 * The `limit` best slots by score, without sorting every touched slot; clears each slot's score and mark on the
 * way (one pass over what a common term touched, not two).
 */
function topSlots(touched: Int32Array, count: number, scores: Float64Array, seen: Uint8Array, limit: number): { slot: number; score: number }[] {
  const best: { slot: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    const slot = touched[i]!;
    const score = scores[slot]!;
    scores[slot] = 0;
    seen[slot] = 0;
    if (best.length === limit && score <= best[best.length - 1]!.score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { slot, score });
    if (best.length > limit) best.pop();
  }
  return best;
}
