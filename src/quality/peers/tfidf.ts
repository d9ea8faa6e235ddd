import type { Entry } from '../../knowledge/entry.js';
import type { Candidate } from '../metrics.js';
import { bestPerEntry, phrasingsOf, type Peer, type PeerIndex } from './peer.js';

/**
 * TF-IDF with cosine similarity, the textbook baseline, written here so it is exactly what it says: sublinear term
 * frequency (1 + ln tf), smoothed idf (ln((N + 1) / (df + 1)) + 1), vectors normalised to length 1.
 *
 * Indexing: one document per entry, its question, alternates and answer concatenated. Tried against one document
 * per phrasing (and one for the answer), an entry scoring its best: the concatenation ranked first more often on
 * most sets, by 5 to 11 points on the 5-phrasing and stripped sets, and less often only on the typo set.
 *
 * A query's words the index has never seen keep their weight in the query's length (with the highest idf): a
 * message about something else then scores low, which is what lets a threshold decline it.
 */

/** Turns text into the terms a TF-IDF index counts. */
export type Terms = (text: string) => string[];

/** Lowercased words of letters and digits. */
export const wordTerms: Terms = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Character 3-grams of the lowercased words, joined by single spaces and padded with one space each side. */
export const char3Terms: Terms = (text) => {
  const padded = ` ${wordTerms(text).join(' ')} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return padded.trim() === '' ? [] : out;
};

function termFrequencies(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** A TF-IDF index over documents that each belong to an entry. */
export function tfidfIndex(documents: readonly { id: string; text: string }[], terms: Terms): PeerIndex {
  const docTerms = documents.map((d) => termFrequencies(terms(d.text)));
  const df = new Map<string, number>();
  for (const tf of docTerms) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = documents.length;
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  // Postings: for each term, the documents holding it with their normalised weight.
  const postings = new Map<string, { doc: number; weight: number }[]>();
  docTerms.forEach((tf, doc) => {
    const weights = [...tf].map(([t, f]) => [t, (1 + Math.log(f)) * idf(t)] as const);
    const length = Math.hypot(...weights.map(([, w]) => w)) || 1;
    for (const [t, w] of weights) {
      const list = postings.get(t) ?? [];
      list.push({ doc, weight: w / length });
      postings.set(t, list);
    }
  });
  return {
    rank(query, limit) {
      const weights = [...termFrequencies(terms(query))].map(([t, f]) => [t, (1 + Math.log(f)) * idf(t)] as const);
      const length = Math.hypot(...weights.map(([, w]) => w)) || 1;
      const dot = new Map<number, number>();
      for (const [t, w] of weights) {
        for (const p of postings.get(t) ?? []) dot.set(p.doc, (dot.get(p.doc) ?? 0) + (w / length) * p.weight);
      }
      const scored: Candidate[] = [...dot].map(([doc, score]) => ({ id: documents[doc]!.id, score }));
      return bestPerEntry(scored, limit);
    },
  };
}

/** One document per entry (see above). */
function documentsOf(entries: readonly Entry[]): { id: string; text: string }[] {
  return entries.map((e) => ({ id: e.id, text: [...phrasingsOf(e), e.answer].join('\n') }));
}

export const tfidfWords: Peer = {
  name: 'tfidf-words',
  description: 'TF-IDF over words, cosine, one document per entry',
  build: (entries) => tfidfIndex(documentsOf(entries), wordTerms),
};

export const tfidfChar3: Peer = {
  name: 'tfidf-char3',
  description: 'TF-IDF over character 3-grams, cosine, one document per entry',
  build: (entries) => tfidfIndex(documentsOf(entries), char3Terms),
};
