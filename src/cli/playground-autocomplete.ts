import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { Simulator } from '../simulator/index.js';
import { parseTyped, PlaygroundInputError, type CommandDefinition, type TypedCommand } from './playground-commands.js';
import { dim } from './playground-render.js';
import type { PlaygroundUser } from './playground-user.js';

/**
 * Autocomplete as Discord's client shows it while one types: `/complete` lists what the bot offers for an option,
 * `/pick <n>` turns one of those choices into the command to send, and a command sent with a typed value that is
 * none of the choices is told what Discord would have offered.
 */
export class Autocomplete {
  /** The choices listed last, and the command and option they are for. */
  private completion?: { command: TypedCommand; option: string; choices: APIApplicationCommandOptionChoice[] };

  constructor(
    private readonly sim: Simulator,
    private readonly defs: CommandDefinition[],
    private readonly channelId: string,
    private readonly user: PlaygroundUser,
    private readonly write: (text: string) => void,
    private readonly say: (text: string) => void,
  ) {}

  /** `/complete <command>`, or `/complete <question>` for /ask: lists the choices for the option typed last. */
  async complete(text: string): Promise<void> {
    const line = text.startsWith('/') ? text : `/ask question:${text}`;
    const command = parseTyped(line, this.defs);
    if (!command) throw new PlaygroundInputError(`Unknown command ${line.split(/\s/)[0]}. /help lists them all.`);
    const option = command.last ?? command.leaves.find((o) => 'autocomplete' in o && o.autocomplete)?.name;
    const leaf = command.leaves.find((o) => o.name === option);
    if (!leaf || !('autocomplete' in leaf) || !leaf.autocomplete) {
      throw new PlaygroundInputError(`${command.path}${option ? ` ${option}` : ''} does not autocomplete.`);
    }
    const choices = await this.choicesFor(command, leaf.name);
    this.completion = { command, option: leaf.name, choices };
    if (choices.length === 0) this.say('(no choices)');
    else {
      this.write(choices.map((c, i) => `  ${i + 1}. ${c.name}`).join('\n'));
      this.say(dim(`(/pick <n> sends ${command.path} with that ${leaf.name})`));
    }
  }

  /** `/pick <n>`: the command listed last with choice n put in, to be sent; undefined (and said why) if there is none. */
  pick(which: string): TypedCommand | undefined {
    const choice = this.completion?.choices[Number(which) - 1];
    if (!this.completion || !/^\d+$/.test(which) || !choice) {
      this.say(`✗ No choice ${which || '(give its number)'}: /complete lists them first.`);
      return undefined;
    }
    const { command, option } = this.completion;
    const typed = new Map(command.typed);
    typed.set(option, String(choice.value));
    this.say(dim(`(${command.path} ${[...typed].map(([k, v]) => `${k}:${v}`).join(' ')})`));
    return { ...command, typed };
  }

  /**
   * Discord shows an autocomplete option's choices while one types, and sends what was typed unless one is picked.
   * When the choices are things to pick (an entry id behind each question, not suggestions for free text such as
   * /ask's question) and what was typed is none of them, say what Discord would have offered.
   */
  async offerChoices(command: TypedCommand): Promise<void> {
    for (const leaf of command.leaves) {
      const typed = command.typed.get(leaf.name);
      if (typed === undefined || !('autocomplete' in leaf) || leaf.autocomplete !== true) continue;
      const choices = await this.choicesFor(command, leaf.name);
      if (choices.length === 0 || choices.some((c) => c.value === typed) || choices.every((c) => c.name === c.value)) continue;
      this.completion = { command, option: leaf.name, choices };
      this.say(dim(`(as you type ${leaf.name}, Discord offers these; /pick <n> sends one, and this goes as typed)`));
      this.write(dim(choices.slice(0, 3).map((c, i) => `    ${i + 1}. ${c.name}`).join('\n')));
    }
  }

  /** What the bot offers for an option as the user types it (an autocomplete interaction, as Discord sends one). */
  private choicesFor(command: TypedCommand, option: string): Promise<APIApplicationCommandOptionChoice[]> {
    return this.sim
      .autocomplete({
        channelId: this.channelId,
        userId: this.user.id,
        name: command.definition.name,
        ...(command.subcommandGroup ? { subcommandGroup: command.subcommandGroup } : {}),
        ...(command.subcommand ? { subcommand: command.subcommand } : {}),
        options: { [option]: command.typed.get(option) ?? '' },
        focused: option,
      })
      .choices();
  }
}
