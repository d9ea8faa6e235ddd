import type { KnowledgeStore } from './knowledge-store.js';
import { backupDatabase } from './sqlite-backup.js';
import { createSqliteKnowledge } from './sqlite-knowledge.js';
import { BUSY_TIMEOUT_MS, checkpointAndClose, openDatabase } from './sqlite-open.js';
import { guildKey, normaliseQuery } from './store.js';
import type { BotStore, UnansweredInput, UnansweredQuery, VoteInput, VoteResult, VoteTally } from './store.js';

export { BUSY_TIMEOUT_MS } from './sqlite-open.js';
export { restoreSqliteBackup, type RestoreResult } from './sqlite-backup.js';
/** How long the health probe (`writable`) waits for another process's write lock. */
const PROBE_BUSY_TIMEOUT_MS = 200;

export interface SqliteStoreOptions {
  /** The clock, in milliseconds since the epoch; tests inject one to order events. Default `Date.now`. */
  now?: () => number;
  /**
   * Refuse to create the database: for a tool that only makes sense on the bot's existing one (a backup), where a
   * mistyped DATABASE_URL should say so rather than back up a new empty file. Default false.
   */
  mustExist?: boolean;
}

/**
 * Opens (creating if needed) the SQLite store at `path`, or an in-memory one for `':memory:'`, and brings its
 * schema up to date. Only the `sqlite-*.ts` modules load the SQLite driver: opening (`sqlite-open.ts`), backup
 * and restore (`sqlite-backup.ts`), and the knowledge half of the store (`sqlite-knowledge.ts`), which is handed
 * the connection.
 *
 * @throws {StoreError} with a one-line message naming the file and what to do: `cannot-open` when its folder
 *   cannot be made or the file cannot be opened, `not-a-database` for a file that is not SQLite (or is damaged),
 *   and the schema codes when the database was written by a newer or diverging version of the bot.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): BotStore & KnowledgeStore {
  const now = options.now ?? Date.now;
  const db = openDatabase(path, options.mustExist ?? false);

  // ─── Statements, prepared once ──────────────────────────────────────────────────────────────────

  const findVote = db.prepare<[string, string, string], { value: number }>(
    'SELECT value FROM votes WHERE guild_id = ? AND entry_id = ? AND user_id = ?',
  );
  const upsertVote = db.prepare<
    [{ guild: string; entry: string; user: string; channel: string; value: number; query: string | null; key: string | null; at: number }]
  >(`
    INSERT INTO votes (guild_id, entry_id, user_id, channel_id, value, query, query_key, created_at, updated_at)
    VALUES (@guild, @entry, @user, @channel, @value, @query, @key, @at, @at)
    ON CONFLICT (guild_id, entry_id, user_id) DO UPDATE SET
      value = excluded.value,
      channel_id = excluded.channel_id,
      query = coalesce(excluded.query, votes.query),
      query_key = coalesce(excluded.query_key, votes.query_key),
      updated_at = excluded.updated_at
  `);
  const tally = db.prepare<[string, string], { up: number | null; down: number | null }>(`
    SELECT sum(value = 1) AS up, sum(value = -1) AS down FROM votes WHERE guild_id = ? AND entry_id = ?
  `);
  const insertQuestion = db.prepare<[string, string, string, string, string, string, string, number]>(`
    INSERT INTO questions_log (guild_id, channel_id, user_id, query, query_key, outcome, suggestions, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  `);
  const bumpAsked = db.prepare<[string, string, number]>(`
    INSERT INTO entry_stats (guild_id, entry_id, asked_count, last_asked_at) VALUES (?, ?, 1, ?)
    ON CONFLICT (guild_id, entry_id) DO UPDATE SET asked_count = asked_count + 1, last_asked_at = excluded.last_asked_at
  `);
  const askedCount = db.prepare<[string, string], { asked_count: number }>(
    'SELECT asked_count FROM entry_stats WHERE guild_id = ? AND entry_id = ?',
  );
  // A 👎 counts as an unanswered question: the bot answered, but not with what the person needed.
  const topUnanswered = db.prepare<[{ guild: string; limit: number }], { query: string; count: number; last: number; downvoted: number }>(`
    SELECT query_key AS query, count(*) AS count, max(at) AS last, max(downvoted) AS downvoted FROM (
      SELECT query_key, created_at AS at, 0 AS downvoted FROM questions_log WHERE guild_id = @guild
      UNION ALL
      SELECT query_key, updated_at AS at, 1 AS downvoted FROM votes WHERE guild_id = @guild AND value = -1 AND query_key IS NOT NULL
    )
    WHERE query_key <> ''
    GROUP BY query_key
    ORDER BY count DESC, last DESC, query ASC
    LIMIT @limit
  `);

  // IMMEDIATE: read-then-write under the write lock, so two processes can't both see "no vote yet".
  const vote = db.transaction((input: VoteInput): VoteResult => {
    const guild = guildKey(input.guildId);
    const previous = findVote.get(guild, input.entryId, input.userId);
    if (previous?.value === input.value) return { recorded: false, changed: false };
    const query = input.query ?? null;
    upsertVote.run({
      guild,
      entry: input.entryId,
      user: input.userId,
      channel: input.channelId,
      value: input.value,
      query,
      key: query === null ? null : normaliseQuery(query),
      at: now(),
    });
    return { recorded: true, changed: previous !== undefined };
  });

  return {
    ...createSqliteKnowledge(db, now),

    recordVote: async (input) => vote.immediate(input),

    async recordUnanswered(input: UnansweredInput) {
      insertQuestion.run(
        guildKey(input.guildId),
        input.channelId,
        input.userId,
        input.query,
        normaliseQuery(input.query),
        input.outcome,
        JSON.stringify(input.suggestions),
        now(),
      );
    },

    async recordAsked({ guildId, entryId }) {
      bumpAsked.run(guildKey(guildId), entryId, now());
    },

    async timesAsked(guildId, entryId) {
      return askedCount.get(guildKey(guildId), entryId)?.asked_count ?? 0;
    },

    async votesFor(guildId, entryId): Promise<VoteTally> {
      const row = tally.get(guildKey(guildId), entryId);
      // sum() over no rows is NULL in SQL.
      return { up: row?.up ?? 0, down: row?.down ?? 0 };
    },

    async unanswered(guildId, limit): Promise<UnansweredQuery[]> {
      if (!Number.isInteger(limit) || limit <= 0) return [];
      return topUnanswered
        .all({ guild: guildKey(guildId), limit })
        .map((row) => ({ query: row.query, count: row.count, lastAskedAt: new Date(row.last), downvoted: row.downvoted === 1 }));
    },

    backup: (file, backupOptions) => backupDatabase(db, path, file, backupOptions),

    async writable() {
      if (!db.open) return false;
      // Takes the write lock and lets it go: what any write needs first. It waits briefly, not the full busy
      // timeout: the probe runs on the bot's only thread, and a health check should not stall the answers.
      db.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
      try {
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
        return true;
      } catch {
        return false;
      } finally {
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    },

    async close() {
      checkpointAndClose(db);
    },
  };
}
