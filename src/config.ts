import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenvFile } from 'dotenv';
import { z } from 'zod';
import { SHIPPED_KNOWLEDGE_DIR } from './knowledge/files.js';

// ─── The typed configuration ─────────────────────────────────────────────────────────────────────

/** The levels pino understands, quietest last. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How the bot reaches Discord. */
export interface DiscordConfig {
  /** The bot token. Never log it, never put it in an error message. */
  token: string;
  /** The application id (a snowflake): commands are registered under it. */
  clientId: string;
  /** If set, commands are registered in this guild only (instant, for development) instead of globally. */
  guildId?: string;
  /** REST base without a trailing slash, e.g. `https://discord.com/api`; tests point it at the simulator. */
  apiUrl: string;
}

/**
 * Where the store lives: a SQLite file (the default: one machine, nothing to install), or a PostgreSQL server,
 * which several bot processes (shards) and `npm run kb` share.
 */
export type DatabaseConfig =
  | {
      kind: 'sqlite';
      /** A file path (relative to the working directory) or `:memory:`. */
      path: string;
    }
  | {
      kind: 'postgres';
      /** The connection URL as given (it may carry a password: never log or print it). */
      url: string;
      /** The URL without its password, for messages. */
      display: string;
    };

/** The database as a person may see it named: the SQLite file, or the PostgreSQL URL without its password. */
export function databaseName(database: DatabaseConfig): string {
  return database.kind === 'sqlite' ? database.path : database.display;
}

/** Everything the bot reads from its environment, validated and defaulted. */
export interface Config {
  discord: DiscordConfig;
  /** Channels where the bot answers plain messages, not only slash commands. Empty: slash commands only. */
  watchChannelIds: string[];
  /** Roles whose members may moderate the knowledge base. */
  modRoleIds: string[];
  /**
   * Whether to ask for the privileged Message Content intent. Watched channels need it; /ask and mentions work
   * without it. If the Developer Portal has it off, Discord refuses the login (close 4014) and the bot starts again
   * without it (src/index.ts).
   */
  messageContent: boolean;
  logLevel: LogLevel;
  database: DatabaseConfig;
  /**
   * The folder whose `*.yaml` files are the knowledge base the bot serves, as an absolute path without a trailing
   * slash: the shipped `knowledge/` unless KNOWLEDGE_DIR names another. Checked to be an existing folder when the
   * config is loaded (its files are read and validated later, by whoever loads the knowledge).
   */
  knowledgeDir: string;
  /** Where `/healthz` and `/metrics` are served (src/metrics/); absent unless METRICS_PORT is set. */
  metrics?: { host: string; port: number };
  /** The Discord shards this process runs; absent unless SHARD_COUNT is set (then one unsharded connection). */
  sharding?: ShardingConfig;
}

/**
 * Which of the bot's shards this process connects. Discord routes each server to shard
 * `(guild_id >> 22) % count`; every process of the bot is given the same `count` and its own `ids`.
 */
export interface ShardingConfig {
  /** The total number of shards across all processes (SHARD_COUNT), at least 1. */
  count: number;
  /** The shards this process runs (SHARD_IDS), each below `count`, no repeats; default all of 0..count-1. */
  ids: number[];
}

/**
 * The configuration of a tool that never talks to Discord (the `ask` and `kb` CLIs).
 * `discord` is present only when both the token and the client id are set.
 */
export type LocalConfig = Omit<Config, 'discord'> & { discord?: DiscordConfig };

export interface LoadConfigOptions {
  /** Whether `DISCORD_TOKEN` and `DISCORD_CLIENT_ID` must be set. Default true (the bot needs them). */
  requireDiscord?: boolean;
}

/** The values used when a variable is unset or blank. Frozen: one source for the code, the tests and `.env.example`. */
export const CONFIG_DEFAULTS = Object.freeze({
  DISCORD_API_URL: 'https://discord.com/api',
  LOG_LEVEL: 'info',
  DATABASE_URL: 'sqlite:./data/paa.db',
  MESSAGE_CONTENT_INTENT: 'true',
  KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE_DIR,
  // Loopback only unless the operator says otherwise: the metrics name servers and are nobody else's business.
  METRICS_HOST: '127.0.0.1',
} as const);

/**
 * The configuration is unusable. `issues` has one line per bad or missing variable, all of them at once, so a
 * person fixes their `.env` in one pass. No issue ever quotes a secret's value.
 */
