import { createMatcher, type ForkableMatcher, type Matcher } from '../engine/index.js';
import type { Author, EntryOverride, KnowledgeStore, Revision, RestoredEntry, SavedEntry } from '../store/knowledge-store.js';
import type { VocabularyRevision } from '../store/vocabulary-store.js';
import type { Entry } from './entry.js';
import { KnowledgeError } from './errors.js';
import type { KnowledgeBase } from './files.js';
import type { KnowledgeService } from './knowledge-service.js';
import { sameSynonyms, type SynonymGroups } from './synonyms.js';

/** An entry as one server sees it, with the revision an edit must be based on. */
export interface EntryView {
  entry: Entry;
  /** 0 for a shipped entry the server never changed. */
  revision: number;
  /** Whether it comes from the shipped `knowledge/` files (possibly edited by the server). */
  shipped: boolean;
}

/** A server's vocabulary (synonym groups), with the revision an edit must be based on. */
export interface SynonymsView {
  groups: SynonymGroups;
  /** 0 while the server sees the shipped groups. */
  revision: number;
  /** Whether these are the shipped groups (the server never saved its own). */
  shipped: boolean;
}

/** What an import would do, shown to the moderator before anything is written. */
export interface ImportPreview {
  added: Entry[];
  changed: { before: Entry; after: Entry }[];
  unchanged: Entry[];
  /** The vocabulary before and after, when the import changes it; null when it leaves it as it is. */
  synonyms: { before: SynonymGroups; after: SynonymGroups } | null;
}

/**
 * The knowledge each server sees, editable by its moderators: the shipped entries overlaid with the server's own
 * changes from the store, matched with the server's vocabulary (the shipped groups until it saves its own).
 *
 * What a server costs is in proportion to what it changed. Servers with no changes of their own share one matcher
 * of the shipped knowledge; a server's first change gives it a fork of that matcher (an overlay: its own entries
 * indexed apart, the shipped ones it changed or removed masked out, answers and scores exactly those of a matcher
 * built afresh over its entries), which then follows every entry change in place (upsert / remove), so an added
 * entry is answered at once, with no restart. A server with a vocabulary of its own gets a whole matcher of its
 * own, since synonyms change how every entry is read; a vocabulary change rebuilds it.
 */
export interface EditableKnowledge extends KnowledgeService {
  /** The entry as the server sees it; undefined when unknown or hidden there. */
  view(guildId: string | null, entryId: string): EntryView | undefined;
  /** Every entry the server sees, in a stable order (by question). */
  list(guildId: string | null): EntryView[];
  add(guildId: string, entry: Entry, author: Author): SavedEntry;
  edit(guildId: string, entry: Entry, expectedRevision: number, author: Author): SavedEntry;
  remove(guildId: string, entryId: string, expectedRevision: number, author: Author): { revision: number };
  restore(guildId: string, entryId: string, revision: number, expectedRevision: number, author: Author): RestoredEntry;
  history(guildId: string, entryId: string): Revision[];
  /** `synonyms`, when the file has a vocabulary, replaces the server's (undefined leaves it alone). */
  previewImport(guildId: string, entries: readonly Entry[], synonyms?: SynonymGroups): ImportPreview;
  /** Applies an import, entries and vocabulary, all or nothing; unchanged entries are skipped. */
  applyImport(guildId: string, entries: readonly Entry[], author: Author, synonyms?: SynonymGroups): SavedEntry[];
  /** The server's vocabulary; `null` (a direct message) sees the shipped groups. */
  synonyms(guildId: string | null): SynonymsView;
  /**
   * Replaces the server's whole vocabulary, as a new revision; its matcher is rebuilt, so /ask reads words the
   * new way at once.
   */
  setSynonyms(guildId: string, groups: SynonymGroups, expectedRevision: number, author: Author): SynonymsView;
  /** Every revision of the server's vocabulary, newest first; empty while it sees the shipped groups. */
  synonymHistory(guildId: string): VocabularyRevision[];
  /** Brings back an earlier revision's groups, as a new revision. */
  restoreSynonyms(guildId: string, revision: number, expectedRevision: number, author: Author): SynonymsView;
  /**
   * Picks up changes another process made to the store (an operator's `npm run kb`) and updates the matchers of
   * the servers already loaded. Returns how many entries and vocabularies changed.
   */
  sync(): number;
}

interface GuildState {
  matcher: Matcher;
  /** Whether `matcher` is the server's own (a fork or a whole matcher) rather than the shared shipped one. */
  ownMatcher: boolean;
  overrides: Map<string, EntryOverride>;
  vocabulary: SynonymsView;
}

/**
 * `shipped` is the knowledge base from the `knowledge/` files (see loadKnowledgeBase); a bare list of entries is
 * read as a knowledge base without a vocabulary, for callers that have only entries.
 */
