import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Entry } from '../../src/knowledge/entry.js';
import { StoreError } from '../../src/store/errors.js';
import type { KnowledgeStore } from '../../src/store/knowledge-store.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { BotStore } from '../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from './postgres-database.js';

export const GUILD = '100000000000000001';
export const OTHER_GUILD = '100000000000000002';
export const CHANNEL = '200000000000000001';
export const ALICE = '300000000000000001';
export const BOB = '300000000000000002';
export const CAROL = '300000000000000003';

/** Moderators, as the knowledge store records them. */
export const alice = { id: ALICE, name: 'Alice' };
export const bob = { id: BOB, name: 'Bob' };

/**
 * The store the shared suites run against: SQLite, or PostgreSQL when PAA_TEST_STORE=postgres (the store-postgres
 * project of vitest.config.ts, which runs them again against a throwaway database per test).
 */
export const STORE_UNDER_TEST: 'sqlite' | 'postgres' = process.env.PAA_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh store and a clock that ticks one second per reading; `await open()` (re)opens it. For SQLite it is a
 * database file in its own temp folder (a subfolder, so the store has to create it); for PostgreSQL, a new
 * database on the test server. Everything is closed and deleted after the test.
 */
export function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'paa-store-'));
  const path = join(dir, 'nested', 'paa.db');
  let clock = Date.UTC(2025, 0, 1);
  const now = () => (clock += 1_000);
  const opened: BotStore[] = [];
  let database: Promise<TestDatabase> | undefined;
  const postgres = () =>
    (database ??= createTestDatabase().then((created) => {
      if (!created) throw new Error('PAA_TEST_STORE=postgres, but the PostgreSQL test server is not reachable (PAA_TEST_POSTGRES_URL)');
      return created;
    }));
  const open = async (): Promise<BotStore & KnowledgeStore> => {
    const store = STORE_UNDER_TEST === 'postgres' ? await openPostgresStore((await postgres()).url, { now }) : openSqliteStore(path, { now });
    opened.push(store);
    return store;
  };
  onTestFinished(async () => {
    for (const store of opened) await store.close();
    if (database) await (await database).drop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, path, open, now: () => clock };
}

/** An unanswered question from ALICE in GUILD, declined unless told otherwise. */
export function question(query: string, overrides: Partial<Parameters<BotStore['recordUnanswered']>[0]> = {}) {
  return { guildId: GUILD, channelId: CHANNEL, userId: ALICE, query, outcome: 'decline' as const, suggestions: [], ...overrides };
}

/** A vote from `userId` in GUILD on `what-is-python`, unless `extra` says otherwise. */
export const vote = (userId: string, value: 1 | -1, extra: { entryId?: string; guildId?: string | null; query?: string } = {}) => ({
  guildId: GUILD,
  channelId: CHANNEL,
  userId,
  entryId: 'what-is-python',
  value,
  ...extra,
});

/** A valid entry with id `id`; `changes` replace fields. */
export function entry(id: string, changes: Partial<Entry> = {}): Entry {
  return { id, question: `What is ${id}?`, answer: `${id} is a thing.`, alternates: [], tags: [], ...changes };
}

/** The StoreError `run` throws or rejects with; fails the test if it succeeds or fails with something else. */
export async function refusal(run: () => unknown): Promise<StoreError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}
