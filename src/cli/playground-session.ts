import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { PermissionFlagsBits, type APIApplicationCommandOptionChoice, type APIMessage } from 'discord.js';
import { MESSAGE_CONTENT_MAX } from '../discord/limits.js';
import type { FileInput, InteractionHandle, RecordedEdit, RecordedMessage, Simulator, StoredFile } from '../simulator/index.js';
import {
  botCommands,
  messageMenuNames,
  optionValues,
  parseTyped,
  PlaygroundInputError,
  usageLines,
  type CommandDefinition,
  type OptionResolver,
  type TypedCommand,
} from './playground-commands.js';
import { fillModal, type LineSource } from './playground-modal.js';
import { dim, renderMessage, type Pressable, type SavedFile } from './playground-render.js';

/**
 * One playground session: what a person types, turned into what a Discord user does (post, mention, run a slash
 * or Apps command, press a button, fill a form), and everything the bot does shown as it happens. The terminal,
 * the simulator and the files are passed in, so a test can drive it through the real entry point.
 */
export interface SessionOptions {
  sim: Simulator;
  guildId: string;
  channelId: string;
  /** The username typing at first. */
  user: string;
  /** The role `/mod on` gives and `/mod off` takes (it carries Manage Server). */
  moderatorRole: string;
  input: LineSource;
  write(text: string): void;
  /** Where files the bot sends are saved (inside the playground's temporary folder). */
  downloads: string;
  /** What relative file paths are read from: the folder `npm run playground` was started in. */
  cwd: string;
}

/**
 * Discord's upload limit for a server without boosts, which is also what the simulator reports as an interaction's
 * attachment_size_limit; Discord's client refuses a bigger file before sending anything.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** How long the bot is given after a plain message: it may rightly say nothing at all. */
const CHAT_WAIT_MS = 400;
/** Output is complete once the bot has been quiet this long after its answer (follow-ups, edits). */
const SETTLE_MS = 150;
const SETTLE_MAX_MS = 5_000;
const FLAG_EPHEMERAL = 1 << 6;
const FLAG_LOADING = 1 << 7;

const CONTENT_TYPES: Record<string, string> = { '.yaml': 'application/x-yaml', '.yml': 'application/x-yaml', '.json': 'application/json', '.md': 'text/markdown', '.txt': 'text/plain' };

interface Shown {
  pressable: Pressable;
  messageId: string;
  channelId: string;
}

