import { MessageFlags, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import { KnowledgeError } from '../../knowledge/errors.js';
import { StoreError } from '../../store/errors.js';
import { messageMenuCommandsByName, slashCommandsByName } from '../commands/index.js';
import type { BotContext } from '../context.js';
import { handleFaqButton, handleFaqModal, isFaqComponent } from '../faq/components.js';
import { textMessage } from '../reply.js';
import { UserError } from '../user-error.js';
import { handleButton } from './buttons.js';
import { isStoreFailure } from '../../store/failures.js';
import { countFailure } from './count-failure.js';

const SORRY = 'Something went wrong on my side. It has been logged; please try again.';
/** The database is away (restarting, unreachable): nothing was saved, and it is worth trying again soon. */
const STORE_AWAY = 'The knowledge database is not answering right now, so this was not saved. Please try again shortly.';

/**
 * The one place interactions are dispatched and the one place their errors are caught: the person gets a short
 * ephemeral message, the log gets the interaction, the ids and the stack, and the bot keeps running.
 */
export async function routeInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  const started = ctx.now();
  try {
    if (interaction.isChatInputCommand()) {
      const command = slashCommandsByName.get(interaction.commandName);
      if (!command) throw new Error(`no handler for /${interaction.commandName}`);
      await command.execute(interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = messageMenuCommandsByName.get(interaction.commandName);
      if (!command) throw new Error(`no handler for the "${interaction.commandName}" menu`);
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      await slashCommandsByName.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
    } else if (interaction.isButton()) {
      await (isFaqComponent(interaction.customId) ? handleFaqButton(interaction, ctx) : handleButton(interaction, ctx));
    } else if (interaction.isModalSubmit()) {
      await handleFaqModal(interaction, ctx);
    }
    ctx.log.debug({ event: 'interaction', ...describe(interaction), ms: ctx.now() - started }, 'interaction handled');
  } catch (error) {
    // Past Discord's 3 s the interaction is gone: telling the person is impossible (it would fail the same way,
    // one more request from a bot that is already behind), so it is logged once, briefly.
    if ((error as { code?: unknown }).code === RESTJSONErrorCodes.UnknownInteraction) {
      ctx.log.warn({ event: 'interaction-expired', ...describe(interaction), ms: ctx.now() - started }, 'the interaction expired before the bot replied');
      ctx.metrics.handlerError();
      return;
    }
    // Expected refusals (no permission, stale edit, bad input) are shown as they are; anything else is a bug.
    const refusal = error instanceof UserError || error instanceof StoreError || error instanceof KnowledgeError;
    if (refusal) ctx.log.info({ event: 'interaction-refused', ...describe(interaction), code: error.code }, error.message);
    else {
      ctx.log.error({ event: 'interaction-failed', ...describe(interaction), err: error }, 'interaction handler failed');
      countFailure(ctx, error);
    }
    await reportFailure(interaction, ctx, refusal ? error.message : isStoreFailure(error) ? STORE_AWAY : SORRY);
  }
}

async function reportFailure(interaction: Interaction, ctx: BotContext, text: string): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const message = { ...textMessage(text), flags: MessageFlags.Ephemeral } as const;
    // A deferred reply shows "thinking…" until edited: the explanation replaces it.
    if (interaction.deferred && !interaction.replied) await interaction.editReply(textMessage(text));
    else if (interaction.replied) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (error) {
    ctx.log.warn({ event: 'failure-report-failed', ...describe(interaction), err: error }, 'could not tell the user about a failure');
  }
}

function describe(interaction: Interaction) {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  };
}
