import type { Entry } from '../knowledge/entry.js';
import type { MatchResult, ScoredEntry } from './types.js';

export type { MatchResult, ScoredEntry, Outcome, SynonymGroups } from './types.js';
export { RANKED_MAX } from './types.js';

/** One reading of a message and its scored candidates, best first. */
export interface Reading {
  text: string;
  candidates: (ScoredEntry & { features: number[]; phrasings: number })[];
}

/** The matcher over one knowledge base. It knows nothing of Discord. */
export interface Matcher {
  /** Decide answer / suggest / decline for whatever a person typed. */
  match(query: string): MatchResult;
  /**
   * How each reading of the message (the whole, each sentence) scored its candidates, with the measures behind
   * each confidence (FEATURE_NAMES order): for fitting the confidence model and for asking "why this answer?".
   */
  explain(query: string): Reading[];
  /** The `limit` most relevant entries for `query`, best first (autocomplete, related questions). */
  rank(query: string, limit: number): ScoredEntry[];
  /** Add an entry, or replace the one with the same id; the index is updated incrementally. */
  upsert(entry: Entry): void;
  /** Remove an entry by id; unknown ids are ignored. */
  remove(id: string): void;
  /** Up to `limit` indexed entries, in a stable order (for lists when there is nothing to rank by). */
  entries(limit?: number): Entry[];
  /** The entry with this id, if indexed. */
  get(id: string): Entry | undefined;
  /** How many entries are indexed. */
  readonly size: number;
  /** A number that changes with every upsert and remove: what a cache of this matcher's rankings is kept by. */
  readonly generation: number;
}

/** A matcher that can be shared: what {@link createMatcher} returns. */
export interface ForkableMatcher extends Matcher {
  /**
   * A matcher that starts with this one's entries and takes changes of its own, sharing this one's indexes: its
   * memory is in proportion to what it changes, and it answers exactly as a matcher built afresh over its entries
   * (those of this one it did not replace or remove, in their order, then its own in the order they were last
   * upserted), scores included. Once forked, a matcher built by createMatcher no longer changes: `upsert` and
   * `remove` throw. A fork's own fork shares the same structures with a copy of its changes, and both may change.
   */
  fork(): ForkableMatcher;
}

export { FEATURE_NAMES } from './features.js';
export { createMatcher, DEFAULT_THRESHOLDS, type MatcherOptions, type MatcherThresholds } from './matcher.js';
