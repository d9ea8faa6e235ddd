import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { restoreStore } from '../../src/store/index.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { alice, entry, GUILD, question, setup } from './setup.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The StoreError a promise rejects with; fails the test if it resolves or rejects with something else. */
async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

/** The questions_log rows of a database file, read with a connection of its own. */
function questionCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM questions_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Another process writing to the database as the bot would, until it is killed: two rows per transaction, so a copy
 * taken in the middle of a transaction would hold an odd number of them.
 */
function startWriter(path: string): Promise<{ stop(): Promise<void> }> {
  const script = `
    import Database from 'better-sqlite3';
    const db = new Database(${JSON.stringify(path)});
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare("INSERT INTO questions_log (guild_id, channel_id, user_id, query, query_key, outcome, created_at) VALUES ('g', 'c', 'u', ?, ?, 'decline', 0)");
    const pair = db.transaction((i) => { insert.run('q' + i, 'q' + i); insert.run('r' + i, 'r' + i); });
    for (let i = 0; ; i++) { pair(i); if (i === 50) process.stdout.write('writing\\n'); }
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () =>
      resolve({
        stop: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      }),
    );
  });
}

describe('backup, while another process writes to the database', () => {
  test('each copy is one consistent moment: it opens, passes its check, holds whole transactions only', async () => {
    const { dir, open, path } = setup();
    const store = await open();
    for (let i = 0; i < 100; i++) await store.recordUnanswered(question(`question ${i}`));
    const writer = await startWriter(path);
    const counts: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const copy = join(dir, `backup-${i}.db`);
        await store.backup(copy);
        counts.push(questionCount(copy));
      }
    } finally {
      await writer.stop();
    }
    for (const [i, count] of counts.entries()) {
      const copy = join(dir, `backup-${i}.db`);
      // 100 of our own and an even number of the writer's: never half of one of its transactions.
      expect(count).toBeGreaterThan(100);
      expect((count - 100) % 2).toBe(0);
      // One self-contained file: no -wal beside it, and not in WAL mode until the store opens it again.
      expect(existsSync(`${copy}-wal`)).toBe(false);
      const raw = new Database(copy, { readonly: true });
      expect(raw.pragma('quick_check', { simple: true })).toBe('ok');
      expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
      raw.close();
    }
    // The writer went on during the backups: later copies hold more.
    expect(counts.at(-1)).toBeGreaterThan(counts[0]!);
    const reopened = openSqliteStore(join(dir, 'backup-4.db'));
    expect(await reopened.unanswered(GUILD, 200)).toHaveLength(100);
    await reopened.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

describe('backup, given where to write it', () => {
  test('refuses a file that exists unless told to overwrite it', async () => {
    const { dir, open } = setup();
    const store = await open();
    const file = join(dir, 'backup.db');
    writeFileSync(file, 'an older backup');
    const error = await rejection(store.backup(file));
    expect(error.code).toBe('file-exists');
    expect(error.message).toBe(`${file} already exists: choose another file, or pass --force to overwrite it.`);
    expect(readFileSync(file, 'utf8')).toBe('an older backup');
    await store.backup(file, { overwrite: true });
    expect(questionCount(file)).toBe(0);
  });

  test.each([
    ['a folder that does not exist', (dir: string) => join(dir, 'no-such-folder', 'backup.db'), /^Cannot write .*backup\.db: the folder .*no-such-folder does not exist\. Create it first/],
    ['a folder', (dir: string) => dir, /is a folder/],
    ['the database itself', (_dir: string, path: string) => path, /is the database itself: write the backup to another file\.$/],
  ])('refuses %s in one line, and writes nothing', async (_case, target, message) => {
    const { dir, open, path } = setup();
    const store = await open();
    await store.recordUnanswered(question('kept'));
    const error = await rejection(store.backup(target(dir, path), { overwrite: true }));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(await store.unanswered(GUILD, 5)).toHaveLength(1);
    expect(readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.partial'))).toEqual([]);
  });
});

describe('restoreStore, given a backup', () => {
  const sqlite = (path: string) => ({ kind: 'sqlite' as const, path });

  test('puts it back and keeps the database it replaced as <file>.before-restore', async () => {
    const { dir, open, path } = setup();
    const store = await open();
    await store.recordUnanswered(question('asked before the backup'));
    await store.saveEntry({ guildId: GUILD, entry: entry('beta'), before: null, expectedRevision: 0, author: alice, action: 'add' });
    const backup = join(dir, 'backup.db');
    await store.backup(backup);
    await store.recordUnanswered(question('asked after the backup'));
    await store.close();

    const { previous } = await restoreStore(sqlite(path), backup);
    expect(previous).toBe(`${path}.before-restore`);
    const restored = openSqliteStore(path);
    expect((await restored.unanswered(GUILD, 10)).map((q) => q.query)).toEqual(['asked before the backup']);
    expect((await restored.overrides(GUILD)).map((o) => o.entryId)).toEqual(['beta']);
    await restored.close();
    expect(questionCount(previous!)).toBe(2);
    // The backup itself is only read.
    expect(questionCount(backup)).toBe(1);
  });

  test('into a database that does not exist yet: placed, nothing to keep', async () => {
    const { dir, open } = setup();
    const store = await open();
    const backup = join(dir, 'backup.db');
    await store.backup(backup);
    await store.close();
    const fresh = join(dir, 'new', 'paa.db');
    expect(await restoreStore(sqlite(fresh), backup)).toEqual({ previous: null });
    await openSqliteStore(fresh).close();
  });

  test('refuses while another connection (the bot) has the database open, and changes nothing', async () => {
    const { dir, open, path } = setup();
    const store = await open();
    const backup = join(dir, 'backup.db');
    await store.backup(backup);
    await store.recordUnanswered(question('after'));
    const error = await rejection(restoreStore(sqlite(path), backup));
    expect(error.code).toBe('in-use');
    expect(error.message).toBe(
      `The database ${path} is open in another process (the bot?): stop the bot, run the restore again, then start the bot. Nothing was changed.`,
    );
    expect(await store.unanswered(GUILD, 5)).toHaveLength(1);
    expect(existsSync(`${path}.before-restore`)).toBe(false);
    expect(readdirSync(join(dir, 'nested'))).not.toContain('paa.db.restoring');
  });

  test.each([
    ['a file that is not there', () => 'missing.db', /^Cannot restore from .*missing\.db: no such file\.$/],
    ['a file that is not a database', (dir: string) => (writeFileSync(join(dir, 'notes.db'), 'my notes'), join(dir, 'notes.db')), /notes\.db is not a backup of the bot's database \(file is not a database\)/],
    [
      "another program's SQLite database",
      (dir: string) => {
        const other = new Database(join(dir, 'other.db'));
        other.exec('CREATE TABLE t (x)');
        other.close();
        return join(dir, 'other.db');
      },
      /other\.db is not a backup of the bot's database \(a SQLite database without the bot's tables\)/,
    ],
    [
      'a backup from a newer version of the bot',
      (dir: string) => {
        const newer = new Database(join(dir, 'newer.db'));
        newer.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT); INSERT INTO schema_migrations VALUES (999, 'from the future', '')");
        newer.close();
        return join(dir, 'newer.db');
      },
      /newer\.db cannot be restored by this version of the bot: The database is at schema version 999/,
    ],
  ])('refuses %s in one line, and changes nothing', async (_case, make, message) => {
    const { dir, open, path } = setup();
    const store = await open();
    await store.recordUnanswered(question('kept'));
    await store.close();
    const before = readFileSync(path);
    const error = await rejection(restoreStore(sqlite(path), make(dir)));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual(['paa.db']);
  });

  test('refuses when a .before-restore is left from an earlier restore (it may be the only copy of the old data)', async () => {
    const { dir, open, path } = setup();
    const store = await open();
    const backup = join(dir, 'backup.db');
    await store.backup(backup);
    await store.close();
    writeFileSync(`${path}.before-restore`, 'older');
    const error = await rejection(restoreStore(sqlite(path), backup));
    expect(error.code).toBe('file-exists');
    expect(error.message).toMatch(/paa\.db\.before-restore is left from an earlier restore: move it away/);
    expect(readFileSync(`${path}.before-restore`, 'utf8')).toBe('older');
  });
});
