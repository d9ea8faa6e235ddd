/**
 * A local Discord: REST v10 + JSON gateway on 127.0.0.1, enough for the real discord.js Client
 * to log in (any token) and run unchanged. Tests and the playground script users through it and
 * read back everything the bot sent. Start with {@link startSimulator}.
 */
import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import { CommandStore } from './commands.js';
import type { SimContext } from './context.js';
import { Gateway } from './gateway.js';
import { InteractionHandle } from './handle.js';
import { Router } from './http.js';
import * as actions from './interaction-actions.js';
import { Interactions, type InteractionRecord } from './interactions.js';
import { Recorder, type SimulatorEvents } from './recorder.js';
import { registerRestRoutes } from './rest.js';
import { SimServer } from './server.js';
import { SimState } from './state.js';
import { SimulatorWorld } from './world.js';
import { Intent } from './types.js';
import { DEFAULT_GUILD, type SimulatorOptions } from './options.js';
import type { RecordedEvent, RecordedRequest } from './types.js';
import { createForumThread, sendUserMessage, type CreateThreadInput, type SendMessageInput } from './user-actions.js';
import { registerWebhookRoutes } from './webhooks.js';

export * from './types.js';
export { DEFAULT_GUILD, type SimulatorOptions } from './options.js';
export type * from './interaction-actions.js';
export type { SendMessageInput, CreateThreadInput } from './user-actions.js';
export type { OptionInput, InteractionWhere } from './interaction-payloads.js';
export { InteractionHandle } from './handle.js';
export { SimulatorTimeoutError, type SimulatorEvents } from './recorder.js';
export { shardOf } from './snowflake.js';

