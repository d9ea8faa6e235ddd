import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelType, RESTEvents, SlashCommandBuilder, type Client, type Message, type TextChannel } from 'discord.js';
import { Intent, startSimulator, type RecordedCommands, type RecordedGateway, type Simulator } from '../../src/simulator/index.js';
import { loginClient } from './helpers.js';

describe('the simulator, given a real discord.js client', () => {
  let sim: Simulator;
  let client: Client<true> | undefined;

  beforeEach(async () => {
    sim = await startSimulator({ heartbeatIntervalMs: 1000 });
  });

  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await sim.close();
  });

  it('logs the client in with any token and caches the guilds, channels, roles and its own member', async () => {
    client = await loginClient(sim);
    expect(client.user.id).toBe(sim.botUser.id);
    expect(client.application.id).toBe(sim.applicationId);
    const guild = client.guilds.cache.get(sim.guildId('Test Guild'));
    expect(guild?.name).toBe('Test Guild');
    expect(guild?.channels.cache.get(sim.channelId('general'))?.type).toBe(ChannelType.GuildText);
    expect(guild?.channels.cache.get(sim.channelId('help-forum'))?.type).toBe(ChannelType.GuildForum);
    expect(guild?.roles.cache.map((r) => r.name)).toEqual(expect.arrayContaining(['@everyone', 'Moderator', 'paa-bot']));
    expect(guild?.members.me?.id).toBe(sim.botUser.id);
    expect(sim.sessions).toEqual([expect.objectContaining({ intents: Intent.Guilds | Intent.GuildMessages | Intent.MessageContent })]);
  });

  it('records the command set the client registers, with ids assigned', async () => {
    client = await loginClient(sim);
    const ask = new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Ask a question')
      .addStringOption((o) => o.setName('question').setDescription('What to ask').setRequired(true));
    const saved = await client.application.commands.set([ask.toJSON()]);
    expect(saved.first()?.name).toBe('ask');
    expect(sim.commands().map((c) => c.name)).toEqual(['ask']);
    const recorded = await sim.waitFor<RecordedCommands>((e) => e.kind === 'commands');
    expect(recorded).toMatchObject({ guildId: null, method: 'PUT', body: [expect.objectContaining({ name: 'ask' })] });
    expect(recorded.commands[0]?.id).toBe(saved.first()?.id);

    const guildId = sim.guildId('Test Guild');
    await client.application.commands.set([ask.setName('ask-here').toJSON()], guildId);
    expect(sim.commands(guildId).map((c) => c.name)).toEqual(['ask-here']);
  });

  it('rejects a command schema Discord would reject, with a 50035 error', async () => {
    client = await loginClient(sim);
    const bad = { name: 'Ask', description: 'Upper-case names are invalid' };
    await expect(client.application.commands.set([bad])).rejects.toMatchObject({ code: 50035, status: 400 });
  });

  it('answers an injected 429 with retry_after and headers, and the client retries until it succeeds', async () => {
    client = await loginClient(sim);
    const limited: unknown[] = [];
    client.rest.on(RESTEvents.RateLimited, (info) => limited.push(info));
    sim.rateLimit({ method: 'POST', path: '/channels/:id/messages', count: 2, retryAfterMs: 50 });
    const channel = client.channels.cache.get(sim.channelId('general')) as TextChannel;
    const sent = await channel.send('hello after waiting');
    expect(sent.content).toBe('hello after waiting');
    expect(sim.events.filter((e) => e.kind === 'rateLimited')).toHaveLength(2);
    expect(limited).toHaveLength(2);
    expect(limited[0]).toMatchObject({ global: false, method: 'POST' });
    expect(sim.messages(channel.id).map((m) => m.content)).toEqual(['hello after waiting']);
  });

  it('shapes an injected 429 like Discord: retry_after in the body, Retry-After and X-RateLimit-* headers', async () => {
    sim.rateLimit({ path: '/users/@me', retryAfterMs: 250 });
    const call = () => fetch(`${sim.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot anything' } });
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: false });
    expect(limited.headers.get('retry-after')).toBe('0.25');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset-after')).toBe('0.250');
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();
    expect((await call()).status).toBe(200);
  });

  it('lets the client resume after the server closes the socket, replaying what it missed', async () => {
    client = await loginClient(sim);
    const received: Message[] = [];
    client.on('messageCreate', (m) => received.push(m));
    const general = sim.channelId('general');
    sim.disconnect({ code: 4000 });
    // Sent while the client is away: it must arrive through RESUME's replay.
    sim.sendMessage({ channelId: general, authorId: sim.userId('alice'), content: 'while you were out' });
    const resumed = await sim.waitFor<RecordedGateway>((e) => e.kind === 'gateway' && e.event === 'resume', 5000);
    expect(resumed.replayed).toBeGreaterThanOrEqual(1);
    sim.sendMessage({ channelId: general, authorId: sim.userId('alice'), content: 'welcome back' });
    await expect.poll(() => received.map((m) => m.content), { timeout: 3000 }).toEqual(['while you were out', 'welcome back']);
    expect(sim.events.filter((e) => e.kind === 'gateway' && e.event === 'identify')).toHaveLength(1);
  });

  it('lets the client resume after a dropped TCP connection', async () => {
    client = await loginClient(sim);
    sim.disconnect({ drop: true });
    await sim.waitFor((e) => e.kind === 'gateway' && e.event === 'resume', 5000);
    const got = new Promise<Message>((resolve) => client?.once('messageCreate', resolve));
    sim.sendMessage({ channelId: sim.channelId('general'), authorId: sim.userId('bob'), content: 'still there?' });
    expect((await got).content).toBe('still there?');
  });

  it('lets the client resume when told to reconnect (op 7)', async () => {
    client = await loginClient(sim);
    sim.requestReconnect();
    await sim.waitFor((e) => e.kind === 'gateway' && e.event === 'resume', 5000);
    expect(sim.sessions).toHaveLength(1);
  });

  it('lets the client detect a zombie connection when heartbeats go unacknowledged, and resume', async () => {
    await sim.close();
    sim = await startSimulator({ heartbeatIntervalMs: 150 });
    client = await loginClient(sim);
    sim.ackHeartbeats(false);
    await sim.waitFor((e) => e.kind === 'gateway' && e.event === 'close', 5000);
    sim.ackHeartbeats(true);
    await sim.waitFor((e) => e.kind === 'gateway' && e.event === 'resume', 5000);
    const got = new Promise<Message>((resolve) => client?.once('messageCreate', resolve));
    sim.sendMessage({ channelId: sim.channelId('general'), authorId: sim.userId('alice'), content: 'alive' });
    expect((await got).content).toBe('alive');
  });

  // discord.js throttles identifies to one per 5 s (plus up to 1.5 s jitter), so this one is slow.
  it('makes the client identify afresh when the server closes with 1000', { timeout: 15_000 }, async () => {
    client = await loginClient(sim);
    const first = sim.sessions[0]?.sessionId;
    const readyAgain = new Promise((resolve) => client?.once('shardReady', resolve));
    sim.disconnect({ code: 1000 });
    await readyAgain;
    const identifies = sim.events.filter((e) => e.kind === 'gateway' && e.event === 'identify');
    expect(identifies).toHaveLength(2);
    expect(sim.sessions.map((s) => s.sessionId)).not.toContain(first);
  });

  it('refuses a privileged intent that is not enabled, as Discord closes with 4014', async () => {
    await sim.close();
    sim = await startSimulator({ privilegedIntents: { messageContent: false } });
    await expect(loginClient(sim)).rejects.toThrow();
    await sim.waitFor((e) => e.kind === 'gateway' && e.event === 'close' && e.code === 4014);
  });

  it('answers unknown routes with a Discord-style 404 and records them', async () => {
    client = await loginClient(sim);
    await expect(client.rest.get('/no/such/route')).rejects.toMatchObject({ status: 404 });
    expect(sim.events).toContainEqual(expect.objectContaining({ kind: 'unknownRoute', path: '/api/v10/no/such/route' }));
  });
});
