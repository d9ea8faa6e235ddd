import { intentOfMarker, type IndexedDoc, type TermIndex } from './inverted-index.js';
import type { Intent } from './lexicon.js';
import { inverseDocumentFrequency, type AnalyzedQuery } from './query.js';
import { phrasingLogLikelihood, typicality } from './phrasing-vote.js';
import { missingSubject, type SubjectShares } from './subject.js';

/**
 * What is measured of one (query, entry) pair before the confidence model (confidence-model.ts) weighs it. Each
 * is in [0, 1]; the model was fitted on the training set with `npm run fit-confidence`.
 */
export const FEATURE_NAMES = [
  /** Share of the query's weight (rarer words weigh more) that the entry has anywhere. */
  'coverage',
  /** Share of the query's weight found only in the entry's answer text. */
  'answerOnly',
  /** How well the best phrasing and the query fit each other both ways (Dice over word weights). */
  'fit',
  /** The same, among phrasings asking a compatible kind of question (see `compatible`). */
  'fitSameIntent',
  /** Share of the best-fitting phrasing that the query has. */
  'phrasingCoverage',
  /** Share of the entry's subject words (subject.ts) the query lacks. */
  'offSubject',
  /** The lacking subject words, each by the share of entries that have it as subject: the domain left out. */
  'offDomain',
  /** Lacking subject words while an unknown word stands in the query: a swapped subject. */
  'swapped',
  /** Share of the query's weight in words the knowledge base does not know. */
  'unknown',
  /** An unknown name or rare word ("spotify") and the best phrasing not fully asked. */
  'rareUnknown',
  /** The text tells about the writer rather than asking. */
  'statement',
  /** The known words' weight against the least that can support an answer, capped at 1. */
  'evidence',
  /** Share of the query's weight found in the entry's question or alternates (not only answer or tags). */
  'phrased',
  /** The query asks the same kind of question as the best-fitting phrasing. */
  'intentAgrees',
  /** The query and the best-fitting phrasing ask different kinds of question. */
  'intentDiffers',
  /** Share of the query's weight in unknown names and rare words. */
  'unknownRare',
  /**
   * An unknown word in the query while the best phrasing is not fully asked: the part of that phrasing missing.
   * The swapped subject of an entry with one phrasing ("how does google ensure high availability").
   */
  'swappedPhrasing',
  /**
   * The hand-set confidence the model started from (see HEURISTIC): its penalties multiply, which a sum of
   * weighted measures cannot express, so it stays one measure among the others.
   */
  'heuristic',
  /**
   * The heuristic less the best heuristic among the other candidates, in [-1, 1]: a lone candidate far ahead
   * ("netflix cassandra") is likelier right than one of several close ones. Set by scoreQuery, which sees them all.
   */
  'lead',
  /** The same for `fitSameIntent`: how much better this entry's phrasing fits than any other entry's. */
  'fitLead',
  /**
   * This entry's share of the candidates' votes, each read off all of an entry's phrasings at once: how often
   * each query word occurs among them (see `phrasingLogLikelihood`). Words that many rewordings of one entry
   * share and the others lack tell sibling entries apart where the single best-fitting phrasing cannot, and so
   * does the kind of question most of them ask. Set by scoreQuery, which sees every candidate.
   */
  'phrasingVote',
  /**
   * How typical the query's words are of the entry's phrasings: per word, the share of phrasings that have it,
   * averaged by weight over all the query's words (unknown ones count as in none). Unlike the vote it is not
   * relative to the other candidates, which for an off-topic message are all poor.
   */
  'typicality',
  /** Character 3-gram cosine of the query and all the entry's phrasings read as one text (char-grams.ts). */
  'charEntry',
  /** The same against the entry's best-fitting phrasing. */
  'charPhrasing',
  /** `charEntry` less the best `charEntry` among the other candidates, in [-1, 1]. Set by scoreQuery. */
  'charLead',
  /**
   * How many phrasings the entry has, on a log scale reaching 1 at PHRASINGS_FULL: what its other measures are
   * read off (a vote over fifty rewordings says more than one over five).
   */
  'phrasingCount',
  /**
   * An unknown word in the query while the best phrasing has words of most entries the query lacks: the words
   * the knowledge base is about, swapped for another subject ("what is google's approach to open source" in a
   * Netflix FAQ). Each lacking word counts by the share of entries that have it; entries with too few phrasings
   * to have a subject (subject.ts) are judged by this instead.
   */
  'swappedDomain',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;

/**
 * The least total weight of known words that can support an answer: one word found in a fifth of the entries
 * (idf ln(1 + 5)); "netflix" alone, in every entry of a Netflix FAQ, is far below it. In a knowledge base of a
 * handful of entries no word is that rare; there a word of one entry suffices.
 */
const MIN_EVIDENCE = Math.log(6);
/**
 * A word in at least this share of the entries, and in at least COMMON_WORD_MIN_ENTRIES of them, is one the
 * knowledge base is about (see `swappedDomain`): in a knowledge base of two entries, a word of one says nothing.
 */
const COMMON_WORD_SHARE = 0.5;
const COMMON_WORD_MIN_ENTRIES = 3;
/** From this many phrasings on, `phrasingCount` is 1. */
const PHRASINGS_FULL = 50;

/** The hand-set weights of the `heuristic` measure, chosen on the development set before the model existed. */
const HEURISTIC = {
  phrasingShare: 0.3,
  intentMismatch: 0.92,
  whyMismatch: 0.85,
  subjectPenalty: 0.35,
  answerWithoutSubject: 0.5,
  substitution: 0.7,
  statement: 0.6,
};

export interface Evidence {
  /** Weight of the query's known words found in the entry, by field. */
  gathered: number;
  /** The part of `gathered` found only in the answer text. */
  fromAnswer: number;
  /** The part of `gathered` found in the question or alternates. */
  fromPhrasings: number;
  /** Sum of their idf: the query's side of the phrasing fit. */
  queryIdf: number;
  /** Term ids that count as naming a subject: the whole message's, when the query is one sentence of it. */
  subjectTerms: ReadonlySet<number>;
  /** Each known query term id, with its position in `queryWeights` and `phrasingHits`. */
  queryTermIndex: ReadonlyMap<number, number>;
  /** The weight of each known query term (see QueryTerm.weight). */
  queryWeights: Float64Array;
  /**
   * Scratch: per query term, in how many of the entry's phrasings it occurs (the index stores a term once per
   * phrasing, so each occurrence is one phrasing).
   */
  phrasingHits: Int32Array;
}

/**
 * A phrasing asking a compatible kind of question, or none ("netflix python stack"), fits less well than one asking
 * the same kind: "why does netflix use python" is the why-entry's, though "netflix uses python, right?" has its
 * words, and "how is python used at netflix" the how-entry's, though "does netflix use python?" has them too.
 */
const OTHER_INTENT_FIT = 0.8;


/**
 * Writes the features of (query, doc) into `out` (length FEATURE_COUNT), in FEATURE_NAMES order, and returns
 * how many phrasings the entry has.
 */
export function measure(
  query: AnalyzedQuery,
  doc: IndexedDoc,
  evidence: Evidence,
  index: TermIndex,
  subjects: SubjectShares,
  out: Float64Array,
): number {
  const total = query.totalWeight;
  let fit = 0;
  let fitSameIntent = 0;
  let phrasingCoverage = 0;
  let bestIntent = query.intent;
  let bestValue = 0;
  let bestValueCoverage = 0;
  // Walks the packed phrasings in place (see IndexedDoc.phrasings): this runs for every candidate of every query.
  const packed = doc.phrasings;
  let have = 0;
  let all = 0;
  let lackedCommon = 0;
  let bestLackedCommon = 0;
  let phrasings = 0;
  const size = Math.max(1, index.size);
  let sameIntentPhrasings = 0;
  const { queryTermIndex, phrasingHits } = evidence;
  phrasingHits.fill(0, 0, queryTermIndex.size);
  for (let i = 0; i < packed.length; i++) {
    const term = packed[i]!;
    if (term >= 0) {
      const weight = inverseDocumentFrequency(index, term);
      all += weight;
      const at = queryTermIndex.get(term);
      if (at !== undefined) {
        have += weight;
        phrasingHits[at]!++;
      } else {
        const df = index.documentFrequency(term);
        if (df >= COMMON_WORD_MIN_ENTRIES && df / size >= COMMON_WORD_SHARE) lackedCommon += df / size;
      }
      continue;
    }
    phrasings++;
    const phrasingFit = all + evidence.queryIdf > 0 ? (2 * have) / (all + evidence.queryIdf) : 0;
    const phrased = intentOfMarker(term);
    if (query.intent !== undefined && phrased === query.intent) sameIntentPhrasings++;
    // Of equally fitting phrasings, the one asking what the query asks: "how is python used" is the how-phrasing.
    if (phrasingFit > fit || (phrasingFit === fit && phrased === query.intent && bestIntent !== query.intent)) {
      fit = phrasingFit;
      phrasingCoverage = all > 0 ? have / all : 0;
      bestIntent = phrased;
      bestLackedCommon = lackedCommon;
    }
    if (compatible(query.intent, phrased)) {
      const sameIntentFit = phrased === query.intent ? phrasingFit : phrasingFit * OTHER_INTENT_FIT;
      if (sameIntentFit > fitSameIntent) fitSameIntent = sameIntentFit;
    }
    const value = (1 - HEURISTIC.phrasingShare + HEURISTIC.phrasingShare * phrasingFit) * intentFactor(query.intent, phrased);
    if (value > bestValue) {
      bestValue = value;
      bestValueCoverage = all > 0 ? have / all : 0;
    }
    have = 0;
    all = 0;
    lackedCommon = 0;
  }
  const missing = missingSubject(doc, evidence.subjectTerms, query.unknownWeight > 0, subjects, HEURISTIC.subjectPenalty);
  const minEvidence = Math.min(MIN_EVIDENCE, Math.log(1 + index.size));
  out[0] = Math.min(1, evidence.gathered / total);
  out[1] = Math.min(1, evidence.fromAnswer / total);
  out[2] = fit;
  out[3] = fitSameIntent;
  out[4] = phrasingCoverage;
  out[5] = missing.share;
  out[6] = Math.min(1, missing.domain);
  out[7] = query.unknownWeight > 0 ? missing.share : 0;
  out[8] = Math.min(1, query.unknownWeight / total);
  out[9] = query.unknownSubject && phrasingCoverage < 1 ? 1 : 0;
  out[10] = query.statement ? 1 : 0;
  out[11] = Math.min(1, query.knownWeight / minEvidence);
  out[12] = Math.min(1, evidence.fromPhrasings / total);
  out[13] = query.intent !== undefined && bestIntent === query.intent ? 1 : 0;
  out[14] = query.intent !== undefined && bestIntent !== undefined && bestIntent !== query.intent ? 1 : 0;
  out[15] = Math.min(1, query.rareWeight / total);
  out[16] = query.unknownWeight > 0 ? 1 - phrasingCoverage : 0;
  // The heuristic: coverage (answer-only words discounted off subject) × best phrasing × penalties.
  const offSubject = (1 - missing.factor) / (1 - HEURISTIC.subjectPenalty);
  const supported = evidence.gathered - evidence.fromAnswer * (1 - HEURISTIC.answerWithoutSubject) * offSubject;
  let heuristic = Math.min(1, supported / total) * bestValue * missing.factor;
  if (query.unknownSubject && bestValueCoverage < 1) heuristic *= HEURISTIC.substitution;
  if (query.statement) heuristic *= HEURISTIC.statement;
  out[17] = Math.max(0, heuristic * out[11]!);
  out[20] = phrasingLogLikelihood(evidence, phrasings, query.intent === undefined ? -1 : sameIntentPhrasings);
  out[21] = typicality(evidence, phrasings, total);
  out[25] = Math.min(1, Math.log(phrasings) / Math.log(PHRASINGS_FULL));
  out[26] = query.unknownWeight > 0 ? Math.min(1, bestLackedCommon) : 0;
  return phrasings;
}

function intentFactor(asked: Intent | undefined, phrased: Intent | undefined): number {
  if (!asked || !phrased || asked === phrased) return 1;
  return asked === 'why' || phrased === 'why' ? HEURISTIC.whyMismatch : HEURISTIC.intentMismatch;
}

/**
 * Whether a phrasing asking `phrased` can answer a query asking `asked`. A yes/no question usually asks for the
 * how or the what ("can i reset my password" is "how do i reset my password"), never for reasons; "why" asks for
 * reasons only; "how" and "what" ask for different things ("what is python used for" is not "what languages").
 */
function compatible(asked: Intent | undefined, phrased: Intent | undefined): boolean {
  if (!asked || !phrased || asked === phrased) return true;
  if (asked === 'why' || phrased === 'why') return false;
  return asked === 'yesno' || phrased === 'yesno';
}
