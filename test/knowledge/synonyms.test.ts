import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { KnowledgeError } from '../../src/knowledge/errors.js';
import {
  formatKnowledgeFile,
  loadKnowledgeBase,
  loadKnowledgeDir,
  parseKnowledgeBase,
  parseKnowledgeDocument,
  parseKnowledgeFile,
} from '../../src/knowledge/files.js';
import { parseImportFile } from '../../src/knowledge/import-file.js';
import {
  SYNONYM_GROUP_MAX,
  SYNONYM_GROUPS_MAX,
  diffSynonyms,
  parseWordList,
  validateSynonyms,
  withGroupAdded,
  withWordRemoved,
} from '../../src/knowledge/synonyms.js';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';

/** A small gaming server's FAQ with its own words. */
const GAMING = `source: Server FAQ
synonyms:
  - [player versus player, pvp]
  - [experience points, xp, exp]
  - [mmo, massively multiplayer]
entries:
  - id: how-do-i-earn-xp
    question: How do I earn experience points?
    answer: Finish quests and daily missions.
`;

const withSynonyms = (block: string) => `synonyms:\n${block}entries:\n  - id: a\n    question: What is A?\n    answer: A thing.\n`;

/** The KnowledgeError `run` throws; fails the test if it throws nothing or something else. */
function refusal(run: () => unknown): KnowledgeError {
  try {
    run();
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error('expected a KnowledgeError');
}

describe('a knowledge file with a synonyms block', () => {
  test('is read as entries and groups, each group in its order, the first member what the others are read as', () => {
    const base = parseKnowledgeBase(GAMING, 'gaming.yaml');
    expect(base.entries.map((e) => e.id)).toEqual(['how-do-i-earn-xp']);
    expect(base.synonyms).toEqual([
      ['player versus player', 'pvp'],
      ['experience points', 'xp', 'exp'],
      ['mmo', 'massively multiplayer'],
    ]);
  });

  test('still reads as a list of entries for callers that want only those', () => {
    expect(parseKnowledgeFile(GAMING, 'gaming.yaml').map((e) => e.id)).toEqual(['how-do-i-earn-xp']);
  });

  test('trims, lowercases and single-spaces members, and straightens apostrophes', () => {
    const { synonyms } = parseKnowledgeBase(withSynonyms('  - ["  Player   Versus Player ", PvP]\n  - [don’t, do not]\n'), 'x.yaml');
    expect(synonyms).toEqual([
      ['player versus player', 'pvp'],
      ["don't", 'do not'],
    ]);
  });

  test('keeps the punctuation of names: node.js, c#, c++, 24/7, a.i., e-sports', () => {
    const { synonyms } = parseKnowledgeBase(withSynonyms('  - [node.js, node]\n  - [c#, csharp]\n  - [c++, cpp]\n  - ["24/7", always]\n  - [a.i., ai]\n  - [e-sports, esports]\n'), 'x.yaml');
    expect(synonyms.flat()).toEqual(['node.js', 'node', 'c#', 'csharp', 'c++', 'cpp', '24/7', 'always', 'a.i.', 'ai', 'e-sports', 'esports']);
  });

  test('accepts letters of any script', () => {
    expect(parseKnowledgeBase(withSynonyms('  - [jeu, partie]\n  - [größe, groesse]\n'), 'x.yaml').synonyms).toEqual([
      ['jeu', 'partie'],
      ['größe', 'groesse'],
    ]);
  });

  test('may hold only synonyms: a vocabulary file without entries', () => {
    expect(parseKnowledgeBase('synonyms:\n  - [gg, good game]\n', 'words.yaml')).toEqual({ entries: [], synonyms: [['gg', 'good game']] });
  });

  test('without a block has no groups, and tells an import there was none to apply', () => {
    const text = 'entries:\n  - id: a\n    question: What is A?\n    answer: A thing.\n';
    expect(parseKnowledgeBase(text, 'x.yaml').synonyms).toEqual([]);
    expect(parseKnowledgeDocument(text, 'x.yaml').synonyms).toBeUndefined();
    expect(parseKnowledgeDocument(`synonyms: []\n${text}`, 'x.yaml').synonyms).toEqual([]);
  });

  test.each([
    ['an empty group', '  - []\n', /x\.yaml: synonym group 1: is empty/],
    ['a group of one', '  - [pvp]\n', /synonym group 1 \(pvp\): has one member; a group needs at least 2/],
    ['a member twice in one group', '  - [pvp, pvp]\n', /synonym group 1 \(pvp\): "pvp" is listed twice/],
    ['an empty member', '  - [pvp, "  "]\n', /synonym group 1 \(pvp\): member 2 is empty/],
    ['a number', '  - [level, 3]\n', /member 2 must be text \(put numbers in quotes\)/],
    ['a nested list', '  - [level, [a, b]]\n', /member 2 must be text/],
    ['a group that is not a list', '  - pvp\n', /x\.yaml: synonym group 1: must be a list of words, like \[password, pw\]/],
    ['a mention', '  - [pvp, "<@123456789012345678>"]\n', /"<@123456789012345678>" may hold only letters, digits, spaces and \. - ' \/ \+ #/],
    ['an emoji', '  - [gg, "🎮"]\n', /may hold only letters/],
    ['punctuation alone', '  - [gg, "..."]\n', /"\.\.\." has no letter or digit/],
    ['a member of 61 characters', `  - [gg, ${'a'.repeat(61)}]\n`, /is longer than 60 characters/],
  ])('refuses %s, naming the file and the group', (_case, block, message) => {
    const error = refusal(() => parseKnowledgeBase(withSynonyms(block), 'x.yaml'));
    expect(error.code).toBe('invalid-synonyms');
    expect(error.message).toMatch(message);
  });

  test('refuses a member in two groups, naming the member and both groups', () => {
    const error = refusal(() => parseKnowledgeBase(withSynonyms('  - [experience points, xp]\n  - [exp, xp]\n'), 'x.yaml'));
    expect(error.message).toBe('x.yaml: synonym group 2 (exp): "xp" is also in synonym group 1 (experience points); a word belongs to one group');
  });

  test('counts members as the same after normalising: "XP" and "xp" are one member', () => {
    expect(refusal(() => parseKnowledgeBase(withSynonyms('  - [experience points, XP]\n  - [exp, xp ]\n'), 'x.yaml')).message).toMatch(/"xp" is also in/);
  });

  test('names every problem at once', () => {
    const error = refusal(() => parseKnowledgeBase(withSynonyms('  - []\n  - [pvp]\n  - [a, "🎮"]\n'), 'x.yaml'));
    expect(error.message.split('\n')).toHaveLength(3);
  });

  test(`refuses more than ${SYNONYM_GROUP_MAX} members in a group, and more than ${SYNONYM_GROUPS_MAX} groups`, () => {
    const big = Array.from({ length: SYNONYM_GROUP_MAX + 1 }, (_, i) => `word${i}`);
    expect(refusal(() => validateSynonyms([big], 'x.yaml')).message).toMatch(/has 51 members; at most 50/);
    const many = Array.from({ length: SYNONYM_GROUPS_MAX + 1 }, (_, i) => [`a${i}`, `b${i}`]);
    expect(refusal(() => validateSynonyms(many, 'x.yaml')).message).toBe('x.yaml: more than 500 synonym groups (501).');
  });

  test('refuses a block that is not a list', () => {
    expect(refusal(() => parseKnowledgeBase('synonyms: pvp\nentries: []\n', 'x.yaml')).message).toMatch(/x\.yaml: "synonyms" must be a list of groups/);
  });
});

describe('a knowledge file written by formatKnowledgeFile', () => {
  const { entries, synonyms } = parseKnowledgeBase(GAMING, 'gaming.yaml');

  test('round-trips entries and groups unchanged', () => {
    expect(parseKnowledgeBase(formatKnowledgeFile(entries, synonyms), 'again.yaml')).toEqual({ entries, synonyms });
  });

  test('writes one group a line, in flow style, before the entries', () => {
    const text = formatKnowledgeFile(entries, synonyms);
    expect(text).toContain('synonyms:\n  - [player versus player, pvp]\n  - [experience points, xp, exp]\n');
    expect(text.indexOf('synonyms:')).toBeLessThan(text.indexOf('entries:'));
  });

  test('quotes what YAML would otherwise read as something else, and reads it back as written', () => {
    const tricky = [['null', 'nothing'], ['yes', 'yeah'], ['1', 'one'], ['c #', 'c sharp'], ['-x', 'minus x'], ["don't", 'do not'], ['24/7', 'always']];
    expect(parseKnowledgeBase(formatKnowledgeFile([], tricky), 'x.yaml').synonyms).toEqual(tricky);
  });

  test('writes an empty block for an empty vocabulary, and none when no vocabulary is given', () => {
    expect(parseKnowledgeDocument(formatKnowledgeFile(entries, []), 'x.yaml').synonyms).toEqual([]);
    expect(formatKnowledgeFile(entries)).not.toContain('synonyms');
  });
});

describe('a knowledge folder', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'paa-synonyms-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  test("loads as one knowledge base: every file's entries, and the groups of all files one after the other", () => {
    const dir = folder({ 'a.yaml': GAMING, 'b.yaml': 'synonyms:\n  - [gg, good game]\n' });
    expect(loadKnowledgeBase(dir).synonyms).toEqual([['player versus player', 'pvp'], ['experience points', 'xp', 'exp'], ['mmo', 'massively multiplayer'], ['gg', 'good game']]);
    expect(loadKnowledgeDir(dir).map((e) => e.id)).toEqual(['how-do-i-earn-xp']);
  });

  test('refuses a member repeated across files, naming both files and groups', () => {
    const dir = folder({ 'a.yaml': GAMING, 'b.yaml': 'synonyms:\n  - [gg, good game]\n  - [level up, xp]\n' });
    const error = refusal(() => loadKnowledgeBase(dir));
    expect(error.code).toBe('duplicate-synonym');
    expect(error.message).toBe('b.yaml, synonym group 2 (level up): "xp" is also in a.yaml, synonym group 2 (experience points); a word belongs to one group.');
  });

  test(`refuses more than ${SYNONYM_GROUPS_MAX} groups across its files, though each file has fewer`, () => {
    const block = (file: string) => `synonyms:\n${Array.from({ length: 300 }, (_, i) => `  - [${file}${i}, ${file}${i}x]\n`).join('')}`;
    const dir = folder({ 'a.yaml': block('a'), 'b.yaml': block('b') });
    expect(refusal(() => loadKnowledgeBase(dir)).message).toBe(`${dir}: more than 500 synonym groups across its files (600).`);
  });

  test("the frozen article copy carries the article's own vocabulary", () => {
    const { synonyms } = loadKnowledgeBase(ARTICLE_KNOWLEDGE_DIR);
    expect(synonyms.length).toBeGreaterThan(40);
    expect(synonyms).toContainEqual(['netflix', 'nf']);
    expect(synonyms).toContainEqual(['open source', 'oss', 'foss', 'opensource', 'github']);
  });
});

