import { describe, expect, test } from 'vitest';
import { createMatcher, type Matcher, type MatchResult, type ScoredEntry } from '../../src/engine/index.js';
import { createEditableKnowledge, type EditableKnowledge } from '../../src/knowledge/editable-knowledge.js';
import type { Entry } from '../../src/knowledge/entry.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { articleKnowledge, gamingEntries } from '../fixtures/knowledge.js';

/**
 * The overlay's promise, checked by brute force: whatever a server adds, edits, removes, restores or imports, its
 * matcher (shared, forked or its own) answers every query exactly as a matcher built afresh over the entries it
 * sees, outcomes, ids and confidences alike. The fresh build lists the shipped entries the server did not change,
 * in shipped order, then its own in the order it last changed them.
 */

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const moderator = { id: '300000000000000002', name: 'bob' };
const GUILDS = ['100000000000000001', '100000000000000002', '100000000000000003', '100000000000000004'];

const QUERIES = [
  'is netflix coded in python?',
  'why does netflix use python',
  'how does netflix ensure high availability',
  'netflx cassandra',
  'waht languages does netflix use',
  'how is pyhton used at netflix',
  'does nf stay online',
  'netflix recommendations machine learning',
  'why does the game crash',
  'how do i log out',
  'how do i turn off voice chat',
  'is the game online',
  'how do i get help',
  'what is the best pizza',
  'how do i bake sourdough bread',
  "what is google's approach to open source",
  'my netflix recs are spooky. how does python fit in?',
  'how does pyth',
  'netf',
  'gam',
];

/** Words for made-up entries and edits: some from the article and the FAQ, some no entry has. */
const WORDS =
  'netflix python java microservices availability chaos monkey streaming recommendations data pipeline cassandra game crash voice chat login password refund server status ticket moderator tournament ranked season skins patch lag ping beta zorblax quintessa'.split(
    ' ',
  );

function sentence(random: () => number, words = 3 + Math.floor(random() * 5)): string {
  const out = ['how', 'does', 'what', 'why', 'is'][Math.floor(random() * 5)]!;
  const body = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  return `${out} ${body.join(' ')}?`;
}

function typo(random: () => number, text: string): string {
  const i = 1 + Math.floor(random() * Math.max(1, text.length - 3));
  return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
}

function edited(random: () => number, entry: Entry, pool: readonly Entry[]): Entry {
  switch (Math.floor(random() * 5)) {
    case 0:
      return { ...entry, answer: `${entry.answer} ${sentence(random)}` };
    case 1:
      return { ...entry, alternates: [...entry.alternates, sentence(random)] };
    case 2:
      return { ...entry, alternates: entry.alternates.slice(0, Math.floor(random() * (entry.alternates.length + 1))) };
    case 3:
      return { ...entry, question: typo(random, entry.question) };
    default: {
      // Another entry's phrasings: two entries alike, so ties between them are common.
      const other = pool[Math.floor(random() * pool.length)]!;
      return { ...entry, question: other.question, alternates: [...other.alternates] };
    }
  }
}

/** The server's entries, as the fresh build lists them (see the header). */
class Model {
  private readonly own = new Map<string, Entry | null>();

  constructor(private readonly shipped: readonly Entry[]) {}

  changed(entryId: string, entry: Entry | null): void {
    this.own.delete(entryId);
    this.own.set(entryId, entry);
  }

  entries(): Entry[] {
    const kept = this.shipped.filter((e) => !this.own.has(e.id));
    for (const entry of this.own.values()) if (entry) kept.push(entry);
    return kept;
  }
}

const scored = (list: readonly ScoredEntry[]) => list.map((s) => [s.entry.id, s.confidence]);
const verdict = (r: MatchResult) => ({
  outcome: r.outcome,
  match: r.match && [r.match.entry.id, r.match.confidence],
  alternatives: scored(r.alternatives),
  ranked: scored(r.ranked),
});

function expectSameAnswers(actual: Matcher, fresh: Matcher, context: string): void {
  expect(actual.size, context).toBe(fresh.size);
  expect(
    actual.entries().map((e) => e.id),
    context,
  ).toEqual(fresh.entries().map((e) => e.id));
  for (const query of QUERIES) {
    expect(verdict(actual.match(query)), `${context}: match("${query}")`).toEqual(verdict(fresh.match(query)));
    expect(scored(actual.rank(query, 8)), `${context}: rank("${query}")`).toEqual(scored(fresh.rank(query, 8)));
  }
}

