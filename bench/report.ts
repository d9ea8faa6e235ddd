/**
 * Turns worker reports into the printed tables and target verdicts. Targets are only ever printed
 * as met / missed: the bench measures, it never fails a run over a timing.
 */
import type { KbStats } from './generate.js';
import type { QueryKind } from './queries.js';
import type { EngineReport } from './worker.js';

/** Everything measured for one knowledge-base size. */
export interface SizeReport {
  size: number;
  kb?: KbStats;
  /** How many queries of each kind the load held (all workers of a size get the same load). */
  queryMix?: Record<QueryKind, number>;
  engines: EngineReport[];
  targets: TargetResult[];
}

type Metric = 'p50' | 'p99' | 'memoryMB' | 'updateMs' | 'buildMs';

/** A goal for our engine at one size: an upper bound on a metric, or a minimum speed-up over a peer at p50. */
export interface Target {
  size: number;
  text: string;
  metric: Metric | 'speedup';
  limit: number;
  vs?: string;
}

/** A target and how our engine did on it. */
export interface TargetResult extends Target {
  value: number | null;
  status: 'met' | 'missed' | 'n/a';
}

/** The project's performance goals (from the design brief). */
export const TARGETS: Target[] = [
  { size: 10_000, text: 'p50 ≤ 0.2 ms', metric: 'p50', limit: 0.2 },
  { size: 10_000, text: 'p99 ≤ 1 ms', metric: 'p99', limit: 1 },
  { size: 10_000, text: 'p50 ≥ 100× faster than fuse.js', metric: 'speedup', limit: 100, vs: 'fuse' },
  { size: 10_000, text: 'p50 ≥ 10× faster than MiniSearch', metric: 'speedup', limit: 10, vs: 'minisearch' },
  { size: 100_000, text: 'p50 ≤ 1 ms', metric: 'p50', limit: 1 },
  { size: 100_000, text: 'p99 ≤ 5 ms', metric: 'p99', limit: 5 },
  { size: 100_000, text: 'p50 ≥ 100× faster than fuse.js', metric: 'speedup', limit: 100, vs: 'fuse' },
  { size: 100_000, text: 'p50 ≥ 10× faster than MiniSearch', metric: 'speedup', limit: 10, vs: 'minisearch' },
  { size: 100_000, text: 'memory ≤ 200 MB', metric: 'memoryMB', limit: 200 },
  { size: 100_000, text: 'one-entry update ≤ 5 ms', metric: 'updateMs', limit: 5 },
  { size: 100_000, text: 'build ≤ 5 s', metric: 'buildMs', limit: 5000 },
];

function metric(r: EngineReport | undefined, m: Metric): number | null {
  if (!r || r.error) return null;
  const v = m === 'p50' || m === 'p99' ? r.latency?.[m] : r[m];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Judge the targets for `size` against that size's reports. */
export function evaluateTargets(size: number, engines: EngineReport[]): TargetResult[] {
  const find = (name: string): EngineReport | undefined => engines.find((e) => e.engine === name);
  const ours = find('ours');
  return TARGETS.filter((t) => t.size === size).map((t) => {
    let value: number | null;
    if (t.metric === 'speedup') {
      const mine = metric(ours, 'p50');
      const theirs = metric(find(t.vs ?? ''), 'p50');
      value = mine !== null && theirs !== null && mine > 0 ? theirs / mine : null;
    } else value = metric(ours, t.metric);
    const met = value !== null && (t.metric === 'speedup' ? value >= t.limit : value <= t.limit);
    return { ...t, value, status: value === null ? 'n/a' : met ? 'met' : 'missed' };
  });
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Milliseconds with enough digits to compare engines 1000× apart. */
export function ms(v: number): string {
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10_000 ? 1 : 2)} s`;
  if (v >= 100) return `${int(v)} ms`;
  if (v >= 1) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(3)} ms`;
}

const ratio = (theirs: number, mine: number): string => {
  // Peer ÷ ours: above 1, ours is faster / smaller; below 1, the peer is.
  const r = theirs / mine;
  return `${r >= 10 ? int(r) : r >= 1 ? r.toFixed(1) : r.toPrecision(2)}×`;
};

const mb = (v: number): string => `${v.toFixed(1)} MB`;

const pct = (v: number): string => `${Math.round(v * 100)}%`;

interface Row {
  label: string;
  get: (r: EngineReport) => number | null | undefined;
  fmt: (v: number) => string;
  /** Show "(N×)" against ours: peer value / our value. */
  ratio?: boolean;
  /** How many queries a share is of; shown when the engine was only timed on a sample. */
  of?: (r: EngineReport) => number | undefined;
  target?: Metric;
}

