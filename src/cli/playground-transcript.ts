import type { APIMessage } from 'discord.js';
import type { RecordedEdit, RecordedMessage, Simulator, StoredFile } from '../simulator/index.js';
import type { Downloads } from './playground-files.js';
import { renderMessage, type Pressable } from './playground-render.js';

/**
 * What the bot does, shown as it happens: every message and edit the simulator records is printed, the channel's
 * messages are numbered for `/menu <n>`, and the buttons and selects of the latest ones for `/press <n>`.
 */

/** Output is complete once the bot has been quiet this long after its answer (follow-ups, edits). */
const SETTLE_MS = 150;
const SETTLE_MAX_MS = 5_000;
const FLAG_EPHEMERAL = 1 << 6;
const FLAG_LOADING = 1 << 7;

/** A button or select the user can press, and the message it is on. */
export interface Shown {
  pressable: Pressable;
  messageId: string;
  channelId: string;
}

/** A message everyone sees in the channel. */
export interface PostedMessage {
  id: string;
  channelId: string;
}

export class Transcript {
  /** Buttons and selects of the bot's latest messages, numbered from 1; undefined once their message changed. */
  private pressables: (Shown | undefined)[] = [];
  /** Messages everyone sees in the channel, numbered from 1 for `/menu <n>`. */
  private readonly numbered: PostedMessage[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly rendered = new Set<string>();
  private lastEventAt = Date.now();

  /** @param channelId The channel whose messages are numbered: the one the user types in. */
  constructor(
    sim: Simulator,
    private readonly channelId: string,
    private readonly downloads: Downloads,
    private readonly write: (text: string) => void,
    private readonly say: (text: string) => void,
  ) {
    sim.on('event', () => (this.lastEventAt = Date.now()));
    sim.on('message', (recorded) => this.guard(() => this.showMessage(recorded)));
    sim.on('messageEdit', (recorded) => this.guard(() => this.showEdit(recorded)));
  }

  /** Button or select n (from 1), if its message is among the latest and has not changed since. */
  pressable(n: number): Shown | undefined {
    return this.pressables[n - 1];
  }

  /** The user does something new: the buttons shown so far are no longer "the bot's last messages". */
  clearPressables(): void {
    this.pressables = [];
  }

  /** Message #n (from 1) of the channel. */
  posted(n: number): PostedMessage | undefined {
    return this.numbered[n - 1];
  }

  /** How many messages of the channel are numbered. */
  get postedCount(): number {
    return this.numbered.length;
  }

  /** The #number of a channel message, given one the first time it is seen. */
  number(id: string, channelId: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      this.numbered.push({ id, channelId });
      n = this.numbered.length;
      this.numbers.set(id, n);
    }
    return n;
  }

  /** Resolves once at least `minMs` passed and the bot has been quiet for SETTLE_MS (at most SETTLE_MAX_MS). */
  settle(minMs = 0): Promise<void> {
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

  private showMessage(recorded: RecordedMessage): void {
    const { message } = recorded;
    if (!recorded.ephemeral && message.channel_id === this.channelId) this.number(message.id, message.channel_id);
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
      files: this.downloads.saveAll(stored),
    });
    this.pressables.push(...pressables.map((pressable) => ({ pressable, messageId: message.id, channelId: message.channel_id })));
    this.write(`\n${text}\n`);
  }

  /** Showing a message must never break the simulator that reported it: a failure is said, and the session goes on. */
  private guard(show: () => void): void {
    try {
      show();
    } catch (error) {
      this.say(`✗ Could not show the bot's message: ${(error as Error).message}`);
    }
  }
}
