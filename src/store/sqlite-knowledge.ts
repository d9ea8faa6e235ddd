import type Database from 'better-sqlite3';
import { storeErrors } from './errors.js';
import type { EntryOverride, KnowledgeStore, Revision, RevisionAction, SavedEntry } from './knowledge-store.js';
import { assertRevision, entryFromJson, importChanges, saveChange, validateBefore, type StoredChange } from './stored-entries.js';
import { createSqliteVocabulary } from './sqlite-vocabulary.js';
import type { PreparedVocabulary } from './stored-vocabularies.js';

// The SQLite side of KnowledgeStore. It receives the connection that sqlite-store.ts opened (a type import only:
// that file stays the one place the driver is loaded and configured).

interface OverrideRow {
  entry_id: string;
  revision: number;
  state: string | null;
  updated_at: number;
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
  created_at: number;
}

/**
 * The {@link KnowledgeStore} over an open, migrated connection. Every write is one `BEGIN IMMEDIATE` transaction
 * that appends the revision and updates the override row together, so a crash leaves both or neither.
 */
export function createSqliteKnowledge(db: Database.Database, now: () => number): KnowledgeStore {
  const vocabulary = createSqliteVocabulary(db, now);

  // ─── Statements, prepared once ──────────────────────────────────────────────────────────────────

  const findOverride = db.prepare<[string, string], OverrideRow>(`
    SELECT entry_id, revision, state, updated_at, updated_by_id, updated_by_name
    FROM entry_overrides WHERE guild_id = ? AND entry_id = ?
  `);
  const listOverrides = db.prepare<[string], OverrideRow>(`
    SELECT entry_id, revision, state, updated_at, updated_by_id, updated_by_name
    FROM entry_overrides WHERE guild_id = ? ORDER BY entry_id
  `);
  const findRevision = db.prepare<[string, string, number], { after_json: string | null }>(
    'SELECT after_json FROM entry_revisions WHERE guild_id = ? AND entry_id = ? AND revision = ?',
  );
  const changedSince = db.prepare<[number], { seq: number; guild_id: string; entry_id: string }>(
    'SELECT rowid AS seq, guild_id, entry_id FROM entry_revisions WHERE rowid > ? ORDER BY rowid',
  );
  const listRevisions = db.prepare<[string, string], RevisionRow>(`
    SELECT revision, action, before_json, after_json, author_id, author_name, created_at
    FROM entry_revisions WHERE guild_id = ? AND entry_id = ? ORDER BY revision DESC
  `);
  const listGuilds = db.prepare<[], { guild_id: string }>('SELECT DISTINCT guild_id FROM entry_overrides ORDER BY guild_id');
  const insertRevision = db.prepare<
    [{ guild: string; entry: string; revision: number; action: RevisionAction; before: string | null; after: string | null; authorId: string; authorName: string; at: number }]
  >(`
    INSERT INTO entry_revisions (guild_id, entry_id, revision, action, before_json, after_json, author_id, author_name, created_at)
    VALUES (@guild, @entry, @revision, @action, @before, @after, @authorId, @authorName, @at)
  `);
  const upsertOverride = db.prepare<
    [{ guild: string; entry: string; revision: number; state: string | null; at: number; authorId: string; authorName: string }]
  >(`
    INSERT INTO entry_overrides (guild_id, entry_id, revision, state, hidden, updated_at, updated_by_id, updated_by_name)
    VALUES (@guild, @entry, @revision, @state, @state IS NULL, @at, @authorId, @authorName)
    ON CONFLICT (guild_id, entry_id) DO UPDATE SET
      revision = excluded.revision,
      state = excluded.state,
      hidden = excluded.hidden,
      updated_at = excluded.updated_at,
      updated_by_id = excluded.updated_by_id,
      updated_by_name = excluded.updated_by_name
  `);

  // ─── Writing one change (always inside a transaction) ──────────────────────────────────────────

  /** Appends the revision, then points the override row at it: the foreign key wants them in that order. */
  function commit(change: StoredChange, row: OverrideRow | undefined): number {
    assertRevision(change, row);
    const revision = (row?.revision ?? 0) + 1;
    // Once the guild has an override, the stored state is the truth; the caller's `before` matters only for the
    // first change to a shipped entry, which the store never held.
    const before = row ? row.state : change.action === 'add' ? null : change.before;
    const at = now();
    const who = { authorId: change.author.id, authorName: change.author.name };
    insertRevision.run({ guild: change.guild, entry: change.entryId, revision, action: change.action, before, after: change.after, at, ...who });
    upsertOverride.run({ guild: change.guild, entry: change.entryId, revision, state: change.after, at, ...who });
    return revision;
  }

  const inTransaction = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const transaction = db.transaction(fn);
    // IMMEDIATE: the revision check and the write happen under one write lock, so two processes (the bot and a
    // CLI) can't both see revision 3 and both write revision 4.
    return (...args: A): R => transaction.immediate(...args);
  };

  const save = inTransaction((change: StoredChange, exists: boolean): number => {
    const row = findOverride.get(change.guild, change.entryId);
    if (change.action === 'add' && (row !== undefined || exists)) throw storeErrors.entryExists(change.entryId, row?.state === null);
    if (change.action === 'edit' && row === undefined && change.before === null) {
      throw storeErrors.unknownEntry(change.entryId, 'is not on this server: add it instead');
    }
    return commit(change, row);
  });

  const hide = inTransaction((change: StoredChange): number => {
    const row = findOverride.get(change.guild, change.entryId);
    if (row !== undefined && row.state === null && row.revision === change.expectedRevision) {
      throw storeErrors.unknownEntry(change.entryId, 'is already hidden on this server');
    }
    return commit(change, row);
  });

  const restore = inTransaction((change: Omit<StoredChange, 'after'>, revision: number): { revision: number; after: string | null } => {
    const target = findRevision.get(change.guild, change.entryId, revision);
    if (target === undefined) throw storeErrors.unknownRevision(change.entryId, revision);
    const row = findOverride.get(change.guild, change.entryId);
    return { revision: commit({ ...change, after: target.after_json }, row), after: target.after_json };
  });

  const batch = inTransaction((changes: StoredChange[], groups: PreparedVocabulary | null): number[] => {
    const revisions = changes.map((change) => commit(change, findOverride.get(change.guild, change.entryId)));
    if (groups) vocabulary.commit(groups);
    return revisions;
  });

  // ─── The interface ─────────────────────────────────────────────────────────────────────────────

  return {
    ...vocabulary.store,

    async overrides(guildId): Promise<EntryOverride[]> {
      return listOverrides.all(guildId).map((row) => ({
        entryId: row.entry_id,
        revision: row.revision,
        entry: entryFromJson(row.state),
        updatedAt: new Date(row.updated_at),
        updatedBy: { id: row.updated_by_id, name: row.updated_by_name },
      }));
    },

    async currentRevision(guildId, entryId) {
      return findOverride.get(guildId, entryId)?.revision ?? 0;
    },

    async saveEntry(input): Promise<SavedEntry> {
      const { change, entry } = saveChange(input);
      return { revision: save(change, input.exists ?? false), entry };
    },

    async hideEntry({ guildId, entryId, before, expectedRevision, author }) {
      const previous = validateBefore(before, entryId);
      return { revision: hide({ guild: guildId, entryId, action: 'remove', expectedRevision, before: previous, after: null, author }) };
    },

    async restoreRevision({ guildId, entryId, revision, expectedRevision, author }) {
      const done = restore({ guild: guildId, entryId, action: 'restore', expectedRevision, before: null, author }, revision);
      return { revision: done.revision, entry: entryFromJson(done.after) };
    },

    async history(guildId, entryId): Promise<Revision[]> {
      return listRevisions.all(guildId, entryId).map((row) => ({
        revision: row.revision,
        action: row.action,
        before: entryFromJson(row.before_json),
        after: entryFromJson(row.after_json),
        author: { id: row.author_id, name: row.author_name },
        createdAt: new Date(row.created_at),
      }));
    },

    async applyBatch(guildId, changes, author, groups): Promise<SavedEntry[]> {
      const vocabularyChange = groups ? vocabulary.prepare(guildId, groups.groups, groups.expectedRevision, author, 'import') : null;
      if (changes.length === 0) {
        if (vocabularyChange) batch([], vocabularyChange);
        return [];
      }
      const { changes: prepared, entries } = importChanges(guildId, changes, author);
      const revisions = batch(prepared, vocabularyChange);
      return revisions.map((revision, i) => ({ revision, entry: entries[i]! }));
    },

    async guildsWithOverrides() {
      return listGuilds.all().map((row) => row.guild_id);
    },
    async changesSince(sequence) {
      const rows = changedSince.all(sequence);
      return {
        sequence: rows.at(-1)?.seq ?? sequence,
        changes: rows.map((row) => ({ guildId: row.guild_id, entryId: row.entry_id })),
      };
    },
  };
}
