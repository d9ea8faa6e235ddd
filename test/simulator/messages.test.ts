import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentBuilder, ChannelType, GatewayIntentBits, Partials, type Client, type Message, type TextChannel } from 'discord.js';
import { startSimulator, type RecordedMessage, type Simulator } from '../../src/simulator/index.js';
import { loginClient } from './helpers.js';

describe('the simulator, exchanging channel messages with a real discord.js client', () => {
  let sim: Simulator;
  let client: Client<true> | undefined;
  let general: string;
  let alice: string;

  beforeEach(async () => {
    sim = await startSimulator({ heartbeatIntervalMs: 1000 });
    general = sim.channelId('general');
    alice = sim.userId('alice');
  });

  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await sim.close();
  });

  function nextMessage(c: Client): Promise<Message> {
    return new Promise((resolve) => c.once('messageCreate', resolve));
  }

  it('delivers a user message to messageCreate and records message.reply() as a reply', async () => {
    client = await loginClient(sim);
    const got = nextMessage(client);
    const sent = sim.sendMessage({ channelId: general, authorId: alice, content: `hey <@${sim.botUser.id}> how do I log in?` });
    const message = await got;
    expect(message).toMatchObject({ id: sent.id, content: sent.content });
    expect(message.author.username).toBe('alice');
    expect(message.member?.id).toBe(alice);
    expect(message.mentions.users.has(sim.botUser.id)).toBe(true);

    await message.reply({ content: 'Try resetting your password.', allowedMentions: { repliedUser: false } });
    const recorded = await sim.waitFor<RecordedMessage>((e) => e.kind === 'message' && e.source === 'channel');
    expect(recorded.body).toMatchObject({
      content: 'Try resetting your password.',
      message_reference: { message_id: sent.id },
      allowed_mentions: { replied_user: false },
    });
    expect(recorded.message).toMatchObject({ type: 19, referenced_message: { id: sent.id }, mentions: [] });
  });

  it('records a multipart upload with the attachment name and content, served back at its url', async () => {
    client = await loginClient(sim);
    const channel = client.channels.cache.get(general) as TextChannel;
    const file = new AttachmentBuilder(Buffer.from('# Answer\nIt works.'), { name: 'answer.md', description: 'the answer' });
    const sent = await channel.send({ content: 'see attached', files: [file] });
    expect(sent.attachments.first()?.name).toBe('answer.md');
    const recorded = await sim.waitFor<RecordedMessage>((e) => e.kind === 'message');
    expect(recorded.files).toHaveLength(1);
    expect(recorded.files[0]).toMatchObject({ filename: 'answer.md', description: 'the answer' });
    expect(recorded.files[0]?.data.toString()).toBe('# Answer\nIt works.');
    expect(recorded.body.content).toBe('see attached');
    expect(await (await fetch(recorded.message.attachments[0]?.url ?? '')).text()).toBe('# Answer\nIt works.');
  });

  it('opens a forum post as THREAD_CREATE plus a starter message whose id is the thread id', async () => {
    client = await loginClient(sim);
    const thread = new Promise((resolve) => client?.once('threadCreate', resolve));
    const got = nextMessage(client);
    const post = sim.createThread({ channelId: sim.channelId('help-forum'), authorId: alice, name: 'Login broken', content: 'I cannot log in', appliedTags: ['question'] });
    await thread;
    const starter = await got;
    expect(starter.channelId).toBe(post.thread.id);
    expect(starter.id).toBe(post.thread.id);
    expect(starter.channel.isThread() && starter.channel.parentId).toBe(sim.channelId('help-forum'));
    if (!starter.channel.isSendable()) throw new Error('the bot cannot send in the new thread');
    await starter.channel.send('Have you tried turning it off and on?');
    expect(sim.messages(post.thread.id as string).map((m) => m.content)).toEqual(['I cannot log in', 'Have you tried turning it off and on?']);

    const forum = client.channels.cache.get(sim.channelId('help-forum'));
    const solved = forum?.type === ChannelType.GuildForum ? forum.availableTags.find((t) => t.name === 'solved') : undefined;
    if (!starter.channel.isThread() || !solved) throw new Error('expected a forum thread and a "solved" tag');
    await starter.channel.setAppliedTags([solved.id]);
    expect(sim.events).toContainEqual(expect.objectContaining({ kind: 'channelEdit', channelId: post.thread.id, body: { applied_tags: [solved.id] } }));
    expect(sim.channel(post.thread.id as string).applied_tags).toEqual([solved.id]);
  });

  it('blanks message content for a bot without MessageContent unless it is mentioned', async () => {
    client = await loginClient(sim, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const seen: string[] = [];
    client.on('messageCreate', (m) => seen.push(m.content));
    sim.sendMessage({ channelId: general, authorId: alice, content: 'not for you' });
    sim.sendMessage({ channelId: general, authorId: alice, content: `<@${sim.botUser.id}> for you` });
    await expect.poll(() => seen).toEqual(['', `<@${sim.botUser.id}> for you`]);
  });

  it('delivers DMs (which discord.js only sees with the DirectMessages intent and the Channel partial)', async () => {
    client = await loginClient(sim, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
    });
    const got = nextMessage(client);
    const dm = sim.dmChannel(alice);
    sim.sendMessage({ channelId: dm, authorId: alice, content: 'psst' });
    const message = await got;
    // No MessageContent intent, yet DMs keep their content.
    expect(message.content).toBe('psst');
    expect(message.channel.isDMBased()).toBe(true);
    await message.reply('hello in private');
    expect(sim.messages(dm).map((m) => m.content)).toEqual(['psst', 'hello in private']);
  });

  it('rejects messages Discord would reject: empty, or over 2000 characters', async () => {
    client = await loginClient(sim);
    const channel = client.channels.cache.get(general) as TextChannel;
    await expect(channel.send({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035 });
    await expect(client.rest.post(`/channels/${general}/messages`, { body: {} })).rejects.toMatchObject({ code: 50006 });
  });

  it('records typing and marks messages from bots and webhooks as such', async () => {
    client = await loginClient(sim);
    const channel = client.channels.cache.get(general) as TextChannel;
    await channel.sendTyping();
    expect(sim.events).toContainEqual(expect.objectContaining({ kind: 'typing', channelId: general }));
    const got = nextMessage(client);
    sim.sendMessage({ channelId: general, authorId: '123456789012345678', webhookId: '123456789012345678', content: 'from a webhook' });
    const m = await got;
    expect(m.webhookId).toBe('123456789012345678');
    expect(m.author.bot).toBe(true);
  });
});
