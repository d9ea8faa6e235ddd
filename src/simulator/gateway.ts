import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Recorder } from './recorder.js';
import type { SimState } from './state.js';
import { guildCreate } from './payloads.js';
import { shardOf } from './snowflake.js';
import { Intent, type SimLogger } from './types.js';

/** Gateway opcodes (discord-api-types' GatewayOpcodes, inlined to avoid a runtime dependency). */
const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** Discord's gateway close codes for a shard it will not accept. */
const Close = {
  InvalidShard: 4010,
  ShardingRequired: 4011,
} as const;

const PRIVILEGED = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;
/** How many dispatches a session keeps for RESUME replay. */
const REPLAY_BUFFER = 1000;

interface Session {
  id: string;
  intents: number;
  /** `[shardId, shardCount]` from IDENTIFY; `[0, 1]` (every guild) when it had none. */
  shard: [number, number];
  seq: number;
  buffer: { s: number; frame: string }[];
  socket: WebSocket | null;
}

export interface GatewayOptions {
  state: SimState;
  recorder: Recorder;
  heartbeatIntervalMs: number;
  applicationId: string;
  applicationFlags: number;
  /** If set, IDENTIFY/RESUME must carry this token (else close 4004 like Discord). */
  token?: string;
  /** Privileged intents enabled "in the developer portal"; requesting others closes with 4014. */
  privilegedIntents: number;
  /** If set, a session whose shard would hold more guilds than this is closed with 4011, as Discord does. */
  maxGuildsPerShard?: number;
  log: SimLogger;
  url: () => string;
}

