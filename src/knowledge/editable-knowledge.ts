import { createMatcher, type ForkableMatcher, type Matcher } from '../engine/index.js';
import type { Author, EntryOverride, KnowledgeStore, Revision, RestoredEntry, SavedEntry } from '../store/knowledge-store.js';
import type { VocabularyRevision } from '../store/vocabulary-store.js';
import type { Entry } from './entry.js';
import { KnowledgeError } from './errors.js';
import type { KnowledgeBase } from './files.js';
import type { KnowledgeService } from './knowledge-service.js';
import { sameSynonyms, type SynonymGroups } from './synonyms.js';
import { Turns } from './turns.js';

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
  view(guildId: string | null, entryId: string): Promise<EntryView | undefined>;
  /** Every entry the server sees, in a stable order (by question). */
  list(guildId: string | null): Promise<EntryView[]>;
  add(guildId: string, entry: Entry, author: Author): Promise<SavedEntry>;
  edit(guildId: string, entry: Entry, expectedRevision: number, author: Author): Promise<SavedEntry>;
  remove(guildId: string, entryId: string, expectedRevision: number, author: Author): Promise<{ revision: number }>;
  restore(guildId: string, entryId: string, revision: number, expectedRevision: number, author: Author): Promise<RestoredEntry>;
  history(guildId: string, entryId: string): Promise<Revision[]>;
  /** `synonyms`, when the file has a vocabulary, replaces the server's (undefined leaves it alone). */
  previewImport(guildId: string, entries: readonly Entry[], synonyms?: SynonymGroups): Promise<ImportPreview>;
  /** Applies an import, entries and vocabulary, all or nothing; unchanged entries are skipped. */
  applyImport(guildId: string, entries: readonly Entry[], author: Author, synonyms?: SynonymGroups): Promise<SavedEntry[]>;
  /** The server's vocabulary; `null` (a direct message) sees the shipped groups. */
  synonyms(guildId: string | null): Promise<SynonymsView>;
  /**
   * Replaces the server's whole vocabulary, as a new revision; its matcher is rebuilt, so /ask reads words the
   * new way at once.
   */
  setSynonyms(guildId: string, groups: SynonymGroups, expectedRevision: number, author: Author): Promise<SynonymsView>;
  /** Every revision of the server's vocabulary, newest first; empty while it sees the shipped groups. */
  synonymHistory(guildId: string): Promise<VocabularyRevision[]>;
  /** Brings back an earlier revision's groups, as a new revision. */
  restoreSynonyms(guildId: string, revision: number, expectedRevision: number, author: Author): Promise<SynonymsView>;
  /**
   * Picks up changes another process made to the store (an operator's `npm run kb`, another shard) and updates the
   * matchers of the servers already loaded. Returns how many entries and vocabularies changed. Calls that overlap
   * (a poll and an announcement) run one after the other.
   */
  sync(): Promise<number>;
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
  const loading = new Map<string, Promise<GuildState>>();
  // Each server's writes and their refresh run one after another, so a slower refresh never puts back an older
  // state over a newer one; sync() takes the same turns, and never overlaps itself.
  const turns = new Turns();
  // Where sync() starts: the history as it stood before any server's state was read, so nothing written in between
  // is missed (a change read twice is applied twice, which is harmless).
  let seen = 0;
  let seenVocabulary = 0;
  let starting: Promise<void> | undefined;
  const started = () =>
    (starting ??= Promise.all([store.changesSince(0), store.vocabularyChangesSince(0)]).then(
      ([entries, vocabularies]) => {
        seen = entries.sequence;
        seenVocabulary = vocabularies.sequence;
      },
      (error: unknown) => {
        starting = undefined; // the database was away: ask again next time
        throw error;
      },
    ));
  void started().catch(() => {});

  const storedVocabulary = async (guildId: string): Promise<SynonymsView> => {
    const stored = await store.vocabulary(guildId);
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

  const load = async (guildId: string): Promise<GuildState> => {
    await started();
    const [stored, vocabulary] = await Promise.all([store.overrides(guildId), storedVocabulary(guildId)]);
    const overrides = new Map(stored.map((o) => [o.entryId, o]));
    return { ...matcherOf(overrides, vocabulary), overrides, vocabulary };
  };

  /** The server's state, read from the store once; concurrent first reads share one load, and a failed load is retried next time. */
  const state = (guildId: string): Promise<GuildState> | GuildState => {
    const current = guilds.get(guildId);
    if (current) return current;
    let pending = loading.get(guildId);
    if (!pending) {
      pending = load(guildId).then(
        (loaded) => {
          guilds.set(guildId, loaded);
          loading.delete(guildId);
          return loaded;
        },
        (error: unknown) => {
          loading.delete(guildId);
          throw error;
        },
      );
      loading.set(guildId, pending);
    }
    return pending;
  };

  /** Re-reads the server's vocabulary; when it changed, the matcher is rebuilt over the same entries. */
  const reloadVocabulary = async (guildId: string): Promise<SynonymsView> => {
    const current = await state(guildId);
    const vocabulary = await storedVocabulary(guildId);
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
  const refresh = async (guildId: string, entryIds: Iterable<string>) => {
    const current = await state(guildId);
    const stored = new Map((await store.overrides(guildId)).map((o) => [o.entryId, o]));
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

  /** A write to the server's store, then its matcher brought in line, in the server's turn. */
  const write = <T>(guildId: string, run: (current: GuildState) => Promise<T>, entryIds: (result: T) => Iterable<string>) =>
    turns.take(guildId, async () => {
      const result = await run(await state(guildId));
      await refresh(guildId, entryIds(result));
      return result;
    });

  const viewIn = (current: GuildState | undefined, entryId: string): EntryView | undefined => {
    const override = current?.overrides.get(entryId);
    if (override) return override.entry ? { entry: override.entry, revision: override.revision, shipped: shippedEntries.has(entryId) } : undefined;
    const entry = shippedEntries.get(entryId);
    return entry && { entry, revision: 0, shipped: true };
  };

  const view = async (guildId: string | null, entryId: string): Promise<EntryView | undefined> =>
    viewIn(guildId === null ? undefined : await state(guildId), entryId);

  const beforeOf = (current: GuildState, entryId: string): Entry | null => {
    const override = current.overrides.get(entryId);
    return override ? override.entry : (shippedEntries.get(entryId) ?? null);
  };

  const syncOnce = async (): Promise<number> => {
    await started();
    const { sequence, changes } = await store.changesSince(seen);
    seen = sequence;
    const byGuild = new Map<string, string[]>();
    for (const { guildId, entryId } of changes) if (guilds.has(guildId)) byGuild.set(guildId, [...(byGuild.get(guildId) ?? []), entryId]);
    for (const [guildId, entryIds] of byGuild) await turns.take(guildId, () => refresh(guildId, entryIds));
    const vocabularies = await store.vocabularyChangesSince(seenVocabulary);
    seenVocabulary = vocabularies.sequence;
    for (const guildId of vocabularies.guildIds) if (guilds.has(guildId)) await turns.take(guildId, () => reloadVocabulary(guildId));
    return changes.length + vocabularies.guildIds.length;
  };

  return {
    matcherFor: async (guildId) => (guildId === null ? shippedMatcher : (await state(guildId)).matcher),
    view,
    async list(guildId) {
      const current = guildId === null ? undefined : await state(guildId);
      const ids = new Set([...shippedEntries.keys(), ...(current?.overrides.keys() ?? [])]);
      return [...ids]
        .map((id) => viewIn(current, id))
        .filter((v): v is EntryView => v !== undefined)
        .sort((a, b) => a.entry.question.localeCompare(b.entry.question));
    },
    add: (guildId, entry, author) =>
      write(
        guildId,
        (current) =>
          store.saveEntry({
            guildId,
            entry,
            before: null,
            expectedRevision: current.overrides.get(entry.id)?.revision ?? 0,
            author,
            action: 'add',
            exists: shippedEntries.has(entry.id),
          }),
        () => [entry.id],
      ),
    edit: (guildId, entry, expectedRevision, author) =>
      write(
        guildId,
        (current) => store.saveEntry({ guildId, entry, before: beforeOf(current, entry.id), expectedRevision, author, action: 'edit' }),
        () => [entry.id],
      ),
    remove: (guildId, entryId, expectedRevision, author) =>
      write(
        guildId,
        async (current) => {
          const found = viewIn(current, entryId);
          if (!found) throw new KnowledgeError('unknown-entry', `There is no entry "${entryId}" on this server.`);
          return store.hideEntry({ guildId, entryId, before: found.entry, expectedRevision, author });
        },
        () => [entryId],
      ),
    restore: (guildId, entryId, revision, expectedRevision, author) =>
      write(guildId, () => store.restoreRevision({ guildId, entryId, revision, expectedRevision, author }), () => [entryId]),
    history: (guildId, entryId) => store.history(guildId, entryId),
    async previewImport(guildId, entries, synonyms) {
      const current = await state(guildId);
      const before = current.vocabulary.groups;
      const vocabularyChanges = synonyms !== undefined && !sameSynonyms(before, synonyms);
      const preview: ImportPreview = { added: [], changed: [], unchanged: [], synonyms: vocabularyChanges ? { before, after: synonyms } : null };
      for (const entry of entries) {
        const before = viewIn(current, entry.id)?.entry;
        if (!before) preview.added.push(entry);
        else if (sameEntry(before, entry)) preview.unchanged.push(entry);
        else preview.changed.push({ before, after: entry });
      }
      return preview;
    },
    sync: () => turns.take(SYNC_TURN, syncOnce),
    synonyms: async (guildId) => (guildId === null ? shippedVocabulary : (await state(guildId)).vocabulary),
    setSynonyms: (guildId, groups, expectedRevision, author) =>
      turns.take(guildId, async () => {
        await store.saveVocabulary({ guildId, groups, expectedRevision, author });
        return reloadVocabulary(guildId);
      }),
    synonymHistory: (guildId) => store.vocabularyHistory(guildId),
    restoreSynonyms: (guildId, revision, expectedRevision, author) =>
      turns.take(guildId, async () => {
        await store.restoreVocabulary({ guildId, revision, expectedRevision, author });
        return reloadVocabulary(guildId);
      }),
    applyImport: (guildId, entries, author, synonyms) =>
      turns.take(guildId, async () => {
        const current = await state(guildId);
        const changes = entries
          .filter((entry) => {
            const before = viewIn(current, entry.id)?.entry;
            return !before || !sameEntry(before, entry);
          })
          .map((entry) => ({ entry, before: beforeOf(current, entry.id), expectedRevision: current.overrides.get(entry.id)?.revision ?? 0 }));
        const vocabulary = current.vocabulary;
        const vocabularyChange = synonyms !== undefined && !sameSynonyms(vocabulary.groups, synonyms) ? { groups: synonyms, expectedRevision: vocabulary.revision } : undefined;
        const saved = await store.applyBatch(guildId, changes, author, vocabularyChange);
        await refresh(guildId, changes.map((c) => c.entry.id));
        if (vocabularyChange) await reloadVocabulary(guildId);
        return saved;
      }),
  };
}

/** The turn sync() takes: no guild id (a snowflake) can be this. */
const SYNC_TURN = 'sync';

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
