import { describe, expect, test } from 'vitest';
import { StaleVocabularyError } from '../../src/store/errors.js';
import { GUILD, OTHER_GUILD, alice, bob, entry, refusal, setup } from './setup.js';

const START = Date.UTC(2025, 0, 1);
/** The setup clock ticks one second per reading, and each write reads it once. */
const write = (n: number) => new Date(START + n * 1_000);

const gaming = [
  ['experience points', 'xp'],
  ['player versus player', 'pvp'],
];

describe('the vocabulary store, given a guild that never saved a vocabulary', () => {
  test('has none (the guild sees the shipped groups), no history, and nothing changed', async () => {
    const store = await setup().open();
    expect(await store.vocabulary(GUILD)).toBeUndefined();
    expect(await store.vocabularyHistory(GUILD)).toEqual([]);
    expect(await store.vocabularyChangesSince(0)).toEqual({ sequence: 0, guildIds: [] });
  });
});

describe('the vocabulary store, given a moderator saves a vocabulary', () => {
  test('stores the whole list as revision 1, with who saved it when', async () => {
    const store = await setup().open();
    const saved = await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    const revision = { revision: 1, action: 'edit', groups: gaming, restoredFrom: null, author: alice, createdAt: write(1) };
    expect(saved).toEqual(revision);
    expect(await store.vocabulary(GUILD)).toEqual(revision);
    expect(await store.vocabularyHistory(GUILD)).toEqual([revision]);
  });

  test('stores it normalised, as a knowledge file would load it', async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: GUILD, groups: [['  Experience  Points ', 'XP']], expectedRevision: 0, author: alice });
    expect((await store.vocabulary(GUILD))?.groups).toEqual([['experience points', 'xp']]);
  });

  test('numbers each save, newest first in the history, and keeps every revision', async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    await store.saveVocabulary({ guildId: GUILD, groups: [gaming[0]!], expectedRevision: 1, author: bob });
    expect((await store.vocabularyHistory(GUILD)).map((r) => [r.revision, r.author.name, r.groups.length])).toEqual([
      [2, 'Bob', 1],
      [1, 'Alice', 2],
    ]);
    expect((await store.vocabulary(GUILD))?.revision).toBe(2);
  });

  test('saves an empty list as a vocabulary of its own: the guild then has no groups, not the shipped ones', async () => {
    const store = await setup().open();
    expect((await store.saveVocabulary({ guildId: GUILD, groups: [], expectedRevision: 0, author: alice })).groups).toEqual([]);
    expect(await store.vocabulary(GUILD)).toMatchObject({ revision: 1, groups: [] });
  });

  test("keeps guilds apart: another guild's vocabulary is untouched and numbered on its own", async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    expect(await store.vocabulary(OTHER_GUILD)).toBeUndefined();
    expect((await store.saveVocabulary({ guildId: OTHER_GUILD, groups: [gaming[1]!], expectedRevision: 0, author: bob })).revision).toBe(1);
    expect((await store.vocabulary(GUILD))?.groups).toEqual(gaming);
  });

  test('survives a reopen', async () => {
    const { open } = setup();
    const first = await open();
    await first.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    await first.close();
    expect((await (await open()).vocabulary(GUILD))?.groups).toEqual(gaming);
  });
});

describe('the vocabulary store, given a write based on an old revision', () => {
  test('refuses it, saying who changed it when, and writes nothing', async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    const error = await refusal(async () => await store.saveVocabulary({ guildId: GUILD, groups: [], expectedRevision: 0, author: bob }));
    expect(error).toBeInstanceOf(StaleVocabularyError);
    expect(error.code).toBe('stale-revision');
    expect(error.message).toBe(`The synonyms were changed by Alice at ${write(1).toISOString()} (revision 1) since you read revision 0: reload them and try again.`);
    expect(await store.vocabularyHistory(GUILD)).toHaveLength(1);
    expect((await store.vocabulary(GUILD))?.groups).toEqual(gaming);
  });

  test('refuses a revision from the future too', async () => {
    const store = await setup().open();
    const error = await refusal(async () => await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 3, author: bob }));
    expect(error.message).toBe('The synonyms are at revision 0, not 3: reload them and try again.');
    expect(await store.vocabulary(GUILD)).toBeUndefined();
  });

  test('lets only one of two processes writing the same revision win', async () => {
    const { open } = setup();
    const bot = await open();
    const cli = await open();
    await bot.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    expect((await refusal(() => cli.saveVocabulary({ guildId: GUILD, groups: [], expectedRevision: 0, author: bob }))).code).toBe('stale-revision');
  });
});

describe('the vocabulary store, given invalid groups', () => {
  test.each([
    ['a member in two groups', [['xp', 'exp'], ['level', 'xp']], /"xp" is also in synonym group 1/],
    ['a group of one', [['xp']], /has one member/],
    ['a mention', [['xp', '<@300000000000000001>']], /may hold only letters/],
    ['not a list', 'xp' as never, /must be a list of groups/],
  ])('refuses %s as invalid-synonyms and writes nothing', async (_case, groups, message) => {
    const store = await setup().open();
    const error = await refusal(async () => await store.saveVocabulary({ guildId: GUILD, groups, expectedRevision: 0, author: alice }));
    expect(error.code).toBe('invalid-synonyms');
    expect(error.message).toMatch(message);
    expect(await store.vocabularyHistory(GUILD)).toEqual([]);
  });
});

