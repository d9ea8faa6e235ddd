import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.js';

/**
 * One application command: its definition (what is registered with Discord) and its handlers. Each command is a
 * plain object in its own file, listed once in `commands/index.ts`, which both the router and the deploy script
 * read.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A command in a message's "Apps" menu (right-click on a message). */
export interface MessageMenuCommand {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}
