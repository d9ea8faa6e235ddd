import type { APIAttachment, APIMessage, APIUser } from 'discord-api-types/v10';
import type { UploadedFile } from './http.js';
import type { SimState } from './state.js';
import { Intent, SimChannelType, type StoredFile } from './types.js';

type Obj = Record<string, unknown>;

const MessageFlagLoading = 1 << 7;
const MessageFlagEphemeral = 1 << 6;

export function isEphemeral(message: { flags?: number }): boolean {
  return ((message.flags ?? 0) & MessageFlagEphemeral) !== 0;
}

/** Stores uploaded files; `body.attachments[i].id` refers to `files[id]` and may carry a description. */
export function storeUploads(state: SimState, baseUrl: string, channelId: string, uploads: UploadedFile[], body: Obj): StoredFile[] {
  const declared = Array.isArray(body.attachments) ? (body.attachments as Obj[]) : [];
  return uploads.map((u, index) => {
    const key = /^files\[(.+)\]$/.exec(u.field)?.[1] ?? String(index);
    const meta = declared.find((a) => String(a.id) === key);
    return storeFile(state, baseUrl, channelId, {
      filename: typeof meta?.filename === 'string' ? meta.filename : u.filename,
      contentType: u.contentType,
      data: u.data,
      description: typeof meta?.description === 'string' ? meta.description : undefined,
    });
  });
}

export function storeFile(
  state: SimState,
  baseUrl: string,
  channelId: string,
  f: { filename: string; contentType: string | undefined; data: Buffer; description?: string },
): StoredFile {
  const id = state.ids.next();
  const file: StoredFile = {
    id,
    filename: f.filename,
    contentType: f.contentType,
    data: f.data,
    url: `${baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(f.filename)}`,
    ...(f.description === undefined ? {} : { description: f.description }),
  };
  state.files.set(id, file);
  return file;
}

export function apiAttachment(file: StoredFile): APIAttachment {
  return {
    id: file.id,
    filename: file.filename,
    size: file.data.length,
    url: file.url,
    proxy_url: file.url,
    ...(file.contentType ? { content_type: file.contentType } : {}),
    ...(file.description === undefined ? {} : { description: file.description }),
  };
}

export interface MessageInput {
  channelId: string;
  authorId: string;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  files?: StoredFile[];
  flags?: number;
  type?: number;
  webhookId?: string;
  applicationId?: string;
  /** The message being replied to (sets type 19 and message_reference). */
  replyTo?: APIMessage;
  allowedMentions?: unknown;
  /** Extra user ids to list as mentioned, beyond those parsed from `<@id>` in content. */
  extraMentions?: string[];
  interactionMetadata?: Obj;
  tts?: boolean;
  nonce?: string | number;
  /** Forum starter messages share their thread's id. */
  id?: string;
}

/**
 * Which users/roles a message actually mentions. Discord only lists mentions that allowed_mentions
 * lets through, so `mentions` is what would ping; that is what a test wants to assert on.
 */
function resolveMentions(input: MessageInput, content: string): { users: string[]; roles: string[]; everyone: boolean } {
  const am = input.allowedMentions as Obj | undefined;
  const parse = Array.isArray(am?.parse) ? (am.parse as string[]) : undefined;
  const allowUsers = (id: string) =>
    !am || parse?.includes('users') || (Array.isArray(am.users) && am.users.includes(id));
  const allowRoles = (id: string) =>
    !am || parse?.includes('roles') || (Array.isArray(am.roles) && am.roles.includes(id));
  const parsedUsers = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '');
  const users = [...new Set([...parsedUsers.filter(allowUsers), ...(input.extraMentions ?? [])])];
  // A reply pings the replied-to author unless allowed_mentions.replied_user is false (or absent from a given object).
  if (input.replyTo && (!am || am.replied_user === true) && !users.includes(input.replyTo.author.id)) {
    users.push(input.replyTo.author.id);
  }
  const roles = [...new Set([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? ''))].filter(allowRoles);
  const everyone = /@(everyone|here)/.test(content) && (!am || parse?.includes('everyone') === true);
  return { users, roles, everyone };
}