export function createEditableKnowledge(shipped: KnowledgeBase | readonly Entry[], store: KnowledgeStore): EditableKnowledge {
  const base: KnowledgeBase = isEntryList(shipped) ? { entries: [...shipped], synonyms: [] } : shipped;
  const shippedEntries = new Map(base.entries.map((e) => [e.id, e]));
  const shippedVocabulary: SynonymsView = { groups: base.synonyms, revision: 0, shipped: true };
  // Shared by every server that has not changed it, and forked by those that have: it never changes itself.
  const shippedMatcher: ForkableMatcher = createMatcher(base.entries, { synonyms: base.synonyms });
  const guilds = new Map<string, GuildState>();
  // Everything written before start-up is read when a server's state is first built; later changes come by sync().
  let seen = store.changesSince(0).sequence;
  let seenVocabulary = store.vocabularyChangesSince(0).sequence;

  const storedVocabulary = (guildId: string): SynonymsView => {
    const stored = store.vocabulary(guildId);
    return stored ? { groups: stored.groups, revision: stored.revision, shipped: false } : shippedVocabulary;
  };

  const visibleEntries = (overrides: ReadonlyMap<string, EntryOverride>): Entry[] => {
    const visible = [...shippedEntries.values()].filter((e) => !overrides.has(e.id));
    for (const o of overrides.values()) if (o.entry) visible.push(o.entry);
    return visible;
  };

  /**
   * The matcher for a server's overrides and vocabulary: the shared one while it has changed nothing, a fork of it
   * with the overrides applied in store order (as `visibleEntries` lists them) while it reads words the shipped way,
   * else a whole matcher of its own.
   */
  const matcherOf = (overrides: ReadonlyMap<string, EntryOverride>, vocabulary: SynonymsView): Pick<GuildState, 'matcher' | 'ownMatcher'> => {
    if (!vocabulary.shipped && !sameSynonyms(vocabulary.groups, base.synonyms)) {
      return { matcher: createMatcher(visibleEntries(overrides), { synonyms: vocabulary.groups }), ownMatcher: true };
    }
    if (overrides.size === 0) return { matcher: shippedMatcher, ownMatcher: false };
    const fork = shippedMatcher.fork();
    for (const o of overrides.values()) {
      if (o.entry) fork.upsert(o.entry);
      else fork.remove(o.entryId);
    }
    return { matcher: fork, ownMatcher: true };
  };

  const state = (guildId: string): GuildState => {
    let current = guilds.get(guildId);
    if (!current) {
      const overrides = new Map(store.overrides(guildId).map((o) => [o.entryId, o]));
      const vocabulary = storedVocabulary(guildId);
      current = { ...matcherOf(overrides, vocabulary), overrides, vocabulary };
      guilds.set(guildId, current);
    }
    return current;
  };

  /** Re-reads the server's vocabulary; when it changed, the matcher is rebuilt over the same entries. */
  const reloadVocabulary = (guildId: string): SynonymsView => {
    const current = state(guildId);
    const vocabulary = storedVocabulary(guildId);
    if (vocabulary.revision !== current.vocabulary.revision) {
      current.vocabulary = vocabulary;
      Object.assign(current, matcherOf(current.overrides, vocabulary));
    }
    return current.vocabulary;
  };

  /**
   * Re-reads entries from the store after writes and brings the server's matcher in line with them. The guild's
   * overrides are read once per call, however many entries changed (an import changes many).
   */
  const refresh = (guildId: string, entryIds: Iterable<string>) => {
    const current = state(guildId);
    const stored = new Map(store.overrides(guildId).map((o) => [o.entryId, o]));
    if (!current.ownMatcher) {
      // The server's first change: from now on it has a fork of the shared matcher.
      current.matcher = shippedMatcher.fork();
      current.ownMatcher = true;
    }
    for (const entryId of entryIds) {
      const override = stored.get(entryId);
      if (override) current.overrides.set(entryId, override);
      const visible = override ? override.entry : (shippedEntries.get(entryId) ?? null);
      if (visible) current.matcher.upsert(visible);
      else current.matcher.remove(entryId);
    }
  };

  const view = (guildId: string | null, entryId: string): EntryView | undefined => {
    if (guildId === null) {
      const entry = shippedEntries.get(entryId);
      return entry && { entry, revision: 0, shipped: true };
    }
    const override = state(guildId).overrides.get(entryId);
    if (override) return override.entry ? { entry: override.entry, revision: override.revision, shipped: shippedEntries.has(entryId) } : undefined;
    const entry = shippedEntries.get(entryId);
    return entry && { entry, revision: 0, shipped: true };
  };

  const requireView = (guildId: string, entryId: string): EntryView => {
    const found = view(guildId, entryId);
    if (!found) throw new KnowledgeError('unknown-entry', `There is no entry "${entryId}" on this server.`);
    return found;
  };

  const beforeOf = (guildId: string, entryId: string): Entry | null => {
    const override = state(guildId).overrides.get(entryId);
    return override ? override.entry : (shippedEntries.get(entryId) ?? null);
  };

  return {
    matcherFor: (guildId) => (guildId === null ? shippedMatcher : state(guildId).matcher),
    view,
    list(guildId) {
      const ids = new Set([...shippedEntries.keys(), ...(guildId === null ? [] : state(guildId).overrides.keys())]);
      return [...ids]
        .map((id) => view(guildId, id))
        .filter((v): v is EntryView => v !== undefined)
        .sort((a, b) => a.entry.question.localeCompare(b.entry.question));
    },
    add(guildId, entry, author) {
      const saved = store.saveEntry({
        guildId,
        entry,
        before: null,
        expectedRevision: state(guildId).overrides.get(entry.id)?.revision ?? 0,
        author,
        action: 'add',
        exists: shippedEntries.has(entry.id),
      });
      refresh(guildId, [entry.id]);
      return saved;
    },
    edit(guildId, entry, expectedRevision, author) {
      const before = beforeOf(guildId, entry.id);
      const saved = store.saveEntry({ guildId, entry, before, expectedRevision, author, action: 'edit' });
      refresh(guildId, [entry.id]);
      return saved;
    },
    remove(guildId, entryId, expectedRevision, author) {
      const { entry } = requireView(guildId, entryId);
      const result = store.hideEntry({ guildId, entryId, before: entry, expectedRevision, author });
      refresh(guildId, [entryId]);
      return result;
    },
    restore(guildId, entryId, revision, expectedRevision, author) {
      const result = store.restoreRevision({ guildId, entryId, revision, expectedRevision, author });
      refresh(guildId, [entryId]);
      return result;
    },
    history: (guildId, entryId) => store.history(guildId, entryId),
    previewImport(guildId, entries, synonyms) {
      const before = state(guildId).vocabulary.groups;
      const vocabularyChanges = synonyms !== undefined && !sameSynonyms(before, synonyms);
      const preview: ImportPreview = { added: [], changed: [], unchanged: [], synonyms: vocabularyChanges ? { before, after: synonyms } : null };
      for (const entry of entries) {
        const before = view(guildId, entry.id)?.entry;
        if (!before) preview.added.push(entry);
        else if (sameEntry(before, entry)) preview.unchanged.push(entry);
        else preview.changed.push({ before, after: entry });
      }
      return preview;
    },
    sync() {
      const { sequence, changes } = store.changesSince(seen);
      seen = sequence;
      const byGuild = new Map<string, string[]>();
      for (const { guildId, entryId } of changes) if (guilds.has(guildId)) byGuild.set(guildId, [...(byGuild.get(guildId) ?? []), entryId]);
      for (const [guildId, entryIds] of byGuild) refresh(guildId, entryIds);
      const vocabularies = store.vocabularyChangesSince(seenVocabulary);
      seenVocabulary = vocabularies.sequence;
      for (const guildId of vocabularies.guildIds) if (guilds.has(guildId)) reloadVocabulary(guildId);
      return changes.length + vocabularies.guildIds.length;
    },
    synonyms: (guildId) => (guildId === null ? shippedVocabulary : state(guildId).vocabulary),
    setSynonyms(guildId, groups, expectedRevision, author) {
      store.saveVocabulary({ guildId, groups, expectedRevision, author });
      return reloadVocabulary(guildId);
    },
    synonymHistory: (guildId) => store.vocabularyHistory(guildId),
    restoreSynonyms(guildId, revision, expectedRevision, author) {
      store.restoreVocabulary({ guildId, revision, expectedRevision, author });
      return reloadVocabulary(guildId);
    },
    applyImport(guildId, entries, author, synonyms) {
      const changes = entries
        .filter((entry) => {
          const before = view(guildId, entry.id)?.entry;
          return !before || !sameEntry(before, entry);
        })
        .map((entry) => ({
          entry,
          before: beforeOf(guildId, entry.id),
          expectedRevision: state(guildId).overrides.get(entry.id)?.revision ?? 0,
        }));
      const vocabulary = state(guildId).vocabulary;
      const vocabularyChange = synonyms !== undefined && !sameSynonyms(vocabulary.groups, synonyms) ? { groups: synonyms, expectedRevision: vocabulary.revision } : undefined;
      const saved = store.applyBatch(guildId, changes, author, vocabularyChange);
      refresh(guildId, changes.map((c) => c.entry.id));
      if (vocabularyChange) reloadVocabulary(guildId);
      return saved;
    },
  };
}

function isEntryList(shipped: KnowledgeBase | readonly Entry[]): shipped is readonly Entry[] {
  return Array.isArray(shipped);
}

function sameEntry(a: Entry, b: Entry): boolean {
  return (
    a.question === b.question &&
    a.answer === b.answer &&
    (a.source ?? '') === (b.source ?? '') &&
    a.alternates.join('\n') === b.alternates.join('\n') &&
    a.tags.join('\n') === b.tags.join('\n')
  );
}