describe('an imported file', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  test('carries the vocabulary of a YAML export, and says when it has none', () => {
    expect(parseImportFile('faq.yaml', bytes(GAMING)).synonyms).toHaveLength(3);
    expect(parseImportFile('faq.yaml', bytes('entries: []\n')).synonyms).toBeUndefined();
  });

  test('carries the vocabulary of a JSON export, checked the same way', () => {
    const json = JSON.stringify({ entries: [], synonyms: [['GG', 'good game']] });
    expect(parseImportFile('faq.json', bytes(json))).toEqual({ entries: [], synonyms: [['gg', 'good game']] });
    expect(() => parseImportFile('faq.json', bytes(JSON.stringify({ entries: [], synonyms: [['gg']] })))).toThrow(/faq\.json: synonym group 1 \(gg\): has one member/);
  });
});

describe('editing a vocabulary', () => {
  const groups = [['experience points', 'xp', 'exp'], ['player versus player', 'pvp']];

  test('reads a typed list at commas, normalising each word and dropping empty pieces', () => {
    expect(parseWordList(' Netflix ,NF, , ')).toEqual(['netflix', 'nf']);
    expect(parseWordList('')).toEqual([]);
  });

  test('adds a group at the end, in the order typed', () => {
    expect(withGroupAdded(groups, ['gg', 'good game'])).toEqual([...groups, ['gg', 'good game']]);
  });

  test('refuses a word already in another group, naming that group, and changes nothing', () => {
    const error = refusal(() => withGroupAdded(groups, ['level', 'xp']));
    expect(error.code).toBe('synonym-taken');
    expect(error.message).toBe('"xp" is already in group 1 (experience points ← xp, exp). Remove it there first: a word belongs to one group. Nothing was changed.');
    expect(groups).toHaveLength(2);
  });

  test.each([
    ['nothing', [], /Type at least two words or phrases, separated by commas/],
    ['one word', ['gg'], /Type at least two words/],
    ['a word twice', ['gg', 'gg'], /^"gg" is listed twice\. Nothing was changed\.$/],
    ['a mention', ['gg', '@everyone'], /"@everyone" may hold only letters/],
    ['a huge word', ['gg', 'g'.repeat(5_000)], /is longer than 60 characters/],
  ])('refuses %s with one clear line', (_case, words, message) => {
    const error = refusal(() => withGroupAdded(groups, words));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  test('removes a word from its group; the group stays while it has two members', () => {
    expect(withWordRemoved(groups, 'EXP')).toEqual({ groups: [['experience points', 'xp'], groups[1]], before: groups[0], after: ['experience points', 'xp'] });
  });

  test('removes the whole group when it would be left with one member', () => {
    expect(withWordRemoved(groups, 'pvp')).toEqual({ groups: [groups[0]], before: groups[1], after: null });
  });

  test('refuses a word no group holds', () => {
    expect(refusal(() => withWordRemoved(groups, 'mmo')).message).toBe('No synonym group holds "mmo". Nothing was changed.');
  });

  test('tells which groups an import adds and removes', () => {
    expect(diffSynonyms(groups, [groups[0]!, ['gg', 'good game']])).toEqual({ added: [['gg', 'good game']], removed: [groups[1]] });
  });
});
