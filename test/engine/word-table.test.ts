import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../bench/prng.js';
import { normalize, QUERY_MAX_CHARS, words } from '../../src/engine/text.js';
import { NEEDS_NORMALIZE, SlotBuffer, WordTable } from '../../src/engine/word-table.js';

/** The words the table found in a text, or undefined when it asked for the full normalisation. */
function scanned(table: WordTable, text: string): string[] | undefined {
  const out = new SlotBuffer();
  const count = table.scan(text, out);
  if (count === NEEDS_NORMALIZE) return undefined;
  return Array.from(out.array.subarray(0, count), (slot) => table.words[slot]!);
}

// Seeded, so that a failure can be reproduced.
const random = (seed: number): (() => number) => mulberry32(seed).next;

// Pieces that exercise every rule of normalize() and words(): case, possessives, inner apostrophes and dots,
// markup, links, c++ / c#, curly quotes, non-ASCII letters and digits, and words long enough to need hashing.
const PIECES = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''),
  ...' .\',!?-/:;_()"\n\t=*&%$'.split(''),
  ' ', ' ', ' ', '.', "'", '’', '‘', '`', '´', '<', '>', '@', '#', '+', 'é', 'Ä', 'ß', 'İ', 'K', 'ﬁ', '①', '¼', '😀', '中',
  'http://x.com/a', 'https://y.org', 'HTTP://z', 'http', ':/', '<@123>', '<#45>', '<a:e:1>', '@everyone', '@here',
  'c++', 'C#', 'f#', "'s", "'S", "s's", "x's's", "'s'", 'a.i.', 'node.js', 'v1.2', 'v1.20.3', 'E1234', "don't",
  "NETFLIX'S", 'what', 'for', 'internationalization', 'Internationalisation.Strategies', 'abcdefghij', 'abcdefghijk',
  "abcdefghij'klm", 'abcdefghij.k', '..', "''", ".'", "'.",
];

function randomText(next: () => number, maxPieces: number): string {
  let text = '';
  const pieces = Math.floor(next() * maxPieces);
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

describe('WordTable', () => {
  test('splits plain text as words(normalize(text)) does', () => {
    const table = new WordTable();
    const text = "Why can't I use Node.js v1.2 with NETFLIX's API? It's the 3rd time... (really) don't ask x.y. a'b'c";
    expect(scanned(table, text)).toEqual(words(normalize(text)));
    expect(scanned(table, text)).toEqual(['why', 'cant', 'i', 'use', 'node.js', 'v1.2', 'with', 'netflix', 'api', 'it', 'the', '3rd', 'time', 'really', 'dont', 'ask', 'x.y', 'abc']);
  });

  test('leaves text with markup, links, symbols or non-ASCII characters to the full normalisation', () => {
    const table = new WordTable();
    for (const text of ['hi <@123>', 'mail me@x', 'see http://x.y', 'c++ or c#', 'it`s', 'café', 'it’s']) {
      expect(scanned(table, text)).toBeUndefined();
    }
    // A colon is only a link when "//" follows.
    expect(scanned(table, 'Note: fine')).toEqual(['note', 'fine']);
  });

  test('reads only the first QUERY_MAX_CHARS characters, as normalize does', () => {
    const table = new WordTable();
    const text = 'a'.repeat(QUERY_MAX_CHARS - 3) + " it's netflix's c++";
    expect(scanned(table, text)).toEqual(words(normalize(text)));
    expect(scanned(table, 'word '.repeat(QUERY_MAX_CHARS))).toEqual(words(normalize('word '.repeat(QUERY_MAX_CHARS))));
  });

  test('agrees with words(normalize(text)) on random text, and gives one slot per distinct word', () => {
    const table = new WordTable();
    const next = random(42);
    const slotByWord = new Map<string, number>();
    let fast = 0;
    for (let i = 0; i < 10_000; i++) {
      const text = randomText(next, i % 100 === 0 ? 1_500 : 30);
      const expected = words(normalize(text));
      const found = scanned(table, text);
      if (found !== undefined) {
        fast++;
        expect(found, JSON.stringify(text)).toEqual(expected);
      }
      for (const word of expected) {
        const slot = table.slotOf(word);
        expect(table.words[slot]).toBe(word);
        expect(slotByWord.get(word) ?? slot).toBe(slot);
        slotByWord.set(word, slot);
      }
    }
    // (A text the fast path gives up on may leave slots for the words it read before; they are never used.)
    expect(table.size).toBeGreaterThanOrEqual(slotByWord.size);
    // The comparison means something only if the fast path was taken often enough.
    expect(fast).toBeGreaterThan(1_000);
  });
});
