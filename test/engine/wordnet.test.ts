import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { baseForms, isWord, synonymsOf } from '../../src/engine/wordnet.js';
import { commonSenses, DEFAULT_SENSE_SELECTION } from '../../src/engine/wordnet/common-senses.js';
import type { Sense } from '../../src/engine/wordnet/dictionary.js';
import { BufferLines, FileLines, SortedLines } from '../../src/engine/wordnet/sorted-lines.js';

describe('base forms (WordNet morphy)', () => {
  test('regular inflections are detached by the rules of each part of speech', () => {
    expect(baseForms('crashed')).toEqual(['crash']);
    expect(baseForms('passwords')).toEqual(['password']);
    expect(baseForms('boxes')).toEqual(['box']);
    expect(baseForms('happier')).toEqual(['happy']);
    expect(baseForms('sweetest')).toEqual(['sweet']);
  });

  test('irregular forms come from the exception lists', () => {
    expect(baseForms('went')).toEqual(['go']);
    expect(baseForms('mice')).toEqual(['mouse']);
    expect(baseForms('geese')).toEqual(['goose']);
    expect(baseForms('better')).toEqual(expect.arrayContaining(['good', 'well']));
    // "logging" needs verb.exc ("logg" is no lemma), and is a noun of its own too.
    expect(baseForms('logging')).toEqual(['logging', 'log']);
  });

  test('a lemma reduces to itself', () => {
    expect(baseForms('crash')).toEqual(['crash']);
    expect(baseForms('better')).toContain('better');
  });

  test('nouns ending in "ss" are not detached, as in morph.c', () => {
    expect(baseForms('boss')).toEqual(['boss']);
    expect(baseForms('glass')).toEqual(['glass']);
  });

  test('what is no English word reduces to nothing', () => {
    expect(baseForms('pw')).toEqual([]);
    expect(baseForms('asdfghjk')).toEqual([]);
    expect(baseForms('kubectl')).toEqual([]);
  });

  test('odd input is answered, never thrown on', () => {
    expect(baseForms('')).toEqual([]);
    expect(baseForms('   ')).toEqual([]);
    expect(baseForms('日本')).toEqual([]);
    expect(baseForms('😀')).toEqual([]);
    expect(baseForms('car?')).toEqual([]);
    expect(baseForms('x'.repeat(10_000))).toEqual([]);
    expect(baseForms('\u0000')).toEqual([]);
  });

  test('case, accents and curly apostrophes are folded to WordNet spelling', () => {
    expect(baseForms('CRASHED')).toEqual(['crash']);
    expect(baseForms('Passwords')).toEqual(['password']);
    expect(baseForms('naïve')).toEqual(['naive']);
    expect(baseForms('café')).toEqual(['cafe']);
    expect(baseForms('grease one’s palms')).toEqual(["grease one's palms"]);
  });

  test('multi-word lemmas are written with spaces, and reduced whole or word by word', () => {
    expect(baseForms('credit cards')).toEqual(['credit card']);
    expect(baseForms('credit_card')).toEqual(['credit card']);
    expect(baseForms('  credit   card ')).toEqual(['credit card']);
    expect(baseForms('ran out')).toEqual(['run out']);
    expect(baseForms('looking for')).toContain('look for');
    expect(baseForms('attorneys general')).toEqual(['attorney general']);
    expect(baseForms('credit pw')).toEqual([]);
  });

  test('isWord says whether a form is a lemma or reduces to one', () => {
    expect(isWord('went')).toBe(true);
    expect(isWord('passwords')).toBe(true);
    expect(isWord('credit card')).toBe(true);
    expect(isWord('pw')).toBe(false);
    expect(isWord('')).toBe(false);
  });
});

