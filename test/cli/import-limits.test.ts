import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { importArticle } from '../../src/knowledge/article-importer.js';
import { KNOWLEDGE_FILE_MAX_BYTES as FILES_MAX } from '../../src/knowledge/files.js';
import { parseImportFile } from '../../src/knowledge/import-file.js';
import { fileTooLarge, KNOWLEDGE_FILE_MAX_BYTES } from '../../src/knowledge/limits.js';
import { expectOneLine, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'paa-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An article of question headings, each with its answer, of about `bytes` bytes: thousands of entries if let in. */
function article(bytes: number): string {
  const parts: string[] = ['A Big FAQ'];
  for (let i = 0, size = 0; size < bytes; i++) {
    const part = `How do I do thing number ${i}?\n\nYou do thing number ${i} by doing it, carefully, once a day.`;
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n');
}

const big = join(dir, 'big-article.md');
writeFileSync(big, article(5_000_000));

describe('one size limit for every import path (src/knowledge/limits.ts)', () => {
  test('the knowledge folder, kb import, /faq import and import-article share one number: 1 MB', () => {
    expect(KNOWLEDGE_FILE_MAX_BYTES).toBe(1_000_000);
    // files.ts (the knowledge folder, /faq import's attachment check) keeps its own export until it reads this one.
    expect(FILES_MAX).toBe(KNOWLEDGE_FILE_MAX_BYTES);
    expect(fileTooLarge('x', KNOWLEDGE_FILE_MAX_BYTES)).toBeUndefined();
    expect(fileTooLarge('x.md', 5_000_000)?.message).toBe('x.md is larger than 1 MB (5 MB): split it into smaller files.');
  });

  test('an import file (kb import, /faq import) over it is refused before it is parsed', () => {
    expect(() => parseImportFile('big.md', Buffer.from(article(1_100_000)))).toThrow(/^big\.md is larger than 1 MB \(1\.1 MB\)/);
  });

  test('an article over it is refused by the importer itself, whoever calls it', () => {
    expect(() => importArticle(article(1_100_000))).toThrow('The article is larger than 1 MB (1.1 MB): split it into smaller files.');
    expect(importArticle(article(100_000)).length).toBeGreaterThan(1_000);
  });
});

describe.concurrent('a 5 MB article, through each command-line import', { timeout: 60_000 }, () => {
  test('import-article refuses it in one line (it used to become 8,121 entries)', async () => {
    const out = join(dir, 'big.yaml');
    expectOneLine(await runCli('import-article', [big, '--out', out]), 1, `${big} is larger than 1 MB (5 MB): split it into smaller files.`);
    expect(existsSync(out)).toBe(false);
  });

  test('kb import refuses it in the same words, before opening the store', async () => {
    const result = await runCli('kb', ['import', big, '--guild', '111111111111111111', '--yes'], { env: { DATABASE_URL: `sqlite:${join(dir, 'db', 'paa.db')}` } });
    expectOneLine(result, 1, `${big} is larger than 1 MB (5 MB): split it into smaller files.`);
    expect(existsSync(join(dir, 'db'))).toBe(false);
  });
});
