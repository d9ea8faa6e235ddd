import { describe, expect, test } from 'vitest';
import { StaleRevisionError } from '../../src/store/errors.js';
import { GUILD, OTHER_GUILD, alice, bob, entry, refusal, setup } from './setup.js';

const START = Date.UTC(2025, 0, 1);
/** The setup clock ticks one second per reading, and each write reads it once. */
const write = (n: number) => new Date(START + n * 1_000);

const shipped = entry('what-is-python', { answer: 'A programming language.' });

describe('the knowledge store, given a guild nobody has edited', () => {
  test('has no overrides, no history, and every entry at revision 0', async () => {
    const store = await setup().open();
    expect(await store.overrides(GUILD)).toEqual([]);
    expect(await store.currentRevision(GUILD, 'what-is-python')).toBe(0);
    expect(await store.history(GUILD, 'what-is-python')).toEqual([]);
    expect(await store.guildsWithOverrides()).toEqual([]);
  });
});

describe('the knowledge store, given a moderator adds an entry', () => {
  test('stores it as revision 1, with nothing before it, and who added it when', async () => {
    const store = await setup().open();
    const added = entry('what-is-pip');
    expect(await store.saveEntry({ guildId: GUILD, entry: added, before: null, expectedRevision: 0, author: alice, action: 'add' })).toEqual({
      revision: 1,
      entry: added,
    });
    expect(await store.overrides(GUILD)).toEqual([{ entryId: 'what-is-pip', revision: 1, entry: added, updatedAt: write(1), updatedBy: alice }]);
    expect(await store.history(GUILD, 'what-is-pip')).toEqual([
      { revision: 1, action: 'add', before: null, after: added, author: alice, createdAt: write(1) },
    ]);
    expect(await store.guildsWithOverrides()).toEqual([GUILD]);
  });

  test('stores it as the knowledge base would load it: trimmed, tags lowercased, unknown fields dropped', async () => {
    const store = await setup().open();
    const raw = { ...entry('what-is-pip'), question: '  What is pip?  ', tags: ['Tools'], colour: 'red' };
    const { entry: saved } = await store.saveEntry({ guildId: GUILD, entry: raw, before: null, expectedRevision: 0, author: alice, action: 'add' });
    expect(saved).toEqual({ ...entry('what-is-pip'), question: 'What is pip?', tags: ['tools'] });
    expect((await store.overrides(GUILD))[0]?.entry).toEqual(saved);
  });

  test.each([
    ['the guild already added', () => ({ revision: 1, exists: false })],
    ['is shipped (exists)', () => ({ revision: 0, exists: true })],
  ])('refuses an id that %s, writing nothing', async (_case, given) => {
    const store = await setup().open();
    const { revision, exists } = given();
    if (revision === 1) await store.saveEntry({ guildId: GUILD, entry: entry('what-is-pip'), before: null, expectedRevision: 0, author: alice, action: 'add' });
    const error = await refusal(async () =>
      await store.saveEntry({ guildId: GUILD, entry: entry('what-is-pip', { answer: 'Mine.' }), before: null, expectedRevision: 0, author: bob, action: 'add', exists }),
    );
    expect(error.code).toBe('entry-exists');
    expect(await store.currentRevision(GUILD, 'what-is-pip')).toBe(revision);
    expect(await store.history(GUILD, 'what-is-pip')).toHaveLength(revision);
  });

  test('refuses an id the guild hid, pointing at restoring it', async () => {
    const store = await setup().open();
    await store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 0, author: alice });
    const error = await refusal(async () => await store.saveEntry({ guildId: GUILD, entry: shipped, before: null, expectedRevision: 1, author: bob, action: 'add' }));
    expect(error.code).toBe('entry-exists');
    expect(error.message).toMatch(/hidden.*restore/);
  });
});

