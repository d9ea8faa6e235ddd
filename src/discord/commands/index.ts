import { askCommand } from './ask.js';
import type { Command } from './command.js';

/** Every command, listed once: the router and the deploy script both read this list. */
export const commands: readonly Command[] = [askCommand];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));
