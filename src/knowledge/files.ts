import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { Entry } from './entry.js';
import { KnowledgeError } from './errors.js';
import { validateEntries } from './validate.js';

/** The shipped knowledge base, next to `src/`. */
export const SHIPPED_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** Larger files are refused before parsing: a knowledge file is text a person edits, not a data dump. */
export const KNOWLEDGE_FILE_MAX_BYTES = 1_000_000;

const HEADER = `# paa-bot knowledge file. Format: docs in knowledge/README.md.
# Each entry: id (stable slug), question, answer (Discord Markdown), alternates (other phrasings), tags, source.
`;

/**
 * Parses one knowledge file's text (YAML with an \`entries\` list; a top-level \`source\` is the default source of
 * its entries). Errors name the file and the line (syntax) or the entry (content).
 */
export function parseKnowledgeFile(text: string, name: string): Entry[] {
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
  if (typeof data !== 'object' || data === null || !('entries' in data)) {
    throw new KnowledgeError('malformed', `${name}: expected a top-level "entries:" list.`);
  }
  const { entries, source } = data as { entries: unknown; source?: unknown };
  const defaulted = Array.isArray(entries) && typeof source === 'string'
    ? entries.map((e: unknown) => (typeof e === 'object' && e !== null && !('source' in e) ? { ...e, source } : e))
    : entries;
  return validateEntries(defaulted, name);
}

/** Every `*.yaml` file in a knowledge folder, in name order, as one list; ids must be unique across files. */
export function loadKnowledgeDir(dir: string = SHIPPED_KNOWLEDGE_DIR): Entry[] {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const all: Entry[] = [];
  const origin = new Map<string, string>();
  for (const file of files) {
    for (const entry of parseKnowledgeFile(readFileSync(join(dir, file), 'utf8'), file)) {
      const other = origin.get(entry.id);
      if (other) throw new KnowledgeError('duplicate-id', `${file}: id "${entry.id}" is also used in ${other}.`);
      origin.set(entry.id, file);
      all.push(entry);
    }
  }
  return all;
}

/** The text of a knowledge file holding these entries; `parseKnowledgeFile` reads it back unchanged. */
export function formatKnowledgeFile(entries: readonly Entry[]): string {
  const plain = entries.map((e) => ({
    id: e.id,
    question: e.question,
    answer: e.answer,
    alternates: e.alternates,
    tags: e.tags,
    ...(e.source ? { source: e.source } : {}),
  }));
  return HEADER + YAML.stringify({ entries: plain }, { lineWidth: 0, blockQuote: 'literal' });
}
