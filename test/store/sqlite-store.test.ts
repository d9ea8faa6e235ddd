import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { BUSY_TIMEOUT_MS, openSqliteStore } from '../../src/store/sqlite-store.js';
import { ALICE, GUILD, question, setup, vote } from './setup.js';

describe('the store, given a new file in a folder that does not exist', () => {
  test('creates the folder and the database', async () => {
    const { path, open } = setup();
    await open();
    expect(existsSync(path)).toBe(true);
  });

  test('puts it in WAL mode, which stays with the file', async () => {
    const { path, open } = setup();
    await open();
    // journal_mode=WAL persists in the file, so another connection sees it (synchronous is per connection).
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(existsSync(`${path}-wal`)).toBe(true);
  });
});

describe('the store, given another connection to its file', () => {
  test('is writable while open, and not once another connection holds the write lock or it is closed', async () => {
    const { path, open } = setup();
    const store = await open();
    expect(await store.writable()).toBe(true);
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    expect(await store.writable()).toBe(false);
    // A probe must not stall the bot: it waits a moment, not the busy timeout a write would.
    expect(Date.now() - started).toBeLessThan(BUSY_TIMEOUT_MS);
    other.exec('ROLLBACK');
    other.close();
    expect(await store.writable()).toBe(true);
    await store.recordVote(vote(ALICE, 1));
    await store.close();
    expect(await store.writable()).toBe(false);
  });

});

describe('the store, given an in-memory database', () => {
  test('works without touching the disk, through openStore', async () => {
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    await store.recordVote(vote(ALICE, 1));
    expect(await store.votesFor(GUILD, 'what-is-python')).toEqual({ up: 1, down: 0 });
    await store.close();
  });

  test('starts empty every time', async () => {
    const first = openSqliteStore(':memory:');
    await first.recordUnanswered(question('anything'));
    await first.close();
    const second = openSqliteStore(':memory:');
    expect(await second.unanswered(GUILD, 10)).toEqual([]);
    await second.close();
  });
});