const ROWS: Row[] = [
  { label: 'build', get: (r) => r.buildMs, fmt: ms, ratio: true, target: 'buildMs' },
  { label: 'query p50', get: (r) => r.latency?.p50, fmt: ms, ratio: true, target: 'p50' },
  { label: 'query p99', get: (r) => r.latency?.p99, fmt: ms, ratio: true, target: 'p99' },
  { label: 'index memory (heap+buffers)', get: (r) => r.memoryMB, fmt: mb, ratio: true, target: 'memoryMB' },
  { label: '… after the timed queries', get: (r) => r.memoryAfterQueriesMB, fmt: mb, ratio: true },
  { label: 'update (median of upserts)', get: (r) => r.updateMs, fmt: ms, ratio: true, target: 'updateMs' },
  { label: 'right entry in top 3', get: (r) => r.relevance?.foundAt3, fmt: pct, of: (r) => r.relevance?.onTopic },
  { label: 'off-topic → nothing shown', get: (r) => r.relevance?.offTopicEmpty, fmt: pct, of: (r) => r.relevance?.offTopic },
  { label: 'queries timed', get: (r) => r.latency?.n, fmt: int },
];

function cell(row: Row, r: EngineReport, ours: EngineReport | undefined): string {
  if (r.error) return row === ROWS[0] ? 'error (see below)' : '—';
  const v = row.get(r);
  if (v === null || v === undefined || !Number.isFinite(v)) return row.fmt === mb ? 'n/a (no gc)' : '—';
  const mine = ours && ours !== r && !ours.error ? row.get(ours) : null;
  if (row.of && r.latency?.sampled) return row.of(r) ? `${row.fmt(v)} of ${row.of(r)}` : 'none sampled';
  return row.ratio && typeof mine === 'number' && mine > 0 ? `${row.fmt(v)} (${ratio(v, mine)})` : row.fmt(v);
}

/** The human-readable report for one size. */
export function formatSize(s: SizeReport): string {
  const out: string[] = [];
  const mix = Object.entries(s.queryMix ?? {}).map(([k, n]) => `${n} ${k}`).join(', ');
  out.push(`\n━━ ${int(s.size)} entries ━━`);
  if (s.kb) {
    const k = s.kb;
    out.push(`   ${int(k.distinctTerms)} distinct terms · question ${k.avgQuestionWords.toFixed(1)} words · answer ${k.avgAnswerWords.toFixed(1)} words · ${k.avgAlternates.toFixed(1)} alternates`);
  }
  const data = s.engines.find((e) => typeof e.dataMB === 'number')?.dataMB;
  if (typeof data === 'number') out.push(`   the entries themselves: ${data.toFixed(1)} MB of heap (not counted in "index memory" below)`);
  if (mix) out.push(`   queries: ${mix}`);
  const ours = s.engines.find((e) => e.engine === 'ours');
  const targets = s.targets;
  const targetCell = (row: Row): string => {
    const t = targets.find((x) => x.metric === row.target);
    return t ? `${t.text.replace(/^.*?(≤)/, '$1')}: ${t.status}` : '';
  };
  // The target column sits right of ours, and only at sizes that have targets.
  const hasOursCol = s.engines[0]?.engine === 'ours' && targets.some((t) => t.metric !== 'speedup');
  const header = ['', ...s.engines.flatMap((e, i) => (i === 0 && hasOursCol ? [e.label, 'target'] : [e.label]))];
  const table = ROWS.map((row) => [
    row.label,
    ...s.engines.flatMap((e, i) => (i === 0 && hasOursCol ? [cell(row, e, ours), targetCell(row)] : [cell(row, e, ours)])),
  ]);
  const widths = header.map((_, c) => Math.max(...[header, ...table].map((r) => (r[c] ?? '').length)));
  for (const r of [header, ...table]) out.push('  ' + r.map((x, c) => x.padEnd(widths[c]!)).join('   ').trimEnd());

  for (const e of s.engines) {
    if (e.error) out.push(`  ${e.label}: error: ${e.error}`);
    else if (e.latency?.sampled) {
      const note = e.latency.n < 100 ? '; with under 100 queries p99 is ~the slowest one' : '';
      out.push(`  ${e.label}: ${e.latency.n}-query sample of ${e.latency.total} (time budget)${note}`);
    }
  }
  const speedups = targets.filter((t) => t.metric === 'speedup');
  for (const t of speedups) out.push(`  target ${t.text}: ${t.status}${t.value !== null ? ` (${int(t.value)}×)` : ''}`);
  return out.join('\n');
}

/** One-paragraph summary of all targets across sizes. */
export function formatSummary(sizes: SizeReport[]): string {
  const all = sizes.flatMap((s) => s.targets.map((t) => `${int(t.size / 1000)}k ${t.text}: ${t.status}`));
  if (all.length === 0) return '';
  const missed = sizes.flatMap((s) => s.targets).filter((t) => t.status !== 'met').length;
  return `\nTargets (${all.length - missed}/${all.length} met):\n  ${all.join('\n  ')}`;
}