export class ConfigError extends Error {
  constructor(readonly issues: readonly { key: string; message: string }[]) {
    const lines = issues.map(({ key, message }) => `  ${key}: ${message}`);
    const noun = issues.length === 1 ? 'problem' : 'problems';
    super(`Invalid configuration (${issues.length} ${noun}); fix these in the environment or .env:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
  }
}

// ─── Validation ───────────────────────────────────────────────────────────────────────────────────

/** Discord ids are 64-bit integers written in decimal: 17 digits since 2015, 20 at most. */
export const SNOWFLAKE = /^\d{17,20}$/;

const KEYS = [
  'DISCORD_TOKEN',
  'DISCORD_CLIENT_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'WATCH_CHANNEL_IDS',
  'MOD_ROLE_IDS',
  'MESSAGE_CONTENT_INTENT',
  'LOG_LEVEL',
  'DATABASE_URL',
  'KNOWLEDGE_DIR',
  'METRICS_PORT',
  'METRICS_HOST',
  'SHARD_COUNT',
  'SHARD_IDS',
] as const;

const snowflake = (what: string) =>
  z
    .string({ error: `required: ${what}, a snowflake (17-20 digits)` })
    .regex(SNOWFLAKE, { error: (issue) => `expected ${what}, a snowflake (17-20 digits); got ${quote(issue.input)}` });

const snowflakeList = (what: string) =>
  z.string().transform((value, ctx) => {
    const ids = value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const bad = ids.filter((id) => !SNOWFLAKE.test(id));
    if (bad.length > 0) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `expected comma-separated ${what} (snowflakes, 17-20 digits); not ids: ${bad.map(quote).join(', ')}`,
      });
    }
    return ids;
  });

// The token's value must never reach a message: the issues below describe it without quoting it.
const token = z.string({ error: 'required: the bot token from the Discord Developer Portal (Bot → Reset Token)' }).check((ctx) => {
  const problem = /^bot\s/i.test(ctx.value)
    ? 'expected the bare token, without the "Bot " prefix'
    : /\s/.test(ctx.value)
      ? 'expected a token without spaces or line breaks (is it pasted whole?)'
      : undefined;
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});

const apiUrl = z.string().transform((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    ctx.issues.push({ code: 'custom', input: value, message: `expected an http(s) URL such as ${CONFIG_DEFAULTS.DISCORD_API_URL}; got ${quote(value)}` });
    return z.NEVER;
  }
  // Routes are joined as `${apiUrl}/v10/...`: one spelling, whether or not the person typed the slash.
  return value.replace(/\/+$/, '');
});

const flag = z.string().transform((value, ctx) => {
  const lower = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  ctx.issues.push({ code: 'custom', input: value, message: `expected true or false; got ${quote(value)}` });
  return z.NEVER;
});

const logLevel = z.string().transform((value, ctx) => {
  const level = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    ctx.issues.push({ code: 'custom', input: value, message: `expected one of ${LOG_LEVELS.join(', ')}; got ${quote(value)}` });
    return z.NEVER;
  }
  return level as LogLevel;
});

const databaseUrl = z.string().transform((value, ctx): DatabaseConfig => {
  const fail = (message: string) => {
    ctx.issues.push({ code: 'custom', input: value, message });
    return z.NEVER;
  };
  const example = 'e.g. sqlite:./data/paa.db, sqlite::memory: or postgres://user@host:5432/paa';
  // The URL is not quoted back: a server URL may carry a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return fail(`expected sqlite:<path> or postgres://…, ${example}`);
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return fail(`not a valid postgres:// URL, ${example}`);
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) return fail(`expected a host in the postgres:// URL, ${example}`);
    if (parsed.password !== '') parsed.password = '***';
    return { kind: 'postgres', url: value, display: parsed.toString() };
  }
  if (scheme !== 'sqlite') return fail(`not supported: a ${scheme}: URL; use sqlite:<path> or postgres://… (${example})`);
  const path = value.slice('sqlite:'.length);
  if (path === '') return fail(`expected a path after sqlite:, ${example}`);
  // sqlite://x would silently become the path //x; say what was meant instead.
  if (path.startsWith('//')) return fail(`write sqlite:<path> without "//", ${example}`);
  return { kind: 'sqlite', path };
});