export class PlaygroundSession {
  private readonly sim: Simulator;
  private readonly defs: CommandDefinition[] = botCommands();
  private userId: string;
  private username: string;
  /** Buttons and selects of the bot's latest messages, numbered from 1; undefined once their message changed. */
  private pressables: (Shown | undefined)[] = [];
  /** Messages everyone sees in the channel, numbered from 1 for `/menu <n>`. */
  private readonly numbered: { id: string; channelId: string }[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly rendered = new Set<string>();
  private readonly files: SavedFile[] = [];
  private completion?: { command: TypedCommand; option: string; choices: APIApplicationCommandOptionChoice[] };
  private lastEventAt = Date.now();

  constructor(private readonly options: SessionOptions) {
    this.sim = options.sim;
    this.username = options.user;
    this.userId = this.sim.userId(options.user);
    this.sim.on('event', () => (this.lastEventAt = Date.now()));
    this.sim.on('message', (recorded) => this.guard(() => this.showMessage(recorded)));
    this.sim.on('messageEdit', (recorded) => this.guard(() => this.showEdit(recorded)));
  }

  /** `alice> `, or `bob (mod)> `: who is typing. */
  prompt(): string {
    return `${this.username}${this.isModerator() ? ' (mod)' : ''}> `;
  }

  /** Handles one typed line; resolves 'quit' when the user asked to leave. Never throws for what a user types. */
  async handle(line: string): Promise<'quit' | undefined> {
    const text = line.trim();
    if (text === '') return undefined;
    try {
      return await this.dispatch(text);
    } catch (error) {
      if (error instanceof PlaygroundInputError) this.say(`✗ ${error.message}`);
      else this.say(`✗ ${(error as Error).message}`);
      return undefined;
    }
  }

  /** The whole of /help: the bot's commands as it defines them, its Apps actions, and the playground's own. */
  help(): string {
    const usage = usageLines(this.defs);
    const width = Math.min(60, Math.max(...usage.map((u) => u.usage.length)));
    const menus = messageMenuNames(this.defs);
    return [
      `Type a message to post it in #general (a watched channel: the bot answers confident questions), or:`,
      `  @bot <question>      mention the bot`,
      ``,
      `The bot's commands (from its own definitions; Discord's limits apply):`,
      ...usage.map((u) => `  ${u.usage.padEnd(width)}  ${dim(u.description)}`),
      dim(`  The first option needs no name: /ask is netflix coded in python?  ·  /faq edit <entry id>. Forms ask field by field.`),
      ``,
      `Apps on a message (right-click → Apps in Discord; n is the #number beside a message):`,
      `  ${menus.map((m) => `/menu <n> ${m}`).join('    ')}`,
      ``,
      `The playground:`,
      `  /as <user>           be someone else: alice (a member), bob (a moderator), or a new name`,
      `  /mod on|off          give or take your Moderator role (Manage Server): moderators may use /faq`,
      `  /press <n>           press button n, or choose in select menu n, of the bot's last messages`,
      `  /complete <command>  what autocomplete offers, e.g. /complete /faq edit entry:availability (or /complete <question>)`,
      `  /pick <n>            send that command with autocomplete choice n`,
      `  /save <n> <path>     keep a copy of file n the bot sent (they are saved in a temporary folder)`,
      `  /private <question>  /ask with private:true`,
      `  /help, /quit         (Ctrl-D or Ctrl-C quits too; the temporary database goes with it)`,
    ].join('\n');
  }

  private async dispatch(text: string): Promise<'quit' | undefined> {
    const [word = '', ...words] = text.split(/\s+/);
    const rest = text.slice(word.length).trim();
    switch (word.toLowerCase()) {
      case '/quit':
      case '/exit':
        return 'quit';
      case '/help':
        this.options.write(this.help());
        return undefined;
      case '/as':
        return this.switchUser(rest);
      case '/mod':
        return this.moderator(rest);
      case '/press':
        return this.press(rest);
      case '/menu':
        return this.menu(words);
      case '/complete':
        return this.complete(rest);
      case '/pick':
        return this.pick(rest);
      case '/save':
        return this.save(words);
      case '/private':
        return this.slash(`/ask question:${rest} private:true`);
    }
    if (word.startsWith('/')) {
      if (parseTyped(text, this.defs)) return this.slash(text);
      const bot = this.defs.filter((d) => d.type === undefined || d.type === 1).map((d) => `/${d.name}`);
      this.say(`✗ Unknown command ${word}: the bot has ${bot.join(', ')}; the playground has /as, /mod, /press, /menu, /complete, /pick, /save. /help lists them all.`);
      return undefined;
    }
    return this.chat(text);
  }

  // ─── What a Discord user does ─────────────────────────────────────────────────────────────────

  private async chat(text: string): Promise<undefined> {
    const content = text.replace(/^@bot\b/i, `<@${this.sim.botUser.id}>`);
    if ([...content].length > MESSAGE_CONTENT_MAX) {
      this.say(`✗ A message holds at most ${MESSAGE_CONTENT_MAX.toLocaleString('en-US')} characters, and this is ${[...content].length.toLocaleString('en-US')}. Discord would not send it.`);
      return undefined;
    }
    this.pressables = [];
    const message = this.sim.sendMessage({ channelId: this.options.channelId, authorId: this.userId, content });
    this.say(dim(`(message #${this.number(message.id, message.channel_id)})`));
    await this.settle(CHAT_WAIT_MS);
    return undefined;
  }

  private async slash(text: string): Promise<undefined> {
    const command = parseTyped(text, this.defs);
    if (!command) throw new PlaygroundInputError(`Unknown command ${text.split(/\s/)[0]}. /help lists them all.`);
    await this.run(command);
    return undefined;
  }

  private async run(command: TypedCommand): Promise<void> {
    const options = optionValues(command, this.resolver());
    this.noteHidden(command.definition);
    await this.offerChoices(command);
    this.pressables = [];
    const handle = this.sim.slashCommand({
      channelId: this.options.channelId,
      userId: this.userId,
      name: command.definition.name,
      ...(command.subcommandGroup ? { subcommandGroup: command.subcommandGroup } : {}),
      ...(command.subcommand ? { subcommand: command.subcommand } : {}),
      options,
    });
    await this.follow(handle);
  }

  private async press(which: string): Promise<undefined> {
    const shown = this.pressables[Number(which) - 1];
    if (!/^\d+$/.test(which) || !shown) {
      this.say(`✗ No button ${which || '(give its number)'}: buttons are numbered [n] in the bot's last messages.`);
      return undefined;
    }
    const where = { message: shown.messageId, channelId: shown.channelId, customId: shown.pressable.customId, userId: this.userId };
    if (shown.pressable.kind === 'button') {
      this.pressables = [];
      await this.follow(this.sim.clickButton(where));
      return undefined;
    }
    const select = shown.pressable;
    const list = select.options.map((o, i) => `${i + 1}) ${o.label}`).join(', ');
    const line = await this.options.input.next(`  ${select.label} (${list}; numbers, comma-separated): `);
    const picked = (line ?? '').split(',').map((s) => select.options[Number(s.trim()) - 1]);
    if (line === undefined || picked.some((p) => p === undefined) || picked.length < select.min || picked.length > select.max) {
      this.say(`✗ Nothing chosen: pick ${select.min === select.max ? select.min : `${select.min} to ${select.max}`} by number.`);
      return undefined;
    }
    this.pressables = [];
    await this.follow(this.sim.selectMenu({ ...where, values: picked.map((p) => p!.value) }));
    return undefined;
  }

  private async menu(words: string[]): Promise<undefined> {
    const names = messageMenuNames(this.defs);
    const [n = '', ...nameWords] = words;
    const target = this.numbered[Number(n.replace(/^#/, '')) - 1];
    if (!/^#?\d+$/.test(n) || !target) {
      this.say(`✗ /menu <n> <action>: n is the #number beside a message${this.numbered.length > 0 ? ` (#1 to #${this.numbered.length})` : '; none is posted yet'}. Actions: ${names.join(', ')}.`);
      return undefined;
    }
    const typed = nameWords.join(' ').replace(/^["'“]|["'”]$/g, '').trim().toLowerCase();
    const name = names.find((m) => m.toLowerCase() === typed) ?? (typed ? names.find((m) => m.toLowerCase().startsWith(typed)) : undefined);
    if (!name) {
      this.say(`Apps on message #${n.replace(/^#/, '')}: ${names.map((m) => `/menu ${n} ${m}`).join('  ·  ')}`);
      return undefined;
    }
    this.noteHidden(this.defs.find((d) => d.name === name)!);
    this.pressables = [];
    await this.follow(this.sim.messageCommand({ name, userId: this.userId, message: target.id, channelId: target.channelId }));
    return undefined;
  }

  private async complete(text: string): Promise<undefined> {
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
      this.options.write(choices.map((c, i) => `  ${i + 1}. ${c.name}`).join('\n'));
      this.say(dim(`(/pick <n> sends ${command.path} with that ${leaf.name})`));
    }
    return undefined;
  }

  /** What the bot offers for an option as the user types it (an autocomplete interaction, as Discord sends one). */
  private choicesFor(command: TypedCommand, option: string): Promise<APIApplicationCommandOptionChoice[]> {
    return this.sim
      .autocomplete({
        channelId: this.options.channelId,
        userId: this.userId,
        name: command.definition.name,
        ...(command.subcommandGroup ? { subcommandGroup: command.subcommandGroup } : {}),
        ...(command.subcommand ? { subcommand: command.subcommand } : {}),
        options: { [option]: command.typed.get(option) ?? '' },
        focused: option,
      })
      .choices();
  }

  /**
   * Discord shows an autocomplete option's choices while one types, and sends what was typed unless one is picked.
   * When the choices are things to pick (an entry id behind each question, not suggestions for free text such as
   * /ask's question) and what was typed is none of them, say what Discord would have offered.
   */
  private async offerChoices(command: TypedCommand): Promise<void> {
    for (const leaf of command.leaves) {
      const typed = command.typed.get(leaf.name);
      if (typed === undefined || !('autocomplete' in leaf) || leaf.autocomplete !== true) continue;
      const choices = await this.choicesFor(command, leaf.name);
      if (choices.length === 0 || choices.some((c) => c.value === typed) || choices.every((c) => c.name === c.value)) continue;
      this.completion = { command, option: leaf.name, choices };
      this.say(dim(`(as you type ${leaf.name}, Discord offers these; /pick <n> sends one, and this goes as typed)`));
      this.options.write(dim(choices.slice(0, 3).map((c, i) => `    ${i + 1}. ${c.name}`).join('\n')));
    }
  }

  private async pick(which: string): Promise<undefined> {
    const choice = this.completion?.choices[Number(which) - 1];
    if (!this.completion || !/^\d+$/.test(which) || !choice) {
      this.say(`✗ No choice ${which || '(give its number)'}: /complete lists them first.`);
      return undefined;
    }
    const { command, option } = this.completion;
    const typed = new Map(command.typed);
    typed.set(option, String(choice.value));
    this.say(dim(`(${command.path} ${[...typed].map(([k, v]) => `${k}:${v}`).join(' ')})`));
    await this.run({ ...command, typed });
    return undefined;
  }

  /** Waits for the bot's answer to an interaction, fills the form it shows, and lets follow-ups arrive. */
  private async follow(handle: InteractionHandle): Promise<void> {
    let response;
    try {
      response = await handle.response();
    } catch {
      this.say('✗ The application did not respond (Discord waits 3 seconds for an answer).');
      return;
    }
    if (response.type === 9) {
      const modal = (response.body as { data: Record<string, unknown> }).data;
      const filled = await fillModal(modal, this.options.input, (text) => this.options.write(text));
      if (filled === 'cancelled') this.say('Form closed; nothing was sent.');
      if (typeof filled === 'string') return;
      this.pressables = [];
      await this.follow(this.sim.submitModal({ customId: String(modal.custom_id), userId: this.userId, channelId: this.options.channelId, fields: filled.fields }));
      return;
    }
    if (response.type === 5 || response.type === 6) {
      try {
        await handle.reply();
      } catch {
        this.say('✗ The bot said it was working on it ("thinking…") and never finished.');
      }
    }
    await this.settle();
  }

  // ─── Who is typing ────────────────────────────────────────────────────────────────────────────

  private switchUser(name: string): undefined {
    const username = name.replace(/^@/, '').trim();
    if (!/^[a-z0-9_.]{2,32}$/i.test(username)) {
      this.say('✗ /as <user>: alice (a member), bob (a moderator), or a new name of 2 to 32 letters, digits, _ or .');
      return undefined;
    }
    const { sim, guildId } = this.options;
    let id: string;
    try {
      id = sim.userId(username);
      sim.memberRoles(guildId, id);
    } catch {
      id = sim.addMember(guildId, { user: { username } });
    }
    this.userId = id;
    this.username = username;
    this.say(this.whoAmI());
    return undefined;
  }

  private moderator(setting: string): undefined {
    const { sim, guildId, moderatorRole } = this.options;
    const roles = sim.memberRoles(guildId, this.userId).filter((r) => r !== moderatorRole);
    if (setting === 'on') sim.setMemberRoles(guildId, this.userId, [...roles, moderatorRole]);
    else if (setting === 'off') sim.setMemberRoles(guildId, this.userId, roles);
    else if (setting !== '') {
      this.say('✗ /mod on or /mod off.');
      return undefined;
    }
    this.say(this.whoAmI());
    return undefined;
  }

  private whoAmI(): string {
    const roles = this.options.sim.memberRoles(this.options.guildId, this.userId);
    const has = roles.length > 0 ? ` with the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}` : '';
    return this.isModerator()
      ? `You are ${this.username}${has}: a moderator (Manage Server), so /faq and the Apps actions work. /mod off makes you a member.`
      : `You are ${this.username}${has}: a member, so Discord hides /faq and the bot refuses it. /mod on makes you a moderator.`;
  }

  private permissions(): bigint {
    return this.options.sim.memberPermissions(this.options.guildId, this.userId);
  }

  private isModerator(): boolean {
    return (this.permissions() & PermissionFlagsBits.ManageGuild) !== 0n;
  }

  /** Discord shows a command only to members with its default_member_permissions; the playground sends it anyway. */
  private noteHidden(definition: CommandDefinition): void {
    if (definition.default_member_permissions === undefined || definition.default_member_permissions === null) return;
    const needed = BigInt(definition.default_member_permissions);
    const have = this.permissions();
    if ((have & needed) === needed || (have & PermissionFlagsBits.Administrator) !== 0n) return;
    const label = definition.type === 3 ? `Apps → ${definition.name}` : `/${definition.name}`;
    this.say(dim(`(Discord shows ${label} only to moderators; sent anyway, as on a server that made it visible to everyone. /mod on makes you one.)`));
  }

  // ─── Files ────────────────────────────────────────────────────────────────────────────────────

  private resolver(): OptionResolver {
    const { sim, cwd } = this.options;
    const lookup = (kind: string, find: () => string) => {
      try {
        return find();
      } catch {
        throw new PlaygroundInputError(`There is no ${kind} here.`);
      }
    };
    return {
      file: (path) => readAttachment(path, cwd),
      user: (name) => lookup(`user "${name}"`, () => sim.userId(name)),
      channel: (name) => lookup(`channel #${name}`, () => sim.channelId(name, this.options.guildId)),
      role: (name) => {
        throw new PlaygroundInputError(`The playground cannot pick the role "${name}"; no command of the bot takes one.`);
      },
    };
  }

  private save(words: string[]): undefined {
    const [n = '', ...pathWords] = words;
    const file = this.files[Number(n) - 1];
    const target = pathWords.join(' ');
    if (!/^\d+$/.test(n) || !file || target === '') {
      this.say(`✗ /save <n> <path>: n is the 📎 number of a file the bot sent${this.files.length > 0 ? ` (1 to ${this.files.length})` : '; it has sent none yet'}.`);
      return undefined;
    }
    let path = expandPath(target, this.options.cwd);
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, file.name);
    try {
      copyFileSync(file.path, path);
    } catch (error) {
      throw new PlaygroundInputError(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    this.say(`Saved ${file.name} as ${path}.`);
    return undefined;
  }

  private saveFiles(stored: readonly StoredFile[]): SavedFile[] {
    if (stored.length === 0) return [];
    mkdirSync(this.options.downloads, { recursive: true });
    return stored.map((file) => {
      const name = basename(file.filename) || 'file';
      let path = join(this.options.downloads, name);
      for (let i = 2; existsSync(path); i++) path = join(this.options.downloads, `${basename(name, extname(name))}-${i}${extname(name)}`);
      writeFileSync(path, file.data);
      const saved: SavedFile = { number: this.files.length + 1, name, bytes: file.data.length, path };
      this.files.push(saved);
      return saved;
    });
  }

  // ─── What the bot does ────────────────────────────────────────────────────────────────────────

  private number(id: string, channelId: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      this.numbered.push({ id, channelId });
      n = this.numbered.length;
      this.numbers.set(id, n);
    }
    return n;
  }

  private showMessage(recorded: RecordedMessage): void {
    const { message } = recorded;
    if (!recorded.ephemeral && message.channel_id === this.options.channelId) this.number(message.id, message.channel_id);
    // A deferred reply ("thinking…") is shown once the bot edits it into its answer.
    if (((message.flags ?? 0) & FLAG_LOADING) !== 0) return;
    this.render(message, recorded.ephemeral, false, recorded.files);
  }

  private showEdit(recorded: RecordedEdit): void {
    const { message } = recorded;
    this.pressables = this.pressables.map((p) => (p?.messageId === message.id ? undefined : p));
    this.render(message, ((message.flags ?? 0) & FLAG_EPHEMERAL) !== 0, this.rendered.has(message.id), recorded.files);
  }

  private render(message: APIMessage, ephemeral: boolean, edited: boolean, stored: readonly StoredFile[]): void {
    this.rendered.add(message.id);
    const replyTo = message.message_reference?.message_id;
    const { text, pressables } = renderMessage(message, {
      ephemeral,
      edited,
      number: this.numbers.get(message.id),
      ...(replyTo && this.numbers.has(replyTo) ? { replyTo: this.numbers.get(replyTo) } : {}),
      firstPressable: this.pressables.length + 1,
      files: this.saveFiles(stored),
    });
    this.pressables.push(...pressables.map((pressable) => ({ pressable, messageId: message.id, channelId: message.channel_id })));
    this.options.write(`\n${text}\n`);
  }

  /** Showing a message must never break the simulator that reported it: a failure is said, and the session goes on. */
  private guard(show: () => void): void {
    try {
      show();
    } catch (error) {
      this.say(`✗ Could not show the bot's message: ${(error as Error).message}`);
    }
  }

  private say(text: string): void {
    this.options.write(`  ${text}`);
  }

  /** Resolves once at least `minMs` passed and the bot has been quiet for SETTLE_MS (at most SETTLE_MAX_MS). */
  private settle(minMs = 0): Promise<void> {
    const start = Date.now();
    return new Promise((done) => {
      const tick = () => {
        const now = Date.now();
        if ((now - start >= minMs && now - this.lastEventAt >= SETTLE_MS) || now - start >= SETTLE_MAX_MS) done();
        else setTimeout(tick, 25);
      };
      tick();
    });
  }
}

function expandPath(path: string, cwd: string): string {
  const unquoted = path.replace(/^(["'])(.*)\1$/, '$2');
  return resolve(cwd, unquoted.replace(/^~(?=$|\/)/, homedir()));
}

/** A file path typed for an attachment option, read as Discord's client would upload it. */
export function readAttachment(typed: string, cwd: string): FileInput {
  const path = expandPath(typed, cwd);
  let bytes: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new PlaygroundInputError(`${path} is a folder; give a file.`);
    bytes = stat.size;
  } catch (error) {
    if (error instanceof PlaygroundInputError) throw error;
    throw new PlaygroundInputError(`There is no file ${path}${path === typed ? '' : ` (read from ${cwd})`}.`);
  }
  if (bytes > ATTACHMENT_MAX_BYTES) {
    throw new PlaygroundInputError(`${basename(path)} is ${(bytes / 1024 / 1024).toFixed(1)} MB; Discord takes files of at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB here.`);
  }
  const type = CONTENT_TYPES[extname(path).toLowerCase()];
  return { name: basename(path), content: readFileSync(path), ...(type ? { contentType: type } : {}) };
}
