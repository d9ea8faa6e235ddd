import { EventEmitter } from 'node:events';
import type { APIMessage } from 'discord-api-types/v10';
import type {
  RecordedCommands,
  RecordedEdit,
  RecordedEvent,
  RecordedInteractionResponse,
  RecordedMessage,
  RecordedRequest,
} from './types.js';

/** Events a playground can subscribe to via `simulator.on(...)`. */
export interface SimulatorEvents {
  /** Every recorded event, in order. */
  event: [RecordedEvent];
  /** A message the bot created (channel message, interaction response or follow-up). */
  message: [RecordedMessage];
  /** A message the bot edited. */
  messageEdit: [RecordedEdit];
  /** An interaction callback (on time or late). */
  interactionResponse: [RecordedInteractionResponse];
  /** A command registration (bulk overwrite, create, edit or delete). */
  commands: [RecordedCommands];
  /** A message sent by a scripted user via `sendMessage` / `createThread`. */
  userMessage: [APIMessage];
  /** A REST request, after it was answered. */
  request: [RecordedRequest];
  /** A gateway dispatch sent (or queued for resume) to a session. */
  dispatch: [{ t: string; s: number; sessionId: string }];
}

type Listener<K extends keyof SimulatorEvents> = (...args: SimulatorEvents[K]) => void;

/** Timeout error thrown by every wait helper, naming what was awaited. */
export class SimulatorTimeoutError extends Error {
  override name = 'SimulatorTimeoutError';
}

/** Keeps the ordered log of what the bot did, and lets tests wait on it. */
export class Recorder {
  readonly events: RecordedEvent[] = [];
  readonly requests: RecordedRequest[] = [];
  private readonly emitter = new EventEmitter();
  private readonly pending = new Set<() => void>();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  record<E extends RecordedEvent>(event: E): E {
    this.events.push(event);
    this.emit('event', event);
    switch (event.kind) {
      case 'message':
        this.emit('message', event);
        break;
      case 'messageEdit':
        this.emit('messageEdit', event);
        break;
      case 'interactionResponse':
        this.emit('interactionResponse', event);
        break;
      case 'commands':
        this.emit('commands', event);
        break;
      default:
        break;
    }
    return event;
  }

  recordRequest(request: RecordedRequest): void {
    this.requests.push(request);
    this.emit('request', request);
  }

  emit<K extends keyof SimulatorEvents>(name: K, ...args: SimulatorEvents[K]): void {
    this.emitter.emit(name, ...args);
    for (const check of [...this.pending]) check();
  }

  on<K extends keyof SimulatorEvents>(name: K, listener: Listener<K>): void {
    this.emitter.on(name, listener as (...args: unknown[]) => void);
  }

  off<K extends keyof SimulatorEvents>(name: K, listener: Listener<K>): void {
    this.emitter.off(name, listener as (...args: unknown[]) => void);
  }

  /**
   * Resolves with the first value `probe` returns that is not undefined, re-probing after every
   * recorded event; rejects after `timeoutMs` with `what` in the message.
   */
  until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new SimulatorTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(check);
      };
      this.pending.add(check);
    });
  }

  /** Waits for a recorded event matching `predicate` (past events count). */
  waitFor<E extends RecordedEvent = RecordedEvent>(
    predicate: (event: RecordedEvent) => boolean,
    timeoutMs = 5000,
    what = 'a matching event',
  ): Promise<E> {
    return this.until(() => this.events.find(predicate) as E | undefined, timeoutMs, what);
  }

  /** Re-runs pending waits; used when state changed without a recorded event. */
  poke(): void {
    for (const check of [...this.pending]) check();
  }

  removeAllListeners(): void {
    this.emitter.removeAllListeners();
  }
}
