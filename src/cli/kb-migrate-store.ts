import { ConfigError, databaseName, loadConfig, type DatabaseConfig } from '../config.js';
import { copyStore, sameDatabase } from '../store/store-copy.js';
import { parseCommandLine, UsageError } from './run-cli.js';

// `npm run kb -- migrate-store --from <DATABASE_URL> --to <DATABASE_URL>`: the whole store copied into another
// database (see src/store/store-copy.ts). It names both databases itself and reads no DATABASE_URL.

export const MIGRATE_STORE_USAGE = 'usage: npm run kb -- migrate-store --from <DATABASE_URL> --to <DATABASE_URL>';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `kb migrate-store`: the arguments after the command name; the exit code. */
export async function migrateStoreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, MIGRATE_STORE_USAGE);
  if (values.help) {
    console.log(`${MIGRATE_STORE_USAGE}\nCopies the whole store (votes, questions, statistics, knowledge and synonym history) into an empty database, e.g. from SQLite to PostgreSQL.`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`migrate-store takes no arguments, only --from and --to; got "${positionals[0]!.slice(0, 40)}".\n${MIGRATE_STORE_USAGE}`);
  const from = databaseFlag('--from', values.from);
  const to = databaseFlag('--to', values.to);
  if (sameDatabase(from, to)) throw new UsageError(`--from and --to are the same database (${databaseName(from)}): copy into another one.`);

  const report = await copyStore(from, to);
  if (report.status === 'already-a-copy') {
    console.log(`${databaseName(to)} is already a copy of ${databaseName(from)}: ${report.rows} rows each, nothing to do.`);
    return 0;
  }
  for (const { table, source, target } of report.tables) console.log(`${table} ${source} → ${target}`);
  console.log(`Copied ${databaseName(from)} to ${databaseName(to)}.`);
  return 0;
}

/**
 * A database URL given on the command line, read as DATABASE_URL is (src/config.ts). A bad one is one line naming
 * the flag; the URL is not quoted back, since it may carry a password.
 */
function databaseFlag(flag: '--from' | '--to', value: string | undefined): DatabaseConfig {
  const what = flag === '--from' ? 'the database to copy from' : 'the database to copy into';
  if (value === undefined) throw new UsageError(`Missing ${flag} <DATABASE_URL>: ${what}.\n${MIGRATE_STORE_USAGE}`);
  // Blank is "unset" to loadConfig, which would then read the default database instead.
  if (value.trim() === '') throw new UsageError(`${flag} is empty: expected ${what}, as sqlite:<path> or postgres://user@host:5432/database.`);
  try {
    // KNOWLEDGE_DIR is validated too, and only the database is wanted: the working directory always passes.
    return loadConfig({ DATABASE_URL: value, KNOWLEDGE_DIR: '.' }, { requireDiscord: false }).database;
  } catch (error) {
    const issue = error instanceof ConfigError ? error.issues.find((i) => i.key === 'DATABASE_URL') : undefined;
    if (issue === undefined) throw error;
    throw new UsageError(`${flag}: ${issue.message}.`);
  }
}
