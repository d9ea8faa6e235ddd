import type { APIInteractionResponse, APIMessage } from 'discord-api-types/v10';
import { dispatchMessage, type SimContext } from './context.js';
import { DiscordError, invalidFormBody, unknown, type RouteResult, type UploadedFile } from './http.js';
import { applyEdit, buildMessage, commitMessage, isEphemeral, replaceMessage, storeUploads } from './messages.js';
import { randomToken } from './snowflake.js';
import type { RecordedInteractionResponse, StoredFile } from './types.js';
import { validateChoices, validateMessageBody } from './validate.js';

type Obj = Record<string, unknown>;

/** Interaction types (InteractionType). */
export const IType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
/** Callback types (InteractionResponseType). */
export const RType = { Pong: 1, Message: 4, DeferredMessage: 5, DeferredUpdate: 6, UpdateMessage: 7, Autocomplete: 8, Modal: 9 } as const;

const FLAG_EPHEMERAL = 1 << 6;
const FLAG_LOADING = 1 << 7;
/** Interaction tokens stay valid for follow-ups and edits for 15 minutes. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Obj;
  channelId: string;
  guildId: string | null;
  userId: string;
  dispatchedAt: number;
  /** The accepted callback, once there is one. */
  response?: RecordedInteractionResponse;
  /** Id of the message that `@original` designates. */
  originalId?: string;
  /** Messages this interaction produced (ephemeral ones live only here). */
  messages: Map<string, APIMessage>;
  /** For component interactions (and modals opened from one), the message the component is on. */
  sourceMessageId?: string;
  /** Message type for messages created in response: 20 slash, 23 context menu, 0 otherwise. */
  messageType: number;
  /** Name of the command, for interaction_metadata / logs. */
  name: string;
  expiry?: NodeJS.Timeout;
}

const ALLOWED: Record<number, number[]> = {
  [IType.Ping]: [RType.Pong],
  [IType.Command]: [RType.Message, RType.DeferredMessage, RType.Modal],
  [IType.Component]: [RType.Message, RType.DeferredMessage, RType.DeferredUpdate, RType.UpdateMessage, RType.Modal],
  [IType.Autocomplete]: [RType.Autocomplete],
  [IType.ModalSubmit]: [RType.Message, RType.DeferredMessage, RType.DeferredUpdate, RType.UpdateMessage],
};

/** Live interactions: dispatch, deadline, callbacks, and the messages they produce. */
export class Interactions {
  readonly byId = new Map<string, InteractionRecord>();
  readonly byToken = new Map<string, InteractionRecord>();

  constructor(private readonly ctx: SimContext) {}

