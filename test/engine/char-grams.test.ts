import { describe, expect, test } from 'vitest';
import { CharGramIndex, charGrams, wordKey, type CharSimilarity } from '../../src/engine/char-grams.js';
import type { Entry } from '../../src/knowledge/entry.js';


function indexOf(...entries: Entry[]): CharGramIndex {
  const index = new CharGramIndex();
  for (const e of entries) index.upsert(e);
  return index;
}

function similarity(index: CharGramIndex, query: string, of: Entry): CharSimilarity {
  index.prepare(query);
  const out = index.similarity(of, { entry: 0, phrasing: 0 });
  index.done();
  return { ...out };
}

const entry = (id: string, question: string, alternates: string[] = []): Entry => ({ id, question, alternates, answer: 'An answer.', tags: [] });

const transfer = entry('transfer', 'How do I transfer money to a friend?', ['Can I send money to someone?']);
const card = entry('card', 'My card has not arrived yet', ['When will my card come?']);
const topUp = entry('top-up', 'How do I top up my account?');

describe('character 3-grams', () => {
  test('read the lowercased words, padded, whatever the punctuation and case', () => {
    expect(wordKey('  Why, NETFLIX?! ')).toBe('why netflix');
    expect(charGrams('Hi!')).toEqual([' hi', 'hi ']);
    expect(charGrams('?!')).toEqual([]);
  });

  test('find a question asked word for word fully similar to its phrasing', () => {
    const index = indexOf(transfer, card, topUp);
    expect(similarity(index, 'how do i transfer money to a friend', transfer).phrasing).toBeCloseTo(1, 6);
  });

  test('tell joined words and other forms of a word close to the entry that has them', () => {
    const index = indexOf(transfer, card, topUp);
    const joined = similarity(index, 'howdo i transfermoney', transfer).entry;
    expect(joined).toBeGreaterThan(similarity(index, 'howdo i transfermoney', card).entry);
    expect(similarity(index, 'topped up my acount', topUp).entry).toBeGreaterThan(similarity(index, 'topped up my acount', transfer).entry);
  });

  test('count a 3-gram as rarer the fewer entries have it, and forget a removed entry', () => {
    const index = indexOf(transfer, card, topUp);
    const before = similarity(index, 'my card', card).entry;
    index.remove(transfer);
    index.upsert(entry('card-frozen', 'My card is frozen'));
    // "my card" is now in two of three entries: it says less about which.
    expect(similarity(index, 'my card', card).entry).toBeLessThan(before);
    expect(index.size).toBe(3);
  });

  test('read an entry replaced under the same id anew', () => {
    const index = indexOf(transfer, card, topUp);
    expect(similarity(index, 'freeze my card', card).phrasing).toBeLessThan(0.8);
    index.remove(card);
    const replaced = entry('card', 'How do I freeze my card?');
    index.upsert(replaced);
    expect(similarity(index, 'freeze my card', replaced).phrasing).toBeGreaterThan(0.8);
  });

  test('score a query of text no entry has as similar to nothing', () => {
    const index = indexOf(transfer, card);
    expect(similarity(index, 'zzqx vvkj', card).entry).toBe(0);
  });
});

/** The textbook definition, computed the slow way: what the index must give exactly. */
function reference(entries: readonly Entry[], query: string, of: Entry): CharSimilarity {
  const counts = (grams: string[]) => grams.reduce((m, g) => m.set(g, (m.get(g) ?? 0) + 1), new Map<string, number>());
  const df = new Map<string, number>();
  for (const e of entries) for (const g of new Set([e.question, ...e.alternates].flatMap(charGrams))) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = (g: string) => Math.log((entries.length + 1) / ((df.get(g) ?? 0) + 1)) + 1;
  const vector = (grams: string[]) => new Map([...counts(grams)].map(([g, c]) => [g, (1 + Math.log(df.has(g) ? c : 1)) * idf(g)] as const));
  const q = counts(charGrams(query));
  const qv = new Map([...q].map(([g, c]) => [g, (1 + Math.log(c)) * idf(g)] as const));
  // An unseen 3-gram counts once per occurrence, each its own dimension.
  const qNorm = Math.sqrt([...q].reduce((s, [g, c]) => s + (df.has(g) ? qv.get(g)! ** 2 : c * idf(g) ** 2), 0));
  const cosine = (v: Map<string, number>) => {
    let dot = 0;
    for (const [g, w] of v) dot += w * (df.has(g) ? qv.get(g) ?? 0 : 0);
    const norm = Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
    return norm > 0 && qNorm > 0 ? dot / (norm * qNorm) : 0;
  };
  const phrasings = [of.question, ...of.alternates];
  return { entry: cosine(vector(phrasings.flatMap(charGrams))), phrasing: Math.max(...phrasings.map((p) => cosine(vector(charGrams(p))))) };
}

describe('character 3-gram similarity', () => {
  test('is exactly TF-IDF cosine (sublinear counts, smoothed idf), for the whole entry and its best phrasing', () => {
    const entries = [transfer, card, topUp, entry('pin', 'How do I change my PIN?', ['change pin number', 'new pin please'])];
    const index = indexOf(...entries);
    for (const query of ['how do i transfer money', 'pin pin pin', 'my card never came, zzqx', 'top up']) {
      for (const e of entries) {
        const got = similarity(index, query, e);
        const want = reference(entries, query, e);
        expect(got.entry).toBeCloseTo(want.entry, 9);
        expect(got.phrasing).toBeCloseTo(want.phrasing, 9);
      }
    }
  });
});
