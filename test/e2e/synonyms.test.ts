import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseKnowledgeBase } from '../../src/knowledge/files.js';
import { applyButton, askCommand, dataOf, EPHEMERAL, faqCommand, startModerationBot, type ModerationBot, type Server } from './moderation-setup.js';

/**
 * A gaming server's FAQ with three "reset my …" questions: "how do i reset my pw" is a near tie between them (a
 * suggestion) until the server says "pw" means "password".
 */
const GAMING = `synonyms:
  - [experience points, xp]
entries:
  - id: how-do-i-reset-my-password
    question: How do I reset my password?
    answer: Use "Forgot password" on the login screen.
  - id: how-do-i-reset-my-game-progress
    question: How do I reset my game progress?
    answer: Settings, Save data, Reset.
  - id: how-do-i-reset-my-key-bindings
    question: How do I reset my key bindings?
    answer: Settings, Controls, Defaults.
  - id: how-do-i-earn-experience-points
    question: How do I earn experience points?
    answer: Finish quests and daily missions.
`;
const PW_QUESTION = 'how do i reset my pw';
const PASSWORD = 'How do I reset my password?';

let bot: ModerationBot;
beforeAll(async () => {
  const knowledgeDir = mkdtempSync(join(tmpdir(), 'paa-e2e-knowledge-'));
  writeFileSync(join(knowledgeDir, 'gaming.yaml'), GAMING);
  bot = await startModerationBot({ knowledgeDir });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
});

const synonyms = (userId: string, subcommand: string, options: Record<string, unknown> = {}, server: Server = 'A') => faqCommand(bot, userId, subcommand, options, server, 'synonyms');
const faq = (userId: string, subcommand: string, options: Record<string, unknown> = {}, server: Server = 'A') => faqCommand(bot, userId, subcommand, options, server);
const ask = (question: string, server: Server = 'A') => askCommand(bot, question, server);
const listFooter = async (server: 'A' | 'B' = 'A') => (await dataOf(synonyms(bot.bob, 'list', {}, server))).embeds?.[0]?.footer?.text;

describe('/faq synonyms list', () => {
  test("shows the shipped groups, says they are shipped at revision 0, only to the moderator, pinging nobody", async () => {
    const data = await dataOf(synonyms(bot.bob, 'list'));
    expect(data.embeds?.[0]?.description).toContain('**1.** experience points ← xp');
    expect(data.embeds?.[0]?.footer?.text).toBe('Revision 0, shipped with the bot, never changed here · Page 1 of 1');
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.allowed_mentions?.parse).toEqual([]);
  });
});

describe('/faq synonyms, for a member who is not a moderator', () => {
  test.each([
    ['add', { words: 'password, pw' }],
    ['remove', { word: 'xp' }],
    ['list', {}],
    ['history', {}],
    ['restore', { revision: 1 }],
  ])('refuses %s like every /faq subcommand, and changes nothing', async (subcommand, options) => {
    const data = await dataOf(synonyms(bot.alice, subcommand, options));
    expect(data.content).toBe('Only moderators (Manage Server, or a moderator role) can change the FAQ. Nothing was changed.');
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(await listFooter()).toMatch(/^Revision 0, shipped/);
    expect((await ask(PW_QUESTION)).title).toBeUndefined();
  });
});

describe('/faq synonyms add', () => {
  test.each([
    ['one word', 'pw', /^Type at least two words or phrases, separated by commas/],
    ['a word twice', 'pw, PW', /^"pw" is listed twice\. Nothing was changed\.$/],
    ['a mention', 'password, <@300000000000000001>', /"<@300000000000000001>" may hold only letters, digits, spaces/],
    ['@everyone', 'password, @everyone', /"@everyone" may hold only letters/],
    ['an emoji', 'password, 🔑', /"🔑" may hold only letters/],
    ['a word already in a group', 'exp, xp', /^"xp" is already in group 1 \(experience points ← xp\)\. Remove it there first/],
    ['only commas', ', , ,', /^Type at least two words/],
  ])('refuses %s with one clear line, and changes nothing', async (_case, words, message) => {
    const data = await dataOf(synonyms(bot.bob, 'add', { words }));
    expect(data.content).toMatch(message);
    expect(data.content).not.toContain('\n');
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.allowed_mentions?.parse).toEqual([]);
    expect(await listFooter()).toMatch(/^Revision 0, shipped/);
  });

  test('a moderator adds a group and the next /ask reads the word that way, in that server only', async () => {
    expect((await ask(PW_QUESTION)).title).toBeUndefined();
    const reply = await dataOf(synonyms(bot.bob, 'add', { words: 'Password, PW' }));
    expect(reply.content).toBe('Added the group password ← pw: “pw” now read as “password” (revision 1). /ask reads them that way now.');
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect((await ask(PW_QUESTION)).title).toBe(PASSWORD);
    expect((await ask(PW_QUESTION, 'B')).title).toBeUndefined();
    expect(await listFooter()).toBe('Revision 1, edited on this server · Page 1 of 1');
    expect(await listFooter('B')).toMatch(/^Revision 0, shipped/);
  });
});

