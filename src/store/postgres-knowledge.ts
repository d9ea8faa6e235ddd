import type pg from 'pg';
import { storeErrors } from './errors.js';
import type { EntryOverride, KnowledgeStore, Revision, RevisionAction, SavedEntry } from './knowledge-store.js';
import { assertRevision, entryFromJson, importChanges, saveChange, validateBefore, type StoredChange } from './stored-entries.js';
import { inChangeTransaction } from './postgres-changes.js';
import { createPostgresVocabulary, type Queryable } from './postgres-vocabulary.js';
import type { PreparedVocabulary } from './stored-vocabularies.js';

// The PostgreSQL side of KnowledgeStore, mirroring sqlite-knowledge.ts over the pool postgres-store.ts opened.

interface OverrideRow {
  entry_id: string;
  revision: number;
  state: string | null;
  /** BIGINT: pg returns it as a string. */
  updated_at: string;
  updated_by_id: string;
  updated_by_name: string;
}

interface RevisionRow {
  revision: number;
  action: RevisionAction;
  before_json: string | null;
  after_json: string | null;
  author_id: string;
  author_name: string;
  created_at: string;
}

// JSON columns are read back as the text that was written (`::text`), and parsed here, as SQLite's store does.
const OVERRIDE_COLUMNS = 'entry_id, revision, state::text AS state, updated_at, updated_by_id, updated_by_name';
const REVISION_COLUMNS = 'revision, action, before_json::text AS before_json, after_json::text AS after_json, author_id, author_name, created_at';

/**
 * The {@link KnowledgeStore} over an open, migrated pool. Every write is one transaction under the changes lock
 * (see `inChangeTransaction`) that appends the revision and updates the override row together, so a crash leaves
 * both or neither, and two processes can't both write the same revision.
 */
