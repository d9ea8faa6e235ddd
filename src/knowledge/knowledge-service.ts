import type { Matcher } from '../engine/index.js';

/**
 * The knowledge the bot answers from, per server. Discord handlers ask it for a server's matcher and never build
 * one themselves, so where the entries come from (the shipped files, a server's own edits in the store) stays
 * behind this interface.
 */
export interface KnowledgeService {
  /** The matcher over the knowledge a server sees; `null` is a direct message. */
  matcherFor(guildId: string | null): Promise<Matcher>;
}
