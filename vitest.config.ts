import pg from 'pg';
import { defineConfig } from 'vitest/config';

// The store's own suites, and the moderators' end-to-end ones, run twice: against SQLite, as everything else does,
// and against PostgreSQL (a throwaway database per test or bot, on the server PAA_TEST_POSTGRES_URL names) when
// that server answers. Without it, one line says so and how to run them; the PostgreSQL-specific tests
// (test/store/postgres-*.test.ts, test/e2e/postgres-*.test.ts) skip themselves.
const POSTGRES_URL = process.env.PAA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SHARED_STORE_SUITES = ['bot-store', 'knowledge-store', 'knowledge-batch', 'vocabulary-store'].map((name) => `test/store/${name}.test.ts`);
// The moderators' features end to end (the real bot, through the simulator), on PostgreSQL as well; the other e2e
// suites read or write no knowledge edits, or read the SQLite file directly.
const POSTGRES_E2E_SUITES = ['moderation', 'synonyms'].map((name) => `test/e2e/${name}.test.ts`);

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default defineConfig(async () => {
  const postgres = await postgresAnswers();
  if (!postgres) {
    const where = new URL(POSTGRES_URL);
    // eslint-disable-next-line no-console -- the one line that says the PostgreSQL suites are skipped
    console.warn(
      `PostgreSQL at ${where.hostname}:${where.port || 5432} does not answer: skipping the PostgreSQL store suites (start it, or set PAA_TEST_POSTGRES_URL, to run them).`,
    );
  }
  const common = { testTimeout: 20_000, hookTimeout: 30_000 };
  return {
    test: {
      projects: [
        { test: { ...common, name: 'bot', include: ['test/**/*.test.ts'] } },
        ...(postgres
          ? [
              { test: { ...common, name: 'store-postgres', include: SHARED_STORE_SUITES, env: { PAA_TEST_STORE: 'postgres' } } },
              { test: { ...common, name: 'e2e-postgres', include: POSTGRES_E2E_SUITES, env: { PAA_TEST_STORE: 'postgres' } } },
            ]
          : []),
      ],
    },
  };
});
