import { describe, expect, test } from 'vitest';
import type { RecordedMessage } from '../../src/simulator/index.js';
import { settle, useBot } from './harness.js';

// The application has not switched on the privileged Message Content intent in the Developer Portal.
const bot = useBot({ sim: { privilegedIntents: { messageContent: false } } });

describe('the bot, when Discord refuses the Message Content intent', () => {
  test('starts anyway without it, and says so in the log', () => {
    const warning = bot()
      .logs.map((line) => JSON.parse(line) as { event?: string; msg?: string })
      .find((l) => l.event === 'message-content-disallowed');
    expect(warning?.msg).toContain('watched channels are off');
  });

  test('/ask still answers', async () => {
    const handle = bot().sim.slashCommand({ channelId: bot().general, userId: bot().alice, name: 'ask', options: { question: 'is netflix coded in python?' } });
    const body = (await handle.response()).body as { data?: { embeds?: { title?: string }[] } };
    expect(body.data?.embeds?.[0]?.title).toBe('Is Netflix coded in Python?');
  });

  test('a mention still gets its answer (Discord shows a bot the messages that mention it)', async () => {
    const sent = bot().sim.sendMessage({ channelId: bot().general, authorId: bot().bob, content: `<@${bot().sim.botUser.id}> netflix oss?` });
    const reply = await bot().sim.waitFor<RecordedMessage>(
      (e) => e.kind === 'message' && (e as RecordedMessage).message.message_reference?.message_id === sent.id,
    );
    expect(reply.message.embeds[0]?.title).toBe('What Is Netflix’s Approach to Open Source?');
  });

  test('watched channels stay silent: the bot cannot read plain messages', async () => {
    const sent = bot().sim.sendMessage({ channelId: bot().general, authorId: bot().alice, content: 'how does netflix ensure high availability?' });
    await settle();
    expect(bot().sim.events.some((e) => e.kind === 'message' && e.message.message_reference?.message_id === sent.id)).toBe(false);
  });
});
