import { importArticle } from './article-importer.js';
import { KnowledgeError } from './errors.js';
import { parseKnowledgeDocument, type KnowledgeDocument } from './files.js';
import { fileTooLarge } from './limits.js';
import { validateSynonyms } from './synonyms.js';
import { validateEntries } from './validate.js';

/**
 * Reads a file a moderator or operator imports: a knowledge file (`.yaml`/`.yml`, what `/faq export` produces), a
 * JSON export (`{"entries": [...]}` or a bare list), or an article in plain text or Markdown (anything else),
 * through the article importer. Everything is validated; an error names the problem and nothing is imported.
 * `synonyms` is set only when the file has a vocabulary (a `synonyms` block or key): an article never does.
 */
export function parseImportFile(name: string, bytes: Uint8Array): KnowledgeDocument {
  const tooLarge = fileTooLarge(name, bytes.byteLength);
  if (tooLarge) throw tooLarge;
  if (bytes.byteLength === 0) throw new KnowledgeError('empty-file', `${name} is empty.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new KnowledgeError('not-text', `${name} is not a text file (it is not valid UTF-8).`);
  }
  if (text.includes('\u0000')) throw new KnowledgeError('not-text', `${name} is not a text file.`);

  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'yaml' || extension === 'yml') return parseKnowledgeDocument(text, name);
  if (extension === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new KnowledgeError('malformed', `${name}: not valid JSON (${(error as Error).message}).`);
    }
    if (Array.isArray(data)) return { entries: validateEntries(data, name) };
    const { entries, synonyms } = (data ?? {}) as { entries?: unknown; synonyms?: unknown };
    const parsed = validateEntries(entries ?? (synonyms === undefined ? undefined : []), name);
    return synonyms === undefined ? { entries: parsed } : { entries: parsed, synonyms: validateSynonyms(synonyms, name) };
  }
  try {
    return { entries: importArticle(text) };
  } catch (error) {
    if (error instanceof KnowledgeError) throw new KnowledgeError(error.code, `${name}: ${error.message}`);
    throw error;
  }
}
