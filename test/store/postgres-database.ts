import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { StoreError } from '../../src/store/errors.js';
import type { KnowledgeStore } from '../../src/store/knowledge-store.js';
import type { BotStore } from '../../src/store/store.js';
import { CHANNEL, GUILD, OTHER_GUILD, alice, bob, entry, question } from './setup.js';

// Throwaway PostgreSQL databases for the tests. The server comes from PAA_TEST_POSTGRES_URL, a URL of a user that
// may create databases, connected to any database (postgres); without a reachable server the tests are skipped.

const ADMIN_URL = process.env.PAA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECT_TIMEOUT_MS = 1_000;

/** Runs `work` on a short-lived connection of its own to `url`. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const asAdmin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(ADMIN_URL, work);

let availability: Promise<boolean> | undefined;

/** Whether the test server answers (asked once per test file). */
export function postgresAvailable(): Promise<boolean> {
  availability ??= asAdmin(async (client) => {
    await client.query('SELECT 1');
    return true;
  }).catch(() => false);
  return availability;
}

/** The URL of `database` on the test server, as the admin user. */
function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL on the database as the admin user (on its own connection, not the store's). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Ends every connection to it (the store's too), as a server restart would. */
  terminateConnections(filter?: { applicationName: string }): Promise<number>;
  drop(): Promise<void>;
}

/**
 * A new empty database `paa_test_<random hex>`; undefined when the server is unreachable. With `icuLocale`, the
 * database sorts text by that locale's rules (as many production databases do) instead of the server's default.
 */
export async function createTestDatabase(options: { icuLocale?: string } = {}): Promise<TestDatabase | undefined> {
  if (!(await postgresAvailable())) return undefined;
  const name = `paa_test_${randomBytes(6).toString('hex')}`;
  // Identifiers can't be parameters: the name is ours, made of [a-z0-9_], and the locale comes from the test.
  const locale = options.icuLocale === undefined ? '' : ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale.replace(/'/g, "''")}'`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${name}${locale}`));
  const url = urlOf(name);
  return {
    name,
    url,
    query: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) =>
      withClient(url, (client) => client.query<R>(sql, values)),
    terminateConnections: async (filter) => {
      const { rows } = await asAdmin((client) =>
        client.query<{ terminated: boolean }>(
          `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
           WHERE datname = $1 AND pid <> pg_backend_pid() AND ($2::text IS NULL OR application_name = $2)`,
          [name, filter?.applicationName ?? null],
        ),
      );
      return rows.filter((row) => row.terminated).length;
    },
    drop: () => asAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

// ─── The same calls on both stores ──────────────────────────────────────────────────────────────

/**
 * A session of calls touching every method, with what each returned or the refusal it met (class, code, message),
 * to run on both stores. Sequences are left out: a rolled-back PostgreSQL transaction uses up change ids, so they
 * may differ after a refused import, and callers only ever hand them back.
 */
