import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseKnowledgeFile } from '../../src/knowledge/files.js';
import type { InteractionHandle, RecordedMessage } from '../../src/simulator/index.js';
import { applyButton, askCommand, dataOf, EPHEMERAL, faqCommand, startModerationBot, type ModerationBot, type ReplyData, type Server } from './moderation-setup.js';

let bot: ModerationBot;
beforeAll(async () => {
  bot = await startModerationBot();
}, 60_000);
afterAll(async () => {
  await bot?.stop();
});

const buttonsOf = (data: ReplyData) => (data.components ?? []).flatMap((r) => r.components);
const faq = (userId: string, subcommand: string, options: Record<string, unknown> = {}, server: Server = 'A') => faqCommand(bot, userId, subcommand, options, server);
const ask = (question: string, server: Server = 'A') => askCommand(bot, question, server);

/** Opens the add or edit form with `open`, fills it and submits it; returns what the bot replied. */
async function fillForm(open: InteractionHandle, userId: string, fields: Record<string, string>) {
  const modal = (await open.modal()) as { custom_id: string };
  return dataOf(bot.sim.submitModal({ customId: modal.custom_id, userId, fields }));
}
const addEntry = (userId: string, question: string, answer: string, server: 'A' | 'B' = 'A') =>
  fillForm(faq(userId, 'add', {}, server), userId, { question, answer, alternates: '', tags: '' });

describe('/faq add', () => {
  test('a moderator adds an entry and /ask answers it at once', async () => {
    const reply = await addEntry(bot.bob, 'How do I join the beta program?', 'Type `!beta` in #bots and a moderator will add you.');
    expect(reply.content).toContain('Added **How do I join the beta program?**');
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect((await ask('how can i join the beta')).title).toBe('How do I join the beta program?');
  });

  test('a member with a role from MOD_ROLE_IDS may add too', async () => {
    const reply = await addEntry(bot.carol, 'Where are the server rules?', 'Pinned in #rules.');
    expect(reply.content).toContain('Added');
  });

  test('a near-duplicate question is flagged, with "edit that one" and "save anyway"', async () => {
    const reply = await addEntry(bot.bob, 'Is Netflix coded in Python?', 'Yes.');
    expect(reply.content).toContain('looks like an existing entry');
    const labels = buttonsOf(reply).map((b) => b.label);
    expect(labels).toEqual(['Edit the existing entry', 'Save anyway', 'Cancel']);
  });

  test('an empty answer is refused by name, and nothing is saved', async () => {
    const empty = await fillForm(faq(bot.bob, 'add'), bot.bob, { question: 'What is the meaning of life?', answer: '   ', alternates: '', tags: '' });
    expect(empty.content).toMatch(/answer is empty[\s\S]*Nothing was saved/);
    expect((await ask('what is the meaning of life')).title).toBeUndefined();
  });
});

describe('/faq, for a member who is not a moderator', () => {
  test('is refused on every subcommand even when the server made it visible, and nothing changes', async () => {
    for (const [subcommand, options] of [['add', {}], ['remove', { entry: 'is-netflix-coded-in-python' }], ['list', {}], ['export', {}]] as const) {
      const data = await dataOf(faq(bot.alice, subcommand, options));
      expect(data.content).toContain('Only moderators');
      expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    }
    expect((await ask('is netflix coded in python?')).title).toBe('Is Netflix coded in Python?');
  });

  test('is registered with Manage Server as the default permission, so members do not see it', () => {
    const command = bot.sim.commands().find((c) => c.name === 'faq');
    expect(command?.default_member_permissions).toBe('32');
  });
});

describe('servers', () => {
  test("server A's entry is invisible in server B", async () => {
    await addEntry(bot.bob, 'When is the server movie night?', 'Every Friday at 20:00 UTC in the Cinema voice channel.');
    expect((await ask('when is movie night')).title).toBe('When is the server movie night?');
    const inB = await ask('when is movie night', 'B');
    expect(inB.title).toBeUndefined();
    const show = await dataOf(faq(bot.bob, 'show', { entry: 'when-is-the-server-movie-night' }, 'B'));
    expect(show.content).toContain('There is no entry');
  });
});

