import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Entry } from '../../src/knowledge/entry.js';
import { StoreError } from '../../src/store/errors.js';
import type { KnowledgeStore } from '../../src/store/knowledge-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { BotStore } from '../../src/store/store.js';

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
 * A fresh database file in its own temp folder (a subfolder, so the store has to create it), a clock that ticks
 * one second per reading, and `open()` to (re)open the store. Everything is closed and deleted after the test.
 */
export function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'paa-store-'));
  const path = join(dir, 'nested', 'paa.db');
  let clock = Date.UTC(2025, 0, 1);
  const now = () => (clock += 1_000);
  const opened: BotStore[] = [];
  const open = (): BotStore & KnowledgeStore => {
    const store = openSqliteStore(path, { now });
    opened.push(store);
    return store;
  };
  onTestFinished(() => {
    for (const store of opened) store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, path, open, now: () => clock };
}

/** An unanswered question from ALICE in GUILD, declined unless told otherwise. */
export function question(query: string, overrides: Partial<Parameters<BotStore['recordUnanswered']>[0]> = {}) {
  return { guildId: GUILD, channelId: CHANNEL, userId: ALICE, query, outcome: 'decline' as const, suggestions: [], ...overrides };
}

/** A valid entry with id `id`; `changes` replace fields. */
export function entry(id: string, changes: Partial<Entry> = {}): Entry {
  return { id, question: `What is ${id}?`, answer: `${id} is a thing.`, alternates: [], tags: [], ...changes };
}

/** The StoreError `run` throws; fails the test if it throws nothing or something else. */
export function refusal(run: () => unknown): StoreError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}
