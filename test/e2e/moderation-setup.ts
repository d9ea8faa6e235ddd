import { Perm, SimChannelType, type GuildSeed } from '../../src/simulator/index.js';
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
export async function startModerationBot(options: Pick<StartOptions, 'knowledgeDir'> = {}): Promise<RunningBot & { serverB: string; generalB: string; carol: string }> {
  const bot = await startBot({
    ...options,
    registration: 'global',
    env: { MOD_ROLE_IDS: HELPER_ROLE_ID },
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
