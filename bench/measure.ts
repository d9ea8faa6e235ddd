/**
 * Timing and memory helpers. Nothing here knows about engines; it times closures and reads the heap.
 */

/** Milliseconds elapsed running `fn` once, from the monotonic nanosecond clock. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Nearest-rank percentile (`p` in [0, 100]) of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1]!;
}

/** Median of unsorted samples. */
export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50);
}

/** Latency summary of one timed run, in milliseconds. */
export interface LatencyStats {
  /** Queries timed (after warm-up). */
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/**
 * Time `fn` once per input, in order, after `warmup` untimed calls (so the JIT has compiled the hot
 * path: we want steady-state latency, which is what a long-running bot sees). Each call is timed on
 * its own so p99 reflects single slow queries, not an average. `stop(timedSoFar)` ends the run early,
 * which lets the caller give slow engines a time budget instead of a fixed count.
 */
export function timeEach<I, R>(
  inputs: readonly I[],
  fn: (input: I) => R,
  warmup = 0,
  stop: (timedSoFar: number) => boolean = () => false,
): { stats: LatencyStats; results: R[] } {
  for (let i = 0; i < warmup && inputs.length > 0; i++) fn(inputs[i % inputs.length]!);
  const samples: number[] = [];
  const results: R[] = [];
  for (let i = 0; i < inputs.length && !stop(i); i++) {
    const start = process.hrtime.bigint();
    const result = fn(inputs[i]!);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    results.push(result);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / Math.max(samples.length, 1);
  return {
    stats: { n: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), mean, max: samples.at(-1) ?? NaN },
    results,
  };
}

/** True when the process was started with --expose-gc, i.e. memory numbers are trustworthy. */
export const canCollect = (): boolean => typeof globalThis.gc === 'function';

/**
 * Collect garbage until the heap stops shrinking (one pass can leave weak / finalisable objects for
 * the next), so a reading reflects live data only. No-op without --expose-gc.
 */
export function collect(): void {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return;
  let last = Infinity;
  for (let i = 0; i < 6; i++) {
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last * 0.999) break;
    last = used;
  }
}

/** Live bytes the engines can own: JS heap plus ArrayBuffers (typed-array indexes live outside the heap). */
export function liveBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Bytes retained by whatever `build` makes: collect, read baseline, build, collect, read again.
 * `baseline` is returned so a later reading (after queries, say) can be compared with the same zero.
 */
export function retainedBytes<T>(build: () => T): { value: T; bytes: number; ms: number; baseline: number } {
  collect();
  const before = liveBytes();
  let value: T | undefined;
  const ms = timeMs(() => {
    value = build();
  });
  collect();
  // `value` is still referenced here, so everything it retains is counted by the second reading.
  return { value: value as T, bytes: liveBytes() - before, ms, baseline: before };
}