export function createPostgresKnowledge(pool: pg.Pool, now: () => number): KnowledgeStore {
  const vocabulary = createPostgresVocabulary(pool, now);

  const findOverride = async (db: Queryable, guild: string, entryId: string) =>
    (await db.query<OverrideRow>(`SELECT ${OVERRIDE_COLUMNS} FROM entry_overrides WHERE guild_id = $1 AND entry_id = $2`, [guild, entryId])).rows[0];

  // ─── Writing one change (always inside a change transaction) ───────────────────────────────────

  /** Appends the revision, then points the override row at it: the foreign key wants them in that order. */
  async function commit(db: Queryable, change: StoredChange, row: OverrideRow | undefined): Promise<number> {
    assertRevision(change, row);
    const revision = (row?.revision ?? 0) + 1;
    // Once the guild has an override, the stored state is the truth; the caller's `before` matters only for the
    // first change to a shipped entry, which the store never held.
    const before = row ? row.state : change.action === 'add' ? null : change.before;
    const at = now();
    const { guild, entryId, author } = change;
    await db.query(
      `INSERT INTO entry_revisions (guild_id, entry_id, revision, action, before_json, after_json, author_id, author_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [guild, entryId, revision, change.action, before, change.after, author.id, author.name, at],
    );
    await db.query(
      `INSERT INTO entry_overrides (guild_id, entry_id, revision, state, hidden, updated_at, updated_by_id, updated_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (guild_id, entry_id) DO UPDATE SET
         revision = excluded.revision,
         state = excluded.state,
         hidden = excluded.hidden,
         updated_at = excluded.updated_at,
         updated_by_id = excluded.updated_by_id,
         updated_by_name = excluded.updated_by_name`,
      [guild, entryId, revision, change.after, change.after === null, at, author.id, author.name],
    );
    return revision;
  }

  const save = (change: StoredChange, exists: boolean): Promise<number> =>
    inChangeTransaction(pool, change.guild, async (client) => {
      const row = await findOverride(client, change.guild, change.entryId);
      if (change.action === 'add' && (row !== undefined || exists)) throw storeErrors.entryExists(change.entryId, row?.state === null);
      if (change.action === 'edit' && row === undefined && change.before === null) {
        throw storeErrors.unknownEntry(change.entryId, 'is not on this server: add it instead');
      }
      return commit(client, change, row);
    });

  const hide = (change: StoredChange): Promise<number> =>
    inChangeTransaction(pool, change.guild, async (client) => {
      const row = await findOverride(client, change.guild, change.entryId);
      if (row !== undefined && row.state === null && row.revision === change.expectedRevision) {
        throw storeErrors.unknownEntry(change.entryId, 'is already hidden on this server');
      }
      return commit(client, change, row);
    });

  const restore = (change: Omit<StoredChange, 'after'>, revision: number): Promise<{ revision: number; after: string | null }> =>
    inChangeTransaction(pool, change.guild, async (client) => {
      const { rows } = await client.query<{ after_json: string | null }>(
        'SELECT after_json::text AS after_json FROM entry_revisions WHERE guild_id = $1 AND entry_id = $2 AND revision = $3',
        [change.guild, change.entryId, revision],
      );
      const target = rows[0];
      if (target === undefined) throw storeErrors.unknownRevision(change.entryId, revision);
      const row = await findOverride(client, change.guild, change.entryId);
      return { revision: await commit(client, { ...change, after: target.after_json }, row), after: target.after_json };
    });

  const batch = (guild: string, changes: StoredChange[], groups: PreparedVocabulary | null): Promise<number[]> =>
    inChangeTransaction(pool, guild, async (client) => {
      const revisions: number[] = [];
      // One at a time, in the order given: the first stale change is the one reported, as with SQLite.
      for (const change of changes) revisions.push(await commit(client, change, await findOverride(client, change.guild, change.entryId)));
      if (groups) await vocabulary.commit(client, groups);
      return revisions;
    });

  // ─── The interface ─────────────────────────────────────────────────────────────────────────────

  return {
    ...vocabulary.store,

    async overrides(guildId): Promise<EntryOverride[]> {
      const { rows } = await pool.query<OverrideRow>(`SELECT ${OVERRIDE_COLUMNS} FROM entry_overrides WHERE guild_id = $1 ORDER BY entry_id`, [guildId]);
      return rows.map((row) => ({
        entryId: row.entry_id,
        revision: row.revision,
        entry: entryFromJson(row.state),
        updatedAt: new Date(Number(row.updated_at)),
        updatedBy: { id: row.updated_by_id, name: row.updated_by_name },
      }));
    },

    async currentRevision(guildId, entryId) {
      return (await findOverride(pool, guildId, entryId))?.revision ?? 0;
    },

    async saveEntry(input): Promise<SavedEntry> {
      const { change, entry } = saveChange(input);
      return { revision: await save(change, input.exists ?? false), entry };
    },

    async hideEntry({ guildId, entryId, before, expectedRevision, author }) {
      const previous = validateBefore(before, entryId);
      return { revision: await hide({ guild: guildId, entryId, action: 'remove', expectedRevision, before: previous, after: null, author }) };
    },

    async restoreRevision({ guildId, entryId, revision, expectedRevision, author }) {
      const done = await restore({ guild: guildId, entryId, action: 'restore', expectedRevision, before: null, author }, revision);
      return { revision: done.revision, entry: entryFromJson(done.after) };
    },

    async history(guildId, entryId): Promise<Revision[]> {
      const { rows } = await pool.query<RevisionRow>(
        `SELECT ${REVISION_COLUMNS} FROM entry_revisions WHERE guild_id = $1 AND entry_id = $2 ORDER BY revision DESC`,
        [guildId, entryId],
      );
      return rows.map((row) => ({
        revision: row.revision,
        action: row.action,
        before: entryFromJson(row.before_json),
        after: entryFromJson(row.after_json),
        author: { id: row.author_id, name: row.author_name },
        createdAt: new Date(Number(row.created_at)),
      }));
    },

    async applyBatch(guildId, changes, author, groups): Promise<SavedEntry[]> {
      const vocabularyChange = groups ? vocabulary.prepare(guildId, groups.groups, groups.expectedRevision, author, 'import') : null;
      if (changes.length === 0) {
        if (vocabularyChange) await batch(guildId, [], vocabularyChange);
        return [];
      }
      const { changes: prepared, entries } = importChanges(guildId, changes, author);
      const revisions = await batch(guildId, prepared, vocabularyChange);
      return revisions.map((revision, i) => ({ revision, entry: entries[i]! }));
    },

    async guildsWithOverrides() {
      const { rows } = await pool.query<{ guild_id: string }>('SELECT DISTINCT guild_id FROM entry_overrides ORDER BY guild_id');
      return rows.map((row) => row.guild_id);
    },

    async changesSince(sequence) {
      // Never skips a change: change ids are committed in order (see CHANGES_LOCK in postgres-changes.ts).
      const { rows } = await pool.query<{ seq: string; guild_id: string; entry_id: string }>(
        'SELECT change_id AS seq, guild_id, entry_id FROM entry_revisions WHERE change_id > $1 ORDER BY change_id',
        [sequence],
      );
      const last = rows.at(-1);
      return {
        sequence: last ? Number(last.seq) : sequence,
        changes: rows.map((row) => ({ guildId: row.guild_id, entryId: row.entry_id })),
      };
    },
  };
}