describe('the vocabulary store, given a restore', () => {
  test("writes an older revision's groups as a new revision, saying which one", async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    await store.saveVocabulary({ guildId: GUILD, groups: [], expectedRevision: 1, author: alice });
    const restored = await store.restoreVocabulary({ guildId: GUILD, revision: 1, expectedRevision: 2, author: bob });
    expect(restored).toEqual({ revision: 3, action: 'restore', groups: gaming, restoredFrom: 1, author: bob, createdAt: write(3) });
    expect((await store.vocabularyHistory(GUILD)).map((r) => r.revision)).toEqual([3, 2, 1]);
  });

  test("refuses a revision the guild does not have, another guild's included", async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: OTHER_GUILD, groups: gaming, expectedRevision: 0, author: alice });
    const error = await refusal(async () => await store.restoreVocabulary({ guildId: GUILD, revision: 1, expectedRevision: 0, author: bob }));
    expect(error.code).toBe('unknown-revision');
    expect(error.message).toBe('The synonyms have no revision 1 on this server.');
    expect(await store.vocabulary(GUILD)).toBeUndefined();
  });

  test('refuses a stale restore', async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    await store.saveVocabulary({ guildId: GUILD, groups: [], expectedRevision: 1, author: alice });
    expect((await refusal(async () => await store.restoreVocabulary({ guildId: GUILD, revision: 1, expectedRevision: 1, author: bob }))).code).toBe('stale-revision');
    expect((await store.vocabulary(GUILD))?.revision).toBe(2);
  });
});

describe('the vocabulary store, given an import', () => {
  test('saves the entries and the vocabulary together, the vocabulary as an import', async () => {
    const store = await setup().open();
    await store.applyBatch(GUILD, [{ entry: entry('what-is-xp'), before: null, expectedRevision: 0 }], alice, { groups: gaming, expectedRevision: 0 });
    expect(await store.currentRevision(GUILD, 'what-is-xp')).toBe(1);
    expect(await store.vocabulary(GUILD)).toMatchObject({ revision: 1, action: 'import', groups: gaming });
  });

  test('saves a vocabulary alone, with no entry changes', async () => {
    const store = await setup().open();
    expect(await store.applyBatch(GUILD, [], alice, { groups: gaming, expectedRevision: 0 })).toEqual([]);
    expect((await store.vocabulary(GUILD))?.groups).toEqual(gaming);
  });

  test('writes neither when the vocabulary is stale', async () => {
    const store = await setup().open();
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: bob });
    const error = await refusal(async () => await store.applyBatch(GUILD, [{ entry: entry('what-is-xp'), before: null, expectedRevision: 0 }], alice, { groups: [], expectedRevision: 0 }));
    expect(error.code).toBe('stale-revision');
    expect(await store.currentRevision(GUILD, 'what-is-xp')).toBe(0);
    expect(await store.vocabularyHistory(GUILD)).toHaveLength(1);
  });

  test('writes neither when the vocabulary is invalid, or an entry is', async () => {
    const store = await setup().open();
    const change = { entry: entry('what-is-xp'), before: null, expectedRevision: 0 };
    expect((await refusal(async () => await store.applyBatch(GUILD, [change], alice, { groups: [['xp']], expectedRevision: 0 }))).code).toBe('invalid-synonyms');
    const badEntry = { ...change, entry: entry('what-is-xp', { answer: ' ' }) };
    expect((await refusal(async () => await store.applyBatch(GUILD, [badEntry], alice, { groups: gaming, expectedRevision: 0 }))).code).toBe('invalid-entry');
    expect(await store.currentRevision(GUILD, 'what-is-xp')).toBe(0);
    expect(await store.vocabulary(GUILD)).toBeUndefined();
  });
});

describe('the vocabulary store, asked what changed', () => {
  test('names each guild whose vocabulary changed since a point, once, and the point to ask from next', async () => {
    const { open } = setup();
    const store = await open();
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 0, author: alice });
    const { sequence } = await store.vocabularyChangesSince(0);
    await store.saveVocabulary({ guildId: GUILD, groups: [], expectedRevision: 1, author: alice });
    await (await open()).saveVocabulary({ guildId: OTHER_GUILD, groups: gaming, expectedRevision: 0, author: bob });
    await store.saveVocabulary({ guildId: GUILD, groups: gaming, expectedRevision: 2, author: alice });
    const later = await store.vocabularyChangesSince(sequence);
    expect(later.guildIds).toEqual([GUILD, OTHER_GUILD]);
    expect(await store.vocabularyChangesSince(later.sequence)).toEqual({ sequence: later.sequence, guildIds: [] });
  });
});
