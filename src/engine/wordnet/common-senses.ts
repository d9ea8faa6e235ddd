import type { Sense } from './dictionary.js';

export interface SenseSelection {
  /** At most this many senses per part of speech. */
  maxSenses: number;
  /**
   * A sense is kept when its tag count is at least this share of the lemma's most tagged sense (over the parts
   * of speech the word was reached in). 0 keeps every sense, tagged or not, up to maxSenses.
   */
  minShare: number;
}

/**
 * Which senses of a lemma count as what a person means by it. WordNet orders a lemma's senses by how often
 * each was tagged in its semantic concordance (index.sense has the counts), so the rule is: keep the senses
 * tagged at least a quarter as often as the lemma's most tagged sense, at most two per part of speech. The
 * share is taken over all the parts of speech at once because a part of speech people rarely use a word in is
 * where the noise is:
 * - "buy" verb sense 1 (102 tags: buy, purchase) is kept; verb sense 2 (2 tags: bribe, corrupt) is not, nor is
 *   the untagged noun (bargain, steal), which a per-part-of-speech rule would keep;
 * - "fix": the verb senses (repair, mend; fasten, secure) are kept, the untagged noun (pickle, jam, kettle of
 *   fish) is not;
 * - "begin" keeps only its first verb sense (375 tags: start, commence, set about...), "car" its first noun
 *   sense (71 tags: automobile, auto, motorcar), not the railway car (2 tags);
 * - a lower share reaches further and brings noise with it: at 0.1 "refund" gains repayment, repay and return,
 *   but "fix" gains pickle and "pay" gains give.
 * A lemma no sense of which was ever tagged ("password") keeps the first sense of each part of speech: in
 * WordNet's order that is the lexicographers' first, usually the main one.
 */
export const DEFAULT_SENSE_SELECTION: SenseSelection = { maxSenses: 2, minShare: 0.25 };

/** The common senses among `senses` (all of one lemma), most tagged first. */
export function commonSenses(senses: readonly Sense[], selection: SenseSelection): Sense[] {
  const topTagCount = senses.reduce((top, sense) => Math.max(top, sense.tagCount), 0);
  const keptPerPos = new Map<string, number>();
  const kept: Sense[] = [];
  for (const sense of [...senses].sort((a, b) => a.rank - b.rank)) {
    const keptSoFar = keptPerPos.get(sense.pos) ?? 0;
    if (keptSoFar >= selection.maxSenses || !isCommon(sense, topTagCount, selection.minShare)) continue;
    keptPerPos.set(sense.pos, keptSoFar + 1);
    kept.push(sense);
  }
  // Stable: equal counts keep part-of-speech order, then WordNet's order.
  return kept.sort((a, b) => b.tagCount - a.tagCount);
}

function isCommon(sense: Sense, topTagCount: number, minShare: number): boolean {
  if (minShare <= 0) return true;
  if (topTagCount === 0) return sense.rank === 0;
  return sense.tagCount > 0 && sense.tagCount >= minShare * topTagCount;
}
