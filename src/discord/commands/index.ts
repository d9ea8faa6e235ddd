import { addAsFaqCommand } from './add-as-faq.js';
import { answerWithFaqCommand } from './answer-with-faq.js';
import { askCommand } from './ask.js';
import type { Command, MessageMenuCommand } from './command.js';
import { faqCommand } from './faq.js';

/** Every slash command, listed once: the router and the deploy script both read these lists. */
export const slashCommands: readonly Command[] = [askCommand, faqCommand];
/** Every message context-menu command. */
export const messageMenuCommands: readonly MessageMenuCommand[] = [answerWithFaqCommand, addAsFaqCommand];

export const commands = [...slashCommands, ...messageMenuCommands];

export const slashCommandsByName: ReadonlyMap<string, Command> = new Map(slashCommands.map((c) => [c.data.name, c]));
export const messageMenuCommandsByName: ReadonlyMap<string, MessageMenuCommand> = new Map(messageMenuCommands.map((c) => [c.data.name, c]));
