import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { planShowEntry, recordStatistic } from '../answering.js';
import type { BotContext } from '../context.js';
import { parseButtonId } from '../custom-ids.js';
import { textMessage } from '../reply.js';
import { respond } from '../send.js';

/** Clicks on the bot's buttons: a suggested or related question (post its answer), or a 👍 / 👎. */
export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = parseButtonId(interaction.customId);
  if (!action) {
    await respond(interaction, [textMessage('This button is no longer supported. Ask again with `/ask`.')], true);
    return;
  }
  // A click under a message only its asker could see stays private too.
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);

  if (action.kind === 'show') {
    const messages = await planShowEntry(ctx, interaction.guildId, action.entryId);
    if (!messages) {
      await respond(interaction, [textMessage('That question is no longer in the knowledge base.')], true);
      return;
    }
    await recordStatistic(ctx, ctx.store.recordAsked({ guildId: interaction.guildId, entryId: action.entryId }));
    await respond(interaction, messages, ephemeral);
    return;
  }

  const { recorded, changed } = await ctx.store.recordVote({
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    entryId: action.entryId,
    value: action.value,
    ...questionOf(interaction),
  });
  const thumb = action.value === 1 ? '👍' : '👎';
  const text = !recorded ? `You already voted ${thumb} on this answer.` : changed ? `Changed your vote to ${thumb}. Thanks!` : `Thanks for the feedback ${thumb}`;
  await respond(interaction, [textMessage(text)], true);
}

/** The question that was asked, when Discord tells us (the /ask that produced the message), for 👎 reports. */
function questionOf(interaction: ButtonInteraction): { query?: string } {
  const title = interaction.message.embeds[0]?.title;
  return title ? { query: title } : {};
}
