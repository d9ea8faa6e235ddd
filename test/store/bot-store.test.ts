import { describe, expect, test } from 'vitest';
import { normaliseQuery } from '../../src/store/store.js';
import { ALICE, BOB, CAROL, GUILD, OTHER_GUILD, question, setup, vote } from './setup.js';

// What the bot remembers (votes, unanswered questions, stats), on whichever store setup() opens: SQLite, or
// PostgreSQL under PAA_TEST_STORE=postgres (the store-postgres project in vitest.config.ts).

describe('the store, given votes', () => {
  test('counts one vote per user per entry', async () => {
    const store = await setup().open();
    expect(await store.recordVote(vote(ALICE, 1))).toEqual({ recorded: true, changed: false });
    expect(await store.recordVote(vote(BOB, 1))).toEqual({ recorded: true, changed: false });
    expect(await store.recordVote(vote(CAROL, -1))).toEqual({ recorded: true, changed: false });
    expect(await store.votesFor(GUILD, 'what-is-python')).toEqual({ up: 2, down: 1 });
  });

  test.each([
    ['the same way again is a no-op', 1, 1, { recorded: false, changed: false }, { up: 1, down: 0 }],
    ['down again is a no-op', -1, -1, { recorded: false, changed: false }, { up: 0, down: 1 }],
    ['the other way changes the vote', 1, -1, { recorded: true, changed: true }, { up: 0, down: 1 }],
    ['back up changes it again', -1, 1, { recorded: true, changed: true }, { up: 1, down: 0 }],
  ] as const)('voting %s', async (_case, first, second, result, tally) => {
    const store = await setup().open();
    await store.recordVote(vote(ALICE, first));
    expect(await store.recordVote(vote(ALICE, second))).toEqual(result);
    expect(await store.votesFor(GUILD, 'what-is-python')).toEqual(tally);
  });

  test('keeps votes apart by entry and by guild, and DMs apart from guilds', async () => {
    const store = await setup().open();
    await store.recordVote(vote(ALICE, 1));
    expect(await store.recordVote(vote(ALICE, -1, { entryId: 'what-is-pip' }))).toEqual({ recorded: true, changed: false });
    expect(await store.recordVote(vote(ALICE, -1, { guildId: OTHER_GUILD }))).toEqual({ recorded: true, changed: false });
    expect(await store.recordVote(vote(ALICE, -1, { guildId: null }))).toEqual({ recorded: true, changed: false });
    expect(await store.votesFor(GUILD, 'what-is-python')).toEqual({ up: 1, down: 0 });
    expect(await store.votesFor(GUILD, 'what-is-pip')).toEqual({ up: 0, down: 1 });
    expect(await store.votesFor(OTHER_GUILD, 'what-is-python')).toEqual({ up: 0, down: 1 });
    expect(await store.votesFor(null, 'what-is-python')).toEqual({ up: 0, down: 1 });
  });

  test('holds one vote per user in DMs too (the missing guild is not a NULL that never matches)', async () => {
    const store = await setup().open();
    await store.recordVote(vote(ALICE, 1, { guildId: null }));
    expect(await store.recordVote(vote(ALICE, 1, { guildId: null }))).toEqual({ recorded: false, changed: false });
    expect(await store.votesFor(null, 'what-is-python')).toEqual({ up: 1, down: 0 });
  });

  test('reports zero votes for an entry nobody voted on', async () => {
    expect(await (await setup().open()).votesFor(GUILD, 'nobody-asked')).toEqual({ up: 0, down: 0 });
  });
});

