import type { IndexedDoc } from './inverted-index.js';

/**
 * An entry's subject: the words (nearly) every one of its phrasings repeats, "netflix" and "python" in "How is
 * Python utilized at Netflix?" and its twenty rewordings. A query without them is most likely about something
 * else, even when every word it has is somewhere in the entry ("why is python preferred for web development"
 * against "Why does Netflix use Python?", whose answer mentions web development).
 *
 * How much lacking a subject word says depends on how widely the knowledge base shares it: "netflix", the subject
 * of nearly every entry of a Netflix FAQ, is its domain, and a question without it is outside; "python", the
 * subject of half, may be left implicit ("does netflix use pandas").
 */

/** Fewer phrasings than this say too little about which words are the subject and which are incidental. */
const SUBJECT_MIN_PHRASINGS = 4;
const NO_SUBJECT = new Int32Array(0);
/** A word in at least this share of the phrasings is part of the subject: one loose phrasing does not undo it. */
const SUBJECT_SHARE = 0.8;

/** Per phrasings array (a new array whenever its entry changes): the entry's subject terms. */
const subjects = new WeakMap<Int32Array, Int32Array>();

/** The subject terms of an indexed entry (empty when it has too few phrasings to tell). */
export function subjectOf(doc: IndexedDoc): Int32Array {
  let subject = subjects.get(doc.phrasings);
  if (subject === undefined) {
    subject = computeSubject(doc.phrasings);
    subjects.set(doc.phrasings, subject);
  }
  return subject;
}

function computeSubject(packed: Int32Array): Int32Array {
  let phrasings = 0;
  for (let i = 0; i < packed.length; i++) if (packed[i]! < 0) phrasings++;
  // Most entries of a large knowledge base have a phrasing or two: no counting for them (measured at 100k).
  if (phrasings < SUBJECT_MIN_PHRASINGS) return NO_SUBJECT;
  const counts = new Map<number, number>();
  let start = 0;
  for (let i = 0; i < packed.length; i++) {
    if (packed[i]! >= 0) continue;
    // A phrasing's terms are distinct (see InvertedIndex.upsert), so each counts once per phrasing.
    for (let j = start; j < i; j++) counts.set(packed[j]!, (counts.get(packed[j]!) ?? 0) + 1);
    start = i + 1;
  }
  const least = Math.ceil(phrasings * SUBJECT_SHARE);
  return Int32Array.from([...counts].filter(([, n]) => n >= least).map(([term]) => term));
}

/** The share of entries whose subject includes a term: {@link SubjectCounts}, or a server's overlay over them. */
export interface SubjectShares {
  share(term: number): number;
}

/** How many entries have each term in their subject, kept up to date entry by entry. */
export class SubjectCounts implements SubjectShares {
  private readonly counts = new Map<number, number>();
  private entries = 0;

  add(doc: IndexedDoc): void {
    this.entries++;
    for (const term of subjectOf(doc)) this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
  }

  remove(doc: IndexedDoc): void {
    this.entries--;
    for (const term of subjectOf(doc)) {
      const left = (this.counts.get(term) ?? 1) - 1;
      if (left === 0) this.counts.delete(term);
      else this.counts.set(term, left);
    }
  }

  /** How many entries are counted. */
  get size(): number {
    return this.entries;
  }

  /** How many entries have the term in their subject. */
  count(term: number): number {
    return this.counts.get(term) ?? 0;
  }

  /** The share of entries whose subject includes the term, in [0, 1]. */
  share(term: number): number {
    return this.entries === 0 ? 0 : (this.counts.get(term) ?? 0) / this.entries;
  }
}

/**
 * What the query lacks of the entry's subject: the share of its subject words missing; those words' shares of all
 * entries summed (lacking "netflix" in a Netflix FAQ is lacking the domain); and a factor in (0, 1] that falls by
 * up to `penalty` per missing word, by its share, or fully when an unknown word stands in its place (`replaced`).
 */
export function missingSubject(
  doc: IndexedDoc,
  has: ReadonlySet<number>,
  replaced: boolean,
  counts: SubjectShares,
  penalty: number,
): { share: number; domain: number; factor: number } {
  const subject = subjectOf(doc);
  let missing = 0;
  let domain = 0;
  let factor = 1;
  for (const term of subject) {
    if (has.has(term)) continue;
    missing++;
    const share = counts.share(term);
    domain += share;
    factor *= 1 - (1 - penalty) * (replaced ? 1 : share);
  }
  return { share: subject.length === 0 ? 0 : missing / subject.length, domain, factor };
}

/**
 * A server's subject counts over shared ones that no longer change: the shared counts less the entries it hides
 * plus its own, so every share is the one counts built afresh over its entries give.
 */
export class SubjectOverlay implements SubjectShares {
  private readonly delta = new Map<number, number>();
  private entriesDelta = 0;

  constructor(private readonly base: SubjectCounts) {}

  /** An indexed entry the server now sees (`by` 1) or no longer sees (`by` -1). */
  count(doc: IndexedDoc, by: 1 | -1): void {
    this.entriesDelta += by;
    for (const term of subjectOf(doc)) {
      const value = (this.delta.get(term) ?? 0) + by;
      if (value === 0) this.delta.delete(term);
      else this.delta.set(term, value);
    }
  }

  share(term: number): number {
    const entries = this.base.size + this.entriesDelta;
    return entries === 0 ? 0 : (this.base.count(term) + (this.delta.get(term) ?? 0)) / entries;
  }
}
