import { Field, intentOfMarker, type IndexedDoc, type InvertedIndex } from './inverted-index.js';
import type { Intent } from './lexicon.js';
import { inverseDocumentFrequency, type AnalyzedQuery, type QueryTerm } from './query.js';
import { subjectFactor, type SubjectCounts } from './subject.js';

/**
 * Scoring one analysed query against the index: gather candidates from the postings of the query's terms,
 * keep the best few, and give each a confidence in [0, 1].
 *
 * The confidence answers "does this entry explain everything the person asked, and is it about that?":
 * - query coverage: the share of the query's weight (rare words weigh more) that the entry contains, a word in
 *   the answer text counting less than one in the question or a phrasing;
 * - phrasing coverage: the share of the entry's best phrasing that the query contains;
 * - penalties for a swapped subject (an unknown word where the entry has a word the query lacks: "is spotify
 *   coded in python") and for a different question word ("why" asked, "how" answered).
 */

/**
 * The weights of the confidence. Defaults were measured on the labelled set (`npm run quality -- --sweep`);
 * options exist so that sweep can try others without editing code.
 */
export const DEFAULT_SCORING = Object.freeze({
  /** A query word found only in the answer text: it is about the entry, less surely what the entry is for. */
  answerFieldWeight: 0.85,
  tagFieldWeight: 0.9,
  /** A corrected or completed word is probably, not certainly, the word meant. */
  approximateWeight: 0.9,
  /** Share of the confidence that comes from covering the entry's best phrasing (the rest: covering the query). */
  phrasingShare: 0.3,
  /** An unknown word standing where the entry has a word the query lacks: most likely another subject. */
  substitutionPenalty: 0.7,
  /** The question words disagree ("what" against "how"). */
  intentMismatchPenalty: 0.92,
  /** One side asks "why" and the other does not: reasons are a different answer from facts. */
  whyMismatchPenalty: 0.85,
  /**
   * The query lacks a word of the entry's subject that every entry shares (see subject.ts); lacking one fewer
   * entries share costs proportionally less.
   */
  subjectPenalty: 0.35,
  /** What a word found only in the answer still counts for when the query lacks the entry's whole subject. */
  answerWithoutSubjectFactor: 0.5,
  /** A sentence about the writer rather than a question. */
  statementPenalty: 0.6,
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

/**
 * The least total weight of known words that can support an answer: one word found in a fifth of the entries
 * (idf ln(1 + 5)); "netflix" alone, in every entry of a Netflix FAQ, is far below it.
 */
const MIN_EVIDENCE = Math.log(6);

export interface Candidate {
  doc: IndexedDoc;
  confidence: number;
}

/** Scratch arrays reused across queries, so a query allocates nothing in proportion to the index. */
export class Scratch {
  scores = new Float64Array(0);
  /** Whether a slot was touched by this query (its score may legitimately be 0). */
  seen = new Uint8Array(0);
  /** The slots touched by this query, in `touched[0, touchedCount)`: a common term touches thousands. */
  touched = new Int32Array(0);
  touchedCount = 0;

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
export function scoreQuery(
  query: AnalyzedQuery,
  index: InvertedIndex,
  scratch: Scratch,
  scoring: Scoring,
  subjects: SubjectCounts,
  context?: ReadonlySet<number>,
): Candidate[] {
  const known = query.terms.filter((t) => t.known);
  if (known.length === 0 || query.totalWeight === 0) return [];
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
  gathering.forEach((qt) => {
    const postings = index.postingsOf(qt.id);
    if (!postings) return;
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
  });

  const touchedCount = scratch.touchedCount;
  const top = topSlots(touched, touchedCount, scores, CANDIDATES_MAX);
  for (let i = 0; i < touchedCount; i++) {
    const slot = touched[i]!;
    scores[slot] = 0;
    seen[slot] = 0;
  }

  const queryTerms = new Set(known.map((t) => t.id));
  const subjectTerms = context ?? queryTerms;
  return top
    .map(({ slot }) => {
      const doc = index.doc(slot)!;
      // The few candidates are weighed again term by term: the gathering pass skipped the commonest terms, and
      // what the answer text alone supports must be known (see confidenceOf).
      let gathered = 0;
      let fromAnswer = 0;
      for (const qt of known) {
        const field = index.fieldOf(doc, qt.id);
        if (field === undefined) continue;
        const weight = termWeight(qt) * fieldWeight[field];
        gathered += weight;
        if (field === Field.Answer) fromAnswer += weight;
      }
      return { doc, confidence: confidenceOf(query, doc, gathered, fromAnswer, queryTerms, subjectFactor(doc, subjectTerms, query.unknownWeight > 0, subjects, scoring.subjectPenalty), index, scoring) };
    })
    .sort((a, b) => b.confidence - a.confidence || a.doc.entry.id.localeCompare(b.doc.entry.id));
}

function confidenceOf(
  query: AnalyzedQuery,
  doc: IndexedDoc,
  gathered: number,
  fromAnswer: number,
  queryTerms: ReadonlySet<number>,
  onSubject: number,
  index: InvertedIndex,
  scoring: Scoring,
): number {
  // Without the entry's subject, a word its answer mentions in passing ("from web development to data science")
  // is no sign that the entry answers the question.
  const offSubject = (1 - onSubject) / (1 - scoring.subjectPenalty);
  const supported = gathered - fromAnswer * (1 - scoring.answerWithoutSubjectFactor) * offSubject;
  const queryCoverage = Math.min(1, supported / query.totalWeight);
  let queryIdf = 0;
  for (const term of queryTerms) queryIdf += inverseDocumentFrequency(index, term);
  // The phrasing that best matches both the words and the kind of question asked stands for the entry.
  let best = 0;
  let bestCoverage = 0;
  // Walks the packed phrasings in place (see IndexedDoc.phrasings): this runs for every candidate of every query.
  const packed = doc.phrasings;
  let have = 0;
  let all = 0;
  for (let i = 0; i < packed.length; i++) {
    const term = packed[i]!;
    if (term >= 0) {
      const weight = inverseDocumentFrequency(index, term);
      all += weight;
      if (queryTerms.has(term)) have += weight;
      continue;
    }
    const coverage = all > 0 ? have / all : 0;
    // How well the phrasing and the query fit each other (Dice): a phrasing that says all the query says, and
    // no more, beats one that the query merely contains ("is netflix coded in python" against "what is netflix
    // programmed in").
    const fit = all + queryIdf > 0 ? (2 * have) / (all + queryIdf) : 0;
    const value = (1 - scoring.phrasingShare + scoring.phrasingShare * fit) * intentFactor(query.intent, intentOfMarker(term), scoring);
    if (value > best) {
      best = value;
      bestCoverage = coverage;
    }
    have = 0;
    all = 0;
  }
  let confidence = queryCoverage * best;
  confidence *= onSubject;
  if (query.unknownSubject && bestCoverage < 1) confidence *= scoring.substitutionPenalty;
  if (query.statement) confidence *= scoring.statementPenalty;
  // Too little evidence (only words most entries share) cannot make a confident answer, however well it covers.
  // In a knowledge base of a handful of entries no word is rare enough; there a word of one entry suffices.
  const minEvidence = Math.min(MIN_EVIDENCE, Math.log(1 + index.size));
  if (query.knownWeight < minEvidence) confidence *= query.knownWeight / minEvidence;
  return Math.max(0, Math.min(1, confidence));
}

function intentFactor(asked: Intent | undefined, phrased: Intent | undefined, scoring: Scoring): number {
  if (!asked || !phrased || asked === phrased) return 1;
  return asked === 'why' || phrased === 'why' ? scoring.whyMismatchPenalty : scoring.intentMismatchPenalty;
}

/** The `limit` best slots by score, without sorting every touched slot. */
function topSlots(touched: Int32Array, count: number, scores: Float64Array, limit: number): { slot: number; score: number }[] {
  const best: { slot: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    const slot = touched[i]!;
    const score = scores[slot]!;
    if (best.length === limit && score <= best[best.length - 1]!.score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { slot, score });
    if (best.length > limit) best.pop();
  }
  return best;
}