describe('/faq edit, remove, history and restore', () => {
  test('follow an entry through every change, each one answered at once by /ask', async () => {
    const id = 'how-does-netflix-ensure-high-availability';
    const form = (await faq(bot.bob, 'edit', { entry: id }).modal()) as { custom_id: string; components: unknown };
    expect(JSON.stringify(form.components)).toContain('Netflix ensures high availability through');
    const edited = await dataOf(bot.sim.submitModal({ customId: form.custom_id, userId: bot.bob, fields: { question: 'How Does Netflix Ensure High Availability?', answer: 'Chaos Monkey, many regions, and retries.', alternates: '', tags: '' } }));
    expect(edited.content).toContain('revision 1');
    expect((await ask('how does netflix ensure high availability')).answer).toBe('Chaos Monkey, many regions, and retries.');

    const confirm = faq(bot.bob, 'remove', { entry: id });
    const question = await dataOf(confirm);
    const remove = buttonsOf(question).find((b) => b.label === 'Remove')!;
    const removed = await dataOf(bot.sim.clickButton({ message: await confirm.reply(), customId: remove.custom_id, userId: bot.bob }));
    expect(removed.content).toContain('Removed');
    expect((await ask('how does netflix ensure high availability')).title).toBeUndefined();

    const history = await dataOf(faq(bot.bob, 'history', { entry: id }));
    expect(history.embeds?.[0]?.description).toMatch(/#2\*\* remove by bob[\s\S]*#1\*\* edit by bob/);

    const restored = await dataOf(faq(bot.bob, 'restore', { entry: id, revision: 1 }));
    expect(restored.content).toContain('now revision 3');
    expect((await ask('how does netflix ensure high availability')).answer).toBe('Chaos Monkey, many regions, and retries.');
  });

  test('a revision of another entry or another server cannot be restored', async () => {
    const data = await dataOf(faq(bot.bob, 'restore', { entry: 'how-does-netflix-use-machine-learning', revision: 1 }));
    expect(data.content).toContain('has no revision 1');
    const inB = await dataOf(faq(bot.bob, 'restore', { entry: 'how-does-netflix-ensure-high-availability', revision: 1 }, 'B'));
    expect(inB.content).toContain('has no revision 1');
  });

  test('an edit made on an older revision is refused with who changed it, never overwriting', async () => {
    const id = 'what-is-netflixs-approach-to-open-source';
    const bobForm = (await faq(bot.bob, 'edit', { entry: id }).modal()) as { custom_id: string };
    const carolForm = (await faq(bot.carol, 'edit', { entry: id }).modal()) as { custom_id: string };
    const fields = (answer: string) => ({ question: 'What Is Netflix’s Approach to Open Source?', answer, alternates: '', tags: '' });
    const first = await dataOf(bot.sim.submitModal({ customId: bobForm.custom_id, userId: bot.bob, fields: fields("Bob's answer.") }));
    expect(first.content).toContain('Saved');
    const second = await dataOf(bot.sim.submitModal({ customId: carolForm.custom_id, userId: bot.carol, fields: fields("Carol's answer.") }));
    expect(second.content).toMatch(/changed by bob at .* reload/);
    expect((await ask('what is netflix approach to open source')).answer).toBe("Bob's answer.");
  });
});

describe('/faq import and export', () => {
  test('an article is previewed, then applied on confirmation', async () => {
    const article = '# Server FAQ\n\n## Can I advertise my own server here?\n\nNo. Self-promotion gets a warning, then a ban.\n';
    const handle = faq(bot.bob, 'import', { file: { name: 'server-faq.md', content: article, contentType: 'text/markdown' } });
    const preview = await handle.reply();
    expect(preview.embeds[0]?.description).toContain('**New (1)**');
    expect((await ask('can i advertise my server')).title).toBeUndefined();
    const apply = applyButton(preview);
    const applied = await dataOf(bot.sim.clickButton({ message: preview, customId: apply, userId: bot.bob }));
    expect(applied.content).toContain('Imported 1 entries');
    expect((await ask('can i advertise my server')).title).toBe('Can I advertise my own server here?');
  });

  test('a malformed or oversized file is refused by name and nothing is imported', async () => {
    const bad = await faq(bot.bob, 'import', { file: { name: 'broken.json', content: '{"entries": [', contentType: 'application/json' } }).reply();
    expect(bad.content).toMatch(/broken\.json: not valid JSON[\s\S]*Nothing was imported/);
    const binary = await faq(bot.bob, 'import', { file: { name: 'photo.txt', content: Buffer.from([0xff, 0xd8, 0xff, 0x00]) as never } }).reply();
    expect(binary.content).toContain('not a text file');
    const huge = await dataOf(faq(bot.bob, 'import', { file: { name: 'huge.txt', content: `Is it big?\n\n${'x'.repeat(1_100_000)}\n` } }));
    expect(huge.content).toContain('huge.txt is larger than 1 MB');
    const longQuestion = JSON.stringify({ entries: [{ id: 'long', question: `${'why '.repeat(70)}?`, answer: 'Because.' }] });
    const invalid = await faq(bot.bob, 'import', { file: { name: 'long.json', content: longQuestion } }).reply();
    expect(invalid.content).toMatch(/question is longer than 256 characters[\s\S]*Nothing was imported/);
    expect((await ask('why why why')).title).toBeUndefined();
  });

  test("the export is in the knowledge/ format and imports into another server, round trip", async () => {
    const exported = await faq(bot.bob, 'export').response();
    const file = exported.files[0]!;
    const entries = parseKnowledgeFile(file.data.toString('utf8'), file.filename);
    expect(entries.some((e) => e.question === 'How do I join the beta program?')).toBe(true);

    const handle = faq(bot.bob, 'import', { file: { name: file.filename, content: file.data.toString('utf8') } }, 'B');
    const preview = await handle.reply();
    expect(preview.embeds[0]?.description).toMatch(/\*\*New \(\d+\)\*\*[\s\S]*How do I join the beta program\?/);
    const apply = applyButton(preview);
    await dataOf(bot.sim.clickButton({ message: preview, customId: apply, userId: bot.bob }));
    expect((await ask('how can i join the beta', 'B')).title).toBe('How do I join the beta program?');

    const again = await faq(bot.bob, 'export', {}, 'B').response();
    const roundTrip = parseKnowledgeFile(again.files[0]!.data.toString('utf8'), 'again.yaml');
    expect(roundTrip.map((e) => e.id).sort()).toEqual(entries.map((e) => e.id).sort());
  });
});

describe('/faq list', () => {
  test('shows 10 entries per page with their ids, and pages with buttons', async () => {
    const handle = faq(bot.bob, 'list');
    const first = await dataOf(handle);
    const lines = first.embeds?.[0]?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(10);
    expect(lines.every((l) => /^`[a-z0-9-]+` · /.test(l))).toBe(true);
    expect(first.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of [2-9]/);
    const next = buttonsOf(first).find((b) => b.label === 'Next')!;
    const second = await dataOf(bot.sim.clickButton({ message: await handle.reply(), customId: next.custom_id, userId: bot.bob }));
    expect(second.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of/);
    expect(second.embeds?.[0]?.description).not.toBe(first.embeds?.[0]?.description);
  });
});

describe('/faq unanswered and stats', () => {
  test('lists what people asked and the bot could not answer, most frequent first, and turns one into an entry', async () => {
    await ask('what time is the community meetup');
    await ask('What time is the community meetup?');
    const handle = faq(bot.bob, 'unanswered');
    const report = await dataOf(handle);
    expect(report.embeds?.[0]?.description).toMatch(/\*\*1\.\*\* what time is the community meetup — asked 2×/);
    const create = buttonsOf(report).find((b) => b.label === '1. New entry')!;
    const modal = (await bot.sim.clickButton({ message: await handle.reply(), customId: create.custom_id, userId: bot.bob }).modal()) as { custom_id: string; components: unknown };
    expect(JSON.stringify(modal.components)).toContain('what time is the community meetup');
    await dataOf(bot.sim.submitModal({ customId: modal.custom_id, userId: bot.bob, fields: { question: 'What time is the community meetup?', answer: 'Saturdays at 18:00 UTC.', alternates: '', tags: '' } }));
    expect((await ask('when is the community meetup')).answer).toBe('Saturdays at 18:00 UTC.');
    const after = await dataOf(faq(bot.bob, 'unanswered'));
    expect(JSON.stringify(after)).not.toContain('community meetup');
  });

  test('adds an unanswered question as a phrasing of the closest entry', async () => {
    for (let i = 0; i < 3; i++) expect((await ask('netflix office dogs')).title).toBeUndefined();
    const handle = faq(bot.bob, 'unanswered');
    const report = await dataOf(handle);
    expect(report.embeds?.[0]?.description).toMatch(/^\*\*1\.\*\* netflix office dogs — asked 3×/);
    const add = buttonsOf(report).find((b) => b.label?.startsWith('1. Add as phrasing of: '))!;
    const closest = add.label!.slice('1. Add as phrasing of: '.length);
    const done = await dataOf(bot.sim.clickButton({ message: await handle.reply(), customId: add.custom_id, userId: bot.bob }));
    expect(done.content).toContain(`as a phrasing of **${closest}**`);
    expect((await ask('netflix office dogs')).title).toBe(closest);
  });

  test('stats show the answer rate and the most asked entries with their votes', async () => {
    const data = await dataOf(faq(bot.bob, 'stats'));
    expect(data.embeds?.[0]?.description).toMatch(/\*\*Answer rate:\*\* \d+% \(\d+ answered, \d+ not\)/);
    expect(data.embeds?.[0]?.description).toMatch(/asked \d+× · 👍 \d+ · 👎 \d+/);
  });
});

describe('message context menus', () => {
  test('"Answer with FAQ" replies to the message with the best answer', async () => {
    const message = bot.sim.sendMessage({ channelId: bot.general, authorId: bot.alice, content: 'does netflix use machine learning for anything?' });
    const ack = await dataOf(bot.sim.messageCommand({ name: 'Answer with FAQ', userId: bot.bob, message }));
    expect(ack.flags).toBe(EPHEMERAL);
    const reply = await bot.sim.waitFor<RecordedMessage>((e) => e.kind === 'message' && (e as RecordedMessage).message.message_reference?.message_id === message.id);
    expect(reply.message.embeds[0]?.title).toBe('How Does Netflix Use Machine Learning?');
  });

  test('"Add as FAQ" opens the add form with the message as the question', async () => {
    const message = bot.sim.sendMessage({ channelId: bot.general, authorId: bot.alice, content: 'How do I get the Verified role?' });
    const modal = (await bot.sim.messageCommand({ name: 'Add as FAQ', userId: bot.bob, message }).modal()) as { components: unknown };
    expect(JSON.stringify(modal.components)).toContain('How do I get the Verified role?');
  });

  test('both refuse a member who is not a moderator', async () => {
    const message = bot.sim.sendMessage({ channelId: bot.general, authorId: bot.bob, content: 'is netflix coded in python?' });
    const data = await dataOf(bot.sim.messageCommand({ name: 'Answer with FAQ', userId: bot.alice, message }));
    expect(data.content).toContain('Only moderators');
  });
});

