import { describe, expect, test } from 'vitest';
import type { Entry } from '../../src/knowledge/entry.js';
import { StaleRevisionError } from '../../src/store/errors.js';
import { GUILD, alice, bob, entry, refusal, setup } from './setup.js';

const shipped = entry('what-is-python');

/** A guild where Alice added `what-is-pip` (revision 1) and edited the shipped `what-is-python` twice (revision 2). */
async function seeded() {
  const ctx = setup();
  const store = await ctx.open();
  await store.saveEntry({ guildId: GUILD, entry: entry('what-is-pip'), before: null, expectedRevision: 0, author: alice, action: 'add' });
  await store.saveEntry({ guildId: GUILD, entry: { ...shipped, answer: 'One.' }, before: shipped, expectedRevision: 0, author: alice, action: 'edit' });
  await store.saveEntry({ guildId: GUILD, entry: { ...shipped, answer: 'Two.' }, before: null, expectedRevision: 1, author: alice, action: 'edit' });
  const snapshot = async () => ({ overrides: await store.overrides(GUILD), pip: await store.history(GUILD, 'what-is-pip'), python: await store.history(GUILD, shipped.id) });
  return { ...ctx, store, snapshot };
}

describe('the knowledge store, given an import (a batch of changes)', () => {
  test('applies every change as an "import" revision, in order', async () => {
    const { store } = await seeded();
    const changes = [
      { entry: entry('what-is-pip', { answer: 'Imported pip.' }), before: null, expectedRevision: 1 },
      { entry: entry('what-is-venv'), before: null, expectedRevision: 0 },
      { entry: { ...shipped, answer: 'Imported python.' }, before: shipped, expectedRevision: 2 },
    ];
    expect((await store.applyBatch(GUILD, changes, bob)).map((r) => r.revision)).toEqual([2, 1, 3]);
    expect((await store.history(GUILD, 'what-is-pip'))[0]).toMatchObject({ revision: 2, action: 'import', before: entry('what-is-pip'), after: changes[0]!.entry, author: bob });
    expect(await store.history(GUILD, 'what-is-venv')).toMatchObject([{ revision: 1, action: 'import', before: null }]);
    expect((await store.history(GUILD, shipped.id))[0]).toMatchObject({ revision: 3, before: { answer: 'Two.' }, after: { answer: 'Imported python.' } });
    expect((await store.overrides(GUILD)).map((o) => [o.entryId, o.revision])).toEqual([
      ['what-is-pip', 2],
      ['what-is-python', 3],
      ['what-is-venv', 1],
    ]);
  });

  test('writes nothing when one change is stale, even the ones before it', async () => {
    const { store, snapshot } = await seeded();
    const before = await snapshot();
    const error = await refusal(async () =>
      await store.applyBatch(
        GUILD,
        [
          { entry: entry('what-is-venv'), before: null, expectedRevision: 0 },
          { entry: entry('what-is-pip', { answer: 'New.' }), before: null, expectedRevision: 1 },
          { entry: { ...shipped, answer: 'Stale.' }, before: shipped, expectedRevision: 1 },
        ],
        bob,
      ),
    );
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error).toMatchObject({ entryId: shipped.id, currentRevision: 2, changedBy: alice });
    expect(await snapshot()).toEqual(before);
    expect(await store.currentRevision(GUILD, 'what-is-venv')).toBe(0);
  });

  test('writes nothing when changes are invalid, and names every one', async () => {
    const { store, snapshot } = await seeded();
    const before = await snapshot();
    const error = await refusal(async () =>
      await store.applyBatch(
        GUILD,
        [
          { entry: entry('what-is-venv'), before: null, expectedRevision: 0 },
          { entry: entry('Bad Id'), before: null, expectedRevision: 0 },
          { entry: entry('what-is-pip', { answer: '   ' }), before: null, expectedRevision: 1 },
        ],
        bob,
      ),
    );
    expect(error.code).toBe('invalid-entry');
    expect(error.message).toMatch(/entry 2 \(Bad Id\): id: id must be lowercase/);
    expect(error.message).toMatch(/entry 3 \(what-is-pip\): answer: answer is empty/);
    expect(await snapshot()).toEqual(before);
  });

  test('refuses an id given twice', async () => {
    const { store, snapshot } = await seeded();
    const before = await snapshot();
    const twice = [
      { entry: entry('what-is-venv'), before: null, expectedRevision: 0 },
      { entry: entry('what-is-venv', { answer: 'Again.' }), before: null, expectedRevision: 0 },
    ];
    expect((await refusal(async () => await store.applyBatch(GUILD, twice, bob))).message).toMatch(/already used by entry 1/);
    expect(await snapshot()).toEqual(before);
  });

  test('does nothing with an empty list', async () => {
    const { store, snapshot } = await seeded();
    const before = await snapshot();
    expect(await store.applyBatch(GUILD, [], bob)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the knowledge store, given an invalid entry', () => {
  test.each<[string, Entry, Entry | null]>([
    ['an empty answer', entry('what-is-pip', { answer: '' }), null],
    ['an id that is not a slug', entry('What Is Pip'), null],
    ['a question too long for an embed title', entry('what-is-pip', { question: 'x'.repeat(257) }), null],
    ['a "before" with another id (ids never change)', entry('what-is-pip'), entry('what-is-pip-2')],
    ['an invalid "before"', entry('what-is-pip'), entry('what-is-pip', { question: '' })],
  ])('refuses %s, writing nothing', async (_case, bad, before) => {
    const store = await setup().open();
    const error = await refusal(async () => await store.saveEntry({ guildId: GUILD, entry: bad, before, expectedRevision: 0, author: alice, action: before ? 'edit' : 'add' }));
    expect(error.code).toBe('invalid-entry');
    expect(await store.overrides(GUILD)).toEqual([]);
  });

  test('refuses to hide with an invalid "before"', async () => {
    const store = await setup().open();
    const error = await refusal(async () => await store.hideEntry({ guildId: GUILD, entryId: 'what-is-pip', before: entry('what-is-python'), expectedRevision: 0, author: alice }));
    expect(error.code).toBe('invalid-entry');
    expect(await store.overrides(GUILD)).toEqual([]);
  });
});

describe('the knowledge store, given it is closed and reopened', () => {
  test('keeps every override and its whole history', async () => {
    const { store, snapshot, open } = await seeded();
    await store.hideEntry({ guildId: GUILD, entryId: 'what-is-pip', before: entry('what-is-pip'), expectedRevision: 1, author: bob });
    const before = await snapshot();
    await store.close();

    const reopened = await open();
    expect({ overrides: await reopened.overrides(GUILD), pip: await reopened.history(GUILD, 'what-is-pip'), python: await reopened.history(GUILD, shipped.id) }).toEqual(before);
    expect(await reopened.restoreRevision({ guildId: GUILD, entryId: 'what-is-pip', revision: 1, expectedRevision: 2, author: bob })).toMatchObject({ revision: 3 });
  });
});
