import type { APIMessage } from 'discord-api-types/v10';
import { dispatchMessage, dispatchMessageDelete, type SimContext } from './context.js';
import { DiscordError, invalidFormBody, unknown, type RouteContext, type Router } from './http.js';
import type { Interactions } from './interactions.js';
import { applyEdit, buildMessage, commitMessage, replaceMessage, storeUploads } from './messages.js';
import { apiChannel, isThread, restGuild } from './payloads.js';
import { Intent } from './types.js';
import type { RecordedCommands } from './types.js';
import { validateMessageBody } from './validate.js';

type Obj = Record<string, unknown>;

/** Registers the bot-token REST routes under /api/v10. */
export function registerRestRoutes(
  router: Router,
  ctx: SimContext,
  interactions: Interactions,
  app: { gatewayUrl: () => string; applicationFlags: number; maxConcurrency: number },
): void {
  const { state } = ctx;
  const p = (c: RouteContext, key: string) => c.params[key] ?? '';
  const channelOf = (id: string) => {
    const ch = state.channels.get(id);
    if (!ch) throw unknown.channel();
    return ch;
  };
  const guildOf = (id: string) => {
    const g = state.guilds.get(id);
    if (!g) throw unknown.guild();
    return g;
  };
  const messageOf = (channelId: string, id: string): APIMessage => {
    const m = state.findMessage(channelOf(channelId).id, id);
    if (!m) throw unknown.message();
    return m;
  };

  router.add('GET', '/gateway/bot', () => ({
    body: {
      url: app.gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: app.maxConcurrency },
    },
  }));
  router.add('GET', '/gateway', () => ({ body: { url: app.gatewayUrl() } }));
  router.add('GET', '/users/@me', () => ({
    body: { ...state.apiUser(state.botUser.id), bot: true, verified: true, mfa_enabled: false, flags: 0 },
  }));
  router.add('GET', '/users/:userId', (c) => {
    if (!state.users.has(p(c, 'userId'))) throw unknown.user();
    return { body: state.apiUser(p(c, 'userId')) };
  });
  const application = () => ({
    body: {
      id: ctx.applicationId,
      name: state.botUser.username,
      icon: null,
      description: '',
      summary: '',
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: app.applicationFlags,
      team: null,
      owner: state.apiUser([...state.guilds.values()][0]?.ownerId ?? state.botUser.id),
      bot: state.apiUser(state.botUser.id),
      approximate_guild_count: state.guilds.size,
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      integration_types_config: { '0': {} },
    },
  });
  router.add('GET', '/applications/@me', application);
  router.add('GET', '/oauth2/applications/@me', application);

  registerCommandRoutes(router, ctx, p);

  router.add('GET', '/channels/:channelId', (c) => ({ body: apiChannel(state, channelOf(p(c, 'channelId'))) }));
  router.add('PATCH', '/channels/:channelId', (c) => {
    const ch = channelOf(p(c, 'channelId'));
    const body = (c.body ?? {}) as Obj;
    if (typeof body.name === 'string') ch.name = body.name;
    if (typeof body.topic === 'string' || body.topic === null) ch.topic = body.topic;
    if (isThread(ch)) {
      if (Array.isArray(body.applied_tags)) {
        const allowed = new Set(state.channels.get(ch.parentId ?? '')?.availableTags.map((t) => t.id) ?? []);
        const tags = body.applied_tags.map(String);
        if (tags.some((t) => !allowed.has(t)) || tags.length > 5) throw invalidFormBody('applied_tags', 'Invalid tag', 'BASE_TYPE_CHOICES');
        ch.appliedTags = tags;
      }
      if (typeof body.archived === 'boolean') ch.archived = body.archived;
      if (typeof body.locked === 'boolean') ch.locked = body.locked;
    }
    ctx.recorder.record({ kind: 'channelEdit', channelId: ch.id, body, at: Date.now() });
    const payload = apiChannel(state, ch);
    ctx.gateway.dispatch(isThread(ch) ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE', payload, { guildId: ch.guildId, intent: Intent.Guilds });
    return { body: payload };
  });
  // Joining or leaving a thread has no visible effect here; discord.js calls these from thread.join()/leave().
  router.add('PUT', '/channels/:channelId/thread-members/@me', (c) => (channelOf(p(c, 'channelId')), undefined));
  router.add('DELETE', '/channels/:channelId/thread-members/@me', (c) => (channelOf(p(c, 'channelId')), undefined));
  router.add('GET', '/channels/:channelId/messages', (c) => {
    const list = [...(state.messages.get(channelOf(p(c, 'channelId')).id) ?? [])].reverse();
    const limit = Math.min(Number(c.query.get('limit') ?? 50), 100);
    const before = c.query.get('before');
    return { body: (before ? list.filter((m) => BigInt(m.id) < BigInt(before)) : list).slice(0, limit) };
  });
  router.add('GET', '/channels/:channelId/messages/:messageId', (c) => ({ body: messageOf(p(c, 'channelId'), p(c, 'messageId')) }));
  router.add('POST', '/channels/:channelId/messages', (c) => {
    const channel = channelOf(p(c, 'channelId'));
    const body = (c.body ?? {}) as Obj;
    const files = storeUploads(state, ctx.baseUrl(), channel.id, c.files, body);
    validateMessageBody(body, files.length, true);
    const ref = body.message_reference as Obj | undefined;
    let replyTo: APIMessage | undefined;
    if (ref && typeof ref.message_id === 'string') {
      replyTo = state.findMessage(typeof ref.channel_id === 'string' ? ref.channel_id : channel.id, ref.message_id);
      // fail_if_not_exists defaults to true: replying to a deleted message is an error unless opted out.
      if (!replyTo && ref.fail_if_not_exists !== false) {
        throw invalidFormBody('message_reference', 'Unknown message', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE');
      }
    }
    const message = buildMessage(state, {
      channelId: channel.id,
      authorId: state.botUser.id,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      files,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      replyTo,
      allowedMentions: body.allowed_mentions,
      tts: body.tts === true,
      nonce: typeof body.nonce === 'string' || typeof body.nonce === 'number' ? body.nonce : undefined,
    });
    commitMessage(state, message);
    ctx.recorder.record({ kind: 'message', source: 'channel', channelId: channel.id, message, body, files, ephemeral: false, at: Date.now() });
    dispatchMessage(ctx, 'MESSAGE_CREATE', message);
    return { body: message };
  });
  router.add('PATCH', '/channels/:channelId/messages/:messageId', (c) => {
    const existing = messageOf(p(c, 'channelId'), p(c, 'messageId'));
    if (existing.author.id !== state.botUser.id) throw new DiscordError(403, 50005, 'Cannot edit a message authored by another user');
    const body = (c.body ?? {}) as Obj;
    const files = storeUploads(state, ctx.baseUrl(), existing.channel_id, c.files, body);
    validateMessageBody(body, files.length, false);
    const message = applyEdit(state, existing, body, files);
    replaceMessage(state, message);
    ctx.recorder.record({ kind: 'messageEdit', source: 'channel', channelId: message.channel_id, message, body, files, at: Date.now() });
    dispatchMessage(ctx, 'MESSAGE_UPDATE', message);
    return { body: message };
  });
  router.add('DELETE', '/channels/:channelId/messages/:messageId', (c) => {
    const m = messageOf(p(c, 'channelId'), p(c, 'messageId'));
    const list = state.messages.get(m.channel_id) ?? [];
    list.splice(list.indexOf(m), 1);
    ctx.recorder.record({ kind: 'messageDelete', channelId: m.channel_id, messageId: m.id, at: Date.now() });
    dispatchMessageDelete(ctx, m.channel_id, m.id);
    return undefined;
  });
  router.add('POST', '/channels/:channelId/typing', (c) => {
    ctx.recorder.record({ kind: 'typing', channelId: channelOf(p(c, 'channelId')).id, at: Date.now() });
    return undefined;
  });
  const react = (removed: boolean) => (c: RouteContext) => {
    const m = messageOf(p(c, 'channelId'), p(c, 'messageId'));
    ctx.recorder.record({ kind: 'reaction', channelId: m.channel_id, messageId: m.id, emoji: p(c, 'emoji'), removed, at: Date.now() });
    return undefined;
  };
  router.add('PUT', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', react(false));
  router.add('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', react(true));

  router.add('GET', '/guilds/:guildId', (c) => ({ body: restGuild(state, guildOf(p(c, 'guildId'))) }));
  router.add('GET', '/guilds/:guildId/channels', (c) => ({
    body: guildOf(p(c, 'guildId')).channelIds.map((id) => apiChannel(state, state.requireChannel(id))),
  }));
  router.add('GET', '/guilds/:guildId/roles', (c) => ({ body: [...guildOf(p(c, 'guildId')).roles.values()].map((r) => state.apiRole(r)) }));
  router.add('GET', '/guilds/:guildId/members/:userId', (c) => {
    const member = state.apiMember(guildOf(p(c, 'guildId')).id, p(c, 'userId'));
    if (!member) throw unknown.member();
    return { body: member };
  });

  router.add('POST', '/interactions/:id/:token/callback', (c) => interactions.callback(p(c, 'id'), p(c, 'token'), c.body, c.files, c.query), { auth: false });
}

function registerCommandRoutes(router: Router, ctx: SimContext, p: (c: RouteContext, key: string) => string): void {
  const scope = (c: RouteContext): string | null => {
    if (p(c, 'appId') !== ctx.applicationId) throw new DiscordError(403, 50001, 'Missing Access');
    const guildId = c.params.guildId ?? null;
    if (guildId !== null && !ctx.state.guilds.has(guildId)) throw new DiscordError(403, 50001, 'Missing Access');
    return guildId;
  };
  const record = (guildId: string | null, method: RecordedCommands['method'], body: unknown) => {
    ctx.recorder.record({ kind: 'commands', guildId, method, commands: [...ctx.commands.list(guildId)], body, at: Date.now() });
    ctx.log('commands: registered', { guildId, method, names: ctx.commands.list(guildId).map((c) => c.name) });
  };
  for (const base of ['/applications/:appId/commands', '/applications/:appId/guilds/:guildId/commands']) {
    router.add('GET', base, (c) => ({ body: ctx.commands.list(scope(c)) }));
    router.add('PUT', base, (c) => {
      const guildId = scope(c);
      const result = ctx.commands.bulkOverwrite(guildId, c.body);
      record(guildId, 'PUT', c.body);
      return { body: result };
    });
    router.add('POST', base, (c) => {
      const guildId = scope(c);
      const existed = ctx.commands.list(guildId).length;
      const command = ctx.commands.upsert(guildId, c.body);
      record(guildId, 'POST', c.body);
      return { status: ctx.commands.list(guildId).length > existed ? 201 : 200, body: command };
    });
    router.add('GET', `${base}/:commandId`, (c) => {
      const command = ctx.commands.list(scope(c)).find((x) => x.id === p(c, 'commandId'));
      if (!command) throw unknown.command();
      return { body: command };
    });
    router.add('PATCH', `${base}/:commandId`, (c) => {
      const guildId = scope(c);
      const command = ctx.commands.edit(guildId, p(c, 'commandId'), c.body);
      record(guildId, 'PATCH', c.body);
      return { body: command };
    });
    router.add('DELETE', `${base}/:commandId`, (c) => {
      const guildId = scope(c);
      ctx.commands.delete(guildId, p(c, 'commandId'));
      record(guildId, 'DELETE', undefined);
      return undefined;
    });
  }
}