  dispatch(payload: Obj & { id: string; token: string }, meta: { name: string; messageType: number; sourceMessageId?: string }): InteractionRecord {
    const { ctx } = this;
    payload.token = randomToken();
    const rec: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      type: payload.type as number,
      payload,
      channelId: payload.channel_id as string,
      guildId: (payload.guild_id as string | undefined) ?? null,
      userId: ((payload.member as Obj | undefined)?.user as Obj | undefined)?.id as string ?? (payload.user as Obj).id as string,
      dispatchedAt: Date.now(),
      messages: new Map(),
      messageType: meta.messageType,
      name: meta.name,
      ...(meta.sourceMessageId ? { sourceMessageId: meta.sourceMessageId, originalId: meta.sourceMessageId } : {}),
    };
    this.byId.set(rec.id, rec);
    this.byToken.set(rec.token, rec);
    rec.expiry = setTimeout(() => {
      if (!rec.response) ctx.recorder.record({ kind: 'interactionExpired', interactionId: rec.id, at: Date.now() });
    }, ctx.interactionDeadlineMs);
    rec.expiry.unref();
    ctx.log('interaction: dispatch', { id: rec.id, type: rec.type, name: rec.name });
    ctx.gateway.dispatch('INTERACTION_CREATE', payload, { guildId: rec.guildId });
    return rec;
  }

  close(): void {
    for (const rec of this.byId.values()) clearTimeout(rec.expiry);
  }

  /** Any message by id: channel history first, then ephemeral interaction messages. */
  findMessage(channelId: string, messageId: string): APIMessage | undefined {
    const stored = this.ctx.state.findMessage(channelId, messageId);
    if (stored) return stored;
    for (const rec of this.byId.values()) {
      const m = rec.messages.get(messageId);
      if (m && m.channel_id === channelId) return m;
    }
    return undefined;
  }

  /** Stores an edited message wherever it lives and tells the gateway if others can see it. */
  storeEdited(rec: InteractionRecord | undefined, message: APIMessage): void {
    if (rec?.messages.has(message.id)) rec.messages.set(message.id, message);
    for (const other of this.byId.values()) if (other.messages.has(message.id)) other.messages.set(message.id, message);
    if (!isEphemeral(message)) {
      replaceMessage(this.ctx.state, message);
      dispatchMessage(this.ctx, 'MESSAGE_UPDATE', message);
    }
  }

  /** Creates a message on behalf of an interaction (callback type 4/5 or a follow-up). */
  createMessage(rec: InteractionRecord, data: Obj, files: StoredFile[], flags: number): APIMessage {
    const { ctx } = this;
    const user = ctx.state.apiUser(rec.userId);
    const message = buildMessage(ctx.state, {
      channelId: rec.channelId,
      authorId: ctx.state.botUser.id,
      content: typeof data.content === 'string' ? data.content : '',
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
      components: Array.isArray(data.components) ? data.components : [],
      files,
      flags,
      type: rec.messageType,
      webhookId: ctx.applicationId,
      applicationId: ctx.applicationId,
      allowedMentions: data.allowed_mentions,
      tts: data.tts === true,
      interactionMetadata: {
        id: rec.id,
        type: rec.type,
        user,
        authorizing_integration_owners: rec.payload.authorizing_integration_owners,
        ...(rec.type === IType.Command ? { name: rec.name, command_type: (rec.payload.data as Obj).type } : {}),
      },
    });
    rec.messages.set(message.id, message);
    if (!isEphemeral(message)) {
      commitMessage(ctx.state, message);
      dispatchMessage(ctx, 'MESSAGE_CREATE', message);
    }
    return message;
  }

  /** Tokens expire like Discord's: a webhook call with an unknown or stale token is Unknown Webhook. */
  recordForToken(appId: string, token: string): InteractionRecord {
    const rec = this.byToken.get(token);
    if (!rec || appId !== this.ctx.applicationId || Date.now() - rec.dispatchedAt > TOKEN_LIFETIME_MS) throw unknown.webhook();
    return rec;
  }

  async callback(id: string, token: string, body: unknown, uploads: UploadedFile[], query: URLSearchParams): Promise<RouteResult> {
    const { ctx } = this;
    const rec = this.byId.get(id);
    if (!rec || rec.token !== token) throw unknown.interaction();
    const response = (body ?? {}) as APIInteractionResponse & { data?: Obj };
    const elapsedMs = Date.now() - rec.dispatchedAt;
    const late = elapsedMs > ctx.interactionDeadlineMs;
    const files = storeUploads(ctx.state, ctx.baseUrl(), rec.channelId, uploads, response.data ?? {});
    const event: RecordedInteractionResponse = {
      kind: 'interactionResponse',
      interactionId: rec.id,
      type: response.type,
      body: response,
      files,
      elapsedMs,
      late,
      duplicate: rec.response !== undefined,
      at: Date.now(),
    };
    if (event.duplicate) {
      ctx.recorder.record(event);
      throw new DiscordError(400, 40060, 'Interaction has already been acknowledged.');
    }
    if (late) {
      ctx.log('interaction: late callback', { id: rec.id, elapsedMs });
      ctx.recorder.record(event);
      throw unknown.interaction();
    }
    if (!(ALLOWED[rec.type] ?? []).includes(response.type)) {
      throw invalidFormBody('type', `Callback type ${String(response.type)} is not valid for interaction type ${rec.type}`);
    }
    const data = response.data ?? {};
    const flags = typeof data.flags === 'number' ? data.flags : 0;
    let message: APIMessage | undefined;
    switch (response.type) {
      case RType.Message:
        validateMessageBody(data, files.length, true);
        message = this.createMessage(rec, data, files, flags);
        rec.originalId = message.id;
        break;
      case RType.DeferredMessage:
        message = this.createMessage(rec, {}, [], (flags & FLAG_EPHEMERAL) | FLAG_LOADING);
        rec.originalId = message.id;
        break;
      case RType.UpdateMessage: {
        validateMessageBody(data, files.length, false);
        const source = rec.sourceMessageId ? this.findMessage(rec.channelId, rec.sourceMessageId) : undefined;
        if (!source) throw unknown.message();
        message = applyEdit(ctx.state, source, data, files);
        this.storeEdited(rec, message);
        ctx.recorder.record({ kind: 'messageEdit', source: 'component-update', channelId: rec.channelId, message, body: data, files, interactionId: rec.id, at: Date.now() });
        break;
      }
      case RType.Autocomplete:
        validateChoices(data.choices);
        break;
      case RType.Modal:
        if (typeof data.custom_id !== 'string' || typeof data.title !== 'string' || data.title.length > 45) {
          throw invalidFormBody('data', 'A modal needs a custom_id and a title of at most 45 characters');
        }
        break;
      default:
        break;
    }
    rec.response = event;
    clearTimeout(rec.expiry);
    ctx.recorder.record(event);
    if (message && (response.type === RType.Message || response.type === RType.DeferredMessage)) {
      ctx.recorder.record({
        kind: 'message',
        source: 'interaction-response',
        channelId: rec.channelId,
        message,
        body: data,
        files,
        interactionId: rec.id,
        ephemeral: isEphemeral(message),
        at: Date.now(),
      });
    }
    if (query.get('with_response') !== 'true') return undefined;
    return {
      body: {
        interaction: {
          id: rec.id,
          type: rec.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: response.type === RType.DeferredMessage,
                response_message_ephemeral: isEphemeral(message),
              }
            : {}),
        },
        resource: { type: response.type, ...(message ? { message } : {}) },
      },
    };
  }
}
