import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.js';

/** The project's logger. Pass it down (or a `logger.child({ ... })`); nothing else writes to the console. */
export type Logger = PinoLogger;

/**
 * Keys whose values are credentials. A logged error, request or config object is scrubbed before it is written:
 * a token in a log file is as leaked as a token in a commit.
 */
export const REDACTED_PATHS: readonly string[] = [
  'token',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.authorization',
  '*.headers.authorization',
  // The whole Config, logged at start-up for diagnosis, carries the token one level deeper.
  'config.discord.token',
  'discord.token',
];

/**
 * A logger writing JSON lines to stderr, leaving stdout to the CLIs' actual output.
 *
 * @param destination where lines go; tests pass a stream to read them back.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = stderr()): Logger {
  return pino(
    {
      level,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

function stderr(): DestinationStream {
  // Synchronous: the line explaining a crash must be written before the process dies, and a bot logs little.
  return pino.destination({ dest: 2, sync: true });
}
