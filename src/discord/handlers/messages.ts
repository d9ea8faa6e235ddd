import { ChannelType, type Message } from 'discord.js';
import { looksLikeQuestion } from '../../engine/text.js';
import { planAnswer, planConfidentAnswer } from '../answering.js';
import type { BotContext } from '../context.js';
import { countFailure } from './count-failure.js';
import type { OutgoingMessage } from '../reply.js';

/**
 * In a watched channel nobody asked the bot, so it speaks only when it would answer `/ask` and is fairly sure, yet
 * an entry's own question, asked as written, must get its answer. The answer thresholds already ask for 0.92 or
 * more of an entry with few phrasings; this matters for entries with twenty phrasings or more, answered from 0.5:
 * the lowest confidence of the shipped questions asked as written (0.73), rounded down to a step of 0.05 and kept
 * at 0.65. On the labelled set, answers at or above it were right 178 times out of 178 (`npm run quality -- --set
 * article --at 0.65`). A test asks every shipped question in a watched channel.
 */
export const WATCH_MIN_CONFIDENCE = 0.65;
/** A person gets at most one unsolicited answer per channel in this window: the bot must not take over a chat. */
export const WATCH_COOLDOWN_MS = 30_000;

/** Replies to mentions anywhere, and to confident questions in watched channels. */
export function createMessageHandler(ctx: BotContext) {
  const watched = new Set(ctx.config.watchChannelIds);
  const lastAnswered = new Map<string, number>();

  return async function handleMessage(message: Message): Promise<void> {
    if (message.author.bot || message.webhookId !== null || message.system) return;
    const botId = message.client.user.id;
    const asked = { guildId: message.guildId, channelId: message.channelId, userId: message.author.id };
    const started = ctx.now();
    const seconds = () => (ctx.now() - started) / 1000;

    try {
      if (message.mentions.users.has(botId)) {
        const query = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
        const plan = await planAnswer(ctx, { ...asked, query });
        await reply(message, plan.messages);
        ctx.metrics.question('mention', plan.result.outcome, message.guildId, seconds());
        return;
      }
      if (!isWatched(message, watched) || !looksLikeQuestion(message.content)) return;
      const key = `${message.channelId}:${message.author.id}`;
      const now = ctx.now();
      if (now - (lastAnswered.get(key) ?? -Infinity) < WATCH_COOLDOWN_MS) return;
      const messages = await planConfidentAnswer(ctx, { ...asked, query: message.content }, WATCH_MIN_CONFIDENCE);
      if (!messages) {
        ctx.metrics.question('watched', 'silent', message.guildId, seconds());
        return;
      }
      lastAnswered.set(key, now);
      forgetOld(lastAnswered, now);
      await reply(message, messages);
      ctx.metrics.question('watched', 'answer', message.guildId, seconds());
    } catch (error) {
      ctx.log.error({ event: 'message-failed', messageId: message.id, ...asked, err: error }, 'message handler failed');
      countFailure(ctx, error);
    }
  };
}

/** A watched channel itself, or the first post of a thread in a watched forum. */
function isWatched(message: Message, watched: ReadonlySet<string>): boolean {
  if (watched.has(message.channelId)) return true;
  const channel = message.channel;
  return (
    channel.isThread() &&
    channel.parent?.type === ChannelType.GuildForum &&
    watched.has(channel.parentId ?? '') &&
    // A forum post's first message has the thread's own id.
    message.id === channel.id
  );
}

async function reply(message: Message, messages: readonly OutgoingMessage[]): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  await message.reply(first);
  for (const next of rest) if (message.channel.isSendable()) await message.channel.send(next);
}

function forgetOld(lastAnswered: Map<string, number>, now: number): void {
  if (lastAnswered.size < 1_000) return;
  for (const [key, at] of lastAnswered) if (now - at >= WATCH_COOLDOWN_MS) lastAnswered.delete(key);
}
