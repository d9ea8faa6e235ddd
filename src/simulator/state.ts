import type { APIGuildMember, APIMessage, APIRole, APIUser } from 'discord-api-types/v10';
import { SnowflakeGenerator } from './snowflake.js';
import { ALL_PERMISSIONS, DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, toPermissions } from './permissions.js';
import {
  Perm,
  SimChannelType,
  type ChannelSeed,
  type GuildSeed,
  type MemberSeed,
  type RoleSeed,
  type StoredFile,
  type UserSeed,
} from './types.js';

/** A member object; `user` is absent where Discord nests members inside messages and mentions. */
export type SimApiMember = Omit<APIGuildMember, 'user'> & { user?: APIUser };

export interface SimUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface SimRole {
  id: string;
  name: string;
  permissions: bigint;
  color: number;
  position: number;
  mentionable: boolean;
  /** Set for the bot's integration role, which Discord creates when the bot joins. */
  botId?: string;
}

export interface SimMember {
  userId: string;
  nick: string | null;
  roles: string[];
  joinedAt: string;
  permissionsOverride?: bigint;
}

export interface SimForumTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: null;
  emoji_name: string | null;
}

export interface SimChannel {
  id: string;
  guildId: string | null;
  type: number;
  name: string;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  position: number;
  availableTags: SimForumTag[];
  recipientIds: string[];
  lastMessageId: string | null;
  /** Thread-only fields. */
  ownerId?: string;
  appliedTags?: string[];
  createdAt?: string;
  archived?: boolean;
  locked?: boolean;
  messageCount: number;
}

export interface SimGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  roles: Map<string, SimRole>;
  members: Map<string, SimMember>;
  channelIds: string[];
}

/** The simulated world: users, guilds, channels, messages and files. Pure data, no I/O. */
export class SimState {
  readonly ids = new SnowflakeGenerator();
  readonly users = new Map<string, SimUser>();
  readonly guilds = new Map<string, SimGuild>();
  readonly channels = new Map<string, SimChannel>();
  readonly messages = new Map<string, APIMessage[]>();
  readonly files = new Map<string, StoredFile>();
  readonly botUser: SimUser;

  constructor(bot: { id?: string; username?: string }) {
    this.botUser = this.addUser({ id: bot.id, username: bot.username ?? 'paa-bot', bot: true });
  }

  addUser(seed: UserSeed): SimUser {
    const id = seed.id ?? this.ids.next();
    const user: SimUser = { id, username: seed.username, globalName: seed.globalName ?? null, bot: seed.bot ?? false };
    this.users.set(id, user);
    return user;
  }

  addGuild(seed: GuildSeed): SimGuild {
    const id = seed.id ?? (seed.shard ? this.ids.nextOnShard(...seed.shard) : this.ids.next());
    const everyone: SimRole = {
      id,
      name: '@everyone',
      permissions: toPermissions(seed.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS),
      color: 0,
      position: 0,
      mentionable: false,
    };
    const guild: SimGuild = {
      id,
      name: seed.name,
      ownerId: seed.ownerId ?? '',
      preferredLocale: seed.preferredLocale ?? 'en-US',
      roles: new Map([[id, everyone]]),
      members: new Map(),
      channelIds: [],
    };
    this.guilds.set(id, guild);
    for (const role of seed.roles ?? []) this.addRole(id, role);
    const botRole = this.addRole(id, {
      name: this.botUser.username,
      permissions: toPermissions(seed.botPermissions, DEFAULT_BOT_PERMISSIONS),
    });
    botRole.botId = this.botUser.id;
    this.addMember(id, { userId: this.botUser.id, roles: [botRole.id] });
    for (const member of seed.members ?? []) this.addMember(id, member);
    if (!guild.ownerId) {
      const firstHuman = [...guild.members.keys()].find((uid) => uid !== this.botUser.id);
      guild.ownerId = firstHuman ?? this.addMember(id, { user: { username: 'owner' } }).userId;
    }
    for (const channel of seed.channels ?? []) this.addChannel(id, channel);
    return guild;
  }

  addRole(guildId: string, seed: RoleSeed): SimRole {
    const guild = this.requireGuild(guildId);
    const role: SimRole = {
      id: seed.id ?? this.ids.next(),
      name: seed.name,
      permissions: toPermissions(seed.permissions, 0n),
      color: seed.color ?? 0,
      position: seed.position ?? guild.roles.size,
      mentionable: seed.mentionable ?? false,
    };
    guild.roles.set(role.id, role);
    return role;
  }

