import type pg from 'pg';
import { storeErrors } from './errors.js';
import { inChangeTransaction } from './postgres-changes.js';
import { nextVocabularyRevision, prepareVocabulary, vocabularyFromRow, type PreparedVocabulary, type VocabularyRow } from './stored-vocabularies.js';
import type { VocabularyRevision, VocabularyStore } from './vocabulary-store.js';

// The PostgreSQL side of VocabularyStore, mirroring sqlite-vocabulary.ts over the pool postgres-store.ts opened.

/** What a query runs on: the pool for a single read, or the connection a transaction holds. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

// JSON read back as the text that was written, and parsed here, as SQLite's store does.
const COLUMNS = 'revision, action, groups_json::text AS groups_json, restored_from, author_id, author_name, created_at';

/**
 * The {@link VocabularyStore}, plus `prepare` and `commit` for the knowledge store's import, which writes a
 * vocabulary inside its own transaction so the entries and the vocabulary are saved together or not at all.
 */
export function createPostgresVocabulary(pool: pg.Pool, now: () => number) {
  const latest = async (db: Queryable, guild: string) =>
    (await db.query<VocabularyRow>(`SELECT ${COLUMNS} FROM vocabulary_revisions WHERE guild_id = $1 ORDER BY revision DESC LIMIT 1`, [guild])).rows[0];
  const one = async (db: Queryable, guild: string, revision: number) =>
    (await db.query<VocabularyRow>(`SELECT ${COLUMNS} FROM vocabulary_revisions WHERE guild_id = $1 AND revision = $2`, [guild, revision])).rows[0];

  /**
   * Writes the change as the guild's next revision. Call inside a transaction holding the changes lock
   * ({@link inChangeTransaction}): the check and the write go together.
   */
  async function commit(db: Queryable, change: PreparedVocabulary): Promise<VocabularyRevision> {
    const row = await latest(db, change.guild);
    const revision = nextVocabularyRevision(change, row);
    const { rows } = await db.query<VocabularyRow>(
      `INSERT INTO vocabulary_revisions (guild_id, revision, action, groups_json, restored_from, author_id, author_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [change.guild, revision, change.action, change.groups, change.restoredFrom, change.author.id, change.author.name, now()],
    );
    return vocabularyFromRow(rows[0]!);
  }

  const store: VocabularyStore = {
    async vocabulary(guildId) {
      const row = await latest(pool, guildId);
      return row && vocabularyFromRow(row);
    },
    async saveVocabulary({ guildId, groups, expectedRevision, author, action = 'edit' }) {
      const change = prepareVocabulary(guildId, groups, expectedRevision, author, action);
      return inChangeTransaction(pool, guildId, (client) => commit(client, change));
    },
    async restoreVocabulary({ guildId, revision, expectedRevision, author }) {
      return inChangeTransaction(pool, guildId, async (client) => {
        const target = await one(client, guildId, revision);
        if (target === undefined) throw storeErrors.unknownVocabularyRevision(revision);
        return commit(client, { guild: guildId, action: 'restore', expectedRevision, groups: target.groups_json, restoredFrom: revision, author });
      });
    },
    async vocabularyHistory(guildId) {
      const { rows } = await pool.query<VocabularyRow>(`SELECT ${COLUMNS} FROM vocabulary_revisions WHERE guild_id = $1 ORDER BY revision DESC`, [guildId]);
      return rows.map(vocabularyFromRow);
    },
    async vocabularyChangesSince(sequence) {
      const { rows } = await pool.query<{ seq: string; guild_id: string }>(
        'SELECT change_id AS seq, guild_id FROM vocabulary_revisions WHERE change_id > $1 ORDER BY change_id',
        [sequence],
      );
      const last = rows.at(-1);
      return { sequence: last ? Number(last.seq) : sequence, guildIds: [...new Set(rows.map((r) => r.guild_id))] };
    },
  };
  return { store, prepare: prepareVocabulary, commit };
}

