import { describe, expect, test } from 'vitest';
import { createMatcher, FEATURE_NAMES } from '../../src/engine/index.js';
import type { Entry } from '../../src/knowledge/entry.js';

const entry = (id: string, question: string, alternates: string[], answer: string): Entry => ({ id, question, answer, alternates, tags: [], source: 'test' });

// Every phrasing of each entry names Acme: that is their subject, the domain of this knowledge base.
const entries = [
  entry('deploy', 'How does Acme deploy its services?', ['Where does Acme deploy code?', 'How are Acme services deployed?', 'What does Acme deploy with?', 'Does Acme deploy on Fridays?'], 'Acme deploys with Kubernetes on two clouds, from web development to data pipelines.'),
  entry('hiring', 'How does Acme hire engineers?', ['Is Acme hiring?', 'How do I apply to Acme?', 'What is the Acme interview like?', 'Does Acme hire juniors?'], 'Apply on the careers page; interviews take two weeks.'),
];

const measure = (query: string, id: string, name: (typeof FEATURE_NAMES)[number]) => {
  const matcher = createMatcher(entries);
  const candidate = matcher.explain(query)[0]!.candidates.find((c) => c.entry.id === id)!;
  return candidate.features[FEATURE_NAMES.indexOf(name)]!;
};

describe("an entry's subject (the words nearly all its phrasings repeat)", () => {
  test('is missing from a query that leaves it out', () => {
    expect(measure('how does acme deploy services', 'deploy', 'offSubject')).toBe(0);
    expect(measure('how are services deployed', 'deploy', 'offSubject')).toBeGreaterThan(0);
  });

  test('weighs as the domain when every entry shares it', () => {
    expect(measure('how are services deployed', 'deploy', 'offDomain')).toBe(1);
  });

  test('may be named in another sentence of the same message', () => {
    const matcher = createMatcher(entries);
    const readings = matcher.explain('acme is great. how are services deployed?');
    const sentence = readings.find((r) => r.text === 'how are services deployed?')!;
    const deploy = sentence.candidates.find((c) => c.entry.id === 'deploy')!;
    expect(deploy.features[FEATURE_NAMES.indexOf('offSubject')]).toBe(0);
  });

  test('keeps an off-subject question from being answered by words the answer only mentions', () => {
    const matcher = createMatcher(entries);
    expect(matcher.match('why is web development hard').outcome).not.toBe('answer');
    expect(matcher.match('how does acme deploy its services').match?.entry.id).toBe('deploy');
  });

  test('follows entries as they are added and removed', () => {
    const matcher = createMatcher(entries.slice(0, 1));
    matcher.upsert(entries[1]!);
    matcher.remove('hiring');
    // With one entry left, Acme is still its whole domain.
    const deploy = matcher.explain('how are services deployed')[0]!.candidates[0]!;
    expect(deploy.features[FEATURE_NAMES.indexOf('offDomain')]).toBe(1);
  });
});

describe('an entry with few phrasings', () => {
  test('has no subject to miss: one phrasing cannot tell the subject from the rest', () => {
    const matcher = createMatcher([entry('refunds', 'How do I get a refund?', [], 'Open a ticket within 30 days.')]);
    const candidate = matcher.explain('refund please')[0]!.candidates[0]!;
    expect(candidate.features[FEATURE_NAMES.indexOf('offSubject')]).toBe(0);
    expect(candidate.phrasings).toBe(1);
  });
});
