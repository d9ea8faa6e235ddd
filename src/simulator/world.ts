import type { APIMessage, APIUser } from 'discord-api-types/v10';
import type { SimContext } from './context.js';
import type { Gateway } from './gateway.js';
import { apiChannel, guildCreate } from './payloads.js';
import { Intent, type ChannelSeed, type GuildSeed, type MemberSeed, type RoleSeed, type UserSeed } from './types.js';

/** Inspecting and growing the simulated world; the part of {@link Simulator} that is not about the bot. */
export abstract class SimulatorWorld {
  protected abstract readonly ctx: SimContext;
  protected abstract readonly gateway: Gateway;

  /** The bot's user object. */
  get botUser(): APIUser {
    return this.ctx.state.apiUser(this.ctx.state.botUser.id);
  }

  /** Guild ids, in creation order. */
  get guildIds(): string[] {
    return [...this.ctx.state.guilds.keys()];
  }

  /** Finds a guild id by name (or returns the id if it is one). */
  guildId(nameOrId: string): string {
    const g = this.ctx.state.guilds.get(nameOrId) ?? [...this.ctx.state.guilds.values()].find((x) => x.name === nameOrId);
    if (!g) throw new Error(`No guild "${nameOrId}"`);
    return g.id;
  }

  /** Finds a channel id by name (first match, optionally within a guild). */
  channelId(name: string, guildId?: string): string {
    const ch = [...this.ctx.state.channels.values()].find((c) => c.name === name && (!guildId || c.guildId === guildId));
    if (!ch) throw new Error(`No channel "${name}"`);
    return ch.id;
  }

  /** Finds a user id by username. */
  userId(username: string): string {
    const u = [...this.ctx.state.users.values()].find((x) => x.username === username);
    if (!u) throw new Error(`No user "${username}"`);
    return u.id;
  }

  /** A channel as the API returns it. */
  channel(id: string): Record<string, unknown> {
    return apiChannel(this.ctx.state, this.ctx.state.requireChannel(id));
  }

  /** The channel's non-ephemeral history, oldest first. */
  messages(channelId: string): APIMessage[] {
    return [...(this.ctx.state.messages.get(channelId) ?? [])];
  }

  addUser(seed: UserSeed): APIUser {
    return this.ctx.state.apiUser(this.ctx.state.addUser(seed).id);
  }

  /** Adds a guild; a connected bot receives GUILD_CREATE (as when it is invited). */
  addGuild(seed: GuildSeed): string {
    const guild = this.ctx.state.addGuild(seed);
    this.gateway.dispatch('GUILD_CREATE', undefined, { guildId: guild.id, shape: (intents) => guildCreate(this.ctx.state, guild, intents) });
    return guild.id;
  }

  addRole(guildId: string, seed: RoleSeed): string {
    const role = this.ctx.state.addRole(guildId, seed);
    this.gateway.dispatch('GUILD_ROLE_CREATE', { guild_id: guildId, role: this.ctx.state.apiRole(role) }, { guildId, intent: Intent.Guilds });
    return role.id;
  }

  /** Adds a member; GUILD_MEMBER_ADD goes only to bots with the GuildMembers intent. */
  addMember(guildId: string, seed: MemberSeed): string {
    const member = this.ctx.state.addMember(guildId, seed);
    this.gateway.dispatch('GUILD_MEMBER_ADD', { ...this.ctx.state.apiMember(guildId, member.userId), guild_id: guildId }, { guildId, intent: Intent.GuildMembers });
    return member.userId;
  }

  addChannel(guildId: string, seed: ChannelSeed): string {
    const channel = this.ctx.state.addChannel(guildId, seed);
    this.gateway.dispatch('CHANNEL_CREATE', apiChannel(this.ctx.state, channel), { guildId, intent: Intent.Guilds });
    return channel.id;
  }

  /** The DM channel between the bot and a user (created on first use). */
  dmChannel(userId: string): string {
    return this.ctx.state.dmChannel(userId).id;
  }

  /** Role names or ids of a member, in the order they were given. */
  memberRoles(guildId: string, userId: string): string[] {
    const guild = this.ctx.state.requireGuild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`User ${userId} is not a member of guild ${guild.name}`);
    return member.roles.map((id) => guild.roles.get(id)?.name ?? id);
  }

  /**
   * Gives a member exactly these roles (names or ids), as a server admin would in Server Settings; a connected
   * bot with the GuildMembers intent receives GUILD_MEMBER_UPDATE. Later interactions carry the new permissions.
   */
  setMemberRoles(guildId: string, userId: string, roles: string[]): void {
    const guild = this.ctx.state.requireGuild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`User ${userId} is not a member of guild ${guild.name}`);
    member.roles = roles.map((ref) => {
      const role = guild.roles.get(ref) ?? [...guild.roles.values()].find((r) => r.name === ref);
      if (!role) throw new Error(`Unknown role "${ref}" in guild ${guild.name}`);
      return role.id;
    });
    this.gateway.dispatch('GUILD_MEMBER_UPDATE', { ...this.ctx.state.apiMember(guildId, userId), guild_id: guildId }, { guildId, intent: Intent.GuildMembers });
  }

  /** A member's server-wide permissions, as interactions report them in `member.permissions`. */
  memberPermissions(guildId: string, userId: string): bigint {
    return this.ctx.state.permissions(guildId, userId);
  }
}
