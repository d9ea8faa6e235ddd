/**
 * Measures one engine on one knowledge-base size, in a process of its own (run.ts forks one per
 * (size, engine)), so the memory reading holds that engine's index and nothing else, and no engine
 * inherits another's garbage or JIT state. Reports one {@link EngineReport} to the parent over IPC.
 */
import type { Entry } from '../src/knowledge/entry.js';
import { ours, type Adapter, type AdapterFactory } from './adapter.js';
import { generateKnowledgeBase, kbStats, type KbStats } from './generate.js';
import { canCollect, collect, liveBytes, median, retainedBytes, timeEach, timeMs, type LatencyStats } from './measure.js';
import { fuse, minisearch } from './peers.js';
import { countKinds, generateQueries, type BenchQuery, type QueryKind } from './queries.js';

/** Every engine the harness knows, by the name accepted by --engines, with its table label; ours first. */
export const ENGINES: Record<string, { label: string; factory: AdapterFactory }> = {
  ours: { label: 'ours', factory: ours },
  fuse: { label: 'fuse.js', factory: fuse },
  minisearch: { label: 'MiniSearch', factory: minisearch },
};

/** Environment variable through which run.ts hands a worker its task (JSON). */
export const TASK_ENV = 'PAA_BENCH_TASK';

/** What the parent asks one worker to measure. */
export interface WorkerTask {
  size: number;
  engine: string;
  queries: number;
  seed: number;
  /** Stop timing queries once this much time has gone on them (slow peers get a sample). */
  budgetMs: number;
  /** …but time at least this many, budget or not. */
  minQueries: number;
  /** Upserts to time; the median is reported. */
  updates: number;
  /** Also compute KB shape stats (costly at 100k, so only one worker per size does it). */
  stats: boolean;
}

/** Share of queries for which the expected entry was among the engine's (up to 3) results. */
export interface Relevance {
  byKind: Partial<Record<QueryKind, { n: number; found: number }>>;
  /** On-topic queries (all kinds but off-topic) whose entry was in the top 3, as a share of `onTopic`. */
  foundAt3: number;
  onTopic: number;
  /** Off-topic queries for which the engine showed nothing, as a share of `offTopic`. */
  offTopicEmpty: number;
  offTopic: number;
}

/** One worker's measurements; `error` set instead when the engine failed. */
export interface EngineReport {
  engine: string;
  label: string;
  size: number;
  error?: string;
  buildMs?: number;
  /** Heap + array buffers held by the generated entries and queries (the baseline the index adds to), MB. */
  dataMB?: number | null;
  /** Heap + array buffers retained by the built index, beyond the entries themselves, MB; null without --expose-gc. */
  memoryMB?: number | null;
  /** Same reading after the timed queries: shows lazily built structures and caches. */
  memoryAfterQueriesMB?: number | null;
  latency?: LatencyStats & { total: number; sampled: boolean };
  updateMs?: number;
  relevance?: Relevance;
  kb?: KbStats;
  queryMix?: Record<QueryKind, number>;
}

function relevance(queries: readonly BenchQuery[], results: readonly string[][]): Relevance {
  const byKind: Relevance['byKind'] = {};
  let onTopic = 0;
  let found = 0;
  let offTopic = 0;
  let empty = 0;
  queries.forEach((q, i) => {
    const ids = results[i] ?? [];
    const k = (byKind[q.kind] ??= { n: 0, found: 0 });
    k.n++;
    // For off-topic queries "found" means the right thing happened: nothing was shown.
    const ok = q.expectedId === null ? ids.length === 0 : ids.includes(q.expectedId);
    if (ok) k.found++;
    if (q.expectedId === null) {
      offTopic++;
      if (ok) empty++;
    } else {
      onTopic++;
      if (ok) found++;
    }
  });
  return { byKind, foundAt3: found / Math.max(onTopic, 1), onTopic, offTopicEmpty: empty / Math.max(offTopic, 1), offTopic };
}

/** A realistic edit: the question gains a word and the answer a sentence (re-tokenised by every engine). */
const edited = (e: Entry, n: number): Entry => ({
  ...e,
  question: e.question.replace(/\?$/, ` (edit ${n})?`),
  answer: `${e.answer} Updated in revision ${n}.`,
});

