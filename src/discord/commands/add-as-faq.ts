import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { QUESTION_MAX_CHARS } from '../../knowledge/limits.js';
import { entryModal } from '../faq/modal.js';
import { truncate } from '../limits.js';
import { requireModerator } from '../permissions.js';
import type { MessageMenuCommand } from './command.js';

/** Apps → "Add as FAQ": the add form, with the message as the question. */
export const addAsFaqCommand = {
  data: new ContextMenuCommandBuilder()
    .setName('Add as FAQ')
    .setType(ApplicationCommandType.Message)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction, ctx) {
    requireModerator(interaction, ctx.config);
    const text = interaction.targetMessage.content.replace(/<@[!&]?\d+>/g, '').trim();
    await interaction.showModal(entryModal({ question: truncate(text, QUESTION_MAX_CHARS) }));
  },
} satisfies MessageMenuCommand;
