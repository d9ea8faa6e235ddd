/**
 * `npm run bench`: our matcher vs plain fuse.js vs MiniSearch, on the same synthetic knowledge bases
 * and query loads. Each (size, engine) runs in its own child process (see worker.ts); this process
 * only orchestrates and prints. Exits 0 whatever the numbers: it measures, it does not judge.
 *
 *   npm run bench -- [--sizes 1000,10000,100000] [--queries 1000] [--engines ours,fuse,minisearch]
 *                    [--budget 10] [--min-queries 3] [--updates 50] [--seed 42] [--timeout 600] [--json]
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { QUERY_MIX } from './queries.js';
import { evaluateTargets, formatSize, formatSummary, ms, TARGETS, type SizeReport } from './report.js';
import { ENGINES, TASK_ENV, type EngineReport, type WorkerTask } from './worker.js';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    queries: { type: 'string', default: '1000' },
    engines: { type: 'string', default: Object.keys(ENGINES).join(',') },
    budget: { type: 'string', default: '10' },
    'min-queries': { type: 'string', default: '3' },
    updates: { type: 'string', default: '50' },
    seed: { type: 'string', default: '42' },
    timeout: { type: 'string', default: '600' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  console.log(`usage: npm run bench -- [--sizes 1000,10000,100000] [--queries N] [--engines ours,fuse,minisearch]
  [--budget SECONDS per engine for timing queries] [--min-queries N] [--updates N] [--seed N]
  [--timeout SECONDS per child] [--json]`);
  process.exit(0);
}

/** A usage error: say what is wrong and exit 2, without a stack trace. */
const usage = (message: string): never => {
  console.error(`bench: ${message} (see --help)`);
  process.exit(2);
};
const num = (name: string, v: string): number => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : usage(`--${name}: not a number: ${v}`);
};
const sizes = opts.sizes.split(',').map((s) => num('sizes', s.replace(/_/g, '')));
const engines = opts.engines.split(',').map((e) => e.trim());
for (const e of engines) if (!ENGINES[e]) usage(`--engines: unknown engine "${e}" (known: ${Object.keys(ENGINES).join(', ')})`);
const queries = num('queries', opts.queries);
const seed = num('seed', opts.seed);
const timeoutMs = num('timeout', opts.timeout) * 1000;
const budgetMs = num('budget', opts.budget) * 1000;
const minQueries = num('min-queries', opts['min-queries']);
const updates = num('updates', opts.updates);

/** Progress goes to stderr so that `--json` leaves stdout to the JSON alone. */
const progress = (line: string): void => void process.stderr.write(line);

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Fork a worker for `task`. The child inherits our loader flags (tsx's --import) and always gets
 * --expose-gc, so memory is measured after real collections whatever way this script was started.
 * Whatever happens to the child (throw, crash, out of memory, hang) becomes an error report.
 */
function runWorker(task: WorkerTask): Promise<EngineReport> {
  const label = ENGINES[task.engine]?.label ?? task.engine;
  const failed = (error: string): EngineReport => ({ engine: task.engine, label, size: task.size, error });
  return new Promise((resolve) => {
    const execArgv = process.execArgv.includes('--expose-gc') ? process.execArgv : [...process.execArgv, '--expose-gc'];
    const child = fork(WORKER, [], {
      execArgv,
      env: { ...process.env, [TASK_ENV]: JSON.stringify(task) },
      // Engine logging must not end up in --json output: child stdout and stderr both go to our stderr.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
    let report: EngineReport | undefined;
    const timer = setTimeout(() => {
      report ??= failed(`timed out after ${timeoutMs / 1000} s (raise --timeout)`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (m) => (report ??= m as EngineReport));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(report ?? failed(`worker exited with ${signal ?? `code ${code}`} before reporting`));
    });
  });
}

const started = performance.now();
const results: SizeReport[] = [];
for (const size of sizes) {
  const reports: EngineReport[] = [];
  for (const [i, engine] of engines.entries()) {
    const task: WorkerTask = {
      size,
      engine,
      queries,
      seed,
      budgetMs,
      minQueries,
      updates,
      stats: i === 0,
    };
    progress(`[${size.toLocaleString('en-US')}] ${ENGINES[engine]?.label ?? engine} … `);
    const t = performance.now();
    const r = await runWorker(task);
    progress(`${r.error ? `error: ${r.error.split('\n')[0]}` : 'done'} (${ms(performance.now() - t)})\n`);
    reports.push(r);
  }
  const report: SizeReport = {
    size,
    kb: reports.find((r) => r.kb)?.kb,
    queryMix: reports.find((r) => r.queryMix)?.queryMix,
    engines: reports,
    targets: evaluateTargets(size, reports),
  };
  results.push(report);
  if (!opts.json) console.log(formatSize(report));
}

const meta = {
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  date: new Date().toISOString(),
  seed,
  queries,
  queryMix: QUERY_MIX,
  engines,
  totalMs: performance.now() - started,
};
if (opts.json) console.log(JSON.stringify({ meta, targets: TARGETS, sizes: results }, null, 2));
else {
  console.log(formatSummary(results));
  console.log(`\n${meta.cpu} · node ${meta.node} · seed ${seed} · total ${ms(meta.totalMs)}`);
}