/** Starts a simulator listening on 127.0.0.1 (random port unless `port` is given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = new Simulator(options);
  await sim.listen();
  return sim;
}

export class Simulator extends SimulatorWorld {
  private urls = { base: '', api: '', gateway: '' };
  readonly applicationId: string;
  protected readonly ctx: SimContext;
  protected readonly gateway: Gateway;
  private readonly interactions: Interactions;
  private readonly server: SimServer;
  private readonly recorder: Recorder;

  constructor(private readonly options: SimulatorOptions = {}) {
    super();
    this.recorder = new Recorder();
    const state = new SimState(options.botUser ?? {});
    for (const user of options.users ?? []) state.addUser(user);
    for (const guild of options.guilds ?? [DEFAULT_GUILD]) state.addGuild(guild);
    this.applicationId = options.applicationId ?? state.botUser.id;
    const log = options.log ?? (() => {});
    const pi = options.privilegedIntents ?? {};
    this.gateway = new Gateway({
      state,
      recorder: this.recorder,
      log,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      applicationId: this.applicationId,
      applicationFlags: options.applicationFlags ?? 0,
      token: options.token,
      ...(options.maxGuildsPerShard !== undefined && { maxGuildsPerShard: options.maxGuildsPerShard }),
      privilegedIntents:
        (pi.guildMembers === false ? 0 : Intent.GuildMembers) |
        (pi.guildPresences === false ? 0 : Intent.GuildPresences) |
        (pi.messageContent === false ? 0 : Intent.MessageContent),
      url: () => this.gatewayUrl,
    });
    this.ctx = {
      state,
      recorder: this.recorder,
      gateway: this.gateway,
      commands: new CommandStore(state, this.applicationId),
      log,
      applicationId: this.applicationId,
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
      requireRegisteredCommands: options.requireRegisteredCommands ?? true,
      baseUrl: () => this.baseUrl,
    };
    this.interactions = new Interactions(this.ctx);
    const router = new Router();
    registerRestRoutes(router, this.ctx, this.interactions, { gatewayUrl: () => this.gatewayUrl, applicationFlags: options.applicationFlags ?? 0, maxConcurrency: options.maxConcurrency ?? 1 });
    registerWebhookRoutes(router, this.ctx, this.interactions);
    this.server = new SimServer({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, router, gateway: this.gateway, recorder: this.recorder, state, token: options.token, restDelayMs: options.restDelayMs ?? 0, log });
  }

  /** @internal Use {@link startSimulator}. */
  async listen(): Promise<void> {
    const port = await this.server.listen();
    const host = this.options.host ?? '127.0.0.1';
    const base = `http://${host}:${port}`;
    this.urls = { base, api: `${base}/api`, gateway: `ws://${host}:${port}/gateway` };
  }

  /** Pass to the Client as `rest: { api: simulator.apiUrl }`. Like `http://127.0.0.1:PORT/api`. */
  get apiUrl(): string {
    return this.urls.api;
  }

  /** The gateway URL /gateway/bot hands out, like `ws://127.0.0.1:PORT/gateway`. */
  get gatewayUrl(): string {
    return this.urls.gateway;
  }

  /** `http://127.0.0.1:PORT`, where attachments are served under /attachments. */
  get baseUrl(): string {
    return this.urls.base;
  }

  /** Closes every socket and the server. Pending waits time out on their own. */
  async close(): Promise<void> {
    this.interactions.close();
    await this.gateway.close();
    await this.server.close();
    this.recorder.removeAllListeners();
  }

  // ---- Scripted users --------------------------------------------------------------------------

  /** A user posts a message: MESSAGE_CREATE with author, member and parsed mentions. */
  sendMessage(input: SendMessageInput): APIMessage {
    return sendUserMessage(this.ctx, input);
  }

  /** A user opens a forum post: THREAD_CREATE, then the starter message in the thread. */
  createThread(input: CreateThreadInput): { thread: Record<string, unknown>; message: APIMessage } {
    return createForumThread(this.ctx, input);
  }

  private handle(rec: InteractionRecord): InteractionHandle {
    return new InteractionHandle(rec, this.interactions, this.recorder, this.ctx.interactionDeadlineMs);
  }

  /** A user runs a slash command (INTERACTION_CREATE type 2, data.type 1). */
  slashCommand(input: actions.SlashCommandInput): InteractionHandle {
    return this.handle(actions.chatInput(this.ctx, this.interactions, input));
  }

  /** A user types in an autocomplete option (type 4); `await handle.choices()` for the answer. */
  autocomplete(input: actions.AutocompleteInput): InteractionHandle {
    return this.handle(actions.chatInput(this.ctx, this.interactions, input, input.focused));
  }

  /** A user clicks a button on a message the bot sent (type 3, component_type 2). */
  clickButton(input: actions.ComponentInput): InteractionHandle {
    return this.handle(actions.component(this.ctx, this.interactions, input, 2));
  }

  /** A user picks options in a string select (type 3, component_type 3). */
  selectMenu(input: actions.SelectMenuInput): InteractionHandle {
    return this.handle(actions.component(this.ctx, this.interactions, input, 3, input.values));
  }

  /** A user submits a modal the bot showed (type 5). */
  submitModal(input: actions.SubmitModalInput): InteractionHandle {
    return this.handle(actions.modalSubmit(this.ctx, this.interactions, input));
  }

  /** A user runs a message context-menu command (type 2, data.type 3). */
  messageCommand(input: actions.MessageCommandInput): InteractionHandle {
    return this.handle(actions.messageCommand(this.ctx, this.interactions, input));
  }

  /** A user runs a user context-menu command (type 2, data.type 2). */
  userCommand(input: actions.UserCommandInput): InteractionHandle {
    return this.handle(actions.userCommand(this.ctx, this.interactions, input));
  }

  // ---- What the bot did --------------------------------------------------------------------

  /** Everything recorded so far, in order. */
  get events(): readonly RecordedEvent[] {
    return this.recorder.events;
  }

  /** Every REST request received (for debugging). */
  get requests(): readonly RecordedRequest[] {
    return this.recorder.requests;
  }

  /** Registered commands: global when guildId is omitted. */
  commands(guildId?: string): APIApplicationCommand[] {
    return [...this.ctx.commands.list(guildId ?? null)];
  }

  /** Waits until commands with all these names are registered (globally, or in guildId). */
  waitForCommands(names: string[], options: { guildId?: string; timeoutMs?: number } = {}): Promise<APIApplicationCommand[]> {
    return this.recorder.until(
      () => {
        const list = this.commands(options.guildId);
        return names.every((n) => list.some((c) => c.name === n)) ? list : undefined;
      },
      options.timeoutMs ?? 5000,
      `commands ${names.join(', ')} to be registered`,
    );
  }

  /** Waits for a recorded event (past ones count). */
  waitFor<E extends RecordedEvent = RecordedEvent>(predicate: (event: RecordedEvent) => boolean, timeoutMs = 5000): Promise<E> {
    return this.recorder.waitFor<E>(predicate, timeoutMs);
  }

  on<K extends keyof SimulatorEvents>(name: K, listener: (...args: SimulatorEvents[K]) => void): this {
    this.recorder.on(name, listener);
    return this;
  }

  off<K extends keyof SimulatorEvents>(name: K, listener: (...args: SimulatorEvents[K]) => void): this {
    this.recorder.off(name, listener);
    return this;
  }

  // ---- Fault injection ---------------------------------------------------------------------

  /**
   * Answers the next `count` requests matching `path` (e.g. `/channels/:id/messages`, after /api/v10)
   * with 429, `retry_after` and X-RateLimit-* headers. `global` defaults to false.
   */
  rateLimit(rule: { path: string | RegExp; method?: string; count?: number; retryAfterMs?: number; global?: boolean }): void {
    this.server.rateLimits.push({
      path: rule.path,
      method: rule.method,
      remaining: rule.count ?? 1,
      retryAfterMs: rule.retryAfterMs ?? 100,
      global: rule.global ?? false,
    });
  }

  /**
   * Closes the bot's gateway connection from the server side. The default code 4000 makes
   * discord.js resume; 1000 makes it identify afresh; `drop: true` kills the TCP socket (1006, resume).
   */
  disconnect(options: { code?: number; reason?: string; drop?: boolean } = {}): void {
    this.gateway.disconnect(options);
  }

  /** Sends op 7 Reconnect (the client reconnects and resumes). */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Sends op 9 Invalid Session; not resumable by default, so the client re-identifies. */
  invalidateSessions(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  /** Stop (false) or resume (true) answering heartbeats, to make the client detect a zombie connection. */
  ackHeartbeats(enabled: boolean): void {
    this.gateway.ackHeartbeats = enabled;
  }

  /** Identified gateway sessions with an open socket, each with its `[shardId, shardCount]`. */
  get sessions(): { sessionId: string; intents: number; seq: number; shard: [number, number] }[] {
    return this.gateway.connectedSessions;
  }
}
