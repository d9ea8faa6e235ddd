import type { Logger } from './log.js';

/** Past this, shutdown gives up waiting and exits anyway: process managers kill at 10 s (systemd, docker stop). */
export const SHUTDOWN_DEADLINE_MS = 9_000;

export interface ShutdownOptions {
  /** Stops the app cleanly; resolves with how many handlers it had to cut off (0: none). */
  close(): Promise<number>;
  log: Logger;
  /** `process.exit`, injected so tests can watch it. */
  exit(code: number): void;
  deadlineMs?: number;
}

/**
 * What SIGTERM and SIGINT do: the first stops cleanly (close) and exits 0; a second signal, a shutdown that
 * overruns its deadline, or one that fails exits at once with 1. Returns the handler for `process.on(signal)`.
 */
export function stopOnSignal({ close, log, exit, deadlineMs = SHUTDOWN_DEADLINE_MS }: ShutdownOptions): (signal: NodeJS.Signals) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) {
      log.warn({ event: 'stopped-hard', signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    log.info({ event: 'stopping', signal }, 'shutting down: no new questions, finishing the ones received');
    const deadline = setTimeout(() => {
      log.error({ event: 'stop-overran', ms: Date.now() - started }, 'shutdown took too long: exiting');
      exit(1);
    }, deadlineMs);
    deadline.unref();
    close().then(
      (cutOff) => {
        clearTimeout(deadline);
        log.info({ event: 'stopped', signal, ms: Date.now() - started, cutOff }, 'stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        log.error({ event: 'stop-failed', err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
}

/** How often an orphan check looks at the parent process id. */
export const PARENT_POLL_MS = 500;

/**
 * Calls `onOrphaned` once the process that started this one is gone (the parent id changes: the process was
 * handed to init). For a bot under `npm start`, whose npm was killed by a process manager: npm does not pass the
 * signal on, so this is how the bot learns it should stop. Returns a function that stops watching.
 */
export function watchParent(onOrphaned: () => void, pollMs = PARENT_POLL_MS, parentId: () => number = () => process.ppid): () => void {
  const parent = parentId();
  const timer = setInterval(() => {
    if (parentId() === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
