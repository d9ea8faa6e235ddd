import type { Entry } from '../knowledge/entry.js';

/** What the matcher decided for one query. */
export type Outcome = 'answer' | 'suggest' | 'decline';

/** An entry with how sure the matcher is that it answers the query, in [0, 1]. */
export interface ScoredEntry {
  entry: Entry;
  confidence: number;
}

/** The matcher's whole verdict on one query. */
export interface MatchResult {
  query: string;
  outcome: Outcome;
  /** The answering entry when `outcome` is `answer`, else null. */
  match: ScoredEntry | null;
  /** With `suggest`: up to 3 likely entries. With `answer` or `decline`: the runners-up, if any were close. */
  alternatives: ScoredEntry[];
  /**
   * The best candidates whatever the thresholds (up to {@link RANKED_MAX}), best first: so ranking can be
   * measured apart from the decision.
   */
  ranked: ScoredEntry[];
}

/** How many candidates {@link MatchResult.ranked} holds at most. */
export const RANKED_MAX = 5;

/**
 * A knowledge base's own word alterations: each group lists words or phrases that mean the same thing in it
 * ("nf", "netflix"); every member is read as the group's first.
 */
export type SynonymGroups = readonly (readonly string[])[];
