import { afterEach, describe, expect, test } from 'vitest';
import { Events, type Client, type Interaction, type Message } from 'discord.js';
import { WebSocket } from 'ws';
import { SnowflakeGenerator } from '../../src/simulator/snowflake.js';
import { shardOf, startSimulator, type GuildSeed, type RecordedGateway, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { loginClient } from './helpers.js';

/** A guild with one channel and one member, placed on `shard` of `count`. */
const guild = (name: string, shard: number, count: number, member: string): GuildSeed => ({
  name,
  shard: [shard, count],
  channels: [{ name: 'general' }],
  members: [{ user: { username: member } }],
});

let sim: Simulator;
/** The simulator to close after the test, if it started one. */
let running: Simulator | undefined;
let clients: Client[] = [];

async function setup(options: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({
    heartbeatIntervalMs: 1000,
    requireRegisteredCommands: false,
    guilds: [guild('Zero', 0, 2, 'alice'), guild('One', 1, 2, 'bob')],
    ...options,
  });
  running = sim;
  return sim;
}

async function login(shards?: number[], shardCount?: number): Promise<Client<true>> {
  const client = await loginClient(sim, shards ? { shards, shardCount } : {});
  clients.push(client);
  return client;
}

/** The event names each shard's session receives from now on, keyed by "id/count". */
function dispatchesByShard(): Map<string, string[]> {
  const byShard = new Map<string, string[]>();
  sim.on('dispatch', ({ t, sessionId }) => {
    const session = sim.sessions.find((s) => s.sessionId === sessionId);
    const key = session ? session.shard.join('/') : 'disconnected';
    byShard.set(key, [...(byShard.get(key) ?? []), t]);
  });
  return byShard;
}

/** Connects a raw socket, sends IDENTIFY with `shard` (omitted when undefined) and resolves with how it ended. */
function identifyRaw(shard: unknown): Promise<{ closed?: number; ready?: { guilds: { id: string }[]; shard: unknown } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${sim.gatewayUrl}?v=10&encoding=json`);
    socket.on('error', reject);
    socket.on('close', (code) => resolve({ closed: code }));
    socket.on('message', (data) => {
      const payload = JSON.parse(data.toString()) as { op: number; t?: string; d: never };
      if (payload.op === 10) {
        socket.send(JSON.stringify({ op: 2, d: { token: 'simulated-token', intents: 1, properties: {}, ...(shard === undefined ? {} : { shard }) } }));
      } else if (payload.t === 'READY') {
        socket.terminate();
        resolve({ ready: payload.d });
      }
    });
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

afterEach(async () => {
  await Promise.all(clients.map((client) => client.destroy()));
  clients = [];
  await running?.close();
  running = undefined;
});

describe('guild ids, given a shard to land on', () => {
  test.each([1, 2, 3, 5, 16])('route to that shard of %i, as Discord computes it from the id', (count) => {
    const ids = new SnowflakeGenerator();
    for (let shard = 0; shard < count; shard++) {
      expect(shardOf(ids.nextOnShard(shard, count), count)).toBe(shard);
    }
  });

  test('stay strictly increasing among the other ids', () => {
    const ids = new SnowflakeGenerator();
    const made = [ids.next(), ids.nextOnShard(1, 7), ids.next(), ids.nextOnShard(0, 7), ids.nextOnShard(0, 7), ids.next()];
    const asNumbers = made.map(BigInt);
    expect(asNumbers).toEqual([...asNumbers].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(made).size).toBe(made.length);
  });

  test('are refused for a shard that does not exist', () => {
    expect(() => new SnowflakeGenerator().nextOnShard(2, 2)).toThrow('No shard 2 of 2');
  });
});

describe('the gateway, given an IDENTIFY with a shard', () => {
  test.each([
    ['an id equal to the count', [2, 2]],
    ['a count of zero', [0, 0]],
    ['a negative id', [-1, 2]],
    ['an id that is no whole number', [0.5, 2]],
    ['one number only', [0]],
    ['no array', 'zero'],
  ])('closes with 4010 "Invalid shard" for %s', async (_case, shard) => {
    await setup();
    expect(await identifyRaw(shard)).toEqual({ closed: 4010 });
    await sim.waitFor((e) => e.kind === 'gateway' && e.event === 'close' && e.code === 4010);
    expect(sim.events.some((e) => e.kind === 'gateway' && e.event === 'identify')).toBe(false);
  });

  test('lists in READY only the guilds of that shard, and without a shard every guild', async () => {
    await setup();
    const [zero, one] = sim.guildIds;
    expect((await identifyRaw([0, 2])).ready).toMatchObject({ shard: [0, 2], guilds: [{ id: zero }] });
    expect((await identifyRaw([1, 2])).ready).toMatchObject({ shard: [1, 2], guilds: [{ id: one }] });
    expect((await identifyRaw(undefined)).ready).toMatchObject({ shard: [0, 1], guilds: [{ id: zero }, { id: one }] });
  });

  test('closes with 4011 "Sharding required" when a shard would hold more guilds than allowed', async () => {
    await setup({ maxGuildsPerShard: 1 });
    expect(await identifyRaw(undefined)).toEqual({ closed: 4011 });
    expect((await identifyRaw([1, 2])).ready?.guilds).toHaveLength(1);
  });
});

describe('the gateway, given two discord.js clients running shard 0 and shard 1 of 2', () => {
  test('identifies each with [id, 2] and gives each only the guilds of its shard', async () => {
    await setup();
    const [zero, one] = [sim.guildId('Zero'), sim.guildId('One')];
    const [first, second] = [await login([0], 2), await login([1], 2)];
    expect(sim.sessions.map((s) => s.shard)).toEqual([[0, 2], [1, 2]]);
    expect(sim.events.filter((e): e is RecordedGateway => e.kind === 'gateway' && e.event === 'identify').map((e) => e.shard)).toEqual([[0, 2], [1, 2]]);
    expect([...first.guilds.cache.keys()]).toEqual([zero]);
    expect([...second.guilds.cache.keys()]).toEqual([one]);
    expect(second.guilds.cache.get(one!)?.shardId).toBe(1);
  });

  test("sends a guild's messages and interactions to its shard only", async () => {
    await setup();
    const [first, second] = [await login([0], 2), await login([1], 2)];
    const seen: string[] = [];
    for (const [name, client] of [['shard 0', first], ['shard 1', second]] as const) {
      client.on(Events.MessageCreate, (message: Message) => seen.push(`${name}: message in ${message.guild?.name}`));
      client.on(Events.InteractionCreate, (interaction: Interaction) => seen.push(`${name}: interaction in ${interaction.guild?.name}`));
    }
    sim.sendMessage({ channelId: sim.channelId('general', sim.guildId('Zero')), authorId: sim.userId('alice'), content: 'hello zero' });
    sim.sendMessage({ channelId: sim.channelId('general', sim.guildId('One')), authorId: sim.userId('bob'), content: 'hello one' });
    sim.slashCommand({ channelId: sim.channelId('general', sim.guildId('One')), userId: sim.userId('bob'), name: 'ask' });
    sim.slashCommand({ channelId: sim.channelId('general', sim.guildId('Zero')), userId: sim.userId('alice'), name: 'ask' });
    await settle();
    expect(seen.sort()).toEqual(['shard 0: interaction in Zero', 'shard 0: message in Zero', 'shard 1: interaction in One', 'shard 1: message in One']);
  });

  test('sends DMs to shard 0, and a guild joined later to its shard only', async () => {
    await setup();
    await login([0], 2);
    await login([1], 2);
    const received = dispatchesByShard();
    sim.sendMessage({ channelId: sim.dmChannel(sim.userId('bob')), authorId: sim.userId('bob'), content: 'a DM' });
    sim.slashCommand({ channelId: sim.dmChannel(sim.userId('bob')), userId: sim.userId('bob'), name: 'ask' });
    const later = sim.addGuild(guild('Later', 1, 2, 'carol'));
    await settle();
    expect(received.get('0/2')).toEqual(['INTERACTION_CREATE']);
    expect(received.get('1/2')).toEqual(['GUILD_CREATE']);
    expect(clients[1]!.guilds.cache.has(later)).toBe(true);
    expect(clients[0]!.guilds.cache.has(later)).toBe(false);
  });
});

describe('the gateway, given one client running both shards in one process', () => {
  test('connects two sessions that together hold every guild, each guild on its own shard', async () => {
    // Two identifies at once; with Discord's usual max_concurrency of 1 the second waits 5 s.
    await setup({ maxConcurrency: 2 });
    const client = await login([0, 1], 2);
    expect(sim.sessions.map((s) => s.shard).sort()).toEqual([[0, 2], [1, 2]]);
    expect(client.guilds.cache.get(sim.guildId('Zero'))?.shardId).toBe(0);
    expect(client.guilds.cache.get(sim.guildId('One'))?.shardId).toBe(1);
  });
});

describe('the gateway, given a client without shards (one session, as before sharding)', () => {
  test('receives every guild and every guild event', async () => {
    await setup();
    const client = await login();
    const received = dispatchesByShard();
    expect(client.guilds.cache.size).toBe(2);
    sim.sendMessage({ channelId: sim.channelId('general', sim.guildId('One')), authorId: sim.userId('bob'), content: 'hello' });
    sim.sendMessage({ channelId: sim.channelId('general', sim.guildId('Zero')), authorId: sim.userId('alice'), content: 'hello' });
    await settle();
    expect(received.get('0/1')).toEqual(['MESSAGE_CREATE', 'MESSAGE_CREATE']);
  });
});
