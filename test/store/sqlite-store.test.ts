import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { BUSY_TIMEOUT_MS, openSqliteStore } from '../../src/store/sqlite-store.js';
import { normaliseQuery } from '../../src/store/store.js';
import { ALICE, BOB, CAROL, CHANNEL, GUILD, OTHER_GUILD, question, setup } from './setup.js';

const vote = (userId: string, value: 1 | -1, extra: { entryId?: string; guildId?: string | null; query?: string } = {}) => ({
  guildId: GUILD,
  channelId: CHANNEL,
  userId,
  entryId: 'what-is-python',
  value,
  ...extra,
});

describe('the store, given a new file in a folder that does not exist', () => {
  test('creates the folder and the database', () => {
    const { path, open } = setup();
    open();
    expect(existsSync(path)).toBe(true);
  });

  test('puts it in WAL mode, which stays with the file', () => {
    const { path, open } = setup();
    open();
    // journal_mode=WAL persists in the file, so another connection sees it (synchronous is per connection).
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(existsSync(`${path}-wal`)).toBe(true);
  });
});

describe('the store, given votes', () => {
  test('counts one vote per user per entry', () => {
    const store = setup().open();
    expect(store.recordVote(vote(ALICE, 1))).toEqual({ recorded: true, changed: false });
    expect(store.recordVote(vote(BOB, 1))).toEqual({ recorded: true, changed: false });
    expect(store.recordVote(vote(CAROL, -1))).toEqual({ recorded: true, changed: false });
    expect(store.votesFor(GUILD, 'what-is-python')).toEqual({ up: 2, down: 1 });
  });

  test.each([
    ['the same way again is a no-op', 1, 1, { recorded: false, changed: false }, { up: 1, down: 0 }],
    ['down again is a no-op', -1, -1, { recorded: false, changed: false }, { up: 0, down: 1 }],
    ['the other way changes the vote', 1, -1, { recorded: true, changed: true }, { up: 0, down: 1 }],
    ['back up changes it again', -1, 1, { recorded: true, changed: true }, { up: 1, down: 0 }],
  ] as const)('voting %s', (_case, first, second, result, tally) => {
    const store = setup().open();
    store.recordVote(vote(ALICE, first));
    expect(store.recordVote(vote(ALICE, second))).toEqual(result);
    expect(store.votesFor(GUILD, 'what-is-python')).toEqual(tally);
  });

  test('keeps votes apart by entry and by guild, and DMs apart from guilds', () => {
    const store = setup().open();
    store.recordVote(vote(ALICE, 1));
    expect(store.recordVote(vote(ALICE, -1, { entryId: 'what-is-pip' }))).toEqual({ recorded: true, changed: false });
    expect(store.recordVote(vote(ALICE, -1, { guildId: OTHER_GUILD }))).toEqual({ recorded: true, changed: false });
    expect(store.recordVote(vote(ALICE, -1, { guildId: null }))).toEqual({ recorded: true, changed: false });
    expect(store.votesFor(GUILD, 'what-is-python')).toEqual({ up: 1, down: 0 });
    expect(store.votesFor(GUILD, 'what-is-pip')).toEqual({ up: 0, down: 1 });
    expect(store.votesFor(OTHER_GUILD, 'what-is-python')).toEqual({ up: 0, down: 1 });
    expect(store.votesFor(null, 'what-is-python')).toEqual({ up: 0, down: 1 });
  });

  test('holds one vote per user in DMs too (the missing guild is not a NULL that never matches)', () => {
    const store = setup().open();
    store.recordVote(vote(ALICE, 1, { guildId: null }));
    expect(store.recordVote(vote(ALICE, 1, { guildId: null }))).toEqual({ recorded: false, changed: false });
    expect(store.votesFor(null, 'what-is-python')).toEqual({ up: 1, down: 0 });
  });

  test('reports zero votes for an entry nobody voted on', () => {
    expect(setup().open().votesFor(GUILD, 'nobody-asked')).toEqual({ up: 0, down: 0 });
  });
});

