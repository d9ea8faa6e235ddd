/**
 * `npm run bench:startup`: how long the bot takes from its process starting to its commands registered on the
 * local simulator, and from SIGTERM to its exit, started three ways: the release build (`node dist/index.js`,
 * what `npm start` runs), its sources through tsx (what `npm start` ran before the build existed), and `npm start`
 * itself. Build first (`npm run build`). It measures and prints; it asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../src/simulator/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const WAYS: { name: string; command: string; args: string[] }[] = [
  { name: 'node dist/index.js', command: process.execPath, args: ['dist/index.js'] },
  { name: 'tsx src/index.ts', command: process.execPath, args: ['--import', 'tsx', 'src/index.ts'] },
  // SIGTERM goes to npm, which exits at once without passing it on; the bot notices within 0.5 s and stops.
  { name: 'npm start', command: 'npm', args: ['start', '--silent'] },
];

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('bench:startup: no dist/index.js; run `npm run build` first');
  process.exit(1);
}

async function once(command: string, args: string[]): Promise<{ ready: number; stop: number }> {
  const sim = await startSimulator();
  const guildId = sim.guildIds[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'paa-startup-'));
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'bench-token',
      DISCORD_CLIENT_ID: sim.applicationId,
      DISCORD_GUILD_ID: guildId,
      DISCORD_API_URL: sim.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'paa.db')}`,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    await sim.waitForCommands(['ask'], { guildId, timeoutMs: 60_000 });
    const ready = performance.now() - started;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const stopping = performance.now();
    child.kill('SIGTERM');
    await exited;
    return { ready, stop: performance.now() - stopping };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`start-up to commands registered, and SIGTERM to exit; median of ${RUNS} runs (ms)`);
for (const way of WAYS) {
  const runs: { ready: number; stop: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(way.command, way.args));
  const ready = median(runs.map((r) => r.ready));
  const stop = median(runs.map((r) => r.stop));
  console.log(`${way.name.padEnd(20)} start ${ready.toFixed(0).padStart(5)}   stop ${stop.toFixed(0).padStart(5)}`);
}
