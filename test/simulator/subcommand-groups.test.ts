import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlashCommandBuilder, type Client, type Interaction } from 'discord.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { loginClient } from './helpers.js';

/** `/kb search` beside a `/kb words add|remove` group, as `/faq` has `/faq synonyms …`. */
const KB = new SlashCommandBuilder()
  .setName('kb')
  .setDescription('Knowledge base')
  .addSubcommand((s) => s.setName('search').setDescription('Search it').addStringOption((o) => o.setName('query').setDescription('Words').setRequired(true)))
  .addSubcommandGroup((g) =>
    g
      .setName('words')
      .setDescription('Its vocabulary')
      .addSubcommand((s) => s.setName('add').setDescription('Add words').addStringOption((o) => o.setName('words').setDescription('Words').setRequired(true)))
      .addSubcommand((s) => s.setName('list').setDescription('List them').addIntegerOption((o) => o.setName('page').setDescription('Page'))),
  )
  .toJSON();

describe('the simulator, given a command with a subcommand group', () => {
  let sim: Simulator;
  let client: Client<true>;
  let general: string;
  let alice: string;

  beforeEach(async () => {
    sim = await startSimulator({ heartbeatIntervalMs: 1000 });
    client = await loginClient(sim);
    await client.application.commands.set([KB]);
    general = sim.channelId('general');
    alice = sim.userId('alice');
  });

  afterEach(async () => {
    await client.destroy();
    await sim.close();
  });

  it('sends the options nested as Discord does: group (type 2) → subcommand (type 1) → options', async () => {
    const handle = sim.slashCommand({ channelId: general, userId: alice, name: 'kb', subcommandGroup: 'words', subcommand: 'add', options: { words: 'nf, netflix' } });
    expect((handle.payload.data as { options: unknown }).options).toEqual([{ type: 2, name: 'words', options: [{ type: 1, name: 'add', options: [{ type: 3, name: 'words', value: 'nf, netflix' }] }] }]);
  });

  it('lets discord.js read the group, the subcommand and the options', async () => {
    let seen: unknown;
    client.on('interactionCreate', (i: Interaction) => {
      if (!i.isChatInputCommand()) return;
      seen = { group: i.options.getSubcommandGroup(false), subcommand: i.options.getSubcommand(), page: i.options.getInteger('page') };
      void i.reply('ok');
    });
    await sim.slashCommand({ channelId: general, userId: alice, name: 'kb', subcommandGroup: 'words', subcommand: 'list', options: { page: 2 } }).reply();
    expect(seen).toEqual({ group: 'words', subcommand: 'list', page: 2 });
  });

  it('refuses to script a group or a subcommand the command does not have', () => {
    expect(() => sim.slashCommand({ channelId: general, userId: alice, name: 'kb', subcommandGroup: 'nope', subcommand: 'add' })).toThrow(/no group "nope"/);
    expect(() => sim.slashCommand({ channelId: general, userId: alice, name: 'kb', subcommandGroup: 'words', subcommand: 'search' })).toThrow(/no subcommand "search"/);
    expect(() => sim.slashCommand({ channelId: general, userId: alice, name: 'kb', subcommandGroup: 'words', subcommand: 'add' })).toThrow(/missing required option "words"/);
  });

  it.each([
    ['a plain option inside a group', { type: 2, name: 'g', description: 'G', options: [{ type: 3, name: 'x', description: 'X' }] }],
    ['a group inside a subcommand', { type: 1, name: 's', description: 'S', options: [{ type: 2, name: 'g', description: 'G', options: [] }] }],
    ['a group inside a group', { type: 2, name: 'g', description: 'G', options: [{ type: 2, name: 'h', description: 'H', options: [] }] }],
  ])('refuses to register %s, with a 50035 error, as Discord does', async (_case, option) => {
    await expect(client.application.commands.set([{ name: 'bad', description: 'Bad', options: [option] } as never])).rejects.toMatchObject({ code: 50035, status: 400 });
  });

  it('refuses to register subcommands mixed with plain options', async () => {
    const mixed = { name: 'bad', description: 'Bad', options: [{ type: 1, name: 's', description: 'S' }, { type: 3, name: 'x', description: 'X' }] };
    await expect(client.application.commands.set([mixed as never])).rejects.toMatchObject({ code: 50035 });
  });
});
