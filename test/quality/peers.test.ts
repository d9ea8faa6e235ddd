import { describe, expect, test } from 'vitest';
import type { Entry } from '../../src/knowledge/entry.js';
import { metricsOf } from '../../src/quality/metrics.js';
import { choosePeerThreshold, observeAt, PEERS, sampleSet, type RankedQuery } from '../../src/quality/peers/index.js';
import { char3Terms, wordTerms } from '../../src/quality/peers/tfidf.js';

/** n queries whose top candidate scores `score`, right (the expected entry) or wrong (another, or a decline). */
const queries = (n: number, score: number, right: boolean): RankedQuery[] =>
  Array.from({ length: n }, (_, i) => ({
    query: `${right ? 'right' : 'wrong'} ${score} ${i}`,
    expect: ['a'],
    ranked: [{ id: right ? 'a' : 'b', score }],
  }));

describe('the answer threshold a peer is given', () => {
  test('answers the most right while at most 1% of all queries are answered wrongly', () => {
    // 200 queries: 2 wrong answers allowed. From 0.7 down two are wrong; at 0.6 a third would be.
    const set = [...queries(50, 0.9, true), ...queries(1, 0.85, false), ...queries(1, 0.8, false), ...queries(20, 0.7, true), ...queries(1, 0.6, false), ...queries(127, 0.5, true)];
    expect(set).toHaveLength(200);
    expect(choosePeerThreshold(set)).toBe(0.7);
  });

  test('keeps the higher threshold when a lower one answers no more right', () => {
    const set = [...queries(50, 0.9, true), ...queries(1, 0.8, false), ...queries(49, 0.1, false)];
    expect(choosePeerThreshold(set, 0.05)).toBe(0.9);
  });

  test('answers every query tied at a threshold, or none of them', () => {
    // One right and one wrong at the same score, no wrong answer allowed: 0.5 cannot be chosen.
    const set = [...queries(1, 0.5, true), ...queries(1, 0.5, false)];
    expect(choosePeerThreshold(set, 0)).toBe(Infinity);
  });

  test('answers nothing when even its most confident answer breaks the rule', () => {
    expect(choosePeerThreshold([...queries(1, 0.9, false), ...queries(10, 0.5, true)])).toBe(Infinity);
  });

  test('an unanswered query offers the top 3, which is what shown counts for a peer', () => {
    const ranked: RankedQuery[] = [
      { query: 'q', expect: ['c'], ranked: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, score: 0.5 - i / 10 })) },
      { query: 'r', expect: ['d'], ranked: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, score: 0.5 - i / 10 })) },
    ];
    const observations = observeAt(ranked, 0.6);
    expect(observations.map((o) => o.answered)).toEqual([null, null]);
    expect(observations[0]!.offered).toEqual(['a', 'b', 'c']);
    expect(metricsOf(observations).shown).toBe(1 / 2);
    expect(observeAt(ranked, 0.5)[0]!.answered).toEqual({ id: 'a', score: 0.5 });
  });
});

describe('the sample a slow peer is measured on', () => {
  const set = {
    inScope: Array.from({ length: 300 }, (_, i) => ({ query: `in ${i}`, expect: ['a'] })),
    decline: Array.from({ length: 100 }, (_, i) => ({ query: `out ${i}` })),
  };

  test('holds exactly the asked number, in about the set’s proportions, the same every time', () => {
    const sample = sampleSet(set, 120);
    expect(sample.inScope.length + sample.decline.length).toBe(120);
    expect(sample.inScope.length).toBe(90);
    expect(sampleSet(set, 120)).toEqual(sample);
  });

  test('is the whole set when the set is no larger', () => {
    expect(sampleSet(set, 1000)).toBe(set);
  });
});

describe('the peers', () => {
  const entries: Entry[] = [
    { id: 'refund', question: 'How do I get a refund?', answer: 'Ask support.', alternates: ['money back for an order'], tags: [] },
    { id: 'password', question: 'How do I reset my password?', answer: 'Use the link.', alternates: ['forgot my login'], tags: [] },
    { id: 'shipping', question: 'How long does shipping take?', answer: 'Five days.', alternates: ['when will my parcel arrive'], tags: [] },
  ];

  test.each(PEERS.map((p) => [p.peer.name, p.peer] as const))('%s ranks the entry a plain question is about first, higher scores first', (_, peer) => {
    const ranked = peer.build(entries).rank('how do i reset my password', 5);
    expect(ranked[0]?.id).toBe('password');
    expect(ranked.length).toBeLessThanOrEqual(5);
    const scores = ranked.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('TF-IDF reads lowercased words, and character 3-grams of them padded with a space', () => {
    expect(wordTerms("What's UP?")).toEqual(['what', 's', 'up']);
    expect(char3Terms('Hi, Bo')).toEqual([' hi', 'hi ', 'i b', ' bo', 'bo ']);
    expect(char3Terms('?!')).toEqual([]);
  });
});
