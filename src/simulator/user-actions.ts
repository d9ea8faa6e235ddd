import type { APIMessage } from 'discord-api-types/v10';
import { dispatchMessage, type SimContext } from './context.js';
import { buildMessage, commitMessage, storeFile } from './messages.js';
import { apiChannel } from './payloads.js';
import { Intent, SimChannelType, type FileInput } from './types.js';

/** A message typed by a simulated user (or posted by a webhook / another bot). */
export interface SendMessageInput {
  channelId: string;
  /** Optional; must match the channel's guild when given. */
  guildId?: string;
  authorId: string;
  content: string;
  /** Extra user ids to list as mentioned (ids written as `<@id>` in content are parsed anyway). */
  mentions?: string[];
  /** Post as this webhook: the author becomes a bot-flagged webhook user and the message has no member. */
  webhookId?: string;
  /** Flag the author as a bot for this message (another bot talking). */
  bot?: boolean;
  /** Id of a message in the same channel to reply to. */
  replyTo?: string;
  embeds?: unknown[];
  files?: FileInput[];
}

export function sendUserMessage(ctx: SimContext, input: SendMessageInput, opts: { id?: string } = {}): APIMessage {
  const { state } = ctx;
  const channel = state.requireChannel(input.channelId);
  if (input.guildId && channel.guildId !== input.guildId) throw new Error(`Channel ${channel.id} is not in guild ${input.guildId}`);
  if (input.webhookId && !state.users.has(input.authorId)) {
    state.addUser({ id: input.authorId, username: 'Webhook', bot: true });
  }
  state.requireUser(input.authorId);
  if (channel.guildId && !input.webhookId && !state.guilds.get(channel.guildId)?.members.has(input.authorId)) {
    throw new Error(`User ${input.authorId} is not a member of the channel's guild`);
  }
  if (channel.type === SimChannelType.GuildForum || channel.type === SimChannelType.GuildCategory) {
    throw new Error(`Channel ${channel.name} (type ${channel.type}) does not take messages; use createThread for forums`);
  }
  const replyTo = input.replyTo ? state.findMessage(channel.id, input.replyTo) : undefined;
  if (input.replyTo && !replyTo) throw new Error(`No message ${input.replyTo} in channel ${channel.id}`);
  const files = (input.files ?? []).map((f) =>
    storeFile(state, ctx.baseUrl(), channel.id, {
      filename: f.name,
      contentType: f.contentType,
      data: typeof f.content === 'string' ? Buffer.from(f.content) : f.content,
    }),
  );
  const message = buildMessage(state, {
    id: opts.id,
    channelId: channel.id,
    authorId: input.authorId,
    content: input.content,
    extraMentions: input.mentions,
    embeds: input.embeds,
    files,
    replyTo,
    webhookId: input.webhookId,
  });
  if (input.bot || input.webhookId) message.author = { ...message.author, bot: true };
  commitMessage(state, message);
  ctx.recorder.emit('userMessage', message);
  dispatchMessage(ctx, 'MESSAGE_CREATE', message);
  return message;
}

export interface CreateThreadInput {
  /** The forum channel. */
  channelId: string;
  guildId?: string;
  authorId: string;
  name: string;
  /** The starter message's content. */
  content: string;
  /** Forum tag ids or names. */
  appliedTags?: string[];
  files?: FileInput[];
}

/**
 * Posts in a forum: THREAD_CREATE (newly_created) then the starter MESSAGE_CREATE in the thread.
 * As on Discord, the starter message's id is the thread's id.
 */
export function createForumThread(ctx: SimContext, input: CreateThreadInput): { thread: Record<string, unknown>; message: APIMessage } {
  const { state } = ctx;
  const forum = state.requireChannel(input.channelId);
  if (forum.type !== SimChannelType.GuildForum || !forum.guildId) throw new Error(`Channel ${forum.name} is not a forum`);
  if (input.guildId && input.guildId !== forum.guildId) throw new Error(`Forum ${forum.id} is not in guild ${input.guildId}`);
  const tags = (input.appliedTags ?? []).map((ref) => {
    const tag = forum.availableTags.find((t) => t.id === ref || t.name === ref);
    if (!tag) throw new Error(`Forum ${forum.name} has no tag "${ref}"`);
    return tag.id;
  });
  const thread = state.addChannel(forum.guildId, { name: input.name, type: SimChannelType.PublicThread, parentId: forum.id });
  thread.ownerId = input.authorId;
  thread.appliedTags = tags;
  thread.createdAt = new Date().toISOString();
  forum.lastMessageId = thread.id;
  const payload = { ...apiChannel(state, thread), newly_created: true, member: { id: thread.id, user_id: input.authorId, join_timestamp: thread.createdAt, flags: 0 } };
  ctx.gateway.dispatch('THREAD_CREATE', payload, { guildId: forum.guildId, intent: Intent.Guilds });
  const message = sendUserMessage(ctx, { channelId: thread.id, authorId: input.authorId, content: input.content, files: input.files }, { id: thread.id });
  return { thread: apiChannel(state, thread), message };
}
