import { MESSAGE_CONTENT_MAX } from '../discord/limits.js';
import type { InteractionHandle, Simulator } from '../simulator/index.js';
import { Autocomplete } from './playground-autocomplete.js';
import {
  botCommands,
  messageMenuNames,
  optionValues,
  parseTyped,
  PlaygroundInputError,
  type CommandDefinition,
  type OptionResolver,
  type TypedCommand,
} from './playground-commands.js';
import { Downloads, readAttachment } from './playground-files.js';
import { helpText } from './playground-help.js';
import { fillModal, type LineSource } from './playground-modal.js';
import { dim } from './playground-render.js';
import { Transcript } from './playground-transcript.js';
import { PlaygroundUser } from './playground-user.js';

/**
 * One playground session: what a person types, turned into what a Discord user does (post, mention, run a slash
 * or Apps command, press a button, fill a form), and everything the bot does shown as it happens. The terminal,
 * the simulator and the files are passed in, so a test can drive it through the real entry point.
 *
 * This file reads each typed line and sends what the user does. Beside it: who is typing (playground-user.ts), the
 * bot's messages as shown (playground-transcript.ts), autocomplete (playground-autocomplete.ts), files both ways
 * (playground-files.ts), forms (playground-modal.ts), typed commands (playground-commands.ts) and /help
 * (playground-help.ts).
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

/** How long the bot is given after a plain message: it may rightly say nothing at all. */
const CHAT_WAIT_MS = 400;

export class PlaygroundSession {
  private readonly sim: Simulator;
  private readonly defs: CommandDefinition[] = botCommands();
  private readonly user: PlaygroundUser;
  private readonly downloads: Downloads;
  private readonly transcript: Transcript;
  private readonly autocomplete: Autocomplete;

  constructor(private readonly options: SessionOptions) {
    this.sim = options.sim;
    const write = (text: string) => options.write(text);
    const say = (text: string) => this.say(text);
    this.user = new PlaygroundUser(this.sim, options.guildId, options.moderatorRole, options.user, say);
    this.downloads = new Downloads(options.downloads, options.cwd, say);
    this.transcript = new Transcript(this.sim, options.channelId, this.downloads, write, say);
    this.autocomplete = new Autocomplete(this.sim, this.defs, options.channelId, this.user, write, say);
  }

  /** `alice> `, or `bob (mod)> `: who is typing. */
  prompt(): string {
    return `${this.user.name}${this.user.isModerator() ? ' (mod)' : ''}> `;
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
    return helpText(this.defs);
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
        this.user.switchTo(rest);
        return undefined;
      case '/mod':
        this.user.setModerator(rest);
        return undefined;
      case '/press':
        return this.press(rest);
      case '/menu':
        return this.menu(words);
      case '/complete':
        await this.autocomplete.complete(rest);
        return undefined;
      case '/pick':
        return this.pick(rest);
      case '/save':
        this.downloads.save(words);
        return undefined;
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
    this.transcript.clearPressables();
    const message = this.sim.sendMessage({ channelId: this.options.channelId, authorId: this.user.id, content });
    this.say(dim(`(message #${this.transcript.number(message.id, message.channel_id)})`));
    await this.transcript.settle(CHAT_WAIT_MS);
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
    this.user.noteHidden(command.definition);
    await this.autocomplete.offerChoices(command);
    this.transcript.clearPressables();
    const handle = this.sim.slashCommand({
      channelId: this.options.channelId,
      userId: this.user.id,
      name: command.definition.name,
      ...(command.subcommandGroup ? { subcommandGroup: command.subcommandGroup } : {}),
      ...(command.subcommand ? { subcommand: command.subcommand } : {}),
      options,
    });
    await this.follow(handle);
  }

  private async pick(which: string): Promise<undefined> {
    const command = this.autocomplete.pick(which);
    if (command) await this.run(command);
    return undefined;
  }

  private async press(which: string): Promise<undefined> {
    const shown = this.transcript.pressable(Number(which));
    if (!/^\d+$/.test(which) || !shown) {
      this.say(`✗ No button ${which || '(give its number)'}: buttons are numbered [n] in the bot's last messages.`);
      return undefined;
    }
    const where = { message: shown.messageId, channelId: shown.channelId, customId: shown.pressable.customId, userId: this.user.id };
    if (shown.pressable.kind === 'button') {
      this.transcript.clearPressables();
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
    this.transcript.clearPressables();
    await this.follow(this.sim.selectMenu({ ...where, values: picked.map((p) => p!.value) }));
    return undefined;
  }

  private async menu(words: string[]): Promise<undefined> {
    const names = messageMenuNames(this.defs);
    const [n = '', ...nameWords] = words;
    const target = this.transcript.posted(Number(n.replace(/^#/, '')));
    if (!/^#?\d+$/.test(n) || !target) {
      const count = this.transcript.postedCount;
      this.say(`✗ /menu <n> <action>: n is the #number beside a message${count > 0 ? ` (#1 to #${count})` : '; none is posted yet'}. Actions: ${names.join(', ')}.`);
      return undefined;
    }
    const typed = nameWords.join(' ').replace(/^["'“]|["'”]$/g, '').trim().toLowerCase();
    const name = names.find((m) => m.toLowerCase() === typed) ?? (typed ? names.find((m) => m.toLowerCase().startsWith(typed)) : undefined);
    if (!name) {
      this.say(`Apps on message #${n.replace(/^#/, '')}: ${names.map((m) => `/menu ${n} ${m}`).join('  ·  ')}`);
      return undefined;
    }
    this.user.noteHidden(this.defs.find((d) => d.name === name)!);
    this.transcript.clearPressables();
    await this.follow(this.sim.messageCommand({ name, userId: this.user.id, message: target.id, channelId: target.channelId }));
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
      this.transcript.clearPressables();
      await this.follow(this.sim.submitModal({ customId: String(modal.custom_id), userId: this.user.id, channelId: this.options.channelId, fields: filled.fields }));
      return;
    }
    if (response.type === 5 || response.type === 6) {
      try {
        await handle.reply();
      } catch {
        this.say('✗ The bot said it was working on it ("thinking…") and never finished.');
      }
    }
    await this.transcript.settle();
  }

  /** Typed option text → values: files read from disk as Discord's client uploads them, users and channels by name. */
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

  private say(text: string): void {
    this.options.write(`  ${text}`);
  }
}
