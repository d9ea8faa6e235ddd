import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_GUILD, shardOf, type SimulatorOptions } from '../../src/simulator/index.js';
import { startBot, type RunningBot } from './harness.js';

// Two servers, one on each shard of 2: "Shard Zero" is the harness's first guild (#general, alice), "Shard One"
// has its own #general and carol.
const SIM: SimulatorOptions = {
  guilds: [
    { ...DEFAULT_GUILD, name: 'Shard Zero', shard: [0, 2] },
    { name: 'Shard One', shard: [1, 2], channels: [{ name: 'general' }], members: [{ user: { username: 'carol' } }] },
  ],
};

/** Shard `id` of 2, as its own process (`node` with SHARD_COUNT=2 SHARD_IDS=id), commands registered globally. */
const shardEnv = (id: number) => ({ SHARD_COUNT: '2', SHARD_IDS: String(id), LOG_LEVEL: 'debug' });

let zero: RunningBot;
let one: RunningBot;
const running: RunningBot[] = [];

beforeAll(async () => {
  zero = await startBot({ sim: SIM, registration: 'global', env: shardEnv(0) });
  running.push(zero);
  // The same simulator and the same SQLite file: two processes of one bot on one machine.
  one = await startBot({ existing: { sim: zero.sim, dbPath: zero.dbPath }, registration: 'global', env: shardEnv(1) });
  running.push(one);
}, 60_000);

afterAll(async () => {
  // The first bot owns the simulator: it stops last.
  for (const bot of running.reverse()) await bot.stop();
});

const server = (name: 'Shard Zero' | 'Shard One') => {
  const guildId = zero.sim.guildId(name);
  return { guildId, channelId: zero.sim.channelId('general', guildId), userId: zero.sim.userId(name === 'Shard Zero' ? 'alice' : 'carol') };
};

/** Asks /ask in a server; resolves with the answer's title and the interaction id. */
async function ask(name: 'Shard Zero' | 'Shard One', timeoutMs = 8_000): Promise<{ title: string | undefined; id: string }> {
  const { channelId, userId } = server(name);
  const handle = zero.sim.slashCommand({ channelId, userId, name: 'ask', options: { question: 'is netflix coded in python?' } });
  const body = (await handle.response(timeoutMs)).body as { data?: { embeds?: { title?: string }[] } };
  return { title: body.data?.embeds?.[0]?.title, id: handle.id };
}

/** The bot's parsed log lines. */
const logs = (bot: RunningBot) => bot.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

/** Resolves once `bot` has logged handling this interaction (the line follows the reply by a moment). */
async function handledBy(bot: RunningBot, interactionId: string): Promise<Record<string, unknown>> {
  for (let waited = 0; waited < 3_000; waited += 50) {
    const line = logs(bot).find((l) => l.event === 'interaction' && l.interactionId === interactionId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no log of interaction ${interactionId}`);
}

const ANSWER = 'Is Netflix coded in Python?';

describe('the bot as two shard processes (SHARD_COUNT=2, SHARD_IDS 0 and 1) against one Discord', () => {
  test('each process identifies as its own shard of 2 and holds only the servers of that shard', () => {
    expect(shardOf(server('Shard Zero').guildId, 2)).toBe(0);
    expect(shardOf(server('Shard One').guildId, 2)).toBe(1);
    expect(zero.sim.sessions.map((s) => s.shard).sort()).toEqual([[0, 2], [1, 2]]);
    expect(logs(zero).find((l) => l.event === 'ready')).toMatchObject({ shards: [0], shardCount: 2, guilds: 1 });
    expect(logs(one).find((l) => l.event === 'ready')).toMatchObject({ shards: [1], shardCount: 2, guilds: 1 });
  });

  test('/ask in a server on shard 0 is answered by the shard-0 process only', async () => {
    const { title, id } = await ask('Shard Zero');
    expect(title).toBe(ANSWER);
    expect(await handledBy(zero, id)).toMatchObject({ shardId: 0, guildId: server('Shard Zero').guildId });
    expect(one.logs.join('\n')).not.toContain(id);
  });

  test('/ask in a server on shard 1 is answered by the shard-1 process only', async () => {
    const { title, id } = await ask('Shard One');
    expect(title).toBe(ANSWER);
    expect(await handledBy(one, id)).toMatchObject({ shardId: 1, guildId: server('Shard One').guildId });
    expect(zero.logs.join('\n')).not.toContain(id);
  });

  test('killing the shard-1 process does not disturb shard 0: its servers keep being answered, during and after', async () => {
    const during = Array.from({ length: 5 }, () => ask('Shard Zero'));
    await one.kill();
    const after = Array.from({ length: 5 }, () => ask('Shard Zero'));
    const answers = await Promise.all([...during, ...after]);
    expect(answers.map((a) => a.title)).toEqual(Array(10).fill(ANSWER));
    expect(zero.child.exitCode).toBeNull();
    expect(zero.logs.some((line) => /"level":(50|60)/.test(line))).toBe(false);
  });

  test('a shard-1 process started again serves the servers of shard 1 again', async () => {
    const again = await startBot({ existing: { sim: zero.sim, dbPath: zero.dbPath }, registration: 'global', env: shardEnv(1) });
    running.push(again);
    const { title, id } = await ask('Shard One');
    expect(title).toBe(ANSWER);
    expect(await handledBy(again, id)).toMatchObject({ shardId: 1 });
    expect((await ask('Shard Zero')).title).toBe(ANSWER);
  });
});
