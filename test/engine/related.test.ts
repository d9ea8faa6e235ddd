import { describe, expect, test, vi } from 'vitest';
import { createMatcher } from '../../src/engine/index.js';
import { relatedQuestions } from '../../src/engine/related.js';
import type { Entry } from '../../src/knowledge/entry.js';

const entry = (id: string, question: string): Entry => ({ id, question, answer: `${question} An answer.`, alternates: [], tags: [] });

// A small FAQ of another domain (a game's), so nothing here depends on the shipped article.
const faq = [
  entry('log-in', 'How do I log in to my account?'),
  entry('log-out', 'How do I log out of my account?'),
  entry('reset-password', 'How do I reset my account password?'),
  entry('crash', 'Why does the game crash on start?'),
  entry('refund', 'Can I get a refund for a purchase?'),
];

describe('related questions under an answer', () => {
  test('are other entries near the answered one, never the answered entry, at most the limit', () => {
    const matcher = createMatcher(faq);
    const answered = matcher.get('log-in')!;
    const related = relatedQuestions(matcher, answered, 'how do i log in', 3);
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related.map((e) => e.id)).not.toContain('log-in');
    expect(related.map((e) => e.id)).toContain('log-out');
  });

  test('ranks what is near the answered entry once per matcher, until the matcher changes', () => {
    const matcher = createMatcher(faq);
    const rank = vi.spyOn(matcher, 'rank');
    const answered = matcher.get('log-in')!;
    const first = relatedQuestions(matcher, answered, 'how do i log in', 3);
    const again = relatedQuestions(matcher, answered, 'how do i log in', 3);
    // Two rankings the first time (the question asked, the entry), one the second (the question asked).
    expect(rank).toHaveBeenCalledTimes(3);
    expect(again).toEqual(first);

    matcher.upsert(entry('log-in-console', 'How do I log in to my account on a console?'));
    const after = relatedQuestions(matcher, answered, 'how do i log in', 3);
    expect(rank).toHaveBeenCalledTimes(5);
    expect(after.map((e) => e.id)).toContain('log-in-console');
  });
});
