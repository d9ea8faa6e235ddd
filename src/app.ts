import { Status, type Client } from 'discord.js';
import type { Config } from './config.js';
import { createBot } from './discord/bot.js';
import type { BotContext } from './discord/context.js';
import { Drafts } from './discord/faq/drafts.js';
import { InFlight } from './discord/in-flight.js';
import { createEditableKnowledge } from './knowledge/editable-knowledge.js';
import type { Entry } from './knowledge/entry.js';
import { loadKnowledgeBase, type KnowledgeBase } from './knowledge/files.js';
import type { Logger } from './log.js';
import { createBotMetrics, type BotMetrics } from './metrics/bot-metrics.js';
import type { Health } from './metrics/ops-server.js';
import { openStore } from './store/index.js';

/** How long a moderator's preview or draft waits for a click. */
const DRAFT_TTL_MS = 15 * 60_000;
/** How often the bot looks for knowledge changes made by another process (`npm run kb`). */
const SYNC_INTERVAL_MS = 5_000;
/**
 * How long shutdown waits for questions already received. Discord gives an interaction 3 s for its first
 * response and 15 min for follow-ups; every handler here answers in well under a second, so 5 s is room for a
 * slow store, and still inside the 10 s a process manager waits before it kills.
 */
export const DRAIN_MS = 5_000;

export interface App {
  ctx: BotContext;
  client: Client;
  metrics: BotMetrics;
  /** What `/healthz` reports: connected to the gateway, and the database takes a write. */
  health(): Promise<Health>;
  /**
   * Stops cleanly: closes the gateway (no new questions arrive), waits up to `drainMs` for the handlers already
   * running, then closes the client and the store. Resolves with how many handlers were cut off (0: none).
   */
  close(drainMs?: number): Promise<number>;
}

/**
 * Wires the bot: store → knowledge (shipped files overlaid with each server's edits) → context → client. The
 * composition root (src/index.ts) and the playground both start the bot through here, so they run the same thing.
 * Throws KnowledgeError for a bad knowledge/ folder and StoreError for an unusable database. `metrics` is
 * passed in by a caller that serves them before the app exists (src/index.ts).
 */
export async function createApp(
  config: Config,
  log: Logger,
  shipped: KnowledgeBase | readonly Entry[] = loadKnowledgeBase(config.knowledgeDir),
  metrics: BotMetrics = createBotMetrics(),
): Promise<App> {
  const store = await openStore(config.database);
  const ctx: BotContext = {
    config,
    log,
    metrics,
    store,
    knowledge: createEditableKnowledge(shipped, store),
    drafts: new Drafts(DRAFT_TTL_MS, Date.now),
    now: Date.now,
  };
  const inFlight = new InFlight();
  const client = createBot(ctx, inFlight);
  metrics.readGatewayPing(() => client.ws.ping);
  const syncNow = async () => {
    try {
      const changed = await ctx.knowledge.sync();
      if (changed > 0) log.info({ event: 'knowledge-synced', changed }, 'picked up knowledge changes from the store');
    } catch (error) {
      log.error({ event: 'knowledge-sync-failed', err: error }, 'could not read knowledge changes');
      metrics.storeError();
    }
  };
  // A store that announces changes (PostgreSQL) is read as soon as one is committed; the poll stays, as the
  // fallback for a store that cannot announce (SQLite) and for an announcement lost with a connection.
  const unsubscribe = store.subscribe?.(() => void syncNow());
  const sync = setInterval(() => void syncNow(), SYNC_INTERVAL_MS);
  sync.unref();
  return {
    ctx,
    client,
    metrics,
    health: async () => ({ gateway: client.ws.status === Status.Ready, store: await store.writable() }),
    async close(drainMs = DRAIN_MS) {
      clearInterval(sync);
      unsubscribe?.();
      // The gateway first and alone: client.destroy() would also drop the REST token the answers still need.
      // discord.js has no public call for that; Client.destroy() uses this one, typed private.
      await (client.ws as unknown as { destroy(): Promise<void> }).destroy();
      const cutOff = await inFlight.settled(drainMs);
      await client.destroy();
      await store.close();
      return cutOff;
    },
  };
}