describe('the store, given unanswered questions', () => {
  test('groups them by normalised text, most frequent first', async () => {
    const store = await setup().open();
    await store.recordUnanswered(question('How do I install Python?'));
    await store.recordUnanswered(question('what is a decorator'));
    await store.recordUnanswered(question('  how do i   INSTALL python ', { userId: BOB, outcome: 'suggest', suggestions: ['what-is-pip'] }));
    await store.recordUnanswered(question('How do I install python!?', { userId: CAROL }));
    expect((await store.unanswered(GUILD, 10)).map(({ query, count }) => ({ query, count }))).toEqual([
      { query: 'how do i install python', count: 3 },
      { query: 'what is a decorator', count: 1 },
    ]);
  });

  test('breaks ties by the most recently asked', async () => {
    const { open, now } = setup();
    const store = await open();
    await store.recordUnanswered(question('first'));
    await store.recordUnanswered(question('second'));
    const asked = now();
    await store.recordUnanswered(question('first'));
    await store.recordUnanswered(question('second'));
    const [top, next] = await store.unanswered(GUILD, 10);
    expect([top?.query, next?.query]).toEqual(['second', 'first']);
    expect(top?.lastAskedAt).toEqual(new Date(asked + 2_000));
  });

  test('counts a 👎-voted answer as unanswered, under the question that was asked', async () => {
    const store = await setup().open();
    await store.recordUnanswered(question('Is Python slow?'));
    await store.recordVote(vote(ALICE, -1, { query: 'is python slow' }));
    await store.recordVote(vote(BOB, -1, { query: 'IS PYTHON SLOW?' }));
    await store.recordVote(vote(CAROL, 1, { query: 'is python slow' }));
    expect(await store.unanswered(GUILD, 10)).toMatchObject([{ query: 'is python slow', count: 3, downvoted: true }]);
  });

  test('tells declined questions apart from 👎-voted ones', async () => {
    const store = await setup().open();
    await store.recordUnanswered(question('Is Python slow?'));
    expect(await store.unanswered(GUILD, 10)).toMatchObject([{ query: 'is python slow', downvoted: false }]);
  });

  test('stops counting a 👎 once the voter changes their mind', async () => {
    const store = await setup().open();
    await store.recordVote(vote(ALICE, -1, { query: 'is python slow' }));
    await store.recordVote(vote(ALICE, 1));
    expect(await store.unanswered(GUILD, 10)).toEqual([]);
  });

  test('honours the limit and keeps guilds apart', async () => {
    const store = await setup().open();
    for (const q of ['a', 'b', 'c']) await store.recordUnanswered(question(q));
    await store.recordUnanswered(question('elsewhere', { guildId: OTHER_GUILD }));
    await store.recordUnanswered(question('in a dm', { guildId: null }));
    expect(await store.unanswered(GUILD, 2)).toHaveLength(2);
    expect((await store.unanswered(OTHER_GUILD, 10)).map((q) => q.query)).toEqual(['elsewhere']);
    expect((await store.unanswered(null, 10)).map((q) => q.query)).toEqual(['in a dm']);
    expect(await store.unanswered(GUILD, 0)).toEqual([]);
  });

  test.each([
    ['How do I X?', 'how do i x'],
    ['  spaced \t out\n', 'spaced out'],
    ['ＦＵＬＬ width', 'full width'],
    ['what?!...', 'what'],
    ['v3.12 vs 3.11', 'v3.12 vs 3.11'],
  ])('normalises %j to %j', async (query, key) => {
    expect(normaliseQuery(query)).toBe(key);
  });
});

describe('the store, given answers it gave', () => {
  test('counts how often each entry was asked, per guild', async () => {
    const store = await setup().open();
    await store.recordAsked({ guildId: GUILD, entryId: 'what-is-python' });
    await store.recordAsked({ guildId: GUILD, entryId: 'what-is-python' });
    await store.recordAsked({ guildId: null, entryId: 'what-is-python' });
    expect(await store.timesAsked(GUILD, 'what-is-python')).toBe(2);
    expect(await store.timesAsked(null, 'what-is-python')).toBe(1);
    expect(await store.timesAsked(OTHER_GUILD, 'what-is-python')).toBe(0);
  });
});

describe('the store, given it is closed and reopened', () => {
  test('keeps votes, questions and stats', async () => {
    const { open } = setup();
    const first = await open();
    await first.recordVote(vote(ALICE, -1, { query: 'is python slow' }));
    await first.recordUnanswered(question('what is a decorator'));
    await first.recordAsked({ guildId: GUILD, entryId: 'what-is-python' });
    await first.close();

    const second = await open();
    expect(await second.votesFor(GUILD, 'what-is-python')).toEqual({ up: 0, down: 1 });
    expect(await second.recordVote(vote(ALICE, -1))).toEqual({ recorded: false, changed: false });
    expect((await second.unanswered(GUILD, 10)).map((q) => q.query)).toEqual(['what is a decorator', 'is python slow']);
    expect(await second.timesAsked(GUILD, 'what-is-python')).toBe(1);
  });

  test('tolerates close() twice', async () => {
    const store = await setup().open();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
