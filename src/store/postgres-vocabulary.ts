import type pg from 'pg';
import { KnowledgeError } from '../knowledge/errors.js';
import { validateSynonyms, type SynonymGroups } from '../knowledge/synonyms.js';
import { StaleVocabularyError, storeErrors } from './errors.js';
import type { Author } from './knowledge-store.js';
import { inChangeTransaction } from './postgres-changes.js';
import type { VocabularyAction, VocabularyRevision, VocabularyStore } from './vocabulary-store.js';

// The PostgreSQL side of VocabularyStore, mirroring sqlite-vocabulary.ts over the pool postgres-store.ts opened.

/** What a query runs on: the pool for a single read, or the connection a transaction holds. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

interface RevisionRow {
  revision: number;
  action: VocabularyAction;
  groups_json: string;
  restored_from: number | null;
  author_id: string;
  author_name: string;
  /** BIGINT: pg returns it as a string. */
  created_at: string;
}

/** A vocabulary write ready to go: the groups already validated and serialised. */
export interface PreparedVocabulary {
  guild: string;
  action: VocabularyAction;
  expectedRevision: number;
  groups: string;
  restoredFrom: number | null;
  author: Author;
}

// JSON read back as the text that was written, and parsed here, as SQLite's store does.
const COLUMNS = 'revision, action, groups_json::text AS groups_json, restored_from, author_id, author_name, created_at';

/**
 * The {@link VocabularyStore}, plus `prepare` and `commit` for the knowledge store's import, which writes a
 * vocabulary inside its own transaction so the entries and the vocabulary are saved together or not at all.
 */
export function createPostgresVocabulary(pool: pg.Pool, now: () => number) {
  const latest = async (db: Queryable, guild: string) =>
    (await db.query<RevisionRow>(`SELECT ${COLUMNS} FROM vocabulary_revisions WHERE guild_id = $1 ORDER BY revision DESC LIMIT 1`, [guild])).rows[0];
  const one = async (db: Queryable, guild: string, revision: number) =>
    (await db.query<RevisionRow>(`SELECT ${COLUMNS} FROM vocabulary_revisions WHERE guild_id = $1 AND revision = $2`, [guild, revision])).rows[0];

  /**
   * Writes the change as the guild's next revision. Call inside a transaction holding the changes lock
   * ({@link inChangeTransaction}): the check and the write go together.
   */
  async function commit(db: Queryable, change: PreparedVocabulary): Promise<VocabularyRevision> {
    const row = await latest(db, change.guild);
    const current = row?.revision ?? 0;
    if (current !== change.expectedRevision) {
      throw new StaleVocabularyError(
        change.guild,
        change.expectedRevision,
        current,
        row ? { id: row.author_id, name: row.author_name } : null,
        row ? new Date(Number(row.created_at)) : null,
      );
    }
    const { rows } = await db.query<RevisionRow>(
      `INSERT INTO vocabulary_revisions (guild_id, revision, action, groups_json, restored_from, author_id, author_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [change.guild, current + 1, change.action, change.groups, change.restoredFrom, change.author.id, change.author.name, now()],
    );
    return fromRow(rows[0]!);
  }

  /** Validates and serialises groups for {@link commit}. */
  function prepare(guild: string, groups: SynonymGroups, expectedRevision: number, author: Author, action: VocabularyAction): PreparedVocabulary {
    let valid: string[][];
    try {
      valid = validateSynonyms(groups, 'The synonyms');
    } catch (error) {
      if (error instanceof KnowledgeError) throw storeErrors.invalidSynonyms(error.message, error);
      throw error;
    }
    return { guild, action, expectedRevision, groups: JSON.stringify(valid), restoredFrom: null, author };
  }

  const store: VocabularyStore = {
    async vocabulary(guildId) {
      const row = await latest(pool, guildId);
      return row && fromRow(row);
    },
    async saveVocabulary({ guildId, groups, expectedRevision, author, action = 'edit' }) {
      const change = prepare(guildId, groups, expectedRevision, author, action);
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
      const { rows } = await pool.query<RevisionRow>(`SELECT ${COLUMNS} FROM vocabulary_revisions WHERE guild_id = $1 ORDER BY revision DESC`, [guildId]);
      return rows.map(fromRow);
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
  return { store, prepare, commit };
}

/** Groups are validated before they are written, so what comes back out is a list of groups. */
function fromRow(row: RevisionRow): VocabularyRevision {
  return {
    revision: row.revision,
    action: row.action,
    groups: JSON.parse(row.groups_json) as string[][],
    restoredFrom: row.restored_from,
    author: { id: row.author_id, name: row.author_name },
    createdAt: new Date(Number(row.created_at)),
  };
}
