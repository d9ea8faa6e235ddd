import { describe, expect, test } from 'vitest';
import { CharGramIndex } from '../../src/engine/char-grams.js';
import { createMatcher, type Matcher } from '../../src/engine/index.js';
import { OverlayGrams } from '../../src/engine/overlay-grams.js';
import { Vocabulary } from '../../src/engine/vocabulary.js';
import { OverlayVocabulary } from '../../src/engine/overlay-vocabulary.js';
import type { Entry } from '../../src/knowledge/entry.js';

const entry = (id: string, question: string, answer = 'An answer.', alternates: string[] = []): Entry => ({ id, question, answer, alternates, tags: [] });

const shipped = [
  entry('refund', 'How do I get a refund?', 'Within 30 days.', ['Can I get my money back?', 'refund policy']),
  entry('shipping', 'How long does shipping take?', 'Two days.', ['When will my order arrive?']),
  entry('password', 'How do I reset my password?', 'Use "Forgot password".', ['I forgot my password']),
  entry('cancel', 'How do I cancel my order?', 'From the orders page.'),
];

const QUERIES = ['how do i get a refund', 'refnd', 'how long does shiping take', 'reset password', 'cancel my order', 'what is the best pizza', 'passw'];

function expectSame(actual: Matcher, entries: Entry[]): void {
  const fresh = createMatcher(entries);
  expect(actual.entries().map((e) => e.id)).toEqual(fresh.entries().map((e) => e.id));
  for (const q of QUERIES) {
    expect(actual.match(q), q).toEqual(fresh.match(q));
    expect(actual.rank(q, 5), q).toEqual(fresh.rank(q, 5));
  }
}

describe('matcher.fork()', () => {
  test('starts with the same entries and answers, and leaves the matcher it forked from as it was', () => {
    const base = createMatcher(shipped);
    const before = QUERIES.map((q) => base.match(q));
    const fork = base.fork();
    expectSame(fork, shipped);
    fork.upsert(entry('returns', 'Can I return an item?', 'Yes, unused.'));
    fork.remove('shipping');
    expect(QUERIES.map((q) => base.match(q))).toEqual(before);
    expect(base.get('returns')).toBeUndefined();
    expect(base.get('shipping')).toBeDefined();
  });

  test('lists the shared entries it keeps in their order, then its own in the order last upserted', () => {
    const fork = createMatcher(shipped).fork();
    const edited = { ...shipped[0]!, answer: 'Within 60 days.' };
    fork.upsert(entry('returns', 'Can I return an item?'));
    fork.upsert(edited);
    fork.remove('password');
    expect(fork.entries().map((e) => e.id)).toEqual(['shipping', 'cancel', 'returns', 'refund']);
    expectSame(fork, [shipped[1]!, shipped[3]!, entry('returns', 'Can I return an item?'), edited]);
  });

  test('a word only a removed shared entry had is no longer known: not corrected to, not completed', () => {
    const fork = createMatcher(shipped).fork();
    fork.remove('password');
    expectSame(fork, shipped.filter((e) => e.id !== 'password'));
    expect(fork.match('reset my passwrd').ranked.map((r) => r.entry.id)).not.toContain('password');
  });

  test('an own entry replaced again and again keeps answering exactly (slots renumbered as they pile up)', () => {
    const fork = createMatcher(shipped).fork();
    let last = entry('faq', 'How do I contact support?');
    for (let i = 0; i < 60; i++) {
      last = entry('faq', `How do I contact support number ${i}?`, `Mail ${i}.`);
      fork.upsert(last);
    }
    expectSame(fork, [...shipped, last]);
  });

  test('a fork of a fork carries a copy of its changes; both go on changing apart', () => {
    const first = createMatcher(shipped).fork();
    first.upsert(entry('returns', 'Can I return an item?'));
    first.remove('cancel');
    const second = first.fork();
    expectSame(second, [...shipped.filter((e) => e.id !== 'cancel'), entry('returns', 'Can I return an item?')]);
    first.upsert(entry('x', 'Anything?'));
    expect(second.get('x')).toBeUndefined();
  });

  test('the forked matcher refuses changes', () => {
    const base = createMatcher(shipped);
    base.fork();
    expect(() => base.upsert(entry('x', 'Anything?'))).toThrow(/shared by its forks/);
    expect(() => base.remove('refund')).toThrow(/shared by its forks/);
  });
});

describe('the layered 3-gram counts', () => {
  test('give the idf and similarity of counts built afresh over the entries the overlay sees', () => {
    const base = new CharGramIndex();
    for (const e of shipped) base.upsert(e);
    const overlay = new OverlayGrams(base);
    overlay.hide(shipped[0]!);
    const added = entry('returns', 'Can I return an item?', 'Yes.', ['return policy']);
    overlay.add(added);
    const fresh = new CharGramIndex();
    for (const e of [...shipped.slice(1), added]) fresh.upsert(e);
    expect(overlay.entries).toBe(fresh.entries);
    for (const query of ['return policy', 'refund policy', 'how long does shipping take', 'zzz']) {
      for (const e of [...shipped.slice(1), added]) {
        overlay.prepare(query);
        const a = { ...overlay.similarity(e, { entry: 0, phrasing: 0 }) };
        overlay.done();
        fresh.prepare(query);
        const b = { ...fresh.similarity(e, { entry: 0, phrasing: 0 }) };
        fresh.done();
        expect(a, `${query} / ${e.id}`).toEqual(b);
      }
    }
  });
});

describe('the layered vocabulary', () => {
  test('knows a word while some entry it sees uses it, and files words the shared one never saw', () => {
    const base = new Vocabulary();
    for (const w of ['refund', 'shipping', 'password']) base.register(w);
    const overlay = new OverlayVocabulary(base, new Map([['refund', 1], ['shipping', 2], ['password', 1]]));
    overlay.count(['refund'], -1);
    expect(overlay.has('refund')).toBe(false);
    expect(overlay.has('shipping')).toBe(true);
    expect(overlay.correct('refnd')).toBeUndefined();
    overlay.count(['returns', 'refund'], 1);
    expect(overlay.has('refund')).toBe(true);
    expect(overlay.correct('retruns')).toBe('returns');
    expect(overlay.complete('re', 5)).toEqual(['refund', 'returns']);
    expect(base.has('returns')).toBe(false);
  });
});
