import type { Config } from '../config.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import type { Logger } from '../log.js';
import type { BotStore } from '../store/store.js';

/** What every handler gets: built once in the composition root (src/index.ts) and passed down. */
export interface BotContext {
  config: Config;
  knowledge: KnowledgeService;
  store: BotStore;
  log: Logger;
  /** Milliseconds since the epoch; injected so cooldowns can be tested without waiting. */
  now: () => number;
}
