import { describe, expect, test } from 'vitest';
import type { RecordedInteractionResponse } from '../../src/simulator/index.js';
import { settle, useBot } from './harness.js';

// A Discord whose interaction deadline has always passed by the time the bot replies (as when the bot is far
// behind): every callback gets 404 10062 Unknown interaction.
const bot = useBot({ sim: { interactionDeadlineMs: 0 } });

describe('the bot, when an interaction has expired before it replies', () => {
  test('tries the reply once, does not send a second "something went wrong", and logs one warning', async () => {
    const handle = bot().sim.slashCommand({ channelId: bot().general, userId: bot().alice, name: 'ask', options: { question: 'is netflix coded in python?' } });
    await settle(1_500);
    const callbacks = bot().sim.events.filter((e): e is RecordedInteractionResponse => e.kind === 'interactionResponse' && e.interactionId === handle.id);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.late).toBe(true);
    const lines = bot().logs.filter((line) => line.includes(handle.id)).map((line) => JSON.parse(line) as { event?: string; level: number });
    expect(lines.map((l) => l.event)).toContain('interaction-expired');
    expect(lines.some((l) => l.level >= 50)).toBe(false);
    expect(bot().child.exitCode).toBeNull();
  });
});