describe('synonyms in common senses', () => {
  test('words that mean the same in their main sense find each other', () => {
    expect(synonymsOf('purchase')).toContain('buy');
    expect(synonymsOf('buy')).toContain('purchase');
    expect(synonymsOf('begin')).toContain('start');
    expect(synonymsOf('start')).toContain('begin');
    expect(synonymsOf('error')).toContain('mistake');
    expect(synonymsOf('mistake')).toContain('error');
    expect(synonymsOf('car')).toEqual(expect.arrayContaining(['automobile', 'auto']));
    expect(synonymsOf('automobile')).toContain('car');
  });

  test('inflected forms find the synonyms of their base form', () => {
    expect(synonymsOf('purchased')).toContain('buy');
    expect(synonymsOf('Cars')).toContain('automobile');
  });

  test('rare senses are left out: a bought thing is not a bribe, a car is not a railway car', () => {
    expect(synonymsOf('buy')).not.toContain('bribe');
    expect(synonymsOf('buy')).not.toContain('steal'); // the untagged noun "a good buy"
    expect(synonymsOf('car')).not.toContain('railcar');
    expect(synonymsOf('fix')).toContain('repair');
    expect(synonymsOf('fix')).not.toContain('pickle');
  });

  test('only the parts of speech the form was reached in count', () => {
    expect(synonymsOf('crash')).toContain('wreck'); // the noun: a serious accident
    expect(synonymsOf('crashed')).not.toContain('wreck'); // a verb form only
  });

  test('options reach further: more senses, a lower share', () => {
    expect(synonymsOf('refund')).not.toContain('repayment');
    expect(synonymsOf('refund', { minShare: 0.1 })).toContain('repayment');
    expect(synonymsOf('car', { maxSenses: 5, minShare: 0 })).toContain('railcar');
    expect(synonymsOf('car', { maxSenses: 0 })).toEqual([]);
  });

  test('a word no sense of which was ever tagged keeps its first sense', () => {
    expect(synonymsOf('password')).toContain('watchword');
  });

  test('synonyms are lowercase, spaced, distinct, and never the word or its base forms', () => {
    for (const word of ['start', 'begin', 'started', 'car', 'better', 'went', 'error']) {
      const synonyms = synonymsOf(word);
      expect(new Set(synonyms).size).toBe(synonyms.length);
      expect(synonyms).not.toContain(word);
      for (const base of baseForms(word)) expect(synonyms).not.toContain(base);
      for (const synonym of synonyms) expect(synonym).toMatch(/^[a-z0-9'./ -]+$/);
    }
    expect(synonymsOf('begin')).toContain('set about');
    expect(synonymsOf('begin')).not.toContain('menachem begin'); // an untagged noun sense: the person
  });

  test('what is no word has no synonyms, and odd input does not throw', () => {
    expect(synonymsOf('pw')).toEqual([]);
    expect(synonymsOf('')).toEqual([]);
    expect(synonymsOf('😀')).toEqual([]);
  });
});

describe('memoized look-ups', () => {
  test('the same word gives back the same frozen array, whatever its case', () => {
    const first = baseForms('cars');
    expect(baseForms('cars')).toBe(first);
    expect(baseForms('CARS')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const synonyms = synonymsOf('automobile');
    expect(synonymsOf('automobile')).toBe(synonyms);
    expect(Object.isFrozen(synonyms)).toBe(true);
  });

  test('different options are different answers', () => {
    expect(synonymsOf('car', { maxSenses: 5, minShare: 0 })).not.toBe(synonymsOf('car'));
  });
});

describe('the sense rule', () => {
  const sense = (pos: Sense['pos'], rank: number, tagCount: number): Sense => ({ pos, rank, synsetOffset: rank, tagCount });

  test('keeps senses tagged at least a quarter as often as the top one, at most two per part of speech', () => {
    const buy = [sense('verb', 0, 102), sense('verb', 1, 2), sense('noun', 0, 0)];
    expect(commonSenses(buy, DEFAULT_SENSE_SELECTION)).toEqual([buy[0]]);
    const many = [sense('verb', 0, 40), sense('verb', 1, 30), sense('verb', 2, 20), sense('noun', 0, 10)];
    expect(commonSenses(many, DEFAULT_SENSE_SELECTION)).toEqual([many[0], many[1], many[3]]);
  });

  test('an untagged lemma keeps the first sense of each part of speech', () => {
    const untagged = [sense('noun', 0, 0), sense('noun', 1, 0), sense('verb', 0, 0)];
    expect(commonSenses(untagged, DEFAULT_SENSE_SELECTION)).toEqual([untagged[0], untagged[2]]);
  });

  test('the most tagged sense comes first', () => {
    const senses = [sense('noun', 0, 9), sense('verb', 0, 30)];
    expect(commonSenses(senses, DEFAULT_SENSE_SELECTION).map((s) => s.pos)).toEqual(['verb', 'noun']);
  });
});

describe('binary search over sorted lines', () => {
  const text = ['  licence header, indented', 'apple 1', 'apple 2', 'apple_pie 3', 'banana 4', 'cherry%1 5', 'cherry%2 6', `date ${'x'.repeat(2000)}`, 'elder 8'].join('\n') + '\n';
  const directory = mkdtempSync(join(tmpdir(), 'sorted-lines-'));
  const path = join(directory, 'sorted.txt');
  writeFileSync(path, text);
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const sources = { 'in memory': () => new BufferLines(Buffer.from(text)), 'read from disk': () => new FileLines(path) };

  for (const [name, source] of Object.entries(sources)) {
    test(`finds every line by its first field, ${name}`, () => {
      const lines = new SortedLines(source());
      expect(lines.linesWithKey('apple')).toEqual(['apple 1', 'apple 2']);
      expect(lines.linesWithKey('apple_pie')).toEqual(['apple_pie 3']);
      expect(lines.linesWithKey('elder')).toEqual(['elder 8']);
      expect(lines.linesWithKey('date')[0]).toHaveLength(2005); // longer than one disk read
      expect(lines.linesWithPrefix('cherry%')).toEqual(['cherry%1 5', 'cherry%2 6']);
      expect(lines.hasKey('banana')).toBe(true);
    });

    test(`finds nothing for what is not there, ${name}`, () => {
      const lines = new SortedLines(source());
      for (const missing of ['', 'aardvark', 'app', 'apples', 'cherry', 'zebra', 'licence']) {
        expect(lines.linesWithKey(missing)).toEqual([]);
        expect(lines.hasKey(missing)).toBe(false);
      }
    });
  }
});
