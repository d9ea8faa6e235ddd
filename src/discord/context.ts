import type { Config } from '../config.js';
import type { EditableKnowledge } from '../knowledge/editable-knowledge.js';
import type { Drafts } from './faq/drafts.js';
import type { FaqDraft } from './faq/draft-kinds.js';
import type { Logger } from '../log.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import type { BotStore } from '../store/store.js';

/** What every handler gets: built once in the composition root (src/index.ts) and passed down. */
export interface BotContext {
  config: Config;
  knowledge: EditableKnowledge;
  store: BotStore;
  /** Moderator previews and drafts awaiting a click (see faq/drafts.ts). */
  drafts: Drafts<FaqDraft>;
  log: Logger;
  /** What `/metrics` shows: questions by outcome, latency, errors. */
  metrics: BotMetrics;
  /** Milliseconds since the epoch; injected so cooldowns can be tested without waiting. */
  now: () => number;
}
