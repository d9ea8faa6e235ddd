import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { canRunAsNobody, NOBODY } from '../cli/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paa-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const afile = join(dir, 'afile');
writeFileSync(afile, 'a regular file\n');
const notADatabase = join(dir, 'notes.db');
writeFileSync(notADatabase, 'these are my notes, not a database\n');

/** Everything under the temp folder, each file with its content: what must not change when opening fails. */
function snapshot(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [path, entry.isFile() ? readFileSync(path, 'utf8') : '(folder)'];
    }),
  );
}

async function openFailure(path: string): Promise<StoreError> {
  try {
    await openSqliteStore(path).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`${path} opened`);
}

describe('opening the store, given a path it cannot use', () => {
  // These fail for root too (the tests run as root in CI and in the container): a folder under a regular file, a
  // file that is not a database, /proc. Permission denied is tested below as another user.
  test.each([
    ['a regular file where its folder should be (EEXIST on mkdir)', join(afile, 'paa.db'), 'cannot-open', `it is a file, not a folder`],
    ['a regular file further up its folders (ENOTDIR)', join(afile, 'sub', 'paa.db'), 'cannot-open', `under ${afile}: it is a file`],
    ['a folder as the database file', dir, 'cannot-open', 'is a folder, not a file'],
    ['a file that is not a database ("file is not a database")', notADatabase, 'not-a-database', `${notADatabase} is not a SQLite database`],
  ])('%s: one line naming it and what to do, and nothing changed', async (_case, path, code, words) => {
    const before = snapshot();
    const error = await openFailure(path);
    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
    expect(error.message).toMatch(/DATABASE_URL/);
    expect(error.message).not.toContain('\n');
    expect(snapshot()).toEqual(before);
  });

  test('a damaged database ("database disk image is malformed"): says to restore a backup', async () => {
    const damaged = join(dir, 'damaged.db');
    const db = new Database(damaged);
    for (let i = 0; i < 100; i++) db.exec(`CREATE TABLE t${i} (x TEXT)`);
    db.close();
    // The header page stays; the schema pages after it are overwritten.
    const bytes = readFileSync(damaged);
    bytes.fill(0x41, 4_096);
    writeFileSync(damaged, bytes);
    const error = await openFailure(damaged);
    expect(error.code).toBe('not-a-database');
    expect(error.message).toBe(
      `The database ${damaged} is damaged (database disk image is malformed): restore a backup (npm run kb -- restore-backup <file>), or move it away to start a new one.`,
    );
    rmSync(damaged);
  });

  test.skipIf(!existsSync('/proc/self'))('a folder the system will never create (/proc/x): fails at once, where recursive mkdir spins forever', async () => {
    const started = performance.now();
    const error = await openFailure('/proc/x/paa.db');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error.code).toBe('cannot-open');
    expect(error.message).toMatch(/^Cannot create the folder \/proc\/x for the database \/proc\/x\/paa\.db \(.+\): .*DATABASE_URL/);
    expect(error.message).not.toContain('\n');
  });

  // As root, only another user meets the refusal; skipped when that user cannot read this checkout.
  test.skipIf(process.getuid?.() === 0 && !canRunAsNobody)('a folder the user may not write (EACCES, as .env.example\'s /var/lib/paa-bot for a user that is not root)', async () => {
    // Our temp folder is 0700 (mkdtemp); open it to others so that only the locked folder refuses.
    chmodSync(dir, 0o755);
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o755 });
    const target = join(locked, 'paa-bot', 'paa.db');
    let message: string;
    if (process.getuid?.() === 0) {
      // Root writes anywhere, chmod or not: ask as "nobody", who may not write in root's 0755 folder.
      const script = `import { openSqliteStore } from ${JSON.stringify(join(root, 'src/store/sqlite-store.ts'))};
        try { openSqliteStore(${JSON.stringify(target)}); } catch (error) { console.log(JSON.stringify({ code: error.code, message: error.message })); }`;
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
      const reported = JSON.parse(result.stdout) as { code: string; message: string };
      expect(reported.code).toBe('cannot-open');
      message = reported.message;
    } else {
      chmodSync(locked, 0o555);
      message = (await openFailure(target)).message;
      chmodSync(locked, 0o755);
    }
    expect(message).toBe(
      `Cannot create the folder ${join(locked, 'paa-bot')} for the database ${target} (permission denied): create it for the user that runs the bot, or point DATABASE_URL at a folder that user can write.`,
    );
    expect(existsSync(join(locked, 'paa-bot'))).toBe(false);
  });

  test('with mustExist, a file that is not there: said, and not created', async () => {
    const path = join(dir, 'missing', 'paa.db');
    expect(() => openSqliteStore(path, { mustExist: true })).toThrow(`There is no database at ${path}`);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
