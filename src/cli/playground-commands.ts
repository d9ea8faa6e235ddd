import {
  ApplicationCommandOptionType as OptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { commands } from '../discord/commands/index.js';
import { OPTION_STRING_MAX } from '../discord/limits.js';
import type { FileInput } from '../simulator/index.js';

/**
 * How the playground reads a typed slash command: `/faq restore entry:some-id revision:2`, checked against the
 * bot's own command definitions (src/discord/commands/index.ts) the way Discord's client checks what a person
 * types. Nothing here is a list of the bot's commands: add a command or an option there and the playground reads,
 * checks and lists it too.
 */

export type CommandDefinition = RESTPostAPIApplicationCommandsJSONBody;
type SlashDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Leaf = APIApplicationCommandBasicOption;

/** Every command the bot registers, as Discord receives it. */
export function botCommands(): CommandDefinition[] {
  return commands.map((command) => command.data.toJSON());
}

/** A typed line Discord would not send, or the playground cannot read: said to the user, never thrown further. */
export class PlaygroundInputError extends Error {
  override name = 'PlaygroundInputError';
}

/** A slash command as the user typed it: where it goes, and each option's text as typed. */
export interface TypedCommand {
  definition: SlashDefinition;
  subcommandGroup?: string;
  subcommand?: string;
  /** `/faq synonyms add`: how the user names it. */
  path: string;
  /** The options of the chosen (sub)command. */
  leaves: Leaf[];
  /** Option name → the text typed for it, in the order typed. */
  typed: Map<string, string>;
  /** The option typed last (what autocomplete would be asked about). */
  last?: string;
}

/** What the playground needs from the world to turn typed text into option values. */
export interface OptionResolver {
  /** A file path, read as Discord would upload it. */
  file(path: string): FileInput;
  /** A username (with or without @) → user id. */
  user(name: string): string;
  /** A channel name (with or without #) → channel id. */
  channel(name: string): string;
  /** A role name (with or without @) → role id. */
  role(name: string): string;
}

export type OptionValue = string | number | boolean | FileInput;

const isSubcommand = (o: APIApplicationCommandOption) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup;
const chatInput = (defs: readonly CommandDefinition[]) =>
  defs.filter((d): d is SlashDefinition => (d.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput);
/** Discord counts characters as code points (an emoji is one). */
const length = (text: string) => [...text].length;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * Reads `/name [group] [subcommand] [option:value …]`. The text before the first `option:` is the value of the
 * first option still missing (so `/ask is netflix coded in python?` reads like Discord's first option box).
 * Returns undefined when `/name` is not a command the bot has. Throws PlaygroundInputError for a wrong subcommand
 * or option.
 */
export function parseTyped(line: string, defs: readonly CommandDefinition[]): TypedCommand | undefined {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  if (!match) return undefined;
  const definition = chatInput(defs).find((d) => d.name === match[1]!.toLowerCase());
  if (!definition) return undefined;
  let rest = match[2]!;
  let options = definition.options ?? [];
  const names: string[] = [definition.name];
  let subcommandGroup: string | undefined;
  let subcommand: string | undefined;
  while (options.some(isSubcommand)) {
    const word = /^(\S+)\s*/.exec(rest);
    const choices = options.filter(isSubcommand);
    const chosen = word ? choices.find((o) => o.name === word[1]!.toLowerCase()) : undefined;
    if (!chosen) {
      const said = word ? ` has no "${word[1]}"` : ' needs one of these';
      throw new PlaygroundInputError(`/${names.join(' ')}${said}: ${choices.map((o) => o.name).join(', ')}. /help lists them all.`);
    }
    names.push(chosen.name);
    if (chosen.type === OptionType.SubcommandGroup) subcommandGroup = chosen.name;
    else subcommand = chosen.name;
    options = 'options' in chosen ? (chosen.options ?? []) : [];
    rest = rest.slice(word![0].length);
  }
  const leaves = options as Leaf[];
  const path = `/${names.join(' ')}`;
  const typed = new Map<string, string>();
  let last: string | undefined;
  const marker = leaves.length === 0 ? null : new RegExp(`(?:^|\\s)(${leaves.map((o) => escape(o.name)).join('|')}):`, 'gi');
  const found = marker ? [...rest.matchAll(marker)] : [];
  const leading = rest.slice(0, found[0]?.index ?? rest.length).trim();
  if (leading !== '') {
    const first = leaves.find((o) => o.required) ?? leaves[0];
    if (!first) throw new PlaygroundInputError(`${path} takes no options; type just ${path}.`);
    typed.set(first.name, unquote(leading));
    last = first.name;
  }
  found.forEach((m, i) => {
    const name = m[1]!.toLowerCase();
    const start = m.index + m[0].length;
    const end = found[i + 1]?.index ?? rest.length;
    if (typed.has(name)) throw new PlaygroundInputError(`${path}: ${name} is given twice.`);
    typed.set(name, unquote(rest.slice(start, end).trim()));
    last = name;
  });
  return { definition, subcommandGroup, subcommand, path, leaves, typed, last };
}

/**
 * The option values Discord would send for a typed command, or a PlaygroundInputError saying what its client would
 * say instead: a required option missing, text longer than the option's max_length (6,000 when it sets none), a
 * number outside min_value/max_value, a value not among the choices, a file that cannot be read.
 */
export function optionValues(command: TypedCommand, resolve: OptionResolver): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const leaf of command.leaves) {
    const text = command.typed.get(leaf.name);
    if (text === undefined || text === '') {
      if (leaf.required) throw new PlaygroundInputError(`${command.path} needs ${leaf.name}:${placeholder(leaf)} (${leaf.description}).`);
      continue;
    }
    values[leaf.name] = optionValue(command.path, leaf, text, resolve);
  }
  return values;
}

function optionValue(path: string, leaf: Leaf, text: string, resolve: OptionResolver): OptionValue {
  const refuse = (why: string): never => {
    throw new PlaygroundInputError(`${path} ${leaf.name}: ${why}. Discord would not send it.`);
  };
  const inChoices = (value: string | number) => {
    if (!('choices' in leaf) || !leaf.choices || leaf.choices.some((c) => c.value === value)) return value;
    return refuse(`must be one of ${leaf.choices.map((c) => c.name).join(', ')}`);
  };
  switch (leaf.type) {
    case OptionType.String: {
      const max = leaf.max_length ?? OPTION_STRING_MAX;
      if (length(text) > max) refuse(`at most ${count(max)} characters, and this is ${count(length(text))}`);
      if (leaf.min_length !== undefined && length(text) < leaf.min_length) refuse(`at least ${count(leaf.min_length)} characters`);
      return inChoices(text);
    }
    case OptionType.Integer:
    case OptionType.Number: {
      const integer = leaf.type === OptionType.Integer;
      const value = Number(text);
      if (!(integer ? /^[-+]?\d+$/.test(text) : Number.isFinite(value))) refuse(`expected ${integer ? 'a whole number' : 'a number'}, not "${text}"`);
      if (leaf.min_value !== undefined && value < leaf.min_value) refuse(`at least ${leaf.min_value}`);
      if (leaf.max_value !== undefined && value > leaf.max_value) refuse(`at most ${leaf.max_value}`);
      return inChoices(value);
    }
    case OptionType.Boolean: {
      const word = text.toLowerCase();
      if (['true', 'yes', 'on'].includes(word)) return true;
      if (['false', 'no', 'off'].includes(word)) return false;
      return refuse(`expected true or false, not "${text}"`);
    }
    case OptionType.User:
    case OptionType.Mentionable:
      return resolve.user(text.replace(/^<@!?(\d+)>$/, '$1').replace(/^@/, ''));
    case OptionType.Channel:
      return resolve.channel(text.replace(/^<#(\d+)>$/, '$1').replace(/^#/, ''));
    case OptionType.Role:
      return resolve.role(text.replace(/^<@&(\d+)>$/, '$1').replace(/^@/, ''));
    case OptionType.Attachment:
      return resolve.file(text);
    default:
      return refuse('is of a kind the playground cannot type');
  }
}

/** How an option is written in the usage lines: `<text>`, `<number ≥ 1>`, `<file path>`. */
function placeholder(leaf: Leaf): string {
  switch (leaf.type) {
    case OptionType.String:
      return leaf.max_length === undefined ? '<text>' : `<text, ≤ ${count(leaf.max_length)}>`;
    case OptionType.Integer:
    case OptionType.Number:
      return leaf.min_value === undefined ? '<number>' : `<number ≥ ${leaf.min_value}>`;
    case OptionType.Boolean:
      return '<true|false>';
    case OptionType.Attachment:
      return '<file path>';
    case OptionType.User:
    case OptionType.Mentionable:
      return '<@user>';
    case OptionType.Channel:
      return '<#channel>';
    case OptionType.Role:
      return '<@role>';
    default:
      return '<value>';
  }
}

/** One line per command the bot has, subcommand by subcommand: `/faq restore entry:<text> revision:<number ≥ 1>`. */
export function usageLines(defs: readonly CommandDefinition[]): { usage: string; description: string }[] {
  const lines: { usage: string; description: string }[] = [];
  const walk = (names: string[], description: string, options: readonly APIApplicationCommandOption[]) => {
    const nested = options.filter(isSubcommand);
    if (nested.length > 0) {
      for (const o of nested) walk([...names, o.name], o.description, 'options' in o ? (o.options ?? []) : []);
      return;
    }
    const args = (options as Leaf[]).map((o) => (o.required ? `${o.name}:${placeholder(o)}` : `[${o.name}:${placeholder(o)}]`));
    lines.push({ usage: [`/${names.join(' ')}`, ...args].join(' '), description });
  };
  for (const d of chatInput(defs)) walk([d.name], d.description, d.options ?? []);
  return lines;
}

/** The names of the bot's message context-menu commands (Apps → … on a message). */
export function messageMenuNames(defs: readonly CommandDefinition[]): string[] {
  return defs.filter((d) => d.type === ApplicationCommandType.Message).map((d) => d.name);
}

function unquote(text: string): string {
  const m = /^(["'“])([\s\S]*)(["'”])$/.exec(text);
  return m && (m[1] === m[3] || (m[1] === '“' && m[3] === '”')) ? m[2]! : text;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
