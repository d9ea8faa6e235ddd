import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { planConfidentAnswer } from '../answering.js';
import { requireModerator } from '../permissions.js';
import { NO_MENTIONS, textMessage } from '../reply.js';
import type { MessageMenuCommand } from './command.js';

/** A moderator asks the FAQ is sure enough to answer someone else's message on its behalf. */
const MIN_CONFIDENCE = 0.5;

/** Apps → "Answer with FAQ": replies to the message with the best answer, when there is one. */
export const answerWithFaqCommand = {
  data: new ContextMenuCommandBuilder()
    .setName('Answer with FAQ')
    .setType(ApplicationCommandType.Message)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction, ctx) {
    const guildId = requireModerator(interaction, ctx.config);
    const target = interaction.targetMessage;
    const messages = await planConfidentAnswer(ctx, { query: target.content, guildId, channelId: target.channelId, userId: target.author.id }, MIN_CONFIDENCE);
    if (!messages) {
      const { alternatives } = (await ctx.knowledge.matcherFor(guildId)).match(target.content);
      const hint = alternatives.length > 0 ? ` Closest: ${alternatives.map((a) => `**${a.entry.question}**`).join(', ')}.` : '';
      await interaction.reply({ ...textMessage(`The FAQ has no confident answer to that message.${hint}`), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const [first, ...rest] = messages;
    await target.reply({ ...first!, allowedMentions: NO_MENTIONS });
    for (const next of rest) if (target.channel.isSendable()) await target.channel.send(next);
    await interaction.editReply(textMessage('Answered.'));
  },
} satisfies MessageMenuCommand;
