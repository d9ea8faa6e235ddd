import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML, { isSeq } from 'yaml';
import type { Entry } from './entry.js';
import { KnowledgeError } from './errors.js';
import { KNOWLEDGE_FILE_MAX_BYTES } from './limits.js';
import { SYNONYM_GROUPS_MAX, groupLabel, validateSynonyms, type SynonymGroups } from './synonyms.js';
import { validateEntries } from './validate.js';

/** The shipped knowledge base, next to `src/`. */
export const SHIPPED_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

export { KNOWLEDGE_FILE_MAX_BYTES };

const HEADER = `# paa-bot knowledge file. Format: docs in knowledge/README.md.
# Each entry: id (stable slug), question, answer (Discord Markdown), alternates (other phrasings), tags, source.
`;
const SYNONYMS_HEADER = `# synonyms: words that mean the same here; each group is read as its first member.
`;

/** A knowledge base: its entries and its own vocabulary (see synonyms.ts). */
export interface KnowledgeBase {
  entries: Entry[];
  synonyms: SynonymGroups;
}

/**
 * One knowledge file as written: `synonyms` is undefined when the file has no `synonyms:` block, which an import
 * reads as "leave the vocabulary alone" (an empty block empties it).
 */
export interface KnowledgeDocument {
  entries: Entry[];
  synonyms?: SynonymGroups;
}

/**
 * Parses one knowledge file's text (YAML with an \`entries\` list, an optional \`synonyms\` list of groups; a
 * top-level \`source\` is the default source of its entries). A file may hold only \`synonyms\`. Errors name the
 * file and the line (syntax), the entry or the group (content).
 */
export function parseKnowledgeDocument(text: string, name: string): KnowledgeDocument {
  if (Buffer.byteLength(text) > KNOWLEDGE_FILE_MAX_BYTES) {
    throw new KnowledgeError('too-large', `${name}: the file is larger than ${KNOWLEDGE_FILE_MAX_BYTES / 1_000_000} MB.`);
  }
  if (text.includes('\u0000')) throw new KnowledgeError('not-text', `${name}: the file is not text.`);
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new KnowledgeError('malformed', `${name}${line ? `, line ${line}` : ''}: ${first.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || !('entries' in data || 'synonyms' in data)) {
    throw new KnowledgeError('malformed', `${name}: expected a top-level "entries:" list.`);
  }
  const { entries = [], source, synonyms } = data as { entries?: unknown; source?: unknown; synonyms?: unknown };
  const defaulted = Array.isArray(entries) && typeof source === 'string'
    ? entries.map((e: unknown) => (typeof e === 'object' && e !== null && !('source' in e) ? { ...e, source } : e))
    : entries;
  const parsed = validateEntries(defaulted, name);
  return 'synonyms' in data ? { entries: parsed, synonyms: validateSynonyms(synonyms ?? [], name) } : { entries: parsed };
}

/** One knowledge file's entries and vocabulary (none when it has no `synonyms:` block). */
export function parseKnowledgeBase(text: string, name: string): KnowledgeBase {
  const { entries, synonyms = [] } = parseKnowledgeDocument(text, name);
  return { entries, synonyms };
}

/** One knowledge file's entries (its vocabulary is checked, not returned). */
export function parseKnowledgeFile(text: string, name: string): Entry[] {
  return parseKnowledgeDocument(text, name).entries;
}

/**
 * Every `*.yaml` file in a knowledge folder, in name order, as one knowledge base: entries in file order, the
 * files' synonym groups one after the other. Ids are unique across files, and so is every synonym member.
 */
export function loadKnowledgeBase(dir: string = SHIPPED_KNOWLEDGE_DIR): KnowledgeBase {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const entries: Entry[] = [];
  const synonyms: string[][] = [];
  const entryOrigin = new Map<string, string>();
  const memberOrigin = new Map<string, string>();
  for (const file of files) {
    const base = parseKnowledgeBase(readFileSync(join(dir, file), 'utf8'), file);
    for (const entry of base.entries) {
      const other = entryOrigin.get(entry.id);
      if (other) throw new KnowledgeError('duplicate-id', `${file}: id "${entry.id}" is also used in ${other}.`);
      entryOrigin.set(entry.id, file);
      entries.push(entry);
    }
    base.synonyms.forEach((group, index) => {
      const label = `${file}, ${groupLabel(index, group)}`;
      for (const member of group) {
        const other = memberOrigin.get(member);
        if (other) throw new KnowledgeError('duplicate-synonym', `${label}: "${member}" is also in ${other}; a word belongs to one group.`);
        memberOrigin.set(member, label);
      }
      synonyms.push([...group]);
    });
  }
  if (synonyms.length > SYNONYM_GROUPS_MAX) {
    throw new KnowledgeError('invalid-synonyms', `${dir}: more than ${SYNONYM_GROUPS_MAX} synonym groups across its files (${synonyms.length}).`);
  }
  return { entries, synonyms };
}

/** Every `*.yaml` file in a knowledge folder, in name order, as one list; ids must be unique across files. */
export function loadKnowledgeDir(dir: string = SHIPPED_KNOWLEDGE_DIR): Entry[] {
  return loadKnowledgeBase(dir).entries;
}

/**
 * The text of a knowledge file holding these entries and, when given (even empty), this vocabulary, written
 * before the entries one group a line (`- [netflix, nf]`). `parseKnowledgeBase` reads it back unchanged.
 */
export function formatKnowledgeFile(entries: readonly Entry[], synonyms?: SynonymGroups): string {
  const plain = entries.map((e) => ({
    id: e.id,
    question: e.question,
    answer: e.answer,
    alternates: e.alternates,
    tags: e.tags,
    ...(e.source ? { source: e.source } : {}),
  }));
  const options = { lineWidth: 0, blockQuote: 'literal', flowCollectionPadding: false } as const;
  const body = YAML.stringify({ entries: plain }, options);
  if (synonyms === undefined) return HEADER + body;
  const vocabulary = new YAML.Document({ synonyms: synonyms.map((g) => [...g]) });
  const list = vocabulary.get('synonyms');
  if (isSeq(list)) {
    list.flow = list.items.length === 0;
    for (const group of list.items) if (isSeq(group)) group.flow = true;
  }
  return HEADER + SYNONYMS_HEADER + vocabulary.toString(options) + body;
}
