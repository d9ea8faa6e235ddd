import type {
  APIApplicationCommand,
  APIApplicationCommandOptionChoice,
  APIInteractionResponse,
  APIMessage,
} from 'discord-api-types/v10';

/** Optional sink for the simulator's diagnostics (it never writes to the console itself). */
export type SimLogger = (msg: string, data?: object) => void;

/** Channel type numbers the simulator knows how to seed (same values as Discord's ChannelType). */
export const SimChannelType = {
  GuildText: 0,
  DM: 1,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  PublicThread: 11,
  PrivateThread: 12,
  GuildForum: 15,
} as const;

/** Gateway intent bits the simulator enforces. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

/** Permission bits used for defaults; anything else can be passed as a bigint or decimal string. */
export const Perm = {
  Administrator: 1n << 3n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  ManageGuild: 1n << 5n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** A permission set given as a bigint, a decimal string, or a list of bits. */
export type PermissionsInput = bigint | string | readonly bigint[];

export interface UserSeed {
  id?: string;
  username: string;
  globalName?: string;
  bot?: boolean;
}

export interface RoleSeed {
  id?: string;
  name: string;
  permissions?: PermissionsInput;
  color?: number;
  position?: number;
  mentionable?: boolean;
}

export interface MemberSeed {
  /** An existing user's id; or give `user` to create the user too. */
  userId?: string;
  user?: UserSeed;
  nick?: string;
  /** Role ids or role names (resolved within the guild). */
  roles?: string[];
  /** Overrides the permissions computed from roles (what interactions report as member.permissions). */
  permissions?: PermissionsInput;
}

export interface ForumTagSeed {
  id?: string;
  name: string;
  moderated?: boolean;
  emojiName?: string;
}

export interface ChannelSeed {
  id?: string;
  name: string;
  /** Defaults to 0 (text). 15 is a forum, 4 a category, 5 an announcement channel. */
  type?: number;
  parentId?: string;
  topic?: string;
  nsfw?: boolean;
  position?: number;
  /** Forum channels only. */
  availableTags?: ForumTagSeed[];
}

export interface GuildSeed {
  id?: string;
  name: string;
  /** Defaults to the first member, else a generated "owner" user. */
  ownerId?: string;
  channels?: ChannelSeed[];
  roles?: RoleSeed[];
  members?: MemberSeed[];
  /** Permissions of the implicit @everyone role (id = guild id). */
  everyonePermissions?: PermissionsInput;
  /** Permissions of the bot's managed role. Defaults to the usual text-bot set (not Administrator). */
  botPermissions?: PermissionsInput;
  preferredLocale?: string;
  /**
   * `[shardId, shardCount]`: give the guild an id that Discord routes to that shard (ignored when `id` is given),
   * so a test knows which shard's session receives its events.
   */
  shard?: [shardId: number, shardCount: number];
}

/** A file the simulator holds and serves at a loopback URL. */
export interface StoredFile {
  id: string;
  filename: string;
  contentType: string | undefined;
  data: Buffer;
  url: string;
  description?: string;
}

/** A file given by a test, e.g. for a slash command attachment option. */
export interface FileInput {
  name: string;
  content: Buffer | string;
  contentType?: string;
}

/** Where a message the bot produced came from. */
export type MessageSource = 'channel' | 'interaction-response' | 'follow-up';

interface RecordedBase {
  /** Date.now() when recorded. */
  at: number;
}

/** A message created by the bot, with the exact body it sent. */
export interface RecordedMessage extends RecordedBase {
  kind: 'message';
  source: MessageSource;
  channelId: string;
  message: APIMessage;
  body: Record<string, unknown>;
  files: StoredFile[];
  interactionId?: string;
  ephemeral: boolean;
}

/** An edit of a message by the bot (channel PATCH, webhook PATCH, or a type 7 UPDATE_MESSAGE callback). */
export interface RecordedEdit extends RecordedBase {
  kind: 'messageEdit';
  source: MessageSource | 'component-update';
  channelId: string;
  message: APIMessage;
  body: Record<string, unknown>;
  files: StoredFile[];
  interactionId?: string;
}

export interface RecordedDelete extends RecordedBase {
  kind: 'messageDelete';
  channelId: string;
  messageId: string;
  interactionId?: string;
}

/** A POST /interactions/:id/:token/callback, on time or not. */
export interface RecordedInteractionResponse extends RecordedBase {
  kind: 'interactionResponse';
  interactionId: string;
  type: number;
  body: APIInteractionResponse;
  files: StoredFile[];
  /** Milliseconds between dispatch and the callback. */
  elapsedMs: number;
  /** True when it came after the deadline; Discord (and the simulator) then answer 404 Unknown interaction. */
  late: boolean;
  /** True when a response already existed; answered with 400 "already acknowledged". */
  duplicate: boolean;
}

/** No callback arrived before the deadline: what the user would see as "The application did not respond". */
export interface RecordedInteractionExpired extends RecordedBase {
  kind: 'interactionExpired';
  interactionId: string;
}

export interface RecordedCommands extends RecordedBase {
  kind: 'commands';
  /** null for global commands. */
  guildId: string | null;
  method: 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  commands: APIApplicationCommand[];
  body: unknown;
}

/** A PATCH /channels/:id by the bot, e.g. tagging, renaming, archiving or locking a forum post. */
export interface RecordedChannelEdit extends RecordedBase {
  kind: 'channelEdit';
  channelId: string;
  body: Record<string, unknown>;
}

export interface RecordedTyping extends RecordedBase {
  kind: 'typing';
  channelId: string;
}

export interface RecordedReaction extends RecordedBase {
  kind: 'reaction';
  channelId: string;
  messageId: string;
  emoji: string;
  removed: boolean;
}

export interface RecordedRateLimit extends RecordedBase {
  kind: 'rateLimited';
  method: string;
  path: string;
}

export interface RecordedUnknownRoute extends RecordedBase {
  kind: 'unknownRoute';
  method: string;
  path: string;
}

/** Gateway lifecycle, so tests can wait for an identify or a resume. */
export interface RecordedGateway extends RecordedBase {
  kind: 'gateway';
  event: 'connect' | 'identify' | 'resume' | 'invalidSession' | 'close';
  sessionId?: string;
  intents?: number;
  /** IDENTIFY's `[shardId, shardCount]` (`[0, 1]` when it sent none). */
  shard?: [number, number];
  code?: number;
  replayed?: number;
}

export type RecordedEvent =
  | RecordedMessage
  | RecordedEdit
  | RecordedDelete
  | RecordedInteractionResponse
  | RecordedInteractionExpired
  | RecordedCommands
  | RecordedChannelEdit
  | RecordedTyping
  | RecordedReaction
  | RecordedRateLimit
  | RecordedUnknownRoute
  | RecordedGateway;

/** One REST request as received (after auth), for debugging. */
export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export type { APIApplicationCommandOptionChoice };
