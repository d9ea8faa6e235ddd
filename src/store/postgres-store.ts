import type pg from 'pg';
import { StoreError } from './errors.js';
import type { KnowledgeStore } from './knowledge-store.js';
import { createChangeListener } from './postgres-changes.js';
import { createPostgresKnowledge } from './postgres-knowledge.js';
import { migratePostgres } from './postgres-migrations.js';
import { cannotOpen, createPool, describeTarget, inTransaction, withClient } from './postgres-open.js';
import { guildKey, normaliseQuery } from './store.js';
import type { BotStore, UnansweredInput, UnansweredQuery, VoteInput, VoteResult, VoteTally } from './store.js';

export { isPostgresFailure } from './postgres-open.js';

export interface PostgresStoreOptions {
  /** The clock, in milliseconds since the epoch; tests inject one to order events. Default `Date.now`. */
  now?: () => number;
  /** How many connections the store keeps at most. Default 5. */
  poolSize?: number;
}

const DEFAULT_POOL_SIZE = 5;
/** `writable()` answers within this, whatever the server does: a health check must not hang. */
const PROBE_DEADLINE_MS = 1_000;

/**
 * Opens the PostgreSQL store at `url` (`postgres://user:password@host:5432/database`) and brings its schema up to
 * date. The same store as SQLite's (sqlite-store.ts) for every caller, and one several processes can share: the
 * bot's replicas and the `kb` CLI see each other's changes, announced as they commit ({@link KnowledgeStore.subscribe}).
 *
 * @throws {StoreError} with a one-line message naming the server (never the password) and what to do:
 *   `cannot-open` when the server cannot be reached or refuses the database or user, and the schema codes when
 *   the database was written by a newer or diverging version of the bot.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<BotStore & KnowledgeStore> {
  const now = options.now ?? Date.now;
  const target = describeTarget(url);
  if (target === undefined) throw cannotOpen(url, undefined);
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError(`poolSize must be a whole number of connections, at least 1; got ${poolSize}.`);
  const pool = createPool(url, poolSize);
  try {
    await withClient(pool, (client) => migratePostgres(client));
  } catch (error) {
    await pool.end().catch(() => {});
    throw error instanceof StoreError ? error : cannotOpen(url, error);
  }

  const changes = createChangeListener(url);
  let closed = false;
  let closing: Promise<void> | undefined;

  return {
    ...createPostgresKnowledge(pool, now),

    subscribe: (listener) => changes.subscribe(listener),

    recordVote: (input) => recordVote(pool, input, now),

    async recordUnanswered(input: UnansweredInput) {
      await pool.query(
        `INSERT INTO questions_log (guild_id, channel_id, user_id, query, query_key, outcome, suggestions, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [guildKey(input.guildId), input.channelId, input.userId, input.query, normaliseQuery(input.query), input.outcome, JSON.stringify(input.suggestions), now()],
      );
    },

    async recordAsked({ guildId, entryId }) {
      await pool.query(
        `INSERT INTO entry_stats (guild_id, entry_id, asked_count, last_asked_at) VALUES ($1, $2, 1, $3)
         ON CONFLICT (guild_id, entry_id) DO UPDATE SET asked_count = entry_stats.asked_count + 1, last_asked_at = excluded.last_asked_at`,
        [guildKey(guildId), entryId, now()],
      );
    },

    async timesAsked(guildId, entryId) {
      const { rows } = await pool.query<{ asked_count: number }>('SELECT asked_count FROM entry_stats WHERE guild_id = $1 AND entry_id = $2', [
        guildKey(guildId),
        entryId,
      ]);
      return rows[0]?.asked_count ?? 0;
    },

    async votesFor(guildId, entryId): Promise<VoteTally> {
      const { rows } = await pool.query<{ up: number; down: number }>(
        `SELECT (count(*) FILTER (WHERE value = 1))::int AS up, (count(*) FILTER (WHERE value = -1))::int AS down
         FROM votes WHERE guild_id = $1 AND entry_id = $2`,
        [guildKey(guildId), entryId],
      );
      return { up: rows[0]?.up ?? 0, down: rows[0]?.down ?? 0 };
    },

    async unanswered(guildId, limit): Promise<UnansweredQuery[]> {
      if (!Number.isInteger(limit) || limit <= 0) return [];
      // A 👎 counts as an unanswered question: the bot answered, but not with what the person needed.
      const { rows } = await pool.query<{ query: string; count: string; last: string; downvoted: number }>(
        `SELECT query_key AS query, count(*) AS count, max(at) AS last, max(downvoted) AS downvoted FROM (
           SELECT query_key, created_at AS at, 0 AS downvoted FROM questions_log WHERE guild_id = $1
           UNION ALL
           SELECT query_key, updated_at AS at, 1 AS downvoted FROM votes WHERE guild_id = $1 AND value = -1 AND query_key IS NOT NULL
         ) AS asked
         WHERE query_key <> ''
         GROUP BY query_key
         ORDER BY count DESC, last DESC, query ASC
         LIMIT $2`,
        [guildKey(guildId), limit],
      );
      return rows.map((row) => ({ query: row.query, count: Number(row.count), lastAskedAt: new Date(Number(row.last)), downvoted: row.downvoted === 1 }));
    },

    async backup(file) {
      // The server holds the data, and pg_dump is the tool that copies it consistently while the bot runs.
      throw new StoreError(
        'backup-failed',
        `Backups of a PostgreSQL store are made with pg_dump: run pg_dump --format=custom --file=${file} --host=${target.host} --port=${target.port} ` +
          `--username=${target.user} ${target.database}, and pg_restore to put one back.`,
      );
    },

    async writable() {
      if (closed) return false;
      return probeWritable(pool);
    },

    close() {
      closed = true;
      closing ??= Promise.all([changes.close(), pool.end().catch(() => {})]).then(() => {});
      return closing;
    },
  };
}

/** One vote, read and written in one transaction so its result says what it did, even with another process voting. */
function recordVote(pool: pg.Pool, input: VoteInput, now: () => number): Promise<VoteResult> {
  return inTransaction(pool, async (client) => {
    const key = [guildKey(input.guildId), input.entryId, input.userId];
    const query = input.query ?? null;
    let at: number | undefined;
    // Twice at most: when another process inserts this user's first vote between our read and our insert, the
    // insert does nothing and the second round sees (and locks) that vote.
    for (;;) {
      const { rows } = await client.query<{ value: number }>('SELECT value FROM votes WHERE guild_id = $1 AND entry_id = $2 AND user_id = $3 FOR UPDATE', key);
      const previous = rows[0];
      if (previous?.value === input.value) return { recorded: false, changed: false };
      at ??= now();
      const values = [...key, input.channelId, input.value, query, query === null ? null : normaliseQuery(query), at];
      if (previous !== undefined) {
        await client.query(
          `UPDATE votes SET channel_id = $4, value = $5, query = coalesce($6, query), query_key = coalesce($7, query_key), updated_at = $8
           WHERE guild_id = $1 AND entry_id = $2 AND user_id = $3`,
          values,
        );
        return { recorded: true, changed: true };
      }
      const inserted = await client.query(
        `INSERT INTO votes (guild_id, entry_id, user_id, channel_id, value, query, query_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING`,
        values,
      );
      if (inserted.rowCount === 1) return { recorded: true, changed: false };
    }
  });
}

