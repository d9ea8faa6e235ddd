import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  ContextMenuCommandBuilder,
  DiscordAPIError,
  EmbedBuilder,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Client,
  type Interaction,
} from 'discord.js';
import { startSimulator, type RecordedEdit, type Simulator } from '../../src/simulator/index.js';
import { loginClient } from './helpers.js';

const COMMANDS = [
  new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question')
    .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setAutocomplete(true))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer')),
  new SlashCommandBuilder()
    .setName('import')
    .setDescription('Import an article')
    .addAttachmentOption((o) => o.setName('file').setDescription('A markdown file').setRequired(true)),
  new SlashCommandBuilder()
    .setName('kb')
    .setDescription('Knowledge base')
    .addSubcommand((s) =>
      s.setName('search').setDescription('Search it').addStringOption((o) => o.setName('query').setDescription('Words').setRequired(true)),
    ),
  new SlashCommandBuilder().setName('feedback').setDescription('Tell us what you think'),
  new ContextMenuCommandBuilder().setName('Answer this').setType(ApplicationCommandType.Message),
].map((c) => c.toJSON());

describe('the simulator, driving interactions through a real discord.js client', () => {
  let sim: Simulator;
  let client: Client<true>;
  let general: string;
  let alice: string;
  const errors: unknown[] = [];

  /** Installs the bot's interaction handler for one test, collecting its errors. */
  function onInteraction(handler: (i: Interaction) => Promise<unknown>): void {
    client.on('interactionCreate', (i) => void handler(i).catch((err: unknown) => errors.push(err)));
  }

  beforeEach(async () => {
    sim = await startSimulator({ heartbeatIntervalMs: 1000, interactionDeadlineMs: 1000 });
    client = await loginClient(sim);
    await client.application.commands.set(COMMANDS);
    general = sim.channelId('general');
    alice = sim.userId('alice');
    errors.length = 0;
  });

  afterEach(async () => {
    await client.destroy();
    await sim.close();
  });

  it('delivers a slash command with its options and records the reply with embeds, components and allowed_mentions', async () => {
    let seen: { question: string | null; perms: string | undefined; user: string } | undefined;
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = { question: i.options.getString('question'), perms: i.memberPermissions?.bitfield.toString(), user: i.user.username };
      await i.reply({
        content: `<@${i.user.id}> here you go`,
        embeds: [new EmbedBuilder().setTitle('Answer').setDescription('42')],
        components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('helpful').setLabel('Helpful').setStyle(ButtonStyle.Success))],
        allowedMentions: { parse: [] },
      });
    });
    const handle = sim.slashCommand({ channelId: general, userId: alice, name: 'ask', options: { question: 'what is paa?' } });
    const response = await handle.response();
    expect(seen).toEqual({ question: 'what is paa?', perms: expect.any(String), user: 'alice' });
    expect(response).toMatchObject({ type: 4, late: false, body: { data: { allowed_mentions: { parse: [] } } } });
    const reply = await handle.reply();
    expect(reply.embeds[0]).toMatchObject({ title: 'Answer', description: '42' });
    expect(reply.components?.[0]).toMatchObject({ type: 1, components: [{ custom_id: 'helpful', label: 'Helpful' }] });
    // allowed_mentions parse: [] means the <@alice> in content pings nobody.
    expect(reply.mentions).toEqual([]);
    expect(sim.messages(general).map((m) => m.id)).toContain(reply.id);
    expect(errors).toEqual([]);
  });

  it('shows a deferred reply as thinking until editReply fills it in', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await new Promise((r) => setTimeout(r, 50));
      await i.editReply({ content: 'took a moment' });
    });
    const handle = sim.slashCommand({ channelId: general, userId: alice, name: 'ask', options: { question: 'slow?' } });
    expect((await handle.response()).type).toBe(5);
    const reply = await handle.reply();
    expect(reply.content).toBe('took a moment');
    expect(reply.flags ?? 0).toBe(0);
    expect(handle.edits()).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('round-trips a button click on the reply, and records the update', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({
          content: 'Was this helpful?',
          components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('vote:yes').setLabel('Yes').setStyle(ButtonStyle.Primary))],
        });
      } else if (i.isButton()) {
        await i.update({ content: `Thanks, ${i.user.username} (${i.customId})`, components: [] });
      }
    });
    const ask = sim.slashCommand({ channelId: general, userId: alice, name: 'ask', options: { question: 'q' } });
    const reply = await ask.reply();
    const click = sim.clickButton({ message: reply, customId: 'vote:yes', userId: sim.userId('bob') });
    expect((await click.response()).type).toBe(7);
    const edit = await sim.waitFor<RecordedEdit>((e) => e.kind === 'messageEdit' && e.interactionId === click.id);
    expect(edit.message).toMatchObject({ id: reply.id, content: 'Thanks, bob (vote:yes)', components: [] });
    expect(sim.messages(general).find((m) => m.id === reply.id)?.content).toBe('Thanks, bob (vote:yes)');
    expect(() => sim.clickButton({ message: reply, customId: 'vote:yes', userId: alice })).toThrow(/no component/);
  });

  it('round-trips a modal: the bot shows it, the user submits it, the bot reads the fields', async () => {
    onInteraction(async (i) => {
      if (i.isChatInputCommand()) {
        const input = new TextInputBuilder().setCustomId('text').setStyle(TextInputStyle.Paragraph);
        await i.showModal(new ModalBuilder().setCustomId('feedback-modal').setTitle('Feedback').addLabelComponents(new LabelBuilder().setLabel('Your thoughts').setTextInputComponent(input)));
      } else if (i.isModalSubmit()) {
        await i.reply({ content: `Got: ${i.fields.getTextInputValue('text')}`, flags: MessageFlags.Ephemeral });
      }
    });
    const open = sim.slashCommand({ channelId: general, userId: alice, name: 'feedback' });
    expect(await open.modal()).toMatchObject({ custom_id: 'feedback-modal', title: 'Feedback' });
    const submit = sim.submitModal({ customId: 'feedback-modal', fields: { text: 'love it' } });
    const reply = await submit.reply();
    expect(reply.content).toBe('Got: love it');
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    // Ephemeral replies are seen only by the user, so they are not in the channel's history.
    expect(sim.messages(general).some((m) => m.id === reply.id)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('delivers autocomplete with the focused option and resolves the choices', async () => {
    onInteraction(async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond([{ name: `${typed}... do I reset my password?`, value: 'reset-password' }]);
    });
    const handle = sim.autocomplete({ channelId: general, userId: alice, name: 'ask', options: { question: 'how' }, focused: 'question' });
    expect(await handle.choices()).toEqual([{ name: 'how... do I reset my password?', value: 'reset-password' }]);
  });

  it('delivers a message context-menu command with the target message resolved', async () => {
    onInteraction(async (i) => {
      if (!i.isMessageContextMenuCommand()) return;
      await i.reply(`You asked: ${i.targetMessage.content}`);
    });
    const question = sim.sendMessage({ channelId: general, authorId: alice, content: 'how do refunds work?' });
    const handle = sim.messageCommand({ name: 'Answer this', userId: sim.userId('bob'), message: question });
    expect((await handle.reply()).content).toBe('You asked: how do refunds work?');
  });

  it('serves a slash command attachment at a loopback URL the bot can fetch', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      const file = i.options.getAttachment('file', true);
      const text = await (await fetch(file.url)).text();
      await i.reply(`${file.name}: ${text}`);
    });
    const handle = sim.slashCommand({
      channelId: general,
      userId: alice,
      name: 'import',
      options: { file: { name: 'faq.md', content: '# FAQ', contentType: 'text/markdown' } },
    });
    expect((await handle.reply()).content).toBe('faq.md: # FAQ');
  });

  it('routes subcommands and records follow-ups', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply(`searching ${i.options.getSubcommand()} for ${i.options.getString('query')}`);
      await i.followUp({ content: 'more results', flags: MessageFlags.Ephemeral });
    });
    const handle = sim.slashCommand({ channelId: general, userId: alice, name: 'kb', subcommand: 'search', options: { query: 'billing' } });
    expect((await handle.reply()).content).toBe('searching search for billing');
    const [followUp] = await handle.followUps(1);
    expect(followUp).toMatchObject({ ephemeral: true, message: { content: 'more results' } });
  });

  it('supports withResponse, fetchReply and deleteReply on the original response', async () => {
    const seen: { resourceContent?: string; fetched?: string } = {};
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      const res = await i.reply({ content: 'first', withResponse: true });
      seen.resourceContent = res.resource?.message?.content;
      seen.fetched = (await i.fetchReply()).content;
      await i.deleteReply();
    });
    const handle = sim.slashCommand({ channelId: general, userId: alice, name: 'ask', options: { question: 'q' } });
    await sim.waitFor((e) => e.kind === 'messageDelete' && e.interactionId === handle.id);
    expect(seen).toEqual({ resourceContent: 'first', fetched: 'first' });
    expect(handle.original()).toBeUndefined();
    expect(sim.messages(general)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('answers a callback after the deadline with 404 Unknown interaction, as Discord does', async () => {
    onInteraction(async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((r) => setTimeout(r, 1200));
      await i.reply('too late');
    });
    const handle = sim.slashCommand({ channelId: general, userId: alice, name: 'ask', options: { question: 'q' } });
    expect(await handle.expired()).toBe(true);
    await sim.waitFor((e) => e.kind === 'interactionResponse' && e.late, 2000);
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(errors[0]).toMatchObject({ code: 10062 });
  });

  it('refuses to script a command the bot never registered, or options it does not have', () => {
    expect(() => sim.slashCommand({ channelId: general, userId: alice, name: 'nope' })).toThrow(/not registered/);
    expect(() => sim.slashCommand({ channelId: general, userId: alice, name: 'ask', options: { q: 'x' } })).toThrow(/no option "q"/);
    expect(() => sim.slashCommand({ channelId: general, userId: alice, name: 'ask' })).toThrow(/missing required option/);
  });
});
