import { relatedQuestions } from '../engine/related.js';
import type { MatchResult } from '../engine/index.js';
import type { BotContext } from './context.js';
import { countFailure } from './handlers/count-failure.js';
import { answerMessages, declineMessage, suggestMessage, textMessage, type OutgoingMessage } from './reply.js';

/** How many related questions go under an answer, and how many close ones under a decline. */
export const RELATED_MAX = 3;
/** Below this, a "closest question" under a decline would be noise rather than help. */
const CLOSEST_MIN_CONFIDENCE = 0.2;

/** What to send for a question, whichever way it was asked (/ask, a mention, a watched channel). */
export interface AnswerPlan {
  result: MatchResult;
  messages: OutgoingMessage[];
  /** Only the asker should see it: suggestions and declines are for them, not the channel. */
  ephemeral: boolean;
}

export interface Asked {
  query: string;
  guildId: string | null;
  channelId: string;
  userId: string;
}

/** Matches the question, records what the bot could not answer, and builds the reply. */
export async function planAnswer(ctx: BotContext, asked: Asked): Promise<AnswerPlan> {
  const matcher = await ctx.knowledge.matcherFor(asked.guildId);
  const result = matcher.match(asked.query);
  // An empty question (a bare mention) gets a hint, and is not logged as an unanswered question.
  if (asked.query.trim() === '') {
    return { result, messages: [textMessage('Ask me a question, for example: `/ask question: how do I reset my password?`')], ephemeral: true };
  }
  switch (result.outcome) {
    case 'answer': {
      const { entry, confidence } = result.match!;
      await recordStatistic(ctx, ctx.store.recordAsked({ guildId: asked.guildId, entryId: entry.id }));
      const related = relatedQuestions(matcher, entry, asked.query, RELATED_MAX);
      return { result, messages: answerMessages(entry, confidence, related), ephemeral: false };
    }
    case 'suggest': {
      await record(ctx, asked, result);
      return { result, messages: [suggestMessage(result.alternatives.map((a) => a.entry))], ephemeral: true };
    }
    case 'decline': {
      await record(ctx, asked, result);
      // The match already ranked every entry the index found; matcher.rank() would add a fuzzy (fuse.js) pass over
      // every phrasing, ~15 ms a question (most of the bot's CPU under load), for hits capped at a confidence of 0.3,
      // which rarely reach the 0.2 a closest question needs.
      const closest = result.ranked
        .slice(0, RELATED_MAX)
        .filter((c) => c.confidence >= CLOSEST_MIN_CONFIDENCE)
        .map((c) => c.entry);
      return { result, messages: [declineMessage(closest)], ephemeral: true };
    }
  }
}

/** The messages for an entry a person picked with a button: its answer and its own related questions. */
export async function planShowEntry(ctx: BotContext, guildId: string | null, entryId: string): Promise<OutgoingMessage[] | null> {
  const matcher = await ctx.knowledge.matcherFor(guildId);
  const entry = matcher.get(entryId);
  if (!entry) return null;
  return answerMessages(entry, null, relatedQuestions(matcher, entry, entry.question, RELATED_MAX));
}

function record(ctx: BotContext, asked: Asked, result: MatchResult): Promise<void> {
  return recordStatistic(ctx, ctx.store.recordUnanswered({
    guildId: asked.guildId,
    channelId: asked.channelId,
    userId: asked.userId,
    query: asked.query,
    outcome: result.outcome === 'suggest' ? 'suggest' : 'decline',
    suggestions: result.alternatives.map((a) => a.entry.id),
  }));
}

/** How long an answer waits for its statistic to be written before it goes anyway. */
const STATISTIC_WAIT_MS = 250;

/**
 * Writes a statistic before the reply is sent, so a moderator's `/faq unanswered` right after sees it, but waits
 * for it a moment only: a store that is slow or down (a database restarting) costs the statistic, logged and
 * counted, never the answer. SQLite's writes are done before this is even called.
 */
export async function recordStatistic(ctx: BotContext, write: Promise<void>): Promise<void> {
  const written = write.then(
    () => true,
    (error: unknown) => {
      countFailure(ctx, error);
      ctx.log.warn({ err: error }, 'could not record a statistic');
      return false;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, STATISTIC_WAIT_MS)));
  await Promise.race([written, late]);
  clearTimeout(timer);
}

/**
 * For watched channels, where nobody asked the bot: the answer only when the matcher is sure, else nothing
 * (and nothing recorded: chat that is not for the bot is not an unanswered question).
 */
export async function planConfidentAnswer(ctx: BotContext, asked: Asked, minConfidence: number): Promise<OutgoingMessage[] | null> {
  const matcher = await ctx.knowledge.matcherFor(asked.guildId);
  const result = matcher.match(asked.query);
  if (result.outcome !== 'answer' || result.match!.confidence < minConfidence) return null;
  const { entry, confidence } = result.match!;
  await recordStatistic(ctx, ctx.store.recordAsked({ guildId: asked.guildId, entryId: entry.id }));
  return answerMessages(entry, confidence, relatedQuestions(matcher, entry, asked.query, RELATED_MAX));
}