/**
 * Whether a write would go through now: takes the lock a write takes on a table (refused without the right to
 * write, and waiting at most briefly) and asks whether the transaction is read-only (a standby, or a database
 * set read-only), then rolls back. Writes nothing; never throws; answers within {@link PROBE_DEADLINE_MS}.
 */
function probeWritable(pool: pg.Pool): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (writable: boolean) => {
      if (answered) return;
      answered = true;
      clearTimeout(deadline);
      resolve(writable);
    };
    const deadline = setTimeout(() => answer(false), PROBE_DEADLINE_MS);
    withClient(pool, async (client) => {
      if (answered) return false;
      const probe: pg.QueryConfig & { query_timeout: number } = {
        text: `BEGIN; SET LOCAL statement_timeout = ${PROBE_DEADLINE_MS}; SET LOCAL lock_timeout = ${PROBE_DEADLINE_MS / 5};
               LOCK TABLE votes IN ROW EXCLUSIVE MODE; SELECT current_setting('transaction_read_only') AS read_only; ROLLBACK`,
        // pg's own per-query timeout (missing from its types): the client gives up on a server that stops
        // answering, and the connection is destroyed rather than held for ever.
        query_timeout: PROBE_DEADLINE_MS,
      };
      // Several statements in one round trip: pg resolves them as one result per statement.
      const results = (await client.query(probe)) as unknown as pg.QueryResult<{ read_only: string }>[];
      return results.some((result) => result.rows[0]?.read_only === 'off');
    }).then(answer, () => answer(false));
  });
}
