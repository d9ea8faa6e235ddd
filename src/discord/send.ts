import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { OutgoingMessage } from './reply.js';

/**
 * Sends messages as the response to an interaction: the first as the reply (or the edit of a deferred reply),
 * the rest as follow-ups, all with the same visibility.
 */
export async function respond(interaction: RepliableInteraction, messages: readonly OutgoingMessage[], ephemeral: boolean): Promise<void> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  for (const [i, message] of messages.entries()) {
    if (i === 0 && !interaction.replied && !interaction.deferred) await interaction.reply({ ...message, flags });
    else if (i === 0 && interaction.deferred && !interaction.replied) await interaction.editReply(message);
    else await interaction.followUp({ ...message, flags });
  }
}
