/**
 * The one interface the harness times. Each engine (ours and the peers) is wrapped in an adapter so
 * that a failing engine only fails its own row: the harness catches per adapter, prints the error,
 * and carries on with the others.
 */
import type { Entry } from '../src/knowledge/entry.js';

/** An engine under test, built once, then queried and updated. */
export interface Adapter {
  /** Short key used on the command line and in JSON ("ours", "fuse", "minisearch"). */
  readonly name: string;
  /**
   * Build the index over `entries`. Synchronous on purpose: the harness times exactly this call, and
   * the adapter keeps the index in a field so that memory read after the build includes all of it.
   */
  build(entries: Entry[]): void;
  /** Ids of up to 3 entries the engine would show for `query`, best first. */
  query(query: string): string[];
  /** Replace the indexed entry that has `entry.id` with `entry` (the index must already contain it). */
  update(entry: Entry): void;
}

/** Creates an adapter; async so that an engine module is only imported in the process measuring it. */
export type AdapterFactory = () => Promise<Adapter>;

/** Our engine, through its public interface only (`createMatcher` from src/engine). */
export const ours: AdapterFactory = async () => {
  // Dynamic import: if the engine fails to load, only this row fails, and peers never load it.
  const { createMatcher } = await import('../src/engine/index.js');
  let matcher: ReturnType<typeof createMatcher> | undefined;
  const get = (): NonNullable<typeof matcher> => {
    if (!matcher) throw new Error('build() first');
    return matcher;
  };
  return {
    name: 'ours',
    build(entries) {
      matcher = createMatcher(entries);
    },
    query(query) {
      // match() is what the bot calls per message, so it is what we time. A decline shows nothing.
      const r = get().match(query);
      if (r.outcome === 'decline') return [];
      const ids = r.match ? [r.match.entry.id] : [];
      for (const a of r.alternatives) ids.push(a.entry.id);
      return ids.slice(0, 3);
    },
    update(entry) {
      get().upsert(entry);
    },
  };
};
