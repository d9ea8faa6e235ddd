import { describe, expect, test } from 'vitest';
import type { RecordedGateway, RecordedMessage } from '../../src/simulator/index.js';
import { nextEvent, useBot } from './harness.js';

// Unregistered commands may be scripted, to make a handler fail the way a bug would.
const bot = useBot({ sim: { requireRegisteredCommands: false } });

/** Resolves at the next gateway lifecycle event of one of these kinds (only events from now on count). */
const nextGatewayEvent = (kinds: RecordedGateway['event'][]) =>
  nextEvent(bot().sim, (e) => e.kind === 'gateway' && kinds.includes(e.event), 15_000);

const askTitle = async () => {
  const handle = bot().sim.slashCommand({ channelId: bot().general, userId: bot().alice, name: 'ask', options: { question: 'is netflix coded in python?' } });
  const body = (await handle.response(8_000)).body as { data?: { embeds?: { title?: string }[] } };
  return body.data?.embeds?.[0]?.title;
};

describe('the bot, when Discord misbehaves', () => {
  test('answers through a 429 rate limit on the interaction callback (it waits and retries)', async () => {
    bot().sim.rateLimit({ path: /\/interactions\/\d+\/[^/]+\/callback/, method: 'POST', count: 1, retryAfterMs: 300 });
    expect(await askTitle()).toBe('Is Netflix coded in Python?');
    expect(bot().sim.events.some((e) => e.kind === 'rateLimited')).toBe(true);
  });

  test('replies to a mention through a 429 on sending messages', async () => {
    bot().sim.rateLimit({ path: /\/channels\/\d+\/messages$/, method: 'POST', count: 1, retryAfterMs: 300 });
    const sent = bot().sim.sendMessage({ channelId: bot().general, authorId: bot().bob, content: `<@${bot().sim.botUser.id}> netflix oss?` });
    const reply = await bot().sim.waitFor<RecordedMessage>(
      (e) => e.kind === 'message' && (e as RecordedMessage).message.message_reference?.message_id === sent.id,
      8_000,
    );
    expect(reply.message.embeds[0]?.title).toBe('What Is Netflix’s Approach to Open Source?');
  });

  test('resumes after the gateway closes the connection, and answers again', async () => {
    const resumed = nextGatewayEvent(['resume']);
    bot().sim.disconnect({ code: 4000 });
    await resumed;
    expect(await askTitle()).toBe('Is Netflix coded in Python?');
  });

  test('reconnects after the socket is killed outright, and answers again', async () => {
    const back = nextGatewayEvent(['resume', 'identify']);
    bot().sim.disconnect({ drop: true });
    await back;
    expect(await askTitle()).toBe('Is Netflix coded in Python?');
  });

  test('identifies afresh when Discord invalidates the session, and answers again', async () => {
    const identified = nextGatewayEvent(['identify']);
    bot().sim.invalidateSessions(false);
    await identified;
    expect(await askTitle()).toBe('Is Netflix coded in Python?');
  }, 20_000);

  test('a failing handler gives the person a short private message, logs the context, and the bot keeps answering', async () => {
    const handle = bot().sim.slashCommand({ channelId: bot().general, userId: bot().alice, name: 'no-such-command' });
    const data = ((await handle.response()).body as { data?: { content?: string; flags?: number } }).data;
    expect(data?.content).toContain('Something went wrong on my side');
    expect(data?.flags).toBe(64);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logged = bot().logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'interaction-failed');
    expect(logged).toMatchObject({ command: 'no-such-command', userId: bot().alice, guildId: bot().guildId });
    expect(JSON.stringify(logged)).toContain('no handler for /no-such-command');
    expect(await askTitle()).toBe('Is Netflix coded in Python?');
  });

  test('never logs the token', () => {
    expect(bot().logs.join('\n')).not.toContain('simulated-token');
  });

  test('keeps running: the process is alive after all of this', () => {
    expect(bot().child.exitCode).toBeNull();
  });
});
