import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SynonymGroups } from '../engine/index.js';
import type { Entry } from '../knowledge/entry.js';
import { loadKnowledgeBase } from '../knowledge/files.js';
import { protocolSet, type DatasetName } from './datasets.js';
import type { LabelledSet } from './evaluation.js';

/**
 * Every knowledge base and labelled set the quality measurement runs on, by a stable name (the `--set` of
 * `npm run quality` and the keys of the gate's floors). Everything is read from frozen test fixtures, never from
 * the shipped `knowledge/` folder: adding an entry there must not move a measurement.
 */

export type SetFamily = 'article' | 'protocol';

/** A knowledge base and the labelled queries to measure it with. */
export interface QualitySet {
  name: string;
  /** One line saying what the set is, for the report. */
  description: string;
  family: SetFamily;
  /** Phrasings per entry, for the protocol sets (their bars depend on it). */
  phrasings?: number;
  entries: Entry[];
  synonyms: SynonymGroups;
  set: LabelledSet;
}

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const ARTICLE_KNOWLEDGE_DIR = `${FIXTURES}knowledge/article/`;
const LABELLED_FILE = `${FIXTURES}answer-quality.json`;
const HOLDOUT_FILE = `${FIXTURES}answer-quality-holdout.json`;
const TYPOS_FILE = `${FIXTURES}article-typos.json`;

/** The article knowledge base ("Is Netflix coded in Python?") from its frozen copy, with its vocabulary. */
export function articleKnowledge(): { entries: Entry[]; synonyms: SynonymGroups } {
  return loadKnowledgeBase(ARTICLE_KNOWLEDGE_DIR);
}

function readSet(file: string): LabelledSet {
  const { inScope, decline } = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet;
  return { inScope, decline: decline ?? [] };
}

function articleSet(name: string, description: string, file: string, strip = false): QualitySet {
  const { entries, synonyms } = articleKnowledge();
  // Stripped: the bare questions most moderators write, with no other phrasings.
  const used = strip ? entries.map((e) => ({ ...e, alternates: [] })) : entries;
  return { name, description, family: 'article', entries: used, synonyms, set: readSet(file) };
}

function fromProtocol(dataset: DatasetName, k: number): QualitySet {
  const p = protocolSet(dataset, k);
  return { name: `${dataset}-${k}`, description: `${p.name} (public intent set, held-out queries)`, family: 'protocol', phrasings: k, entries: p.entries, synonyms: [], set: p.set };
}

/** The sets by name, built only when asked for (the protocol sets read a few MB). */
const BUILDERS: Record<string, () => QualitySet> = {
  article: () => articleSet('article', 'labelled set over the article (one of the development sets the thresholds were chosen on)', LABELLED_FILE),
  'article-holdout': () => articleSet('article-holdout', 'holdout set over the article (never tuned on)', HOLDOUT_FILE),
  'article-stripped': () => articleSet('article-stripped', 'labelled set over the article with every alternate removed', LABELLED_FILE, true),
  'article-typos': () => articleSet('article-typos', 'typo-laden questions over the article', TYPOS_FILE),
  'banking77-1': () => fromProtocol('banking77', 1),
  'banking77-5': () => fromProtocol('banking77', 5),
  'clinc150-1': () => fromProtocol('clinc150', 1),
  'clinc150-5': () => fromProtocol('clinc150', 5),
};

/** Sets whose file may not be written yet: measured once it exists. */
const OPTIONAL_FILES: Record<string, string> = { 'article-typos': TYPOS_FILE };

/** The names of every set available now, in report order. */
export function qualitySetNames(): string[] {
  return Object.keys(BUILDERS).filter((name) => !OPTIONAL_FILES[name] || existsSync(OPTIONAL_FILES[name]));
}

/** Every set known, whether or not its file exists yet. */
export const KNOWN_SET_NAMES: readonly string[] = Object.keys(BUILDERS);

/** Any labelled set file over the article knowledge base (e.g. the training set), named after its file. */
export function articleSetFromFile(file: string): QualitySet {
  const name = basename(file).replace(/\.json$/, '');
  return articleSet(name, `${file} over the article`, file);
}

/** One set by name; throws on an unknown or not yet written one. */
export function qualitySet(name: string): QualitySet {
  const build = BUILDERS[name];
  if (!build || !qualitySetNames().includes(name)) {
    throw new Error(`unknown quality set "${name}" (available: ${qualitySetNames().join(', ')})`);
  }
  return build();
}
