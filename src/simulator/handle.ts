import type { APIApplicationCommandOptionChoice, APIMessage } from 'discord-api-types/v10';
import type { InteractionRecord, Interactions } from './interactions.js';
import { RType } from './interactions.js';
import type { Recorder } from './recorder.js';
import type { RecordedEdit, RecordedInteractionResponse, RecordedMessage } from './types.js';

const FLAG_LOADING = 1 << 7;

/**
 * A dispatched interaction, as a test sees it. Every wait rejects with a SimulatorTimeoutError
 * naming the interaction when the bot does not do the awaited thing in time.
 */
export class InteractionHandle {
  constructor(
    private readonly rec: InteractionRecord,
    private readonly interactions: Interactions,
    private readonly recorder: Recorder,
    private readonly deadlineMs: number,
  ) {}

  /** The interaction id. */
  get id(): string {
    return this.rec.id;
  }

  /** The interaction token the bot uses for callbacks and webhooks. */
  get token(): string {
    return this.rec.token;
  }

  /** The exact INTERACTION_CREATE payload that was dispatched. */
  get payload(): Record<string, unknown> {
    return this.rec.payload;
  }

  private label(): string {
    return `interaction ${this.rec.id} (${this.rec.name})`;
  }

  /** The accepted callback (POST /interactions/:id/:token/callback). Defaults to waiting just past the deadline. */
  response(timeoutMs = this.deadlineMs + 500): Promise<RecordedInteractionResponse> {
    return this.recorder.until(() => this.rec.response, timeoutMs, `a callback to ${this.label()}`);
  }

  /** The autocomplete choices the bot answered with (callback type 8). */
  async choices(timeoutMs?: number): Promise<APIApplicationCommandOptionChoice[]> {
    const res = await this.response(timeoutMs);
    if (res.type !== RType.Autocomplete) throw new Error(`${this.label()} was answered with type ${res.type}, not 8 (autocomplete)`);
    return ((res.body as { data?: { choices?: APIApplicationCommandOptionChoice[] } }).data?.choices ?? []);
  }

  /** The modal the bot showed (callback type 9): `{ custom_id, title, components }`. */
  async modal(timeoutMs?: number): Promise<Record<string, unknown>> {
    const res = await this.response(timeoutMs);
    if (res.type !== RType.Modal) throw new Error(`${this.label()} was answered with type ${res.type}, not 9 (modal)`);
    return (res.body as { data: Record<string, unknown> }).data;
  }

  /** The message `@original` designates right now, if any. */
  original(): APIMessage | undefined {
    const id = this.rec.originalId;
    return id ? this.interactions.findMessage(this.rec.channelId, id) : undefined;
  }

  /**
   * Waits for the visible reply: `@original` once it exists and is no longer "thinking" (a deferred
   * reply counts once edited). For deferred updates (type 6), once the message was edited.
   * An optional predicate narrows it further, e.g. to wait for a particular edit.
   */
  reply(predicate: (message: APIMessage) => boolean = () => true, timeoutMs = 5000): Promise<APIMessage> {
    return this.recorder.until(
      () => {
        if (!this.rec.response) return undefined;
        const message = this.original();
        if (!message || ((message.flags ?? 0) & FLAG_LOADING) !== 0) return undefined;
        if (this.rec.response.type === RType.DeferredUpdate && this.edits().length === 0) return undefined;
        return predicate(message) ? message : undefined;
      },
      timeoutMs,
      `the reply to ${this.label()}`,
    );
  }

  /** Follow-up messages sent so far. */
  followUpsSoFar(): RecordedMessage[] {
    return this.recorder.events.filter(
      (e): e is RecordedMessage => e.kind === 'message' && e.source === 'follow-up' && e.interactionId === this.rec.id,
    );
  }

  /** Waits until at least `n` follow-ups were sent, and returns the first `n`. */
  followUps(n = 1, timeoutMs = 5000): Promise<RecordedMessage[]> {
    return this.recorder.until(
      () => {
        const list = this.followUpsSoFar();
        return list.length >= n ? list.slice(0, n) : undefined;
      },
      timeoutMs,
      `${n} follow-up(s) to ${this.label()}`,
    );
  }

  /** Every edit the bot made through this interaction (webhook PATCHes and type 7 updates). */
  edits(): RecordedEdit[] {
    return this.recorder.events.filter((e): e is RecordedEdit => e.kind === 'messageEdit' && e.interactionId === this.rec.id);
  }

  /** Resolves true if the deadline passed without a callback ("The application did not respond"). */
  async expired(timeoutMs = this.deadlineMs + 500): Promise<boolean> {
    const e = await this.recorder.waitFor(
      (ev) => (ev.kind === 'interactionExpired' || ev.kind === 'interactionResponse') && ev.interactionId === this.rec.id,
      timeoutMs,
      `the deadline of ${this.label()}`,
    );
    return e.kind === 'interactionExpired';
  }
}