  addMember(guildId: string, seed: MemberSeed): SimMember {
    const guild = this.requireGuild(guildId);
    let userId = seed.userId;
    if (!userId) {
      if (!seed.user) throw new Error('addMember needs userId or user');
      userId = this.addUser(seed.user).id;
    } else if (!this.users.has(userId)) {
      if (!seed.user) throw new Error(`Unknown user ${userId}: seed it first or pass "user"`);
      this.addUser({ ...seed.user, id: userId });
    }
    const roles = (seed.roles ?? []).map((ref) => {
      const role = guild.roles.get(ref) ?? [...guild.roles.values()].find((r) => r.name === ref);
      if (!role) throw new Error(`Unknown role "${ref}" in guild ${guild.name}`);
      return role.id;
    });
    const member: SimMember = {
      userId,
      nick: seed.nick ?? null,
      roles,
      joinedAt: new Date().toISOString(),
      permissionsOverride: seed.permissions === undefined ? undefined : toPermissions(seed.permissions, 0n),
    };
    guild.members.set(userId, member);
    return member;
  }

  addChannel(guildId: string | null, seed: ChannelSeed & { recipientIds?: string[] }): SimChannel {
    const guild = guildId === null ? undefined : this.requireGuild(guildId);
    const channel: SimChannel = {
      id: seed.id ?? this.ids.next(),
      guildId,
      type: seed.type ?? SimChannelType.GuildText,
      name: seed.name,
      parentId: seed.parentId ?? null,
      topic: seed.topic ?? null,
      nsfw: seed.nsfw ?? false,
      position: seed.position ?? guild?.channelIds.length ?? 0,
      availableTags: (seed.availableTags ?? []).map((t) => ({
        id: t.id ?? this.ids.next(),
        name: t.name,
        moderated: t.moderated ?? false,
        emoji_id: null,
        emoji_name: t.emojiName ?? null,
      })),
      recipientIds: seed.recipientIds ?? [],
      lastMessageId: null,
      messageCount: 0,
    };
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    guild?.channelIds.push(channel.id);
    return channel;
  }

  /** The DM channel between the bot and a user, created on first use like Discord does. */
  dmChannel(userId: string): SimChannel {
    this.requireUser(userId);
    const existing = [...this.channels.values()].find(
      (c) => c.type === SimChannelType.DM && c.recipientIds.includes(userId),
    );
    return existing ?? this.addChannel(null, { name: '', type: SimChannelType.DM, recipientIds: [userId] });
  }

  requireGuild(id: string): SimGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`Unknown guild ${id}`);
    return guild;
  }

  requireChannel(id: string): SimChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`Unknown channel ${id}`);
    return channel;
  }

  requireUser(id: string): SimUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`Unknown user ${id}`);
    return user;
  }

  findMessage(channelId: string, messageId: string): APIMessage | undefined {
    return this.messages.get(channelId)?.find((m) => m.id === messageId);
  }

  /** Guild-level permissions (channel overwrites are not simulated). */
  permissions(guildId: string, userId: string): bigint {
    const guild = this.requireGuild(guildId);
    const member = guild.members.get(userId);
    if (member?.permissionsOverride !== undefined) return member.permissionsOverride;
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    let perms = guild.roles.get(guild.id)?.permissions ?? 0n;
    for (const roleId of member?.roles ?? []) perms |= guild.roles.get(roleId)?.permissions ?? 0n;
    return perms & Perm.Administrator ? ALL_PERMISSIONS : perms;
  }

  apiUser(id: string): APIUser {
    const u = this.requireUser(id);
    return {
      id: u.id,
      username: u.username,
      discriminator: u.bot ? '0001' : '0',
      global_name: u.globalName,
      avatar: null,
      bot: u.bot || undefined,
    };
  }

  apiRole(role: SimRole): APIRole {
    return {
      id: role.id,
      name: role.name,
      color: role.color,
      colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: role.position,
      permissions: role.permissions.toString(),
      managed: role.botId !== undefined,
      mentionable: role.mentionable,
      flags: 0 as APIRole['flags'],
      ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
    };
  }

  /** A member object; Discord omits `user` when it is nested in a message or mention. */
  apiMember(guildId: string, userId: string, withUser = true): SimApiMember | undefined {
    const m = this.requireGuild(guildId).members.get(userId);
    if (!m) return undefined;
    const member: SimApiMember = {
      nick: m.nick,
      avatar: null,
      banner: null,
      roles: m.roles,
      joined_at: m.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as SimApiMember['flags'],
      pending: false,
      communication_disabled_until: null,
    };
    if (withUser) member.user = this.apiUser(userId);
    return member;
  }
}