describe('the store, given unanswered questions', () => {
  test('groups them by normalised text, most frequent first', () => {
    const store = setup().open();
    store.recordUnanswered(question('How do I install Python?'));
    store.recordUnanswered(question('what is a decorator'));
    store.recordUnanswered(question('  how do i   INSTALL python ', { userId: BOB, outcome: 'suggest', suggestions: ['what-is-pip'] }));
    store.recordUnanswered(question('How do I install python!?', { userId: CAROL }));
    expect(store.unanswered(GUILD, 10).map(({ query, count }) => ({ query, count }))).toEqual([
      { query: 'how do i install python', count: 3 },
      { query: 'what is a decorator', count: 1 },
    ]);
  });

  test('breaks ties by the most recently asked', () => {
    const { open, now } = setup();
    const store = open();
    store.recordUnanswered(question('first'));
    store.recordUnanswered(question('second'));
    const asked = now();
    store.recordUnanswered(question('first'));
    store.recordUnanswered(question('second'));
    const [top, next] = store.unanswered(GUILD, 10);
    expect([top?.query, next?.query]).toEqual(['second', 'first']);
    expect(top?.lastAskedAt).toEqual(new Date(asked + 2_000));
  });

  test('counts a 👎-voted answer as unanswered, under the question that was asked', () => {
    const store = setup().open();
    store.recordUnanswered(question('Is Python slow?'));
    store.recordVote(vote(ALICE, -1, { query: 'is python slow' }));
    store.recordVote(vote(BOB, -1, { query: 'IS PYTHON SLOW?' }));
    store.recordVote(vote(CAROL, 1, { query: 'is python slow' }));
    expect(store.unanswered(GUILD, 10)).toMatchObject([{ query: 'is python slow', count: 3, downvoted: true }]);
  });

  test('tells declined questions apart from 👎-voted ones', () => {
    const store = setup().open();
    store.recordUnanswered(question('Is Python slow?'));
    expect(store.unanswered(GUILD, 10)).toMatchObject([{ query: 'is python slow', downvoted: false }]);
  });

  test('stops counting a 👎 once the voter changes their mind', () => {
    const store = setup().open();
    store.recordVote(vote(ALICE, -1, { query: 'is python slow' }));
    store.recordVote(vote(ALICE, 1));
    expect(store.unanswered(GUILD, 10)).toEqual([]);
  });

  test('honours the limit and keeps guilds apart', () => {
    const store = setup().open();
    for (const q of ['a', 'b', 'c']) store.recordUnanswered(question(q));
    store.recordUnanswered(question('elsewhere', { guildId: OTHER_GUILD }));
    store.recordUnanswered(question('in a dm', { guildId: null }));
    expect(store.unanswered(GUILD, 2)).toHaveLength(2);
    expect(store.unanswered(OTHER_GUILD, 10).map((q) => q.query)).toEqual(['elsewhere']);
    expect(store.unanswered(null, 10).map((q) => q.query)).toEqual(['in a dm']);
    expect(store.unanswered(GUILD, 0)).toEqual([]);
  });

  test.each([
    ['How do I X?', 'how do i x'],
    ['  spaced \t out\n', 'spaced out'],
    ['ＦＵＬＬ width', 'full width'],
    ['what?!...', 'what'],
    ['v3.12 vs 3.11', 'v3.12 vs 3.11'],
  ])('normalises %j to %j', (query, key) => {
    expect(normaliseQuery(query)).toBe(key);
  });
});

describe('the store, given answers it gave', () => {
  test('counts how often each entry was asked, per guild', () => {
    const store = setup().open();
    store.recordAsked({ guildId: GUILD, entryId: 'what-is-python' });
    store.recordAsked({ guildId: GUILD, entryId: 'what-is-python' });
    store.recordAsked({ guildId: null, entryId: 'what-is-python' });
    expect(store.timesAsked(GUILD, 'what-is-python')).toBe(2);
    expect(store.timesAsked(null, 'what-is-python')).toBe(1);
    expect(store.timesAsked(OTHER_GUILD, 'what-is-python')).toBe(0);
  });
});

describe('the store, given it is closed and reopened', () => {
  test('keeps votes, questions and stats', () => {
    const { open } = setup();
    const first = open();
    first.recordVote(vote(ALICE, -1, { query: 'is python slow' }));
    first.recordUnanswered(question('what is a decorator'));
    first.recordAsked({ guildId: GUILD, entryId: 'what-is-python' });
    first.close();

    const second = open();
    expect(second.votesFor(GUILD, 'what-is-python')).toEqual({ up: 0, down: 1 });
    expect(second.recordVote(vote(ALICE, -1))).toEqual({ recorded: false, changed: false });
    expect(second.unanswered(GUILD, 10).map((q) => q.query)).toEqual(['what is a decorator', 'is python slow']);
    expect(second.timesAsked(GUILD, 'what-is-python')).toBe(1);
  });

  test('is writable while open, and not once another connection holds the write lock or it is closed', () => {
    const { path, open } = setup();
    const store = open();
    expect(store.writable()).toBe(true);
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    expect(store.writable()).toBe(false);
    // A probe must not stall the bot: it waits a moment, not the busy timeout a write would.
    expect(Date.now() - started).toBeLessThan(BUSY_TIMEOUT_MS);
    other.exec('ROLLBACK');
    other.close();
    expect(store.writable()).toBe(true);
    store.recordVote(vote(ALICE, 1));
    store.close();
    expect(store.writable()).toBe(false);
  });

  test('tolerates close() twice', () => {
    const store = setup().open();
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});

describe('the store, given an in-memory database', () => {
  test('works without touching the disk, through openStore', () => {
    const store = openStore({ kind: 'sqlite', path: ':memory:' });
    store.recordVote(vote(ALICE, 1));
    expect(store.votesFor(GUILD, 'what-is-python')).toEqual({ up: 1, down: 0 });
    store.close();
  });

  test('starts empty every time', () => {
    const first = openSqliteStore(':memory:');
    first.recordUnanswered(question('anything'));
    first.close();
    const second = openSqliteStore(':memory:');
    expect(second.unanswered(GUILD, 10)).toEqual([]);
    second.close();
  });
});
