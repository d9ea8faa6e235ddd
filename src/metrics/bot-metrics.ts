import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a question reached the bot. */
export type QuestionVia = 'slash' | 'mention' | 'watched';
/** What the bot did with it; `silent`: a watched-channel message it was not sure enough to answer. */
export type QuestionOutcome = 'answer' | 'suggest' | 'decline' | 'silent';

/**
 * The servers counted one by one, at most: past them, a server's questions count under `server="other"`, so a
 * bot in thousands of servers does not grow thousands of time series.
 */
export const SERVERS_COUNTED_MAX = 50;

/** Answer latency buckets, in seconds: answers take milliseconds; the tail is a slow Discord. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * What the bot counts, for `/metrics` (ops-server.ts). Handlers call it; it knows nothing of Discord, and the
 * Prometheus names live here only.
 */
export interface BotMetrics {
  /** One question handled: how it came, what the bot did, in which server (null: a DM), and how long it took. */
  question(via: QuestionVia, outcome: QuestionOutcome, guildId: string | null, seconds: number): void;
  /** A handler or the knowledge sync failed on the database (not a refusal such as a stale edit). */
  storeError(): void;
  /** A handler failed for any other reason (a bug: the person got "something went wrong"). */
  handlerError(): void;
  /** Where the gateway's last heartbeat round trip is read from, once the client exists. */
  readGatewayPing(read: () => number): void;
  /** The registry to serve (Prometheus text format). */
  readonly registry: Registry;
}

export function createBotMetrics(serversMax = SERVERS_COUNTED_MAX): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'paa_' });
  const questions = new Counter({
    name: 'paa_questions_total',
    help: 'Questions handled, by how they came (slash, mention, watched) and what the bot did',
    labelNames: ['via', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'paa_answer_duration_seconds',
    help: 'From the question received to the reply sent',
    labelNames: ['via'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const byServer = new Counter({
    name: 'paa_server_questions_total',
    help: `Questions per server, for the first ${serversMax} servers seen; the rest under server="other"`,
    labelNames: ['server'] as const,
    registers: [registry],
  });
  const storeErrors = new Counter({ name: 'paa_store_errors_total', help: 'Database failures seen by handlers and the knowledge sync', registers: [registry] });
  const handlerErrors = new Counter({ name: 'paa_handler_errors_total', help: 'Handlers that failed for another reason', registers: [registry] });
  let ping: () => number = () => -1;
  new Gauge({
    name: 'paa_gateway_ping_seconds',
    help: 'The last gateway heartbeat round trip (-1: none yet)',
    registers: [registry],
    collect() {
      const ms = ping();
      this.set(ms >= 0 ? ms / 1000 : -1);
    },
  });
  const counted = new Set<string>();
  const serverLabel = (guildId: string | null): string => {
    const key = guildId ?? 'dm';
    if (counted.has(key)) return key;
    if (counted.size >= serversMax) return 'other';
    counted.add(key);
    return key;
  };
  return {
    registry,
    question(via, outcome, guildId, seconds) {
      questions.inc({ via, outcome });
      latency.observe({ via }, seconds);
      byServer.inc({ server: serverLabel(guildId) });
    },
    storeError: () => storeErrors.inc(),
    handlerError: () => handlerErrors.inc(),
    readGatewayPing(read) {
      ping = read;
    },
  };
}
