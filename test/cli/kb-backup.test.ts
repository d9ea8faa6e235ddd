import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { expectOneLine, expectUsage, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'paa-kb-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const database = join(dir, 'data', 'paa.db');
const env = { DATABASE_URL: `sqlite:${database}` };
const GUILD = '111111111111111111';
const asked = (query: string) => ({ guildId: GUILD, channelId: '222222222222222222', userId: '333333333333333333', query, outcome: 'decline' as const, suggestions: [] });
const unansweredIn = async (file: string) => {
  const store = openSqliteStore(file);
  try {
    return (await store.unanswered(GUILD, 10_000)).length;
  } finally {
    await store.close();
  }
};

describe('npm run kb -- backup and restore-backup, beside a running bot', { timeout: 60_000 }, async () => {
  // The bot: its own connection, writing while the operator's tools run in other processes.
  const bot = openSqliteStore(database);
  for (let i = 0; i < 50; i++) await bot.recordUnanswered(asked(`asked before the backup ${i}`));
  const backup = join(dir, 'backup.db');

  test('backup --out: a copy of the database while the bot writes, which opens and has its rows', async () => {
    let writes = 0;
    const writing = setInterval(() => bot.recordUnanswered(asked(`asked during the backup ${writes++}`)), 2);
    const result = await runCli('kb', ['backup', '--out', backup], { env }).finally(() => clearInterval(writing));
    expect(result).toEqual({ code: 0, out: expect.stringMatching(new RegExp(`^Backed up ${database} to ${backup} \\(\\d+ KB\\)\\.\\n$`)), err: '' });
    expect(await unansweredIn(backup)).toBeGreaterThanOrEqual(50);
  });

  test('backup onto a file that exists: refused in one line; --force overwrites it', async () => {
    expectOneLine(await runCli('kb', ['backup', '--out', backup], { env }), 1, `${backup} already exists: choose another file, or pass --force to overwrite it.`);
    await bot.recordUnanswered(asked('asked after the backup'));
    expect((await runCli('kb', ['backup', '--out', backup, '--force'], { env })).code).toBe(0);
  });

  test.each([
    ['backup without --out', ['backup'], 2, 'Missing --out <file.db>: where to write the backup.'],
    ['backup with an argument', ['backup', 'file.db'], 2, 'backup takes no arguments'],
    ['backup into a folder that does not exist', ['backup', '--out', join(dir, 'nowhere', 'b.db')], 1, `the folder ${join(dir, 'nowhere')} does not exist`],
    ['restore without a file', ['restore-backup'], 2, 'Missing the backup file to restore.'],
  ])('%s: refused', async (_case, args, code, message) => {
    const result = await runCli('kb', args, { env });
    if (code === 2) expectUsage(result, message);
    else expectOneLine(result, code, message);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  test('backup of a DATABASE_URL where there is no database: said, and no database created', async () => {
    const missing = join(dir, 'typo', 'paa.db');
    expectOneLine(await runCli('kb', ['backup', '--out', join(dir, 'x.db')], { env: { DATABASE_URL: `sqlite:${missing}` } }), 1, `There is no database at ${missing}`);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  test('restore-backup while the bot has the database open: refused, nothing changed', async () => {
    const before = await unansweredIn(database);
    expectOneLine(await runCli('kb', ['restore-backup', backup], { env }), 1, `The database ${database} is open in another process (the bot?): stop the bot, run the restore again, then start the bot. Nothing was changed.`);
    await bot.recordUnanswered(asked('the bot goes on'));
    expect(await unansweredIn(database)).toBe(before + 1);
  });

  test('restore-backup of a file that is not a backup: refused in one line', async () => {
    const notes = join(dir, 'notes.db');
    writeFileSync(notes, 'my notes');
    expectOneLine(await runCli('kb', ['restore-backup', notes], { env }), 1, `${notes} is not a backup of the bot's database`);
  });

  test('restore-backup with the bot stopped: the backup is the database again, the old one kept beside it', async () => {
    const inBackup = await unansweredIn(backup);
    await bot.close();
    expect(await unansweredIn(database)).toBe(inBackup + 1);
    const result = await runCli('kb', ['restore-backup', backup], { env });
    expect(result).toEqual({
      code: 0,
      out: `Restored ${database} from ${backup}; the database as it was is ${database}.before-restore. Start the bot again.\n`,
      err: '',
    });
    expect(await unansweredIn(database)).toBe(inBackup);
    expect(await unansweredIn(`${database}.before-restore`)).toBe(inBackup + 1);
  });
});
