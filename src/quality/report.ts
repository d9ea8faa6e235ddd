import type { Bar } from './bars.js';
import { METRIC_NAMES, type Metrics } from './metrics.js';
import type { SetMeasure } from './run.js';

/** The quality report as text: one table per set (engines by metrics), then the bar. */

const pct = (x: number) => `${(x * 100).toFixed(1)}`;
const ENGINE_WIDTH = 12;

function row(engine: string, metrics: Metrics, note: string): string {
  const cells = METRIC_NAMES.map((name) => {
    // A set without should-decline queries has nothing to keep.
    const value = name === 'declinesKept' && metrics.decline === 0 ? '–' : pct(metrics[name]);
    return value.padStart(name.length);
  });
  return [engine.padEnd(ENGINE_WIDTH), ...cells, note].join('  ');
}

export function formatSetTable(m: SetMeasure, chart?: string): string {
  const r = m.ours.report;
  const lines = [
    `${m.name}: ${m.description}`,
    `  ${m.entries} entries, ${r.inScope} in-scope, ${r.decline} to decline; measured in ${(m.ms / 1000).toFixed(1)} s; rates in %`,
    ['engine'.padEnd(ENGINE_WIDTH), ...METRIC_NAMES, 'answers from'].join('  '),
    row('ours', r.metrics, 'its shipped thresholds'),
    ...m.peers.map((p) => {
      const threshold = Number.isFinite(p.threshold) ? `score ≥ ${p.threshold.toPrecision(4)}` : 'nothing (no threshold keeps ≤1% wrong)';
      const sample = p.queries < r.inScope + r.decline ? `, on ${p.queries} of the queries` : '';
      return row(p.name, p.metrics, `${threshold}${sample}`);
    }),
  ];
  const sure = m.ours.sure;
  lines.push(`  ours at ≥0.9 confidence: ${sure.right} of ${sure.count} answers right${sure.count > 0 ? ` (${pct(sure.share)}%)` : ''}`);
  if (chart) lines.push(`  calibration chart: ${chart}`);
  return lines.join('\n');
}

/** Two decimals: a bar missed by a hair must not read as met ("1.0 ≤ 1.0 MISS"). */
const pct2 = (x: number) => `${(x * 100).toFixed(2)}`;

export function formatBars(bars: readonly Bar[]): string {
  const setWidth = Math.max(3, ...bars.map((b) => b.set.length));
  const whatWidth = Math.max(3, ...bars.map((b) => b.what.length));
  const lines = [
    'the bar (ours; rates in %)',
    `${'set'.padEnd(setWidth)}  ${'bar'.padEnd(whatWidth)}    ours   target  verdict`,
    ...bars.map((b) => `${b.set.padEnd(setWidth)}  ${b.what.padEnd(whatWidth)}  ${pct2(b.value).padStart(6)}  ${`${b.atLeast ? '≥' : '≤'}${pct2(b.target)}`.padStart(7)}  ${b.pass ? 'PASS' : 'MISS'}`),
    `${bars.filter((b) => b.pass).length} of ${bars.length} bars met`,
  ];
  return lines.join('\n');
}

export function formatFailures(m: SetMeasure): string {
  const failures = m.ours.report.failures;
  return [`${m.name}: ${failures.length} failures`, ...failures.map((f) => `  ${f.query}\n    expected ${f.expected}; got ${f.got}`)].join('\n');
}
