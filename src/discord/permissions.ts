import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Config } from '../config.js';
import { UserError } from './user-error.js';

/**
 * Moderators are members with Manage Server, or with one of `MOD_ROLE_IDS`. Checked on every interaction, from
 * the member data Discord sends with it: a server can make a command visible to everyone (command permissions
 * override `default_member_permissions`), so visibility is never the check.
 */
export function isModerator(interaction: Interaction, config: Config): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member.roles;
  const ids = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return ids.some((id) => config.modRoleIds.includes(id));
}

export function requireModerator(interaction: Interaction, config: Config): string {
  if (!interaction.inGuild()) throw new UserError('not-in-server', 'The FAQ is edited inside a server, not in direct messages.');
  if (!isModerator(interaction, config)) {
    throw new UserError('not-moderator', 'Only moderators (Manage Server, or a moderator role) can change the FAQ. Nothing was changed.');
  }
  return interaction.guildId;
}
