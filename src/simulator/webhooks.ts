import type { APIMessage } from 'discord-api-types/v10';
import { dispatchMessageDelete, type SimContext } from './context.js';
import { unknown, type RouteContext, type Router } from './http.js';
import type { InteractionRecord, Interactions } from './interactions.js';
import { applyEdit, isEphemeral, storeUploads } from './messages.js';
import { validateMessageBody } from './validate.js';

type Obj = Record<string, unknown>;

/**
 * The interaction webhook: `/webhooks/:appId/:token` with the interaction token. discord.js
 * calls these without the bot token (auth: false), so they are registered unauthenticated.
 */
export function registerWebhookRoutes(router: Router, ctx: SimContext, interactions: Interactions): void {
  const target = (rec: InteractionRecord, ref: string): APIMessage => {
    const id = ref === '@original' ? rec.originalId : ref;
    if (!id || (ref !== '@original' && !rec.messages.has(id))) throw unknown.message();
    const message = interactions.findMessage(rec.channelId, id);
    if (!message) throw unknown.message();
    return message;
  };
  const sourceOf = (rec: InteractionRecord, message: APIMessage) =>
    message.id === rec.originalId && rec.messages.has(message.id) ? 'interaction-response' : rec.messages.has(message.id) ? 'follow-up' : 'component-update';

  const get = ({ params }: RouteContext) => {
    const rec = interactions.recordForToken(params.appId ?? '', params.token ?? '');
    return { body: target(rec, params.messageId ?? '') };
  };

  const patch = ({ params, body, files }: RouteContext) => {
    const rec = interactions.recordForToken(params.appId ?? '', params.token ?? '');
    const data = (body ?? {}) as Obj;
    const message = target(rec, params.messageId ?? '');
    const stored = storeUploads(ctx.state, ctx.baseUrl(), rec.channelId, files, data);
    validateMessageBody(data, stored.length, false);
    const updated = applyEdit(ctx.state, message, data, stored);
    interactions.storeEdited(rec, updated);
    ctx.recorder.record({
      kind: 'messageEdit',
      source: sourceOf(rec, updated),
      channelId: rec.channelId,
      message: updated,
      body: data,
      files: stored,
      interactionId: rec.id,
      at: Date.now(),
    });
    return { body: updated };
  };

  const remove = ({ params }: RouteContext) => {
    const rec = interactions.recordForToken(params.appId ?? '', params.token ?? '');
    const message = target(rec, params.messageId ?? '');
    rec.messages.delete(message.id);
    if (!isEphemeral(message)) {
      const list = ctx.state.messages.get(message.channel_id);
      const i = list?.findIndex((m) => m.id === message.id) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
      dispatchMessageDelete(ctx, message.channel_id, message.id);
    }
    ctx.recorder.record({ kind: 'messageDelete', channelId: message.channel_id, messageId: message.id, interactionId: rec.id, at: Date.now() });
    return undefined;
  };

  const followUp = ({ params, body, files, query }: RouteContext) => {
    const rec = interactions.recordForToken(params.appId ?? '', params.token ?? '');
    // A follow-up needs an acknowledged interaction; before that the webhook does not exist yet.
    if (!rec.response) throw unknown.webhook();
    const data = (body ?? {}) as Obj;
    const stored = storeUploads(ctx.state, ctx.baseUrl(), rec.channelId, files, data);
    validateMessageBody(data, stored.length, true);
    const flags = typeof data.flags === 'number' ? data.flags : 0;
    const message = interactions.createMessage(rec, data, stored, flags);
    ctx.recorder.record({
      kind: 'message',
      source: 'follow-up',
      channelId: rec.channelId,
      message,
      body: data,
      files: stored,
      interactionId: rec.id,
      ephemeral: isEphemeral(message),
      at: Date.now(),
    });
    // Without ?wait=true Discord answers 204 and the caller gets no message back.
    return query.get('wait') === 'true' ? { body: message } : undefined;
  };

  const base = '/webhooks/:appId/:token';
  router.add('POST', base, followUp, { auth: false });
  router.add('GET', `${base}/messages/:messageId`, get, { auth: false });
  router.add('PATCH', `${base}/messages/:messageId`, patch, { auth: false });
  router.add('DELETE', `${base}/messages/:messageId`, remove, { auth: false });
}
