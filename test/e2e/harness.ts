import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';

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
}

/**
 * Starts the simulator and the real bot as a child process, the way `npm start` does (tsx src/index.ts), with
 * its environment pointing DISCORD_API_URL at the simulator; resolves once the bot has registered /ask.
 */
export async function startBot(options: { env?: Record<string, string>; sim?: SimulatorOptions } = {}): Promise<RunningBot> {
  const sim = await startSimulator({ heartbeatIntervalMs: 2_000, ...options.sim });
  const guildId = sim.guildId('Test Guild');
  const general = sim.channelId('general');
  const forum = sim.channelId('help-forum');
  const dbPath = join(mkdtempSync(join(tmpdir(), 'paa-e2e-')), 'paa.db');
  const logs: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'simulated-token',
      DISCORD_CLIENT_ID: sim.applicationId,
      DISCORD_GUILD_ID: guildId,
      DISCORD_API_URL: sim.apiUrl,
      DATABASE_URL: `sqlite:${dbPath}`,
      WATCH_CHANNEL_IDS: `${general},${forum}`,
      LOG_LEVEL: 'info',
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
  await Promise.race([sim.waitForCommands(['ask'], { guildId, timeoutMs: 20_000 }), exited]);

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
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await sim.close();
    },
  };
}

/** Waits a little to let the bot act (used only to prove that it did nothing). */
export const settle = (ms = 600) => new Promise((resolve) => setTimeout(resolve, ms));