describe('the knowledge store, given edits of a shipped entry', () => {
  test('records the shipped entry as the first "before", then the stored state', async () => {
    const store = await setup().open();
    const first = { ...shipped, answer: 'A language with batteries included.' };
    const second = { ...shipped, answer: 'A language named after Monty Python.' };
    await store.saveEntry({ guildId: GUILD, entry: first, before: shipped, expectedRevision: 0, author: alice, action: 'edit' });
    // A `before` that disagrees with the store is not believed: revision 1 is what Bob edited.
    await store.saveEntry({ guildId: GUILD, entry: second, before: shipped, expectedRevision: 1, author: bob, action: 'edit' });
    expect(await store.history(GUILD, shipped.id)).toEqual([
      { revision: 2, action: 'edit', before: first, after: second, author: bob, createdAt: write(2) },
      { revision: 1, action: 'edit', before: shipped, after: first, author: alice, createdAt: write(1) },
    ]);
    expect(await store.overrides(GUILD)).toMatchObject([{ entryId: shipped.id, revision: 2, entry: second, updatedBy: bob }]);
  });

  test('refuses to edit an entry it neither holds nor is given', async () => {
    const store = await setup().open();
    const error = await refusal(async () => await store.saveEntry({ guildId: GUILD, entry: shipped, before: null, expectedRevision: 0, author: alice, action: 'edit' }));
    expect(error.code).toBe('unknown-entry');
    expect(await store.overrides(GUILD)).toEqual([]);
  });
});

describe('the knowledge store, given a moderator removes an entry', () => {
  test('hides it, keeping what it was', async () => {
    const store = await setup().open();
    expect(await store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 0, author: alice })).toEqual({ revision: 1 });
    expect(await store.overrides(GUILD)).toMatchObject([{ entryId: shipped.id, revision: 1, entry: null }]);
    expect(await store.history(GUILD, shipped.id)).toMatchObject([{ revision: 1, action: 'remove', before: shipped, after: null, author: alice }]);
  });

  test('refuses to hide it twice', async () => {
    const store = await setup().open();
    await store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 0, author: alice });
    expect((await refusal(async () => await store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 1, author: bob }))).code).toBe('unknown-entry');
    expect(await store.currentRevision(GUILD, shipped.id)).toBe(1);
  });
});

describe('the knowledge store, given a restore', () => {
  /** Revision 1 edits the shipped entry, 2 edits it again, 3 hides it. */
  async function edited() {
    const ctx = setup();
    const store = await ctx.open();
    const first = { ...shipped, answer: 'First.' };
    const second = { ...shipped, answer: 'Second.' };
    await store.saveEntry({ guildId: GUILD, entry: first, before: shipped, expectedRevision: 0, author: alice, action: 'edit' });
    await store.saveEntry({ guildId: GUILD, entry: second, before: null, expectedRevision: 1, author: alice, action: 'edit' });
    await store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: second, expectedRevision: 2, author: alice });
    return { store, first, second };
  }

  test('brings back what an earlier revision left, as a new revision', async () => {
    const { store, first } = await edited();
    expect(await store.restoreRevision({ guildId: GUILD, entryId: shipped.id, revision: 1, expectedRevision: 3, author: bob })).toEqual({ revision: 4, entry: first });
    expect((await store.history(GUILD, shipped.id))[0]).toEqual({ revision: 4, action: 'restore', before: null, after: first, author: bob, createdAt: write(4) });
    expect(await store.overrides(GUILD)).toMatchObject([{ revision: 4, entry: first }]);
  });

  test('hides the entry again when the restored revision was a removal', async () => {
    const { store, second } = await edited();
    await store.restoreRevision({ guildId: GUILD, entryId: shipped.id, revision: 2, expectedRevision: 3, author: bob });
    expect(await store.restoreRevision({ guildId: GUILD, entryId: shipped.id, revision: 3, expectedRevision: 4, author: bob })).toEqual({ revision: 5, entry: null });
    expect((await store.history(GUILD, shipped.id))[0]).toMatchObject({ action: 'restore', before: second, after: null });
  });

  test.each([
    ['a revision that does not exist', GUILD, shipped.id, 9],
    ["another entry's revision", GUILD, 'what-is-pip', 3],
    ["another guild's revision", OTHER_GUILD, shipped.id, 1],
  ])('refuses %s, writing nothing', async (_case, guildId, entryId, revision) => {
    const { store } = await edited();
    await store.saveEntry({ guildId: GUILD, entry: entry('what-is-pip'), before: null, expectedRevision: 0, author: alice, action: 'add' });
    const expectedRevision = await store.currentRevision(guildId, entryId);
    expect((await refusal(async () => await store.restoreRevision({ guildId, entryId, revision, expectedRevision, author: bob }))).code).toBe('unknown-revision');
    expect(await store.currentRevision(guildId, entryId)).toBe(expectedRevision);
    expect(await store.history(guildId, entryId)).toHaveLength(expectedRevision);
  });
});