export function buildMessage(state: SimState, input: MessageInput): APIMessage {
  const channel = state.requireChannel(input.channelId);
  const content = input.content ?? '';
  const mentions = resolveMentions(input, content);
  const guildId = channel.guildId;
  const mentionUsers = mentions.users
    .filter((id) => state.users.has(id))
    .map((id) => {
      const member = guildId ? state.apiMember(guildId, id, false) : undefined;
      return { ...state.apiUser(id), ...(member ? { member } : {}) } as APIUser;
    });
  const message: APIMessage = {
    id: input.id ?? state.ids.next(),
    channel_id: channel.id,
    author: state.apiUser(input.authorId),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: input.tts ?? false,
    mention_everyone: mentions.everyone,
    mentions: mentionUsers,
    mention_roles: mentions.roles,
    attachments: (input.files ?? []).map(apiAttachment),
    embeds: (input.embeds ?? []) as APIMessage['embeds'],
    components: (input.components ?? []) as APIMessage['components'],
    pinned: false,
    type: (input.type ?? (input.replyTo ? 19 : 0)) as APIMessage['type'],
    flags: input.flags ?? 0,
  };
  if (input.webhookId) message.webhook_id = input.webhookId;
  if (input.applicationId) message.application_id = input.applicationId;
  if (input.nonce !== undefined) message.nonce = input.nonce;
  if (input.interactionMetadata) message.interaction_metadata = input.interactionMetadata as never;
  if (input.replyTo) {
    message.message_reference = {
      type: 0,
      message_id: input.replyTo.id,
      channel_id: input.replyTo.channel_id,
      ...(guildId ? { guild_id: guildId } : {}),
    };
    message.referenced_message = input.replyTo;
  }
  if (channel.type === SimChannelType.PublicThread || channel.type === SimChannelType.PrivateThread) {
    message.position = channel.messageCount;
  }
  return message;
}

/** Appends a message to its channel's history and bumps the channel's counters. */
export function commitMessage(state: SimState, message: APIMessage): void {
  const channel = state.requireChannel(message.channel_id);
  state.messages.get(channel.id)?.push(message);
  channel.lastMessageId = message.id;
  channel.messageCount++;
}

/**
 * Applies a PATCH body to a message. Only fields present change; `attachments`, when given,
 * lists which existing attachments to keep (plus any newly uploaded files).
 */
export function applyEdit(state: SimState, message: APIMessage, body: Obj, newFiles: StoredFile[]): APIMessage {
  const updated: APIMessage = { ...message, edited_timestamp: new Date().toISOString() };
  if (typeof body.content === 'string' || body.content === null) {
    updated.content = (body.content as string | null) ?? '';
    const mentions = buildMessage(state, {
      channelId: message.channel_id,
      authorId: message.author.id,
      content: updated.content,
      allowedMentions: body.allowed_mentions,
    });
    updated.mentions = mentions.mentions;
    updated.mention_roles = mentions.mention_roles;
    updated.mention_everyone = mentions.mention_everyone;
  }
  if (Array.isArray(body.embeds) || body.embeds === null) updated.embeds = (body.embeds ?? []) as APIMessage['embeds'];
  if (Array.isArray(body.components) || body.components === null) {
    updated.components = (body.components ?? []) as APIMessage['components'];
  }
  if (typeof body.flags === 'number') {
    updated.flags = (((message.flags ?? 0) & MessageFlagEphemeral) | body.flags) as APIMessage['flags'];
  }
  updated.flags = ((updated.flags ?? 0) & ~MessageFlagLoading) as APIMessage['flags'];
  const fresh = newFiles.map(apiAttachment);
  if (Array.isArray(body.attachments)) {
    const keep = new Set((body.attachments as Obj[]).map((a) => String(a.id)));
    updated.attachments = [...message.attachments.filter((a) => keep.has(a.id)), ...fresh];
  } else {
    updated.attachments = [...message.attachments, ...fresh];
  }
  return updated;
}

/** Replaces a stored message in its channel's history. */
export function replaceMessage(state: SimState, message: APIMessage): void {
  const list = state.messages.get(message.channel_id);
  const i = list?.findIndex((m) => m.id === message.id) ?? -1;
  if (list && i >= 0) list[i] = message;
}

/**
 * What a bot without the MessageContent intent sees: Discord blanks content, embeds, attachments,
 * components and polls unless the message is in a DM, mentions the bot, or is the bot's own.
 */
export function redactForIntents(state: SimState, message: APIMessage, intents: number): APIMessage {
  if (intents & Intent.MessageContent) return message;
  const botId = state.botUser.id;
  const channel = state.channels.get(message.channel_id);
  if (channel?.type === SimChannelType.DM) return message;
  if (message.author.id === botId || message.mentions.some((u) => u.id === botId)) return message;
  return { ...message, content: '', embeds: [], attachments: [], components: [], poll: undefined };
}