// Resolved against the working directory once, here, so every later reader sees the same folder. The path is
// quoted whole: it is no secret, and its start (the working directory, for a relative one) is the useful part.
const knowledgeDir = z.string().transform((value, ctx) => {
  const dir = resolve(value);
  const problem = folderProblem(dir);
  if (problem) {
    ctx.issues.push({ code: 'custom', input: value, message: `expected the folder of the knowledge files (*.yaml); ${problem}: ${JSON.stringify(dir)}` });
    return z.NEVER;
  }
  return dir;
});

const port = z.string().transform((value, ctx) => {
  const number = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= 65535)) {
    ctx.issues.push({ code: 'custom', input: value, message: `expected a port number from 1 to 65535; got ${quote(value)}` });
    return z.NEVER;
  }
  return number;
});

// A name or address to listen on; no scheme, no port, no path.
const host = z.string().regex(/^[\w.:-]+$/, { error: (issue) => `expected a host name or IP address to listen on, such as 127.0.0.1 or 0.0.0.0; got ${quote(issue.input)}` });

// A bound against a typo, far above any real bot (at 2,500 servers a shard, 100,000 shards hold 250 million).
const SHARD_COUNT_MAX = 100_000;

const shardCount = z.string().transform((value, ctx) => {
  const number = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= SHARD_COUNT_MAX)) {
    ctx.issues.push({ code: 'custom', input: value, message: `expected the total number of shards, a whole number from 1 to ${SHARD_COUNT_MAX}; got ${quote(value)}` });
    return z.NEVER;
  }
  return number;
});

// Checked against SHARD_COUNT in shardingIssues, which sees both keys.
const shardIds = z.string().transform((value, ctx) => {
  const parts = value.split(',').map((part) => part.trim());
  const fail = (message: string) => {
    ctx.issues.push({ code: 'custom', input: value, message });
    return z.NEVER;
  };
  const bad = parts.filter((part) => !/^\d{1,6}$/.test(part));
  if (bad.length > 0) return fail(`expected comma-separated shard ids (whole numbers from 0), e.g. 0,1; not ids: ${bad.map(quote).join(', ')}`);
  const ids = parts.map(Number);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) return fail(`expected each shard id once; repeated: ${[...new Set(repeated)].join(', ')}`);
  return ids;
});

/**
 * What the per-key schema cannot see: SHARD_IDS against SHARD_COUNT. A key that is malformed on its own is
 * reported by the schema already, so nothing is said here about it.
 */
function shardingIssues(raw: Record<string, string>): { key: string; message: string }[] {
  if (raw.SHARD_IDS === undefined) return [];
  if (raw.SHARD_COUNT === undefined) return [{ key: 'SHARD_IDS', message: 'needs SHARD_COUNT, the total number of shards of all the processes' }];
  const count = shardCount.safeParse(raw.SHARD_COUNT);
  const ids = shardIds.safeParse(raw.SHARD_IDS);
  if (!count.success || !ids.success) return [];
  const beyond = ids.data.filter((id) => id >= count.data);
  if (beyond.length === 0) return [];
  return [{ key: 'SHARD_IDS', message: `expected shard ids below SHARD_COUNT (${count.data}), so from 0 to ${count.data - 1}; got ${beyond.join(', ')}` }];
}

/** Why `dir` cannot be read as a folder, or undefined if it can. */
function folderProblem(dir: string): string | undefined {
  try {
    const stats = statSync(dir, { throwIfNoEntry: false });
    if (stats === undefined) return 'no such folder';
    return stats.isDirectory() ? undefined : 'not a folder';
  } catch (error) {
    // ENOTDIR (a file along the way), EACCES: the code says which, in words a person can act on.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' ? 'not allowed to read it' : code === 'ENOTDIR' ? 'no such folder' : `cannot read it (${code ?? 'unknown error'})`;
  }
}

function schema(requireDiscord: boolean) {
  const required = <T extends z.ZodType>(type: T) => (requireDiscord ? type : type.optional());
  return z.object({
    DISCORD_TOKEN: required(token),
    DISCORD_CLIENT_ID: required(snowflake('the application id (Developer Portal → General Information)')),
    DISCORD_GUILD_ID: snowflake('a guild id').optional(),
    DISCORD_API_URL: apiUrl,
    WATCH_CHANNEL_IDS: snowflakeList('channel ids').optional(),
    MOD_ROLE_IDS: snowflakeList('role ids').optional(),
    MESSAGE_CONTENT_INTENT: flag,
    LOG_LEVEL: logLevel,
    DATABASE_URL: databaseUrl,
    KNOWLEDGE_DIR: knowledgeDir,
    METRICS_PORT: port.optional(),
    METRICS_HOST: host,
    SHARD_COUNT: shardCount.optional(),
    SHARD_IDS: shardIds.optional(),
  });
}

