import type { APIMessage } from 'discord-api-types/v10';
import type { CommandStore } from './commands.js';
import type { Gateway } from './gateway.js';
import { redactForIntents } from './messages.js';
import type { Recorder } from './recorder.js';
import type { SimState } from './state.js';
import { Intent, SimChannelType, type SimLogger } from './types.js';

/** What the REST, gateway and interaction modules share. */
export interface SimContext {
  state: SimState;
  recorder: Recorder;
  gateway: Gateway;
  commands: CommandStore;
  log: SimLogger;
  applicationId: string;
  interactionDeadlineMs: number;
  requireRegisteredCommands: boolean;
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  baseUrl(): string;
}

/**
 * MESSAGE_CREATE / MESSAGE_UPDATE as Discord sends them: the message plus guild_id, the author's
 * member (without user) and channel_type, gated by GuildMessages/DirectMessages and with content
 * blanked for sessions lacking MessageContent.
 */
export function dispatchMessage(ctx: SimContext, t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: APIMessage): void {
  const channel = ctx.state.requireChannel(message.channel_id);
  const guildId = channel.guildId;
  const extra: Record<string, unknown> = { channel_type: channel.type };
  if (guildId) {
    extra.guild_id = guildId;
    const member = message.webhook_id && !message.interaction_metadata ? undefined : ctx.state.apiMember(guildId, message.author.id, false);
    if (member) extra.member = member;
  }
  const intent = channel.type === SimChannelType.DM ? Intent.DirectMessages : Intent.GuildMessages;
  ctx.gateway.dispatch(t, undefined, {
    guildId,
    intent,
    shape: (intents) => ({ ...redactForIntents(ctx.state, message, intents), ...extra }),
  });
}

export function dispatchMessageDelete(ctx: SimContext, channelId: string, messageId: string): void {
  const channel = ctx.state.requireChannel(channelId);
  const intent = channel.type === SimChannelType.DM ? Intent.DirectMessages : Intent.GuildMessages;
  ctx.gateway.dispatch(
    'MESSAGE_DELETE',
    { id: messageId, channel_id: channelId, ...(channel.guildId ? { guild_id: channel.guildId } : {}) },
    { guildId: channel.guildId, intent },
  );
}
