import type Database from 'better-sqlite3';
import { storeErrors } from './errors.js';
import { nextVocabularyRevision, prepareVocabulary, vocabularyFromRow, type PreparedVocabulary, type VocabularyRow } from './stored-vocabularies.js';
import type { VocabularyAction, VocabularyRevision, VocabularyStore } from './vocabulary-store.js';

// The SQLite side of VocabularyStore, over the connection sqlite-store.ts opened (a type import only).

/**
 * The {@link VocabularyStore}, plus `prepare` and `commit` for the knowledge store's import, which writes a
 * vocabulary inside its own transaction so the entries and the vocabulary are saved together or not at all.
 */
export function createSqliteVocabulary(db: Database.Database, now: () => number) {
  const columns = 'revision, action, groups_json, restored_from, author_id, author_name, created_at';
  const latest = db.prepare<[string], VocabularyRow>(`SELECT ${columns} FROM vocabulary_revisions WHERE guild_id = ? ORDER BY revision DESC LIMIT 1`);
  const one = db.prepare<[string, number], VocabularyRow>(`SELECT ${columns} FROM vocabulary_revisions WHERE guild_id = ? AND revision = ?`);
  const all = db.prepare<[string], VocabularyRow>(`SELECT ${columns} FROM vocabulary_revisions WHERE guild_id = ? ORDER BY revision DESC`);
  const changedSince = db.prepare<[number], { seq: number; guild_id: string }>(
    'SELECT rowid AS seq, guild_id FROM vocabulary_revisions WHERE rowid > ? ORDER BY rowid',
  );
  const insert = db.prepare<
    [{ guild: string; revision: number; action: VocabularyAction; groups: string; restoredFrom: number | null; authorId: string; authorName: string; at: number }]
  >(`
    INSERT INTO vocabulary_revisions (guild_id, revision, action, groups_json, restored_from, author_id, author_name, created_at)
    VALUES (@guild, @revision, @action, @groups, @restoredFrom, @authorId, @authorName, @at)
  `);

  /** Writes the change as the guild's next revision; call inside a transaction (the check and the write go together). */
  function commit(change: PreparedVocabulary): VocabularyRevision {
    const row = latest.get(change.guild);
    const revision = nextVocabularyRevision(change, row);
    const who = { authorId: change.author.id, authorName: change.author.name };
    insert.run({ guild: change.guild, revision, action: change.action, groups: change.groups, restoredFrom: change.restoredFrom, at: now(), ...who });
    return vocabularyFromRow(one.get(change.guild, revision)!);
  }

  // IMMEDIATE: the revision check and the write under one write lock, so two processes can't both write revision N.
  const save = db.transaction(commit);
  const restore = db.transaction((change: Omit<PreparedVocabulary, 'groups'> & { restoredFrom: number }) => {
    const target = one.get(change.guild, change.restoredFrom);
    if (target === undefined) throw storeErrors.unknownVocabularyRevision(change.restoredFrom);
    return commit({ ...change, groups: target.groups_json });
  });

  const store: VocabularyStore = {
    async vocabulary(guildId) {
      const row = latest.get(guildId);
      return row && vocabularyFromRow(row);
    },
    async saveVocabulary({ guildId, groups, expectedRevision, author, action = 'edit' }) {
      return save.immediate(prepareVocabulary(guildId, groups, expectedRevision, author, action));
    },
    async restoreVocabulary({ guildId, revision, expectedRevision, author }) {
      return restore.immediate({ guild: guildId, action: 'restore', expectedRevision, restoredFrom: revision, author });
    },
    async vocabularyHistory(guildId) {
      return all.all(guildId).map(vocabularyFromRow);
    },
    async vocabularyChangesSince(sequence) {
      const rows = changedSince.all(sequence);
      return { sequence: rows.at(-1)?.seq ?? sequence, guildIds: [...new Set(rows.map((r) => r.guild_id))] };
    },
  };
  return { store, prepare: prepareVocabulary, commit };
}

