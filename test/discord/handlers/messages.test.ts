import { describe, expect, test } from 'vitest';
import { WATCH_MIN_CONFIDENCE } from '../../../src/discord/handlers/messages.js';
import { createMatcher } from '../../../src/engine/index.js';
import { articleEntries } from '../../fixtures/knowledge.js';

describe('the confidence a watched channel needs', () => {
  test("is reached by every entry's own question, asked as written (the article knowledge base)", () => {
    const entries = articleEntries();
    const matcher = createMatcher(entries);
    const short = entries.flatMap((entry) => {
      const result = matcher.match(entry.question);
      const confidence = result.match?.entry.id === entry.id ? result.match.confidence : 0;
      return confidence >= WATCH_MIN_CONFIDENCE ? [] : [`${entry.question} (${confidence})`];
    });
    expect(short).toEqual([]);
  });
});
