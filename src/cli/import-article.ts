import { importArticle } from '../knowledge/article-importer.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { formatKnowledgeFile } from '../knowledge/files.js';
import { checkOutputFile, readInputFile, writeOutputFile } from './cli-files.js';
import { CliError, parseCommandLine, runCli, UsageError } from './run-cli.js';

const USAGE = 'usage: npm run import-article -- <article.txt> [--out knowledge/<name>.yaml] [--source "title or URL"] [--force]';

const OPTIONS = {
  out: { type: 'string' },
  source: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function main(argv: string[]): number {
  const { values, positionals: files } = parseCommandLine(argv, OPTIONS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (files.length !== 1) throw new UsageError(`${files.length === 0 ? 'Missing the article to import.' : `One article at a time; got ${files.length}.`}\n${USAGE}`);
  const file = files[0]!;
  const overwrite = values.force ?? false;
  if (values.out !== undefined) checkOutputFile(values.out, { overwrite });
  const bytes = readInputFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: not a text file (it is not valid UTF-8); give the article as plain text or Markdown.`);
  }
  let entries;
  try {
    entries = importArticle(text, values.source ? { source: values.source } : {});
  } catch (error) {
    if (error instanceof KnowledgeError) throw new KnowledgeError(error.code, `${file}: ${error.message}`);
    throw error;
  }
  const yaml = formatKnowledgeFile(entries);
  if (values.out === undefined) {
    process.stdout.write(yaml);
    return 0;
  }
  writeOutputFile(values.out, yaml, { overwrite });
  console.error(`Wrote ${entries.length} entries to ${values.out}.`);
  return 0;
}

runCli(main);