async function step(random: () => number, knowledge: EditableKnowledge, guildId: string, model: Model, pool: readonly Entry[], made: { n: number }): Promise<string> {
  const visible = await knowledge.list(guildId);
  const pick = () => visible[Math.floor(random() * visible.length)]!;
  const roll = random();
  if (roll < 0.25 || visible.length < 3) {
    const fromPool = random() < 0.5;
    const entry: Entry = fromPool
      ? { ...pool[Math.floor(random() * pool.length)]!, id: `added-${made.n++}` }
      : { id: `added-${made.n++}`, question: sentence(random), answer: sentence(random, 12), alternates: random() < 0.5 ? [sentence(random)] : [], tags: [] };
    await knowledge.add(guildId, entry, moderator);
    model.changed(entry.id, entry);
    return `add ${entry.id}`;
  }
  if (roll < 0.55) {
    const { entry, revision } = pick();
    const next = edited(random, entry, pool);
    await knowledge.edit(guildId, next, revision, moderator);
    model.changed(entry.id, next);
    return `edit ${entry.id}`;
  }
  if (roll < 0.7) {
    const { entry, revision } = pick();
    await knowledge.remove(guildId, entry.id, revision, moderator);
    model.changed(entry.id, null);
    return `remove ${entry.id}`;
  }
  if (roll < 0.85) {
    // Restore: any earlier revision of an entry the server changed, hidden ones included.
    const changed = [...new Set((await knowledge.list(guildId)).map((v) => v.entry.id))].concat(pool.map((e) => e.id));
    for (const id of changed.sort(() => random() - 0.5)) {
      const history = await knowledge.history(guildId, id);
      if (history.length < 2) continue;
      const target = history[1 + Math.floor(random() * (history.length - 1))]!;
      const current = history[0]!.revision;
      const restored = await knowledge.restore(guildId, id, target.revision, current, moderator);
      model.changed(id, restored.entry);
      return `restore ${id} to ${target.revision}`;
    }
    return 'restore (nothing to restore)';
  }
  // Import: a few entries, new ones and changed ones, all or nothing.
  const incoming: Entry[] = [];
  for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
    if (random() < 0.5) incoming.push({ ...pool[Math.floor(random() * pool.length)]!, id: `imported-${made.n++}` });
    else {
      const { entry } = pick();
      if (!incoming.some((e) => e.id === entry.id)) incoming.push(edited(random, entry, pool));
    }
  }
  const preview = await knowledge.previewImport(guildId, incoming);
  const changes = new Set([...preview.added, ...preview.changed.map((c) => c.after)].map((e) => e.id));
  await knowledge.applyImport(guildId, incoming, moderator);
  // Applied in the file's order, unchanged entries skipped.
  for (const e of incoming) if (changes.has(e.id)) model.changed(e.id, e);
  return `import ${incoming.map((e) => e.id).join(', ')}`;
}

describe('a server overlay over the shared shipped knowledge', () => {
  test.each([1, 2, 3])('answers exactly as a fresh build over its entries, after every random change (seed %i)', async (seed) => {
    const random = prng(seed);
    const shipped = articleKnowledge();
    const pool = [...shipped.entries, ...gamingEntries()];
    const knowledge = createEditableKnowledge(shipped, openSqliteStore(':memory:'));
    const models = new Map(GUILDS.map((g) => [g, new Model(shipped.entries)]));
    const made = { n: 0 };
    // The last server never changes anything: it keeps the shared matcher throughout.
    const changing = GUILDS.slice(0, -1);
    const shared = await knowledge.matcherFor(GUILDS.at(-1)!);
    for (let i = 0; i < 18; i++) {
      const guildId = changing[Math.floor(random() * changing.length)]!;
      const action = await step(random, knowledge, guildId, models.get(guildId)!, pool, made);
      // The server just changed, and every few steps all of them (the shared structures must never move).
      for (const g of i % 6 === 5 ? GUILDS : [guildId]) {
        const fresh = createMatcher(models.get(g)!.entries(), { synonyms: shipped.synonyms });
        expectSameAnswers(await knowledge.matcherFor(g), fresh, `seed ${seed}, step ${i} (${action}), server ${g}`);
      }
    }
    expect(await knowledge.matcherFor(GUILDS.at(-1)!)).toBe(shared);
  }, 180_000);
});
