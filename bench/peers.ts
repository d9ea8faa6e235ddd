/**
 * The engines ours is compared with, configured the way a developer would reach for them first:
 * plain fuse.js (what a typical FAQ bot uses) and MiniSearch (BM25 with fuzzy and prefix matching).
 * The benchmark measures speed, so these stay the defaults its published table was measured with; the quality
 * report (`npm run quality`) configures its peers to rank as well as they can instead (src/quality/peers/).
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Entry } from '../src/knowledge/entry.js';
import type { Adapter, AdapterFactory } from './adapter.js';

/** fuse.js with default options over question + answer, top 3. */
export const fuse: AdapterFactory = async () => {
  let index: Fuse<Entry> | undefined;
  const get = (): Fuse<Entry> => {
    if (!index) throw new Error('build() first');
    return index;
  };
  const adapter: Adapter = {
    name: 'fuse',
    build(entries) {
      // The constructor builds fuse's index eagerly, so this is the whole build cost.
      index = new Fuse(entries, { keys: ['question', 'answer'] });
    },
    query(query) {
      return get()
        .search(query, { limit: 3 })
        .map((r) => r.item.id);
    },
    update(entry) {
      // fuse.js has no replace: remove by predicate (a linear scan), then append.
      get().remove((doc) => doc.id === entry.id);
      get().add(entry);
    },
  };
  return adapter;
};

/** MiniSearch (BM25) over question, alternates and answer, fuzzy 0.2, prefix, question boosted ×2, top 3. */
export const minisearch: AdapterFactory = async () => {
  let index: MiniSearch<Entry> | undefined;
  const get = (): MiniSearch<Entry> => {
    if (!index) throw new Error('build() first');
    return index;
  };
  return {
    name: 'minisearch',
    build(entries) {
      index = new MiniSearch<Entry>({
        fields: ['question', 'alternates', 'answer'],
        // Alternates is an array; join it so every phrasing is tokenised as text.
        extractField: (doc, field) => {
          const value = doc[field as keyof Entry];
          return Array.isArray(value) ? value.join(' ') : value;
        },
        searchOptions: { fuzzy: 0.2, prefix: true, boost: { question: 2 } },
      });
      index.addAll(entries);
    },
    query(query) {
      // MiniSearch has no limit option: it scores every candidate, then we keep the top 3.
      return get()
        .search(query)
        .slice(0, 3)
        .map((r) => String(r.id));
    },
    update(entry) {
      // replace = discard (lazy, vacuumed later in the background) + add.
      get().replace(entry);
    },
  };
};

