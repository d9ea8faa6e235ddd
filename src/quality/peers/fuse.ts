import Fuse from 'fuse.js';
import type { Entry } from '../../knowledge/entry.js';
import { bestPerEntry, informativeAnswers, phrasingsOf, type Peer } from './peer.js';

/**
 * fuse.js, approximate string matching, what a typical FAQ bot reaches for. Its score is 0 for a perfect match and
 * 1 for none; the peer reports 1 − score so that higher is better, like every other engine here.
 *
 * Configured to serve it best, by trying: one document per phrasing and per answer, an entry scoring its best
 * document, with `ignoreLocation` (a match anywhere in the text counts the same). That ranked first more often than
 * fuse's default location penalty on every set, and than one document per entry (question, alternates, answer as
 * keys) by far on the article sets, though a little less often on banking77-5 and the stripped article. Fuse
 * compares the whole query with each text (a per-word OR search was ten times faster and ranked far worse).
 *
 * It is slow: about 20–35 ms per query on these sets, minutes for every query of every set, so the report measures
 * it on a sample (see {@link FUSE_SAMPLE}).
 */
export const fuse: Peer = {
  name: 'fuse',
  description: 'fuse.js, each phrasing and answer a document, match anywhere',
  build(entries: readonly Entry[]) {
    const answers = informativeAnswers(entries);
    const docs = entries.flatMap((e) => [...phrasingsOf(e), ...(answers.has(e.id) ? [e.answer] : [])].map((text) => ({ id: e.id, text })));
    const index = new Fuse(docs, { includeScore: true, ignoreLocation: true, keys: ['text'] });
    return {
      rank: (query, limit) => bestPerEntry(index.search(query).map((r) => ({ id: r.item.id, score: 1 - (r.score ?? 1) })), limit),
    };
  },
};

/**
 * Queries per set fuse is measured on at most, spread evenly over the set: 2 to 4 s a set. Its rates are then
 * within a few points of the whole set's. The bars against peers take the best peer of a protocol set, and fuse
 * ranks well below the others there, so its sampling moves no bar.
 */
export const FUSE_SAMPLE = 120;
