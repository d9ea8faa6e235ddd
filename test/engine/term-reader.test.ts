import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../bench/prng.js';
import { ABBREVIATIONS, SYNONYM_GROUPS } from '../../src/engine/lexicon.js';
import { INTENT_CODES, TermReader } from '../../src/engine/term-reader.js';
import { canonicalWords, intentOf, normalize, termOf, words } from '../../src/engine/text.js';
import { Vocabulary } from '../../src/engine/vocabulary.js';

// Seeded, so that a failure can be reproduced.
const random = (seed: number): (() => number) => mulberry32(seed).next;

// Lexicon phrases and abbreviations (the canonical path), question words, stop words, dotted words, possessives.
const PIECES = [
  ...SYNONYM_GROUPS.flat(),
  ...Object.keys(ABBREVIATIONS),
  'what', 'why', 'how', 'for', 'is', 'the', 'a', 'of', 'netflix', "Netflix's", 'Python', 'v1.2', 'node.js', 'E1234',
  '12', '2024', 'x.y', "don't", 'c++', 'C#', 'café', '<@1>', 'to', 'watch', 'go', 'down', 'data', 'science',
  'in', 'ways', 'way', 'manner', 'in what ways', 'in what manner',
];

function randomText(next: () => number): string {
  const parts: string[] = [];
  const length = Math.floor(next() * 12);
  for (let i = 0; i < length; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
  return parts.join(next() < 0.8 ? ' ' : ', ');
}

describe('TermReader', () => {
  test('reads the terms termOf gives for canonicalWords(words(normalize(text))), and the intent', () => {
    const reader = new TermReader(new Vocabulary());
    const next = random(7);
    for (let i = 0; i < 5_000; i++) {
      const text = randomText(next);
      const raw = words(normalize(text));
      const expected = canonicalWords(raw).map(termOf).filter((term) => term !== '');
      const count = reader.read(text);
      const ids = Array.from(reader.ids.subarray(0, count));
      expect(ids, JSON.stringify(text)).toEqual(expected.map((term) => reader.termId(term)));
      expect(INTENT_CODES[reader.intentCode()]).toBe(intentOf(raw));
    }
  });
});
