import { MessageFlags, type Interaction } from 'discord.js';
import { commandsByName } from '../commands/index.js';
import type { BotContext } from '../context.js';
import { textMessage } from '../reply.js';
import { handleButton } from './buttons.js';

const SORRY = 'Something went wrong on my side. It has been logged; please try again.';

/**
 * The one place interactions are dispatched and the one place their errors are caught: the person gets a short
 * ephemeral message, the log gets the interaction, the ids and the stack, and the bot keeps running.
 */
export async function routeInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  const started = ctx.now();
  try {
    if (interaction.isChatInputCommand()) {
      const command = commandsByName.get(interaction.commandName);
      if (!command) throw new Error(`no handler for /${interaction.commandName}`);
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      await commandsByName.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
    } else if (interaction.isButton()) {
      await handleButton(interaction, ctx);
    }
    ctx.log.debug({ event: 'interaction', ...describe(interaction), ms: ctx.now() - started }, 'interaction handled');
  } catch (error) {
    ctx.log.error({ event: 'interaction-failed', ...describe(interaction), err: error }, 'interaction handler failed');
    await reportFailure(interaction, ctx);
  }
}

async function reportFailure(interaction: Interaction, ctx: BotContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const message = { ...textMessage(SORRY), flags: MessageFlags.Ephemeral } as const;
    if (interaction.replied || interaction.deferred) await interaction.followUp(message);
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
