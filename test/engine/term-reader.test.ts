import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../bench/prng.js';
import { WordAlterations } from '../../src/engine/alterations.js';
import { INTENT_CODES, TermReader } from '../../src/engine/term-reader.js';
import { intentOf, normalize, words } from '../../src/engine/text.js';
import { Vocabulary } from '../../src/engine/vocabulary.js';

// Seeded, so that a failure can be reproduced.
const random = (seed: number): (() => number) => mulberry32(seed).next;

// A knowledge base's own synonyms: words, phrases and abbreviations standing for several words.
const GROUPS = [
  ['password', 'pw', 'passcode', 'pass word'],
  ['log in', 'login', 'sign in', 'signin'],
  ['controller', 'gamepad', 'joy pad'],
  ['customer support', 'cs', 'help desk', 'support team'],
  ['crash', 'freeze', 'hang'],
];
const alterations = new WordAlterations(GROUPS);

// Synonym phrases and abbreviations (the canonical path), question words, stop words, dotted words, possessives.
const PIECES = [
  ...GROUPS.flat(),
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
  test('reads the terms the alterations give for words(normalize(text)), and the intent', () => {
    const reader = new TermReader(new Vocabulary(), alterations);
    const next = random(7);
    for (let i = 0; i < 5_000; i++) {
      const text = randomText(next);
      const raw = words(normalize(text));
      const expected = alterations.canonicalWords(raw).map((w) => alterations.termOf(w)).filter((term) => term !== '');
      const count = reader.read(text);
      const ids = Array.from(reader.ids.subarray(0, count));
      expect(ids, JSON.stringify(text)).toEqual(expected.map((term) => reader.termId(term)));
      expect(INTENT_CODES[reader.intentCode()]).toBe(intentOf(raw));
    }
  });
});
