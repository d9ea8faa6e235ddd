import type { APIMessage } from 'discord.js';
import { Perm, SimChannelType, type GuildSeed, type InteractionHandle } from '../../src/simulator/index.js';
import { startBot, type RunningBot, type StartOptions } from './harness.js';

/** The role id listed in MOD_ROLE_IDS: its members moderate without Manage Server. */
export const HELPER_ROLE_ID = '400000000000000001';

const guild = (name: string): GuildSeed => ({
  name,
  // The first member owns the guild (every permission, as on Discord); the people under test come after.
  members: [
    { user: { username: `owner-${name.toLowerCase().replace(/\W+/g, '-')}` } },
    { userId: 'alice' },
    { userId: 'bob', roles: ['Moderator'] },
    { userId: 'carol', roles: ['FAQ helper'] },
  ],
  roles: [
    { name: 'Moderator', permissions: Perm.ManageGuild | Perm.ManageMessages },
    { ...(name === 'Server A' ? { id: HELPER_ROLE_ID } : {}), name: 'FAQ helper' },
  ],
  channels: [
    { name: 'general', topic: 'General chat' },
    { name: 'help-forum', type: SimChannelType.GuildForum, availableTags: [{ name: 'question' }] },
  ],
});

/**
 * Two servers sharing moderators: alice (member), bob (Manage Server), carol (the helper role, in A only).
 * `knowledgeDir` is the folder the bot serves (default: the harness's).
 */
export async function startModerationBot(options: Pick<StartOptions, 'knowledgeDir' | 'env'> = {}): Promise<RunningBot & { serverB: string; generalB: string; carol: string }> {
  const bot = await startBot({
    ...options,
    registration: 'global',
    env: { MOD_ROLE_IDS: HELPER_ROLE_ID, ...options.env },
    sim: {
      users: [
        { id: '300000000000000001', username: 'alice' },
        { id: '300000000000000002', username: 'bob' },
        { id: '300000000000000003', username: 'carol' },
      ],
      guilds: [resolveUsers(guild('Server A')), resolveUsers(guild('Server B'))],
    },
  });
  const serverB = bot.sim.guildId('Server B');
  return { ...bot, serverB, generalB: bot.sim.channelId('general', serverB), carol: bot.sim.userId('carol') };
}

function resolveUsers(seed: GuildSeed): GuildSeed {
  const ids: Record<string, string> = { alice: '300000000000000001', bob: '300000000000000002', carol: '300000000000000003' };
  return { ...seed, members: seed.members?.map((m) => (m.userId && ids[m.userId] ? { ...m, userId: ids[m.userId] } : m)) };
}

export type ModerationBot = Awaited<ReturnType<typeof startModerationBot>>;
export type Server = 'A' | 'B';

/** The parts of an interaction reply the moderation tests read. */
export interface ReplyData {
  flags?: number;
  content?: string;
  custom_id?: string;
  embeds?: { title?: string; description?: string; footer?: { text: string } }[];
  components?: { components: { custom_id: string; label?: string; value?: string }[] }[];
  allowed_mentions?: { parse?: string[] };
}

export const EPHEMERAL = 64;

export const dataOf = async (handle: InteractionHandle): Promise<ReplyData> =>
  ((await handle.response()).body as { data?: ReplyData }).data ?? {};

/** The general channel of server A or B. */
export const placeIn = (bot: ModerationBot, server: Server) =>
  server === 'A' ? { channelId: bot.general } : { channelId: bot.generalB, guildId: bot.serverB };

/** `/faq <subcommand>`, or `/faq <group> <subcommand>`, as `userId` in server A or B. */
export const faqCommand = (bot: ModerationBot, userId: string, subcommand: string, options: Record<string, unknown>, server: Server, subcommandGroup?: string) =>
  bot.sim.slashCommand({ ...placeIn(bot, server), userId, name: 'faq', ...(subcommandGroup ? { subcommandGroup } : {}), subcommand, options: options as never });

/** `/ask` as alice in server A or B: the answer's title and text, or the reply's content. */
export const askCommand = async (bot: ModerationBot, question: string, server: Server) => {
  const data = await dataOf(bot.sim.slashCommand({ ...placeIn(bot, server), userId: bot.alice, name: 'ask', options: { question } }));
  return { title: data.embeds?.[0]?.title, answer: data.embeds?.[0]?.description, content: data.content };
};

/** The custom_id of the "Apply …" button of an import preview. */
export const applyButton = (message: APIMessage) =>
  (message.components ?? [])
    .flatMap((row) => ('components' in row ? (row.components as { custom_id?: string; label?: string }[]) : []))
    .find((c) => c.label?.startsWith('Apply'))!.custom_id!;
