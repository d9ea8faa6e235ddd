import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { requireModerator } from '../permissions.js';
import { UserError } from '../user-error.js';
import * as bulk from './bulk-handlers.js';
import * as entries from './entry-handlers.js';
import * as synonyms from './synonym-handlers.js';
import { parseFaqId } from './ids.js';

/** Whether a custom_id belongs to the moderator tools. */
export const isFaqComponent = (customId: string) => customId.startsWith('faq:');

/** Buttons of the moderator tools. Every click re-checks that the clicker is a moderator. */
export async function handleFaqButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config);
  const action = parseFaqId(interaction.customId);
  if (!action) throw new UserError('unknown-button', 'This button is no longer supported. Run the command again.');
  switch (action.action) {
    case 'open-edit':
      return entries.openEdit(interaction, ctx, guildId, action.entryId);
    case 'save':
      return entries.saveDraft(interaction, ctx, guildId, action.draft);
    case 'remove':
      return entries.confirmRemove(interaction, ctx, guildId, action.entryId, action.revision);
    case 'cancel':
      await interaction.update({ content: 'Cancelled. Nothing was changed.', embeds: [], components: [] });
      return;
    case 'list':
      return bulk.turnPage(interaction, ctx, guildId, action.page);
    case 'synonyms':
      return synonyms.turnPage(interaction, ctx, guildId, action.page);
    case 'import':
      return bulk.applyImport(interaction, ctx, guildId, action.draft);
    case 'new-from':
      return bulk.newFromQuestion(interaction, ctx, action.draft);
    case 'alt-from':
      return bulk.addAsPhrasing(interaction, ctx, guildId, action.draft);
    default:
      throw new UserError('unknown-button', 'This button does not belong here. Run the command again.');
  }
}

/** The add and edit forms. The submitter is checked again: a form can outlive a role. */
export async function handleFaqModal(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config);
  const action = parseFaqId(interaction.customId);
  if (action?.action === 'add') return entries.submitAdd(interaction, ctx, guildId);
  if (action?.action === 'edit') return entries.submitEdit(interaction, ctx, guildId, action.entryId, action.revision);
  throw new UserError('unknown-form', 'This form is no longer supported. Run the command again.');
}
