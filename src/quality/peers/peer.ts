import type { Entry } from '../../knowledge/entry.js';
import type { Candidate } from '../metrics.js';

/**
 * An engine ours is compared with. A peer only ranks: it has no notion of declining or of "did you mean", so the
 * quality report gives it an answer threshold chosen on the set itself (see threshold.ts).
 */
export interface Peer {
  /** Short key, as in the report's rows ("fuse", "minisearch", "tfidf-words", "tfidf-char3"). */
  readonly name: string;
  /** How it indexes the entries, one line for the report. */
  readonly description: string;
  build(entries: readonly Entry[]): PeerIndex;
}

export interface PeerIndex {
  /** Up to `limit` entries for `query`, best first, each with the peer's own score (higher is better). */
  rank(query: string, limit: number): Candidate[];
}

/** Every phrasing of an entry a person might have typed: its question, then its alternates. */
export function phrasingsOf(entry: Entry): string[] {
  return [entry.question, ...entry.alternates];
}

/** Keeps each entry's best score over its phrasings, best entries first. */
export function bestPerEntry(scored: Iterable<Candidate>, limit: number): Candidate[] {
  const best = new Map<string, number>();
  for (const { id, score } of scored) if (score > (best.get(id) ?? -Infinity)) best.set(id, score);
  return [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

/**
 * Ids of the entries whose answer is worth indexing: an answer every entry shares (the protocol sets' neutral
 * sentence) cannot tell entries apart, and only costs the slow peers time.
 */
export function informativeAnswers(entries: readonly Entry[]): Set<string> {
  const shared = entries.length > 1 && entries.every((e) => e.answer === entries[0]!.answer);
  return new Set(shared ? [] : entries.map((e) => e.id));
}