/** Per-dispatch routing: whose event it is, which intent it needs and how to shape it for one session. */
export interface DispatchOptions {
  /**
   * The guild the event belongs to, or null for a DM: it goes only to the sessions whose shard holds that guild
   * (`(guild_id >> 22) % shard_count`; DMs on shard 0), as Discord routes it. Required, so no event forgets it.
   */
  guildId: string | null;
  intent?: number;
  shape?: (intents: number) => unknown;
}

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly sessionOf = new Map<WebSocket, Session>();
  /** When false, heartbeats go unanswered so the client declares the connection a zombie. */
  ackHeartbeats = true;

  constructor(private readonly opts: GatewayOptions) {
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Open, identified sessions. */
  get connectedSessions(): { sessionId: string; intents: number; seq: number; shard: [number, number] }[] {
    return [...this.sessions.values()]
      .filter((s) => s.socket?.readyState === WebSocket.OPEN)
      .map((s) => ({ sessionId: s.id, intents: s.intents, seq: s.seq, shard: [...s.shard] }));
  }

  /**
   * Sends (or, while a session is disconnected, queues for resume) a dispatch to every session whose shard holds
   * the guild and whose intents cover it.
   */
  dispatch(t: string, d: unknown, options: DispatchOptions): void {
    for (const session of this.sessions.values()) {
      if (!holds(session.shard, options.guildId)) continue;
      if (options.intent !== undefined && (session.intents & options.intent) === 0) continue;
      this.send(session, t, options.shape ? options.shape(session.intents) : d);
    }
  }

  /** Closes every gateway socket from the server side. 4000 (unknown error) makes discord.js resume. */
  disconnect(options: { code?: number; reason?: string; drop?: boolean } = {}): void {
    for (const socket of this.wss.clients) {
      if (options.drop) socket.terminate();
      else socket.close(options.code ?? 4000, options.reason ?? 'Simulated disconnect');
    }
  }

  /** Sends op 7 Reconnect: the client closes and resumes. */
  requestReconnect(): void {
    for (const socket of this.wss.clients) socket.send(JSON.stringify({ op: Op.Reconnect, d: null }));
  }

  /** Sends op 9 Invalid Session; with resumable=false the client must identify again. */
  invalidateSessions(resumable = false): void {
    for (const [socket, session] of this.sessionOf) {
      if (!resumable) this.sessions.delete(session.id);
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: resumable }));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.sessions.clear();
  }

  private send(session: Session, t: string, d: unknown): void {
    const s = ++session.seq;
    const frame = JSON.stringify({ op: Op.Dispatch, t, s, d });
    session.buffer.push({ s, frame });
    if (session.buffer.length > REPLAY_BUFFER) session.buffer.shift();
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(frame);
    this.opts.recorder.emit('dispatch', { t, s, sessionId: session.id });
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    this.opts.log('gateway: connection', { v: query.get('v'), encoding: query.get('encoding') });
    this.opts.recorder.record({ kind: 'gateway', event: 'connect', at: Date.now() });
    if (query.get('encoding') && query.get('encoding') !== 'json') {
      socket.close(4002, 'Only JSON encoding is simulated');
      return;
    }
    socket.on('message', (data) => this.onMessage(socket, data));
    socket.on('close', (code) => {
      const session = this.sessionOf.get(socket);
      this.sessionOf.delete(socket);
      if (session?.socket === socket) session.socket = null;
      // A client that closes with 1000/1001 ends its session; Discord will not let it resume.
      if (session && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
      this.opts.recorder.record({ kind: 'gateway', event: 'close', code, sessionId: session?.id, at: Date.now() });
    });
    socket.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs } }));
  }

  private onMessage(socket: WebSocket, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(data.toString()) as typeof payload;
    } catch {
      socket.close(4002, 'Decode error');
      return;
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    const session = this.sessionOf.get(socket);
    switch (payload.op) {
      case Op.Heartbeat:
        if (this.ackHeartbeats) socket.send(JSON.stringify({ op: Op.HeartbeatAck }));
        return;
      case Op.Identify:
        if (session) socket.close(4005, 'Already authenticated');
        else this.identify(socket, d);
        return;
      case Op.Resume:
        this.resume(socket, d);
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
        if (!session) socket.close(4003, 'Not authenticated');
        return;
      case Op.RequestGuildMembers:
        if (!session) socket.close(4003, 'Not authenticated');
        else this.sendMemberChunk(session, d);
        return;
      default:
        this.opts.log('gateway: unknown opcode', { op: payload.op });
        socket.close(4001, 'Unknown opcode');
    }
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): void {
    const { state, recorder } = this.opts;
    if (this.opts.token !== undefined && d.token !== this.opts.token) {
      socket.close(4004, 'Authentication failed');
      return;
    }
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    if (intents & PRIVILEGED & ~this.opts.privilegedIntents) {
      socket.close(4014, 'Disallowed intent(s)');
      return;
    }
    // Without `shard`, a session is shard 0 of 1: every guild, as before sharding.
    const shard = d.shard === undefined ? [0, 1] : d.shard;
    if (!validShard(shard)) {
      this.opts.log('gateway: invalid shard', { shard });
      socket.close(Close.InvalidShard, 'Invalid shard');
      return;
    }
    const guilds = [...state.guilds.values()].filter((g) => holds(shard, g.id));
    if (this.opts.maxGuildsPerShard !== undefined && guilds.length > this.opts.maxGuildsPerShard) {
      socket.close(Close.ShardingRequired, 'Sharding required');
      return;
    }
    const session: Session = { id: state.ids.next(), intents, shard, seq: 0, buffer: [], socket };
    this.sessions.set(session.id, session);
    this.sessionOf.set(socket, session);
    recorder.record({ kind: 'gateway', event: 'identify', sessionId: session.id, intents, shard, at: Date.now() });
    this.opts.log('gateway: identify', { sessionId: session.id, intents, shard });
    this.send(session, 'READY', {
      v: 10,
      user: { ...state.apiUser(state.botUser.id), bot: true, verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.opts.url(),
      shard: session.shard,
      application: { id: this.opts.applicationId, flags: this.opts.applicationFlags },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['["paa-simulator",{"micros":0}]'],
    });
    // Discord streams each guild lazily after READY, which is why READY lists them unavailable.
    for (const guild of guilds) this.send(session, 'GUILD_CREATE', guildCreate(state, guild, intents));
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): void {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const tokenOk = this.opts.token === undefined || d.token === this.opts.token;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (!session || !tokenOk || seq > session.seq) {
      this.opts.recorder.record({ kind: 'gateway', event: 'invalidSession', at: Date.now() });
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
      return;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    this.sessionOf.set(socket, session);
    const missed = session.buffer.filter((entry) => entry.s > seq);
    for (const entry of missed) socket.send(entry.frame);
    this.opts.recorder.record({
      kind: 'gateway',
      event: 'resume',
      sessionId: session.id,
      replayed: missed.length,
      at: Date.now(),
    });
    this.send(session, 'RESUMED', null);
  }

  private sendMemberChunk(session: Session, d: Record<string, unknown>): void {
    const { state } = this.opts;
    const guild = typeof d.guild_id === 'string' ? state.guilds.get(d.guild_id) : undefined;
    if (!guild || !holds(session.shard, guild.id)) return;
    const wanted = Array.isArray(d.user_ids) ? (d.user_ids as string[]) : typeof d.user_ids === 'string' ? [d.user_ids] : undefined;
    const prefix = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const ids = [...guild.members.keys()].filter((id) =>
      wanted ? wanted.includes(id) : state.requireUser(id).username.toLowerCase().startsWith(prefix),
    );
    this.send(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: ids.map((id) => state.apiMember(guild.id, id)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: wanted ? wanted.filter((id) => !guild.members.has(id)) : [],
      ...(d.nonce === undefined ? {} : { nonce: d.nonce }),
    });
  }
}

/** Discord's rule for IDENTIFY's `shard`: `[shard_id, num_shards]`, whole numbers, `0 <= shard_id < num_shards`. */
function validShard(shard: unknown): shard is [number, number] {
  if (!Array.isArray(shard) || shard.length !== 2) return false;
  const [id, count] = shard as unknown[];
  return Number.isInteger(id) && Number.isInteger(count) && (count as number) >= 1 && (id as number) >= 0 && (id as number) < (count as number);
}

/** Whether a session on `shard` receives the events of this guild (null: a DM, which Discord sends to shard 0). */
function holds([shardId, shardCount]: [number, number], guildId: string | null): boolean {
  if (shardCount === 1) return true;
  return shardOf(guildId ?? '0', shardCount) === shardId;
}
