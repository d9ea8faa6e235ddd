import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startSimulator, type RecordedEvent, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres-database.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningBot {
  sim: Simulator;
  child: ChildProcess;
  /** The bot's log lines (JSON, stderr) so far. */
  logs: string[];
  dbPath: string;
  guildId: string;
  general: string;
  forum: string;
  alice: string;
  bob: string;
  /** Stops the bot (SIGTERM) and the simulator. */
  stop(): Promise<void>;
  /** Kills the bot at once (SIGKILL), as a crash would; the simulator keeps running. */
  kill(): Promise<void>;
}

/**
 * Starts the simulator and the real bot as a child process, from its sources (as `npm run dev` does) or from the
 * release build (`npm start`), with its environment pointing DISCORD_API_URL at the simulator and KNOWLEDGE_DIR at
 * a fixture; resolves once the bot has registered /ask.
 */
export interface StartOptions {
  env?: Record<string, string>;
  sim?: SimulatorOptions;
  /** Reuse a running simulator (a restart of the bot); it is then not closed by stop(). */
  existing?: { sim: Simulator; dbPath: string };
  /** 'global' registers commands for every guild (no DISCORD_GUILD_ID); default: the first guild only. */
  registration?: 'guild' | 'global';
  /** The knowledge folder the bot serves (KNOWLEDGE_DIR); default: the frozen article fixture, never knowledge/. */
  knowledgeDir?: string;
  /**
   * How the bot is started: 'source' runs src/index.ts through tsx (default); 'built' runs `node dist/index.js`
   * (build it first); 'npm' runs `npm start`, so `child` is npm and the bot its child.
   */
  entry?: 'source' | 'built' | 'npm';
}

const ENTRY_COMMANDS: Record<NonNullable<StartOptions['entry']>, [string, string[]]> = {
  source: [process.execPath, ['--import', 'tsx', 'src/index.ts']],
  built: [process.execPath, ['dist/index.js']],
  npm: ['npm', ['start', '--silent']],
};

export async function startBot(options: StartOptions = {}): Promise<RunningBot> {
  const sim = options.existing?.sim ?? (await startSimulator({ heartbeatIntervalMs: 2_000, ...options.sim }));
  const guildId = sim.guildIds[0]!;
  const general = sim.channelId('general', guildId);
  const forum = sim.channelId('help-forum', guildId);
  const dbPath = options.existing?.dbPath ?? join(mkdtempSync(join(tmpdir(), 'paa-e2e-')), 'paa.db');
  const global = options.registration === 'global';
  const logs: string[] = [];
  // Under PAA_TEST_STORE=postgres (the e2e-postgres project of vitest.config.ts) the bot runs on a throwaway
  // PostgreSQL database instead of a SQLite file, unless the test chose its own DATABASE_URL.
  let postgres: TestDatabase | undefined;
  if (process.env.PAA_TEST_STORE === 'postgres' && !options.existing && options.env?.DATABASE_URL === undefined) {
    postgres = await createTestDatabase();
    if (!postgres) throw new Error('PAA_TEST_STORE=postgres, but the PostgreSQL test server is not reachable (PAA_TEST_POSTGRES_URL)');
  }
  const [command, args] = ENTRY_COMMANDS[options.entry ?? 'source'];
  const child = spawn(command, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'simulated-token',
      DISCORD_CLIENT_ID: sim.applicationId,
      DISCORD_GUILD_ID: global ? '' : guildId,
      DISCORD_API_URL: sim.apiUrl,
      DATABASE_URL: postgres?.url ?? `sqlite:${dbPath}`,
      WATCH_CHANNEL_IDS: `${general},${forum}`,
      LOG_LEVEL: 'info',
      KNOWLEDGE_DIR: options.knowledgeDir ?? ARTICLE_KNOWLEDGE_DIR,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stdout!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the bot exited with ${code}:\n${logs.join('\n')}`))),
  );
  exited.catch(() => {});
  // A restarted bot registers its commands again once ready: that new registration means it is up.
  const ready = options.existing
    ? nextEvent(sim, (e) => e.kind === 'commands', 20_000)
    : sim.waitForCommands(['ask', 'faq'], { ...(global ? {} : { guildId }), timeoutMs: 20_000 });
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    // A bot that never came up leaves nothing running behind it: a failed start is a result some tests expect.
    if (child.exitCode === null) child.kill('SIGKILL');
    if (!options.existing) await sim.close();
    await postgres?.drop();
    throw error;
  }

  return {
    sim,
    child,
    logs,
    dbPath,
    guildId,
    general,
    forum,
    alice: sim.userId('alice'),
    bob: sim.userId('bob'),
    kill() {
      child.kill('SIGKILL');
      return new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!options.existing) await sim.close();
      await postgres?.drop();
    },
  };
}

/** Resolves at the next recorded event matching `predicate` (only events from now on count). */
export function nextEvent(sim: Simulator, predicate: (event: RecordedEvent) => boolean, timeoutMs = 5_000): Promise<RecordedEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sim.off('event', listener);
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: RecordedEvent) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      sim.off('event', listener);
      resolve(event);
    };
    sim.on('event', listener);
  });
}

/** Waits a little to let the bot act (used only to prove that it did nothing). */
export const settle = (ms = 600) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts one bot for the whole test file (beforeAll) and stops it afterwards (afterAll); returns a getter, valid
 * inside tests.
 */
export function useBot(options: StartOptions = {}): () => RunningBot {
  let bot: RunningBot | undefined;
  beforeAll(async () => {
    bot = await startBot(options);
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });
  return () => bot!;
}
