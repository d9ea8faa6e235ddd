import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../store/postgres-database.js';
import { askCommand, dataOf, faqCommand, startModerationBot, type ModerationBot } from './moderation-setup.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

// PostgreSQL restarted under the bot: it goes on answering from memory, a moderator's write meanwhile is refused
// with "try again shortly" (never taken and lost), and once the database is back everything works again. The
// outage is a TCP proxy between the bot and the server, cut and restored: every connection dropped, new ones
// refused, as during a restart.

const available = await postgresAvailable();

let database: TestDatabase;
let proxy: TcpProxy;
let bot: ModerationBot;

beforeAll(async () => {
  if (!available) return;
  database = (await createTestDatabase())!;
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  target.host = `127.0.0.1:${proxy.port}`;
  bot = await startModerationBot({ env: { DATABASE_URL: target.toString() } });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await proxy?.close();
  await database?.drop();
});

const ask = (question: string) => askCommand(bot, question, 'A');

/** Opens /faq add as bob, fills and submits the form; what the bot replied. */
async function addEntry(question: string, answer: string) {
  const form = (await faqCommand(bot, bot.bob, 'add', {}, 'A').modal()) as { custom_id: string };
  return dataOf(bot.sim.submitModal({ customId: form.custom_id, userId: bot.bob, fields: { question, answer, alternates: '', tags: '' } }));
}

describe.skipIf(!available)('the bot on PostgreSQL, when the database restarts', () => {
  test('answers while the database is up', async () => {
    expect((await ask('is netflix coded in python?')).title).toBe('Is Netflix coded in Python?');
    expect((await addEntry('Where do I report a bug?', 'In #bugs, with steps to reproduce.')).content).toContain('Added');
  });

  test('keeps answering from memory while it is down, and refuses a write with "try again shortly"', async () => {
    await proxy.cut();
    const answers = await Promise.all(Array.from({ length: 5 }, () => ask('is netflix coded in python?')));
    expect(answers.map((a) => a.title)).toEqual(Array(5).fill('Is Netflix coded in Python?'));
    expect((await ask('where do i report a bug')).title).toBe('Where do I report a bug?');
    const refused = await addEntry('How do I get the beta?', 'Ask in #beta.');
    expect(refused.content).toMatch(/not answering right now.*try again shortly/);
    expect(bot.child.exitCode).toBeNull();
    // Meanwhile the operator, who can reach the database, adds an entry: its announcement never reaches the bot.
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/kb.ts', 'add', '--guild', bot.guildId, '--question', 'Where are the server rules?', '--answer', 'Pinned in #rules.'], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url, KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR },
    });
  });

  test('once it is back, the write that was refused goes through and is answered; nothing was half-saved', async () => {
    await proxy.restore();
    const added = await addEntry('How do I get the beta?', 'Ask in #beta.');
    expect(added.content).toContain('Added **How do I get the beta?**');
    expect((await ask('how do i get the beta')).title).toBe('How do I get the beta?');
    const { rows } = await database.query<{ n: string }>("SELECT count(*) AS n FROM entry_revisions WHERE entry_id LIKE 'how-do-i-get-the-beta%'");
    expect(Number(rows[0]!.n)).toBe(1);
  });

  test('catches up on the change it missed while disconnected', async () => {
    let title: string | undefined;
    for (let waited = 0; waited < 10_000 && title !== 'Where are the server rules?'; waited += 200) {
      title = (await ask('where are the server rules')).title;
      if (title !== 'Where are the server rules?') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(title).toBe('Where are the server rules?');
  });
});