/**
 * Measure `task`. Never rejects for an engine failure: the report comes back with `error` set and
 * whatever was measured before it (so the KB stats still print when our engine throws).
 */
export async function measure(task: WorkerTask): Promise<EngineReport> {
  const spec = ENGINES[task.engine];
  const report: EngineReport = { engine: task.engine, label: spec?.label ?? task.engine, size: task.size };
  collect();
  const bare = liveBytes();
  // Everything not part of the index (data, queries, engine code) exists before the memory baseline.
  const kb = generateKnowledgeBase(task.size, task.seed);
  const queries = generateQueries(kb, task.queries, task.seed + 1);
  // A separate warm-up load: warming on the timed queries would pre-fill any cache the engine keeps. As many
  // queries as are timed, so that the ~1 s warm-up is not cut short by running out of them (100 took ~20 ms and
  // left the first timed queries to the JIT's tier-up).
  const warmup = generateQueries(kb, task.queries, task.seed + 2);
  collect();
  report.dataMB = canCollect() ? (liveBytes() - bare) / 2 ** 20 : null;
  report.queryMix = countKinds(queries);
  if (task.stats) report.kb = kbStats(kb.entries);
  try {
    if (!spec) throw new Error(`unknown engine "${task.engine}"`);
    const adapter = await spec.factory();
    await timeEngine(adapter, kb.entries, queries, warmup, task, report);
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
  }
  return report;
}

async function timeEngine(
  adapter: Adapter,
  entries: Entry[],
  queries: BenchQuery[],
  warmup: BenchQuery[],
  task: WorkerTask,
  report: EngineReport,
): Promise<void> {
  const built = retainedBytes(() => adapter.build(entries));
  report.buildMs = built.ms;
  report.memoryMB = canCollect() ? built.bytes / 2 ** 20 : null;

  // Warm up for at most ~1 s: enough for the JIT on fast engines. Shortest queries first, because a
  // slow engine (fuse.js at 100k: seconds per query) only gets one, and it might as well be cheap.
  const warmEnd = performance.now() + 1000;
  for (const q of [...warmup].sort((a, b) => a.text.length - b.text.length)) {
    adapter.query(q.text);
    if (performance.now() > warmEnd) break;
  }
  // Queries are shuffled, so a prefix is a representative sample; time as long a prefix as the budget allows.
  const deadline = performance.now() + task.budgetMs;
  const timed = timeEach(queries, (q) => adapter.query(q.text), 0, (i) => i >= task.minQueries && performance.now() > deadline);
  report.latency = { ...timed.stats, total: queries.length, sampled: timed.stats.n < queries.length };
  report.relevance = relevance(queries.slice(0, timed.stats.n), timed.results);
  // Second reading: anything the engine builds lazily or caches while answering shows up here.
  collect();
  report.memoryAfterQueriesMB = canCollect() ? (liveBytes() - built.baseline) / 2 ** 20 : null;

  // Updates last: they change the index. Spread over the base, distinct entries, a few untimed first.
  const step = Math.max(1, Math.floor(entries.length / (task.updates + 5)));
  const samples: number[] = [];
  for (let i = 0; i < task.updates + 5; i++) {
    const entry = edited(entries[(i * step) % entries.length]!, i);
    const ms = timeMs(() => adapter.update(entry));
    if (i >= 5) samples.push(ms);
  }
  report.updateMs = median(samples);
}

// Run as a forked child: the task comes in the environment, the report goes back over IPC.
const taskJson = process.env[TASK_ENV];
if (taskJson) {
  const task = JSON.parse(taskJson) as WorkerTask;
  const reply = (r: EngineReport): void => {
    if (process.send) process.send(r, () => process.exit(0));
    else {
      console.log(JSON.stringify(r));
      process.exit(0);
    }
  };
  // A rejection here is a harness bug (engine errors are inside the report); say so rather than hang.
  measure(task).then(reply, (err: unknown) => {
    reply({ engine: task.engine, label: task.engine, size: task.size, error: `harness: ${String(err)}` });
  });
}
