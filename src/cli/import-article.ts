import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { importArticle } from '../knowledge/article-importer.js';
import { formatKnowledgeFile } from '../knowledge/files.js';
import { KnowledgeError } from '../knowledge/errors.js';

const USAGE = 'usage: npm run import-article -- <article.txt> [--out knowledge/<name>.yaml] [--source "title or URL"] [--force]';

function main(argv: string[]): number {
  const args = [...argv];
  let out: string | undefined;
  let source: string | undefined;
  let force = false;
  const files: string[] = [];
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--out') out = args.shift();
    else if (arg === '--source') source = args.shift();
    else if (arg === '--force') force = true;
    else if (arg === '--help' || arg === '-h') return print(USAGE, 0);
    else files.push(arg);
  }
  if (files.length !== 1) return print(USAGE, 2);
  const file = files[0]!;
  if (!existsSync(file)) return print(`No such file: ${file}`, 2);
  try {
    const entries = importArticle(readFileSync(file, 'utf8'), source ? { source } : {});
    const text = formatKnowledgeFile(entries);
    if (!out) {
      process.stdout.write(text);
      return 0;
    }
    if (existsSync(out) && !force) return print(`${out} exists; pass --force to overwrite it.`, 2);
    writeFileSync(out, text);
    console.error(`Wrote ${entries.length} entries to ${out}.`);
    return 0;
  } catch (error) {
    if (error instanceof KnowledgeError) return print(`${file}: ${error.message}`, 1);
    throw error;
  }
}

function print(message: string, code: number): number {
  (code === 0 ? console.log : console.error)(message);
  return code;
}

process.exitCode = main(process.argv.slice(2));
