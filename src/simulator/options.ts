import { Perm, SimChannelType, type GuildSeed, type SimLogger, type UserSeed } from './types.js';

export interface SimulatorOptions {
  /** The bot's user; the id defaults to a fresh snowflake, the name to "paa-bot". */
  botUser?: { id?: string; username?: string };
  /** Defaults to the bot user's id, as for every application created since 2019. */
  applicationId?: string;
  applicationFlags?: number;
  /** Users to create before guilds (so members can refer to them by id). */
  users?: UserSeed[];
  /** Defaults to {@link DEFAULT_GUILD}. Pass [] for none. */
  guilds?: GuildSeed[];
  /** HELLO's heartbeat_interval. Default 41250 ms, as Discord. */
  heartbeatIntervalMs?: number;
  /** How long the bot has to answer an interaction. Default 3000 ms, as Discord. */
  interactionDeadlineMs?: number;
  /** If set, REST and IDENTIFY must use this token (401 / close 4004 otherwise). Default: any token. */
  token?: string;
  /** Privileged intents "enabled in the developer portal". Default: all. Others close with 4014. */
  privilegedIntents?: { guildMembers?: boolean; guildPresences?: boolean; messageContent?: boolean };
  /** Reject scripted commands the bot has not registered. Default true. */
  requireRegisteredCommands?: boolean;
  /**
   * If set, an IDENTIFY whose shard would hold more guilds than this is closed with 4011 "Sharding required", as
   * Discord does past 2,500. Default: no limit.
   */
  maxGuildsPerShard?: number;
  /**
   * `session_start_limit.max_concurrency` in GET /gateway/bot: how many shards discord.js identifies at once in one
   * process (the others wait 5 s each). Default 1, as for most bots.
   */
  maxConcurrency?: number;
  /** Every REST request is answered only after this long: a slow network or a busy Discord. Default 0. */
  restDelayMs?: number;
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  log?: SimLogger;
}

/** The guild used when `guilds` is not given: #general, a forum with tags, a Moderator role, alice and bob. */
export const DEFAULT_GUILD: GuildSeed = {
  name: 'Test Guild',
  roles: [{ name: 'Moderator', permissions: Perm.ManageMessages | Perm.ManageGuild }],
  members: [{ user: { username: 'alice' } }, { user: { username: 'bob' }, roles: ['Moderator'] }],
  channels: [
    { name: 'general', topic: 'General chat' },
    { name: 'help-forum', type: SimChannelType.GuildForum, availableTags: [{ name: 'question' }, { name: 'solved' }] },
  ],
};

