import { afterAll, describe, expect, test } from 'vitest';
import type { InteractionHandle, RecordedInteractionResponse } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { articleEntries } from '../fixtures/knowledge.js';
import { startBot, type RunningBot } from './harness.js';

const running: RunningBot[] = [];
afterAll(async () => {
  for (const bot of running.reverse()) await bot.stop();
});

/**
 * kill -9 during a burst of moderator edits: every change the bot acknowledged ("Added…", "Saved…") must be in
 * the database after the crash, and no change may be half-applied (an entry's current state is always the newest
 * revision of its history).
 */
describe('the bot, killed with SIGKILL during a burst of edits', () => {
  test('loses no acknowledged change and leaves none half-applied; after a restart it answers with them', async () => {
    const bot = await startBot();
    running.push(bot);
    const moderator = bot.alice; // the first member owns the default guild, so has every permission
    const shipped = articleEntries(); // what startBot serves by default

    // Open every form first (each must be shown before it can be sent), then send them all at once.
    const forms: { form: { custom_id: string }; fields: Record<string, string> }[] = [];
    for (let i = 0; i < 40; i++) {
      const edit = shipped[i % shipped.length]!;
      const isEdit = i < shipped.length;
      const open = bot.sim.slashCommand({
        channelId: bot.general,
        userId: moderator,
        name: 'faq',
        subcommand: isEdit ? 'edit' : 'add',
        options: isEdit ? { entry: edit.id } : {},
      });
      const form = (await open.modal()) as { custom_id: string };
      forms.push({
        form,
        fields: isEdit
          ? { question: edit.question, answer: `Edited answer ${i}.`, alternates: '', tags: '' }
          : { question: `What is crash-test topic number ${i}?`, answer: `Crash-test answer ${i}.`, alternates: '', tags: '' },
      });
    }
    const acknowledged: string[] = [];
    const killedAfter = 8;
    let killing: Promise<void> | undefined;
    const listener = (response: RecordedInteractionResponse) => {
      const content = (response.body as { data?: { content?: string } }).data?.content ?? '';
      if (/^(Added|Saved)/.test(content) && !killing) {
        acknowledged.push(content);
        if (acknowledged.length >= killedAfter) killing = bot.kill();
      }
    };
    bot.sim.on('interactionResponse', listener);
    const submissions: InteractionHandle[] = forms.map(({ form, fields }) => bot.sim.submitModal({ customId: form.custom_id, userId: moderator, fields }));
    await Promise.allSettled(submissions.map((s) => s.response(4_000)));
    await killing;
    bot.sim.off('interactionResponse', listener);
    expect(acknowledged.length).toBeGreaterThanOrEqual(killedAfter);
    expect(bot.child.signalCode).toBe('SIGKILL');

    const store = openSqliteStore(bot.dbPath);
    try {
      const overrides = new Map((await store.overrides(bot.guildId)).map((o) => [o.entryId, o]));
      for (const ack of acknowledged) {
        const [, id, revision] = /\(`([a-z0-9-]+)`, revision (\d+)\)/.exec(ack)!;
        expect(overrides.get(id!)?.revision, `acknowledged ${id} revision ${revision}`).toBeGreaterThanOrEqual(Number(revision));
      }
      for (const override of overrides.values()) {
        const history = await store.history(bot.guildId, override.entryId);
        expect(history[0]?.revision).toBe(override.revision);
        expect(history[0]?.after).toEqual(override.entry);
        expect(history.map((r) => r.revision)).toEqual(history.map((_, i) => history.length - i));
      }
    } finally {
      await store.close();
    }

    const restarted = await startBot({ existing: { sim: bot.sim, dbPath: bot.dbPath } });
    running.push(restarted);
    const firstAdded = acknowledged.map((a) => /Added \*\*(.+?)\*\*/.exec(a)?.[1]).find(Boolean);
    const question = firstAdded ?? shipped[0]!.question;
    const reply = await restarted.sim
      .slashCommand({ channelId: restarted.general, userId: restarted.bob, name: 'ask', options: { question } })
      .response();
    expect((reply.body as { data?: { embeds?: { title?: string }[] } }).data?.embeds?.[0]?.title).toBe(question);
  }, 60_000);
});
