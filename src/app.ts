import type { Client } from 'discord.js';
import type { Config } from './config.js';
import { createBot } from './discord/bot.js';
import type { BotContext } from './discord/context.js';
import { Drafts } from './discord/faq/drafts.js';
import { createEditableKnowledge } from './knowledge/editable-knowledge.js';
import type { Entry } from './knowledge/entry.js';
import { loadKnowledgeBase, type KnowledgeBase } from './knowledge/files.js';
import type { Logger } from './log.js';
import { openStore } from './store/index.js';

/** How long a moderator's preview or draft waits for a click. */
const DRAFT_TTL_MS = 15 * 60_000;
/** How often the bot looks for knowledge changes made by another process (`npm run kb`). */
const SYNC_INTERVAL_MS = 5_000;

export interface App {
  ctx: BotContext;
  client: Client;
  /** Closes the Discord connection and the store. */
  close(): Promise<void>;
}

/**
 * Wires the bot: store → knowledge (shipped files overlaid with each server's edits) → context → client. The
 * composition root (src/index.ts) and the playground both start the bot through here, so they run the same thing.
 * Throws KnowledgeError for a bad knowledge/ folder and StoreError for an unusable database.
 */
export function createApp(config: Config, log: Logger, shipped: KnowledgeBase | readonly Entry[] = loadKnowledgeBase(config.knowledgeDir)): App {
  const store = openStore(config.database);
  const ctx: BotContext = {
    config,
    log,
    store,
    knowledge: createEditableKnowledge(shipped, store),
    drafts: new Drafts(DRAFT_TTL_MS, Date.now),
    now: Date.now,
  };
  const client = createBot(ctx);
  const sync = setInterval(() => {
    try {
      const changed = ctx.knowledge.sync();
      if (changed > 0) log.info({ event: 'knowledge-synced', changed }, 'picked up knowledge changes from the store');
    } catch (error) {
      log.error({ event: 'knowledge-sync-failed', err: error }, 'could not read knowledge changes');
    }
  }, SYNC_INTERVAL_MS);
  sync.unref();
  return {
    ctx,
    client,
    async close() {
      clearInterval(sync);
      await client.destroy();
      store.close();
    },
  };
}
