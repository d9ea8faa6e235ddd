import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../bench/prng.js';
import { DeletionIndex } from '../../src/engine/deletion-index.js';

// Seeded, so that a failure can be reproduced.
const random = (seed: number): (() => number) => mulberry32(seed).next;

describe('DeletionIndex', () => {
  test('finds the words a string is, or becomes with one letter deleted', () => {
    const index = new DeletionIndex();
    const expected = new Map<string, Set<string>>();
    const added = new Set<string>();
    const next = random(11);
    const letters = 'aabbcdeeloostz';
    for (let i = 0; i < 3_000; i++) {
      let word = '';
      const length = 2 + Math.floor(next() * 9);
      for (let k = 0; k < length; k++) word += letters[Math.floor(next() * letters.length)];
      if (added.has(word)) continue;
      added.add(word);
      index.add(word);
      for (let k = -1; k < word.length; k++) {
        const variant = k < 0 ? word : word.slice(0, k) + word.slice(k + 1);
        if (!expected.has(variant)) expected.set(variant, new Set());
        expected.get(variant)!.add(word);
      }
    }
    for (const [variant, want] of expected) {
      const found: string[] = [];
      index.forEachWord(variant, (word) => found.push(word));
      expect(found.sort(), variant).toEqual([...want].sort());
    }
    const none: string[] = [];
    index.forEachWord('zzzzzz', (word) => none.push(word));
    expect(none).toEqual([]);
  });
});
