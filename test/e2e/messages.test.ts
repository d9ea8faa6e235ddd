import { describe, expect, test } from 'vitest';
import type { RecordedMessage } from '../../src/simulator/index.js';
import { settle, useBot } from './harness.js';

const bot = useBot();

/** The bot's messages in a channel that reply to `messageId`. */
const repliesTo = (channelId: string, messageId: string) =>
  bot().sim.events.filter(
    (e): e is RecordedMessage => e.kind === 'message' && e.channelId === channelId && e.message.message_reference?.message_id === messageId,
  );
const waitForReply = (channelId: string, messageId: string) =>
  bot().sim.waitFor<RecordedMessage>(
    (e) => e.kind === 'message' && e.channelId === channelId && (e as RecordedMessage).message.message_reference?.message_id === messageId,
    5_000,
  );

describe('a message that mentions the bot', () => {
  test('gets a reply with the answer, pinging nobody', async () => {
    const botId = bot().sim.botUser.id;
    const sent = bot().sim.sendMessage({ channelId: bot().general, authorId: bot().alice, content: `<@${botId}> is netflix coded in python?` });
    const reply = await waitForReply(bot().general, sent.id);
    expect(reply.message.embeds[0]?.title).toBe('Is Netflix coded in Python?');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('gets an honest "no answer" when there is none', async () => {
    const sent = bot().sim.sendMessage({ channelId: bot().general, authorId: bot().bob, content: `<@${bot().sim.botUser.id}> who won the match yesterday?` });
    const reply = await waitForReply(bot().general, sent.id);
    expect(reply.message.content).toContain("I don't have an answer for that yet");
  });
});

describe('a watched channel', () => {
  test('gets an answer to a confident question, without a mention', async () => {
    const sent = bot().sim.sendMessage({ channelId: bot().general, authorId: bot().alice, content: 'how does netflix ensure high availability?' });
    const reply = await waitForReply(bot().general, sent.id);
    expect(reply.message.embeds[0]?.title).toBe('How Does Netflix Ensure High Availability?');
  });

  test('stays silent for chit-chat, statements and questions it cannot answer', async () => {
    const author = bot().sim.userId('bob');
    const sent = ['lol that was a great episode', 'good morning everyone!', 'python is my favourite language', 'who wants pizza tonight?'].map(
      (content) => bot().sim.sendMessage({ channelId: bot().general, authorId: author, content }),
    );
    await settle();
    for (const message of sent) expect(repliesTo(bot().general, message.id)).toEqual([]);
  });

  test("never answers a bot's or a webhook's message", async () => {
    const fromBot = bot().sim.sendMessage({ channelId: bot().general, authorId: bot().alice, bot: true, content: 'is netflix coded in python?' });
    const fromHook = bot().sim.sendMessage({ channelId: bot().general, authorId: '123456789012345678', webhookId: '223456789012345678', content: 'is netflix coded in python?' });
    await settle();
    expect(repliesTo(bot().general, fromBot.id)).toEqual([]);
    expect(repliesTo(bot().general, fromHook.id)).toEqual([]);
  });

  test('answers the same person at most once per 30 seconds in a channel', async () => {
    const carol = bot().sim.addUser({ username: 'carol' }).id;
    bot().sim.addMember(bot().guildId, { user: { id: carol, username: 'carol' } });
    const first = bot().sim.sendMessage({ channelId: bot().general, authorId: carol, content: 'what programming languages does netflix use?' });
    await waitForReply(bot().general, first.id);
    const second = bot().sim.sendMessage({ channelId: bot().general, authorId: carol, content: 'how does netflix use machine learning?' });
    await settle();
    expect(repliesTo(bot().general, second.id)).toEqual([]);
  });

  test('in a watched forum, answers the first post of a new thread', async () => {
    const { thread, message } = bot().sim.createThread({
      channelId: bot().forum,
      authorId: bot().bob,
      name: 'python at netflix',
      content: 'How is Python utilized at Netflix?',
    });
    const reply = await waitForReply(thread.id as string, message.id);
    expect(reply.message.embeds[0]?.title).toBe('How Is Python Utilized at Netflix?');
  });
});
