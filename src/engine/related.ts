import type { Entry } from '../knowledge/entry.js';
import type { Matcher } from './index.js';

/**
 * The "People also ask" questions under an answer: entries the matcher ranks close to both what the person asked
 * and the entry that answered it, never that entry itself. Ranked against the two texts together so that a
 * browse through related questions stays on the topic the person started from.
 */
export function relatedQuestions(matcher: Matcher, answered: Entry, asked: string, limit: number): Entry[] {
  const seen = new Set([answered.id]);
  const related: Entry[] = [];
  const pool = [...matcher.rank(`${asked}\n${answered.question}`, limit + 1), ...matcher.rank(answered.question, limit + 1)];
  for (const { entry } of pool) {
    if (related.length >= limit) break;
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    related.push(entry);
  }
  return related;
}
