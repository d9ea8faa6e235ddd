import { createMatcher, type Matcher } from '../engine/index.js';
import type { Author, EntryOverride, KnowledgeStore, Revision, RestoredEntry, SavedEntry } from '../store/knowledge-store.js';
import type { Entry } from './entry.js';
import { KnowledgeError } from './errors.js';
import type { KnowledgeService } from './knowledge-service.js';

/** An entry as one server sees it, with the revision an edit must be based on. */
export interface EntryView {
  entry: Entry;
  /** 0 for a shipped entry the server never changed. */
  revision: number;
  /** Whether it comes from the shipped `knowledge/` files (possibly edited by the server). */
  shipped: boolean;
}

/** What an import would do, shown to the moderator before anything is written. */
export interface ImportPreview {
  added: Entry[];
  changed: { before: Entry; after: Entry }[];
  unchanged: Entry[];
}

/**
 * The knowledge each server sees, editable by its moderators: the shipped entries overlaid with the server's own
 * changes from the store. Each server's matcher is built once, on first use, and then follows every change in
 * place (upsert / remove), so an added entry is answered at once, with no restart.
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
  previewImport(guildId: string, entries: readonly Entry[]): ImportPreview;
  /** Applies an import all or nothing; unchanged entries are skipped. */
  applyImport(guildId: string, entries: readonly Entry[], author: Author): SavedEntry[];
  /**
   * Picks up changes another process made to the store (an operator's `npm run kb`) and updates the matchers of
   * the servers already loaded. Returns how many entries changed.
   */
  sync(): number;
}

interface GuildState {
  matcher: Matcher;
  overrides: Map<string, EntryOverride>;
}

export function createEditableKnowledge(shippedEntries: readonly Entry[], store: KnowledgeStore): EditableKnowledge {
  const shipped = new Map(shippedEntries.map((e) => [e.id, e]));
  const shippedMatcher = createMatcher(shippedEntries);
  const guilds = new Map<string, GuildState>();
  // Everything written before start-up is read when a server's state is first built; later changes come by sync().
  let seen = store.changesSince(0).sequence;

  const state = (guildId: string): GuildState => {
    let current = guilds.get(guildId);
    if (!current) {
      const overrides = new Map(store.overrides(guildId).map((o) => [o.entryId, o]));
      const visible = [...shipped.values()].filter((e) => !overrides.has(e.id));
      for (const o of overrides.values()) if (o.entry) visible.push(o.entry);
      current = { matcher: createMatcher(visible), overrides };
      guilds.set(guildId, current);
    }
    return current;
  };

  /**
   * Re-reads entries from the store after writes and brings the server's matcher in line with them. The guild's
   * overrides are read once per call, however many entries changed (an import changes many).
   */
  const refresh = (guildId: string, entryIds: Iterable<string>) => {
    const current = state(guildId);
    const stored = new Map(store.overrides(guildId).map((o) => [o.entryId, o]));
    for (const entryId of entryIds) {
      const override = stored.get(entryId);
      if (override) current.overrides.set(entryId, override);
      const visible = override ? override.entry : (shipped.get(entryId) ?? null);
      if (visible) current.matcher.upsert(visible);
      else current.matcher.remove(entryId);
    }
  };

  const view = (guildId: string | null, entryId: string): EntryView | undefined => {
    if (guildId === null) {
      const entry = shipped.get(entryId);
      return entry && { entry, revision: 0, shipped: true };
    }
    const override = state(guildId).overrides.get(entryId);
    if (override) return override.entry ? { entry: override.entry, revision: override.revision, shipped: shipped.has(entryId) } : undefined;
    const entry = shipped.get(entryId);
    return entry && { entry, revision: 0, shipped: true };
  };

  const requireView = (guildId: string, entryId: string): EntryView => {
    const found = view(guildId, entryId);
    if (!found) throw new KnowledgeError('unknown-entry', `There is no entry "${entryId}" on this server.`);
    return found;
  };

  const beforeOf = (guildId: string, entryId: string): Entry | null => {
    const override = state(guildId).overrides.get(entryId);
    return override ? override.entry : (shipped.get(entryId) ?? null);
  };

  return {
    matcherFor: (guildId) => (guildId === null ? shippedMatcher : state(guildId).matcher),
    view,
    list(guildId) {
      const ids = new Set([...shipped.keys(), ...(guildId === null ? [] : state(guildId).overrides.keys())]);
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
        exists: shipped.has(entry.id),
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
    previewImport(guildId, entries) {
      const preview: ImportPreview = { added: [], changed: [], unchanged: [] };
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
      return changes.length;
    },
    applyImport(guildId, entries, author) {
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
      const saved = store.applyBatch(guildId, changes, author);
      refresh(guildId, changes.map((c) => c.entry.id));
      return saved;
    },
  };
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
