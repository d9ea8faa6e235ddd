import MiniSearch from 'minisearch';
import type { Entry } from '../../knowledge/entry.js';
import type { Peer } from './peer.js';

/**
 * MiniSearch: BM25 with fuzzy (0.2) and prefix matching, the search engine a developer would reach for next.
 * One document per entry with its question (boosted ×2), alternates and answer as fields: that ranked better on
 * every set than one document per phrasing, an entry scoring its best (BM25 wants text to weigh terms in).
 */
export const minisearch: Peer = {
  name: 'minisearch',
  description: 'MiniSearch (BM25, fuzzy 0.2, prefix), one document per entry, question boosted ×2',
  build(entries: readonly Entry[]) {
    const index = new MiniSearch<Entry>({
      fields: ['question', 'alternates', 'answer'],
      // Alternates is an array; joined so that every phrasing is tokenised as text.
      extractField: (doc, field) => {
        const value = doc[field as keyof Entry];
        return Array.isArray(value) ? value.join(' ') : String(value ?? '');
      },
      searchOptions: { fuzzy: 0.2, prefix: true, boost: { question: 2 } },
    });
    index.addAll([...entries]);
    // MiniSearch has no limit: it scores every candidate, best first.
    return { rank: (query, limit) => index.search(query).slice(0, limit).map((r) => ({ id: String(r.id), score: r.score })) };
  },
};