describe('the knowledge store, given two moderators editing the same entry', () => {
  test.each([
    ['an edit', 'save'],
    ['a removal', 'hide'],
    ['a restore', 'restore'],
  ] as const)('refuses the later %s made on an old revision, saying who changed it and when', async (_case, kind) => {
    const store = await setup().open();
    await store.saveEntry({ guildId: GUILD, entry: { ...shipped, answer: 'Alice 1.' }, before: shipped, expectedRevision: 0, author: alice, action: 'edit' });
    await store.saveEntry({ guildId: GUILD, entry: { ...shipped, answer: 'Alice 2.' }, before: null, expectedRevision: 1, author: alice, action: 'edit' });
    const input = { guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 1, author: bob };
    const error = await refusal(async () => {
      if (kind === 'save') await store.saveEntry({ ...input, entry: { ...shipped, answer: 'Bob.' }, action: 'edit' });
      if (kind === 'hide') await store.hideEntry(input);
      if (kind === 'restore') await store.restoreRevision({ ...input, revision: 1 });
    });
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error).toMatchObject({ code: 'stale-revision', entryId: shipped.id, currentRevision: 2, changedBy: alice, changedAt: write(2) });
    expect(error.message).toContain(`changed by Alice at ${write(2).toISOString()}`);
    expect(await store.history(GUILD, shipped.id)).toHaveLength(2);
    expect(await store.overrides(GUILD)).toMatchObject([{ revision: 2, entry: { answer: 'Alice 2.' } }]);
  });

  test('refuses a revision the guild never reached, with nobody to blame', async () => {
    const store = await setup().open();
    const error = await refusal(async () => await store.saveEntry({ guildId: GUILD, entry: shipped, before: shipped, expectedRevision: 3, author: bob, action: 'edit' }));
    expect(error).toMatchObject({ code: 'stale-revision', currentRevision: 0, changedBy: null, changedAt: null });
  });
});

describe('the knowledge store, given two guilds', () => {
  test("keeps one guild's additions, edits and removals out of the other", async () => {
    const store = await setup().open();
    await store.saveEntry({ guildId: GUILD, entry: entry('what-is-pip'), before: null, expectedRevision: 0, author: alice, action: 'add' });
    await store.saveEntry({ guildId: GUILD, entry: { ...shipped, answer: 'Ours.' }, before: shipped, expectedRevision: 0, author: alice, action: 'edit' });
    await store.hideEntry({ guildId: GUILD, entryId: 'what-is-django', before: entry('what-is-django'), expectedRevision: 0, author: alice });

    expect(await store.overrides(GUILD)).toHaveLength(3);
    expect(await store.overrides(OTHER_GUILD)).toEqual([]);
    for (const id of ['what-is-pip', shipped.id, 'what-is-django']) {
      expect(await store.currentRevision(OTHER_GUILD, id)).toBe(0);
      expect(await store.history(OTHER_GUILD, id)).toEqual([]);
    }
  });

  test('numbers revisions per guild: the same id can be added in each, independently', async () => {
    const store = await setup().open();
    await store.saveEntry({ guildId: GUILD, entry: entry('what-is-pip'), before: null, expectedRevision: 0, author: alice, action: 'add' });
    await store.saveEntry({ guildId: GUILD, entry: entry('what-is-pip', { answer: 'v2' }), before: null, expectedRevision: 1, author: alice, action: 'edit' });
    const theirs = entry('what-is-pip', { answer: 'Theirs.' });
    expect((await store.saveEntry({ guildId: OTHER_GUILD, entry: theirs, before: null, expectedRevision: 0, author: bob, action: 'add' })).revision).toBe(1);
    expect(await store.overrides(OTHER_GUILD)).toMatchObject([{ revision: 1, entry: theirs }]);
    expect(await store.overrides(GUILD)).toMatchObject([{ revision: 2, entry: { answer: 'v2' } }]);
    expect(await store.guildsWithOverrides()).toEqual([GUILD, OTHER_GUILD]);
  });
});
