import { REST, Routes } from 'discord.js';
import type { DiscordConfig } from '../config.js';
import type { Logger } from '../log.js';
import { commands } from './commands/index.js';

/**
 * Registers every command with one bulk overwrite: in one guild when `guildId` is set (instant, for
 * development), else globally. The same list the router reads, so no command is registered but unrouted.
 */
export async function deployCommands(discord: DiscordConfig, log: Logger, rest?: REST): Promise<number> {
  const client = rest ?? new REST({ api: discord.apiUrl }).setToken(discord.token);
  const body = commands.map((c) => c.data.toJSON());
  const route = discord.guildId
    ? Routes.applicationGuildCommands(discord.clientId, discord.guildId)
    : Routes.applicationCommands(discord.clientId);
  await client.put(route, { body });
  log.info({ event: 'commands-deployed', count: body.length, scope: discord.guildId ? `guild ${discord.guildId}` : 'global' }, 'commands registered');
  return body.length;
}
