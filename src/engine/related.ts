import type { Entry } from '../knowledge/entry.js';
import type { Matcher, ScoredEntry } from './index.js';

/**
 * What each matcher ranks near each of its entries' own questions, kept until the matcher changes: the half of
 * the related questions that depends on the answered entry only, which would otherwise be ranked again under
 * every answer it gives.
 */
const nearEntries = new WeakMap<Matcher, { generation: number; byEntry: Map<string, ScoredEntry[]> }>();

function rankedNear(matcher: Matcher, answered: Entry, limit: number): ScoredEntry[] {
  let cache = nearEntries.get(matcher);
  if (!cache || cache.generation !== matcher.generation) {
    cache = { generation: matcher.generation, byEntry: new Map() };
    nearEntries.set(matcher, cache);
  }
  const key = `${limit}\n${answered.id}\n${answered.question}`;
  let ranked = cache.byEntry.get(key);
  if (!ranked) {
    ranked = matcher.rank(answered.question, limit);
    cache.byEntry.set(key, ranked);
  }
  return ranked;
}

/**
 * The "People also ask" questions under an answer: entries the matcher ranks close to both what the person asked
 * and the entry that answered it, never that entry itself. Ranked against the two texts together so that a
 * browse through related questions stays on the topic the person started from.
 */
export function relatedQuestions(matcher: Matcher, answered: Entry, asked: string, limit: number): Entry[] {
  const seen = new Set([answered.id]);
  const related: Entry[] = [];
  const pool = [...matcher.rank(`${asked}\n${answered.question}`, limit + 1), ...rankedNear(matcher, answered, limit + 1)];
  for (const { entry } of pool) {
    if (related.length >= limit) break;
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    related.push(entry);
  }
  return related;
}