/**
 * Reads, defaults and validates the configuration. This is the only reader of `process.env` in the project:
 * everything else receives the returned object.
 *
 * Blank values count as unset, so `DISCORD_GUILD_ID=` in a `.env` means "no guild".
 *
 * @throws {ConfigError} listing every bad or missing variable at once.
 */
export function loadConfig(env?: NodeJS.ProcessEnv, options?: { requireDiscord?: true }): Config;
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions): LocalConfig;
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): LocalConfig {
  const raw: Record<string, string> = { ...CONFIG_DEFAULTS };
  for (const key of KEYS) {
    const value = env[key]?.trim();
    if (value) raw[key] = value;
  }

  const result = schema(options.requireDiscord ?? true).safeParse(raw);
  const crossIssues = [...shardingIssues(raw), ...blankShardCount(env, options.requireDiscord ?? true)];
  if (!result.success || crossIssues.length > 0) {
    // One line per variable (its first problem), in schema order, which is .env.example's order.
    const byKey = new Map<string, string>();
    for (const issue of result.error?.issues ?? []) {
      const key = String(issue.path[0] ?? '(config)');
      if (!byKey.has(key)) byKey.set(key, issue.message);
    }
    for (const { key, message } of crossIssues) if (!byKey.has(key)) byKey.set(key, message);
    throw new ConfigError([...byKey].map(([key, message]) => ({ key, message })));
  }

  const values = result.data;
  const discord: DiscordConfig | undefined =
    values.DISCORD_TOKEN !== undefined && values.DISCORD_CLIENT_ID !== undefined
      ? {
          token: values.DISCORD_TOKEN,
          clientId: values.DISCORD_CLIENT_ID,
          ...(values.DISCORD_GUILD_ID !== undefined && { guildId: values.DISCORD_GUILD_ID }),
          apiUrl: values.DISCORD_API_URL,
        }
      : undefined;
  return {
    ...(discord && { discord }),
    watchChannelIds: values.WATCH_CHANNEL_IDS ?? [],
    modRoleIds: values.MOD_ROLE_IDS ?? [],
    messageContent: values.MESSAGE_CONTENT_INTENT,
    logLevel: values.LOG_LEVEL,
    database: values.DATABASE_URL,
    knowledgeDir: values.KNOWLEDGE_DIR,
    ...(values.METRICS_PORT !== undefined && { metrics: { host: values.METRICS_HOST, port: values.METRICS_PORT } }),
    ...(values.SHARD_COUNT !== undefined && {
      sharding: { count: values.SHARD_COUNT, ids: values.SHARD_IDS ?? Array.from({ length: values.SHARD_COUNT }, (_, id) => id) },
    }),
  };
}

/**
 * discord.js reads SHARD_COUNT from the environment by itself when the client is given no shard count (that is
 * how its ShardingManager talks to the processes it starts), and a blank one stops it with "The shardCount option
 * must be a number greater than or equal to 1". So for the bot a blank SHARD_COUNT is not "unset" like the other
 * keys: it is refused here, in one line that says what to do.
 */
function blankShardCount(env: NodeJS.ProcessEnv, requireDiscord: boolean): { key: string; message: string }[] {
  const value = env.SHARD_COUNT;
  if (!requireDiscord || value === undefined || value.trim() !== '') return [];
  return [{ key: 'SHARD_COUNT', message: 'set but blank; remove the line (one shard) or give the total number of shards (discord.js reads SHARD_COUNT itself)' }];
}

/**
 * Loads `.env` from the working directory (or `path`) into `process.env`, quietly. Variables already set in the
 * real environment win, so a deployment can override the file. Call it from entry points only, before `loadConfig`.
 */
export function loadDotenv(path?: string): void {
  loadDotenvFile({ quiet: true, ...(path !== undefined && { path }) });
}

/**
 * Whether this process was started by an npm script (`npm start`). npm does not pass SIGTERM on to its script:
 * killed, it exits and leaves the bot running, orphaned; the bot then watches for that (src/shutdown.ts).
 */
export function startedByNpmScript(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.npm_lifecycle_event);
}

/** A value for an error message: quoted, and cut short so one pasted blob cannot flood the terminal. */
function quote(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