describe('/faq synonyms remove, history and restore', () => {
  test('remove takes a word out; a group left with one word goes, and /ask stops reading it', async () => {
    const removed = await dataOf(synonyms(bot.bob, 'remove', { word: 'pw' }));
    expect(removed.content).toBe('Removed the group password ← pw: without “pw” it would have had one word (revision 2).');
    expect((await ask(PW_QUESTION)).title).toBeUndefined();
    expect((await dataOf(synonyms(bot.bob, 'remove', { word: 'nope' }))).content).toBe('No synonym group holds "nope". Nothing was changed.');
  });

  test('remove offers the server’s words as you type', async () => {
    const choices = await bot.sim
      .autocomplete({ channelId: bot.general, userId: bot.bob, name: 'faq', subcommandGroup: 'synonyms', subcommand: 'remove', options: { word: 'x' }, focused: 'word' })
      .choices();
    expect(choices).toEqual([{ name: 'xp (in experience points ← xp)', value: 'xp' }]);
  });

  test('history lists every revision, newest first, with what changed', async () => {
    const description = (await dataOf(synonyms(bot.bob, 'history'))).embeds?.[0]?.description ?? '';
    const lines = description.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\*\*#2\*\* edit by bob <t:\d+:f>: 1 groups \(− password ← pw\)$/);
    expect(lines[1]).toMatch(/^\*\*#1\*\* edit by bob <t:\d+:f>: 2 groups \(\+ password ← pw\)$/);
  });

  test('restore brings a revision back as a new one, and /ask reads the word again', async () => {
    const restored = await dataOf(synonyms(bot.bob, 'restore', { revision: 1 }));
    expect(restored.content).toBe('Restored the synonyms as they were at revision 1: 2 groups (now revision 3). /ask reads words that way now.');
    expect((await ask(PW_QUESTION)).title).toBe(PASSWORD);
    expect((await dataOf(synonyms(bot.bob, 'restore', { revision: 99 }))).content).toBe('The synonyms have no revision 99 on this server.');
    expect(await listFooter()).toMatch(/^Revision 3, edited/);
  });
});

describe('/faq export and import, with synonyms', () => {
  test("the export carries the server's groups, and importing it into another server reproduces them", async () => {
    const exported = await faq(bot.bob, 'export').response();
    const file = exported.files[0]!;
    const text = file.data.toString('utf8');
    expect(parseKnowledgeBase(text, file.filename).synonyms).toEqual([
      ['experience points', 'xp'],
      ['password', 'pw'],
    ]);

    const preview = await faq(bot.bob, 'import', { file: { name: file.filename, content: text } }, 'B').reply();
    expect(preview.embeds[0]?.description).toMatch(/^\*\*Synonyms replaced\*\* \(1 groups → 2\)\nAdded \(1\):\n- password ← pw/);
    expect(await listFooter('B')).toMatch(/^Revision 0, shipped/);
    const applied = await dataOf(bot.sim.clickButton({ message: preview, customId: applyButton(preview), userId: bot.bob }));
    expect(applied.content).toBe(`Imported 0 entries and the synonyms (2 groups) from ${file.filename}.`);
    expect((await ask(PW_QUESTION, 'B')).title).toBe(PASSWORD);
    expect(await listFooter('B')).toBe('Revision 1, edited on this server · Page 1 of 1');

    const again = await faq(bot.bob, 'import', { file: { name: file.filename, content: text } }, 'B').reply();
    expect(again.content).toBe(`${file.filename}: all 4 entries are already on this server, unchanged and its synonyms are the same. Nothing to import.`);
  });

  test('an import with a bad synonyms block is refused by group, and nothing is imported', async () => {
    const bad = 'synonyms:\n  - [xp, level]\n  - [lvl, xp]\nentries: []\n';
    const reply = await faq(bot.bob, 'import', { file: { name: 'bad.yaml', content: bad } }, 'B').reply();
    expect(reply.content).toBe('bad.yaml: synonym group 2 (lvl): "xp" is also in synonym group 1 (xp); a word belongs to one group\nNothing was imported.');
    expect(await listFooter('B')).toMatch(/^Revision 1, edited/);
  });
});
