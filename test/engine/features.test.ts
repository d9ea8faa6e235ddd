import { describe, expect, test } from 'vitest';
import { createMatcher, FEATURE_NAMES } from '../../src/engine/index.js';
import type { Entry } from '../../src/knowledge/entry.js';

const entry = (id: string, question: string, alternates: string[], answer: string): Entry => ({ id, question, answer, alternates, tags: [], source: 'test' });

// Two sibling entries with the same topic words: one is asked "why", the other "how".
const siblings = [
  entry('why-rust', 'Why does Acme use Rust?', ['Why did Acme pick Rust?', 'Why is Rust a fit for Acme?', 'Why Rust at Acme?', 'Why would Acme choose Rust?'], 'Speed and safety.'),
  entry('how-rust', 'How does Acme use Rust?', ['How is Rust used at Acme?', 'What does Acme do with Rust?', 'How does Acme apply Rust?', 'What is Rust used for at Acme?'], 'For the proxy and the build tools.'),
];

const vote = (query: string, id: string) => {
  const candidate = createMatcher(siblings).explain(query)[0]!.candidates.find((c) => c.entry.id === id)!;
  return candidate.features[FEATURE_NAMES.indexOf('phrasingVote')]!;
};

describe("the vote over an entry's phrasings", () => {
  test('counts the kind of question asked: most of one sibling ask why, most of the other how or what', () => {
    expect(vote('why rust acme', 'why-rust')).toBeGreaterThan(vote('why rust acme', 'how-rust'));
    expect(vote('how rust acme', 'how-rust')).toBeGreaterThan(vote('how rust acme', 'why-rust'));
  });

  test('leaves the kind of question out when the query asks nothing in particular', () => {
    // Every phrasing of both has "acme" and "rust"; only how-rust has phrasings that ask nothing. Were a query
    // without a question word counted as asking that, how-rust would get more of the vote.
    const entries = [
      entry('why-rust', 'Why does Acme use Rust?', ['Why did Acme pick Rust?', 'Why Rust at Acme?', 'Why would Acme choose Rust?'], 'Speed.'),
      entry('how-rust', 'How does Acme use Rust?', ['Rust at Acme', 'Acme Rust usage', 'Acme and Rust'], 'For the proxy.'),
    ];
    const candidates = createMatcher(entries).explain('acme rust')[0]!.candidates;
    const [why, how] = ['why-rust', 'how-rust'].map((id) => candidates.find((c) => c.entry.id === id)!.features[FEATURE_NAMES.indexOf('phrasingVote')]!);
    expect(why).toBeCloseTo(how!, 10);
  });
});

describe('the swapped-domain measure', () => {
  const bare = (questions: string[]) => questions.map((question, i) => entry(`e${i}`, question, [], 'An answer.'));
  const swapped = (entries: Entry[], query: string) =>
    createMatcher(entries).explain(query)[0]!.candidates[0]!.features[FEATURE_NAMES.indexOf('swappedDomain')]!;

  test('is set when an unknown word stands where a word most entries share is lacking', () => {
    const acme = bare(['How do I reset my Acme password?', 'How do I cancel my Acme plan?', 'Does Acme work offline?', 'How do I export my Acme data?']);
    expect(swapped(acme, 'how do i reset my zoogle password')).toBe(1);
    expect(swapped(acme, 'how do i reset my acme password')).toBe(0);
  });

  test('is not set by a word of one entry in two: a knowledge base that small has no shared subject', () => {
    const two = bare(['How do I reset my password?', 'How do I change my username?']);
    expect(swapped(two, 'how do i reset my zoogle')).toBe(0);
  });
});
