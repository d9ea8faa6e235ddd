import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../bench/prng.js';
import { NearWords } from '../../src/engine/near-words.js';

/** The plain way: spell out every candidate and look it up. near-words.ts must agree with it exactly. */
function bestRankBySpelling(typed: string, ranks: ReadonlyMap<string, number>): number | undefined {
  let best: number | undefined;
  const consider = (word: string) => {
    const rank = ranks.get(word);
    if (rank !== undefined && (best === undefined || rank < best)) best = rank;
  };
  for (let i = 0; i <= typed.length; i++) {
    const head = typed.slice(0, i);
    const tail = typed.slice(i);
    if (tail) consider(head + tail.slice(1));
    if (tail.length > 1) consider(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      if (tail) consider(head + letter + tail.slice(1));
      consider(head + letter + tail);
    }
  }
  return best;
}

describe('finding the most frequent word one slip away', () => {
  const dictionary: [string, number][] = ['the', 'special', 'species', 'environment', 'install', 'offline', 'reference', 'python', 'typhon', 'recommend', 'speical'].map((w, i) => [w, i]);
  dictionary.pop(); // "speical" is a typo, not a word of the dictionary
  const ranks = new Map(dictionary);
  const near = new NearWords(dictionary);

  test('finds the word meant for each kind of slip', () => {
    expect(near.bestRankNear('speical')).toBe(ranks.get('special')); // swapped neighbours
    expect(near.bestRankNear('envirnoment')).toBe(ranks.get('environment'));
    expect(near.bestRankNear('insatll')).toBe(ranks.get('install'));
    expect(near.bestRankNear('offilne')).toBe(ranks.get('offline'));
    expect(near.bestRankNear('referrence')).toBe(ranks.get('reference')); // a letter doubled
    expect(near.bestRankNear('pythn')).toBe(ranks.get('python')); // a letter dropped
    expect(near.bestRankNear('pythonn')).toBe(ranks.get('python')); // a letter doubled
    expect(near.bestRankNear('pxthon')).toBe(ranks.get('python')); // a letter changed
  });

  test('finds nothing when no word is one slip away', () => {
    expect(near.bestRankNear('zzzzqqq')).toBeUndefined();
  });

  test('agrees with spelling out every candidate, on random typed words', () => {
    const random = mulberry32(7).next;
    const words = [...ranks.keys()];
    for (let k = 0; k < 2_000; k++) {
      // Mostly slips of dictionary words (two slips, so that many have no neighbour), some random letters.
      let typed = k % 5 === 0 ? '' : words[Math.floor(random() * words.length)]!;
      if (typed === '') for (let i = 0; i < 4 + Math.floor(random() * 6); i++) typed += String.fromCharCode(97 + Math.floor(random() * 26));
      for (let slip = 0; slip < 2; slip++) {
        const at = Math.floor(random() * typed.length);
        typed = typed.slice(0, at) + String.fromCharCode(97 + Math.floor(random() * 26)) + typed.slice(at + 1);
      }
      expect(near.bestRankNear(typed), typed).toBe(bestRankBySpelling(typed, ranks));
    }
  });
});
