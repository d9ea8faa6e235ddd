/**
 * `npm run loadtest`: the real bot (the release build, `node dist/index.js`) against the local simulator with many
 * servers, under a sustained `/ask` load, bounded in count and time, loopback only. Prints, per run: interactions
 * sent, answered, lost (no response before Discord's 3 s deadline), the bot's response latency p50/p99 (from the
 * simulator's dispatch to the bot's callback) and the bot processes' peak memory (RSS). It measures and prints; it
 * asserts nothing.
 *
 *   npm run build && npm run loadtest -- [--servers 500] [--rate 200] [--seconds 10] [--warmup 5] [--shards 1,2]
 *
 * The first `--warmup` seconds go out at the same rate but are reported on a line of their own: a process that
 * has just started answers its first questions slowly (code the JIT has not compiled yet, connections not open
 * yet), and that is start-up, not the sustained load the main line measures.
 *
 * `--shards 2` runs two bot processes with SHARD_COUNT=2 and SHARD_IDS 0 and 1 (needs the bot's sharding).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSimulator, type GuildSeed, type InteractionHandle, type Simulator } from '../src/simulator/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    servers: { type: 'string', default: '500' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    shards: { type: 'string', default: '1,2' },
  },
  strict: true,
});
const servers = Number(values.servers);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const shardRuns = values.shards.split(',').map(Number);
if (![servers, rate, seconds, ...shardRuns].every((n) => Number.isInteger(n) && n > 0) || servers > 10_000 || seconds > 120 || !Number.isInteger(warmup) || warmup < 0 || warmup > 60) {
  console.error('loadtest: --servers (1-10000), --rate, --seconds (1-120) and --shards take positive whole numbers, --warmup 0-60');
  process.exit(2);
}
if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('loadtest: no dist/index.js; run `npm run build` first');
  process.exit(1);
}

// Questions people ask: answerable ones, typos, and off-topic ones the bot declines (each is recorded).
const QUESTIONS = ['is netflix coded in python?', 'why does netflix use pyhton', 'what languages does netflix use', 'how does netflix stay online', 'who won the match yesterday', 'what is the best pizza topping'];

/** The resident memory of a process, in bytes (Linux /proc), or 0 when it is gone. */
function rss(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  } catch {
    return 0;
  }
}

function startBotProcess(sim: Simulator, dbPath: string, shard: { count: number; id: number } | null): ChildProcess {
  return spawn(process.execPath, ['dist/index.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'loadtest-token',
      DISCORD_CLIENT_ID: sim.applicationId,
      DISCORD_API_URL: sim.apiUrl,
      DATABASE_URL: `sqlite:${dbPath}`,
      LOG_LEVEL: 'warn',
      ...(shard && { SHARD_COUNT: String(shard.count), SHARD_IDS: String(shard.id) }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);

async function run(shards: number): Promise<void> {
  const guilds: GuildSeed[] = Array.from({ length: servers }, (_, i) => ({ name: `Server ${i}`, channels: [{ name: 'general' }], members: [{ user: { username: `asker${i}` } }] }));
  const sim = await startSimulator({ guilds, heartbeatIntervalMs: 5_000 });
  const dir = mkdtempSync(join(tmpdir(), 'paa-loadtest-'));
  const bots = shards === 1 ? [startBotProcess(sim, join(dir, 'paa.db'), null)] : Array.from({ length: shards }, (_, id) => startBotProcess(sim, join(dir, 'paa.db'), { count: shards, id }));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, bots.reduce((sum, b) => sum + rss(b.pid!), 0))), 100);
  try {
    await sim.waitForCommands(['ask'], { timeoutMs: 60_000 });
    // Every process connected (READY) before the load starts.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const targets = sim.guildIds.map((guildId, i) => ({ channelId: sim.channelId('general', guildId), userId: sim.userId(`asker${i}`) }));
    const pending: Promise<number | null>[] = [];
    const warming = rate * warmup;
    const total = warming + rate * seconds;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      // Paced: the i-th question goes out at i / rate seconds.
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const target = targets[i % targets.length]!;
      const handle: InteractionHandle = sim.slashCommand({ ...target, name: 'ask', options: { question: QUESTIONS[i % QUESTIONS.length]! } });
      pending.push(handle.response(3_500).then((r) => (r.late ? null : r.elapsedMs), () => null));
    }
    const all = await Promise.all(pending);
    const summary = (latencies: (number | null)[]) => {
      const answered = latencies.filter((l): l is number => l !== null).sort((a, b) => a - b);
      return `sent ${latencies.length}, answered ${answered.length}, lost ${latencies.length - answered.length}; latency p50 ${percentile(answered, 0.5).toFixed(1)} ms, p99 ${percentile(answered, 0.99).toFixed(1)} ms`;
    };
    const label = `${String(shards).padStart(2)} shard process${shards > 1 ? 'es' : '  '}`;
    console.log(`${label}  ${servers} servers, ${rate}/s for ${seconds} s: ${summary(all.slice(warming))}; peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`);
    if (warming > 0) console.log(`${' '.repeat(label.length)}  before it, the first ${warmup} s after start-up (warm-up): ${summary(all.slice(0, warming))}`);
  } finally {
    clearInterval(sampler);
    await Promise.all(bots.map((b) => new Promise((resolve) => (b.exitCode !== null ? resolve(null) : (b.once('exit', resolve), b.kill('SIGTERM'))))));
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const shards of shardRuns) await run(shards);