export async function paritySteps(store: BotStore & KnowledgeStore): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  const step = async (run: () => Promise<unknown>) => {
    try {
      outcomes.push(await run());
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      outcomes.push({ ...error, refused: error.name, message: error.message });
    }
  };
  const vote = (userId: string, entryId: string, value: 1 | -1, guildId: string | null = GUILD, query?: string) =>
    step(() => store.recordVote({ guildId, channelId: CHANNEL, userId, entryId, value, query }));
  const add = (id: string) => store.saveEntry({ guildId: GUILD, entry: entry(id), before: null, expectedRevision: 0, author: alice, action: 'add' });
  const changes = async () => (await store.changesSince(0)).changes;
  const vocabularyChanges = async () => (await store.vocabularyChangesSince(0)).guildIds;

  // Votes, questions and statistics; text that sorts differently by byte and by locale ('zebra' before 'éclair').
  await vote(alice.id, 'what-is-pip', 1);
  await vote(alice.id, 'what-is-pip', 1);
  await vote(alice.id, 'what-is-pip', -1, GUILD, 'What is PIP?');
  await vote(bob.id, 'what-is-pip', -1, GUILD);
  await vote(bob.id, 'what-is-pip', 1, null, 'In a DM');
  for (const query of ['zebra', 'éclair', 'What is pip', 'how do I X?', 'How do i  x']) await step(() => store.recordUnanswered(question(query)));
  await step(() => store.recordUnanswered(question('?', { guildId: null, outcome: 'suggest', suggestions: ['a', 'b'] })));
  await step(() => store.recordAsked({ guildId: GUILD, entryId: 'what-is-pip' }));
  await step(() => store.recordAsked({ guildId: GUILD, entryId: 'what-is-pip' }));
  await step(() => store.recordAsked({ guildId: null, entryId: 'what-is-pip' }));
  for (const guildId of [GUILD, null, OTHER_GUILD]) {
    await step(() => store.votesFor(guildId, 'what-is-pip'));
    await step(() => store.timesAsked(guildId, 'what-is-pip'));
    await step(() => store.unanswered(guildId, 10));
  }
  await step(() => store.unanswered(GUILD, 2));
  await step(() => store.unanswered(GUILD, 0));

  // Entries: adds, edits, refusals, hiding, restoring; ids that sort differently by byte and by locale.
  const shipped = entry('what-is-python', { answer: 'A language.' });
  for (const id of ['a-b', 'ab', 'a1']) await step(() => add(id));
  await step(() => add('ab'));
  await step(() => store.saveEntry({ guildId: GUILD, entry: shipped, before: null, expectedRevision: 0, author: bob, action: 'add', exists: true }));
  await step(() => store.saveEntry({ guildId: GUILD, entry: shipped, before: null, expectedRevision: 0, author: bob, action: 'edit' }));
  await step(() => store.saveEntry({ guildId: GUILD, entry: { ...shipped, answer: 'Edited.', tags: ['Lang'] }, before: shipped, expectedRevision: 0, author: bob, action: 'edit' }));
  await step(() => store.saveEntry({ guildId: GUILD, entry: shipped, before: shipped, expectedRevision: 0, author: alice, action: 'edit' }));
  await step(() => store.saveEntry({ guildId: GUILD, entry: { ...shipped, id: 'Not An Id' }, before: null, expectedRevision: 0, author: alice, action: 'add' }));
  await step(() => store.saveEntry({ guildId: GUILD, entry: shipped, before: entry('other'), expectedRevision: 1, author: alice, action: 'edit' }));
  await step(() => store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 1, author: alice }));
  await step(() => store.hideEntry({ guildId: GUILD, entryId: shipped.id, before: shipped, expectedRevision: 2, author: alice }));
  await step(() => store.saveEntry({ guildId: GUILD, entry: shipped, before: null, expectedRevision: 2, author: bob, action: 'add' }));
  await step(() => store.restoreRevision({ guildId: GUILD, entryId: shipped.id, revision: 1, expectedRevision: 2, author: bob }));
  await step(() => store.restoreRevision({ guildId: GUILD, entryId: shipped.id, revision: 2, expectedRevision: 3, author: bob }));
  await step(() => store.restoreRevision({ guildId: GUILD, entryId: shipped.id, revision: 9, expectedRevision: 4, author: bob }));
  await step(() => store.restoreRevision({ guildId: OTHER_GUILD, entryId: shipped.id, revision: 1, expectedRevision: 0, author: bob }));
  await step(() => store.hideEntry({ guildId: OTHER_GUILD, entryId: 'never-edited', before: entry('never-edited'), expectedRevision: 0, author: bob }));

  // Vocabularies.
  const groups = [['Experience Points', 'XP'], ['pvp', 'player versus player']];
  await step(() => store.vocabulary(GUILD));
  await step(() => store.saveVocabulary({ guildId: GUILD, groups, expectedRevision: 0, author: alice }));
  await step(() => store.saveVocabulary({ guildId: GUILD, groups: [['xp', 'exp']], expectedRevision: 0, author: bob }));
  await step(() => store.saveVocabulary({ guildId: GUILD, groups: [['lonely']], expectedRevision: 1, author: bob }));
  await step(() => store.saveVocabulary({ guildId: GUILD, groups: [['xp', 'exp']], expectedRevision: 1, author: bob }));
  await step(() => store.restoreVocabulary({ guildId: GUILD, revision: 1, expectedRevision: 2, author: alice }));
  await step(() => store.restoreVocabulary({ guildId: GUILD, revision: 7, expectedRevision: 3, author: alice }));
  await step(() => store.restoreVocabulary({ guildId: OTHER_GUILD, revision: 1, expectedRevision: 0, author: alice }));

  // Imports: all or nothing.
  const batch = (changes: { id: string; expectedRevision: number }[], vocabulary?: { groups: string[][]; expectedRevision: number }) =>
    step(() =>
      store.applyBatch(
        GUILD,
        changes.map(({ id, expectedRevision }) => ({ entry: entry(id, { answer: `Imported ${id}.` }), before: id === shipped.id ? shipped : null, expectedRevision })),
        bob,
        vocabulary,
      ),
    );
  await batch([{ id: 'imported-one', expectedRevision: 0 }, { id: 'a-b', expectedRevision: 1 }], { groups: [['hp', 'health']], expectedRevision: 3 });
  await batch([{ id: 'imported-two', expectedRevision: 0 }, { id: 'a-b', expectedRevision: 1 }]);
  await batch([{ id: 'imported-two', expectedRevision: 0 }], { groups: [['hp', 'health']], expectedRevision: 3 });
  await batch([{ id: 'imported-two', expectedRevision: 0 }, { id: 'imported-two', expectedRevision: 0 }]);
  await batch([], { groups: [['mp', 'mana']], expectedRevision: 4 });
  await batch([]);
  await batch([{ id: shipped.id, expectedRevision: 4 }]);

  // Everything as it now stands.
  for (const id of ['a-b', 'ab', shipped.id, 'imported-two']) {
    await step(() => store.history(GUILD, id));
    await step(() => store.currentRevision(GUILD, id));
  }
  await step(() => store.overrides(GUILD));
  await step(() => store.overrides(OTHER_GUILD));
  await step(() => store.guildsWithOverrides());
  await step(changes);
  await step(() => store.vocabularyHistory(GUILD));
  await step(() => store.vocabulary(OTHER_GUILD));
  await step(vocabularyChanges);
  return outcomes;
}
