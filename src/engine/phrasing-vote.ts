import type { Evidence } from './features.js';

/**
 * The measures read off all of an entry's phrasings at once (features.ts): how typical the query's words are of
 * them, and how likely they make the query (the naive-Bayes vote that scoreQuery shares among the candidates).
 */

/** Add-one-half smoothing: a word in none of an entry's phrasings is unlikely, not impossible. */
const VOTE_SMOOTHING = 0.5;

/**
 * In the vote, the kind of question asked counts as one more word, about as heavy as a word found in one or
 * two entries out of ten. Sibling entries share their topic words and differ in what they ask: most rewordings
 * of "why does netflix use python" ask why, most of "is netflix coded in python" ask yes or no, so "netflix and
 * python, why?" is the why-entry's although both have its words. Only the same kind counts: "how" and "what" gave
 * no more when they counted partly for each other or for yes/no. (1, 2 and 3 did about as well on the training
 * set; 2 was chosen for a little more on the holdout set, whose totals were compared.)
 */
const INTENT_VOTE_WEIGHT = 2;

export function typicality({ queryWeights, phrasingHits, queryTermIndex }: Evidence, phrasings: number, total: number): number {
  if (phrasings === 0) return 0;
  let sum = 0;
  for (let at = 0; at < queryTermIndex.size; at++) sum += queryWeights[at]! * (phrasingHits[at]! / phrasings);
  return Math.min(1, sum / total);
}

/**
 * How likely the entry's phrasings make the query's words: per word, the smoothed share of phrasings that have it,
 * in logs, weighted by the word's weight and averaged over the query; the query's kind of question counts as a
 * word too (`sameIntent`: how many phrasings ask it, -1 when the query asks nothing in particular). Naive Bayes over
 * phrasings; scoreQuery turns it into each candidate's share of the vote.
 */
export function phrasingLogLikelihood(
  { queryWeights, phrasingHits, queryTermIndex }: Evidence,
  phrasings: number,
  sameIntent: number,
): number {
  let sum = 0;
  let weights = 0;
  const denominator = Math.log(phrasings + 2 * VOTE_SMOOTHING);
  if (sameIntent >= 0) {
    sum += INTENT_VOTE_WEIGHT * (Math.log(sameIntent + VOTE_SMOOTHING) - denominator);
    weights += INTENT_VOTE_WEIGHT;
  }
  for (let at = 0; at < queryTermIndex.size; at++) {
    const weight = queryWeights[at]!;
    sum += weight * (Math.log(phrasingHits[at]! + VOTE_SMOOTHING) - denominator);
    weights += weight;
  }
  return weights > 0 ? sum / weights : 0;
}
