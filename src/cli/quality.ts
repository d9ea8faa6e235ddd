import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bars } from '../quality/bars.js';
import { calibrationSvg, sureAnswers } from '../quality/calibration.js';
import { formatBars, formatFailures, formatSetTable } from '../quality/report.js';
import { measureSet, type SetMeasure } from '../quality/run.js';
import { articleSetFromFile, qualitySet, qualitySetNames, type QualitySet } from '../quality/sets.js';
import { formatSweep, sweep } from '../quality/sweep.js';

/**
 * `npm run quality`: every quality set (src/quality/sets.ts) through our matcher and the four peers, one table per
 * set, then the product's bar with PASS/MISS, and a calibration chart per set. It measures; it does not judge (the
 * gate in test/quality/answer-quality.test.ts does), so it exits 0 whatever the numbers.
 */
const USAGE = `usage: npm run quality -- [--set <name>]... [file.json]... [--json] [--out <dir>] [--failures] [--sweep] [--at <c>]
  --set <name>   only this set (repeatable); sets: ${qualitySetNames().join(', ')}
  file.json      also (or only) a labelled set file over the article, e.g. test/fixtures/answer-quality-train.json
  --json         one JSON document on stdout instead of tables
  --out <dir>    where the calibration charts go (default reports/quality/)
  --failures     list every query ours got wrong (in-scope not answered right, declines answered)
  --sweep        also how ours' rates move with the answer threshold and margin, per set
  --at <c>       also how many of ours' answers at confidence ≥ c were right, per set`;

const DEFAULT_OUT = fileURLToPath(new URL('../../reports/quality/', import.meta.url));

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        set: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        failures: { type: 'boolean', default: false },
        sweep: { type: 'boolean', default: false },
        at: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`quality: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { values: opts, positionals: files } = options();
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
const names = opts.set ?? (files.length > 0 ? [] : qualitySetNames());
const unknown = names.filter((n) => !qualitySetNames().includes(n));
if (unknown.length > 0) {
  console.error(`quality: unknown set ${unknown.map((n) => `"${n}"`).join(', ')} (sets: ${qualitySetNames().join(', ')})`);
  process.exit(2);
}
const missing = files.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`quality: no such file ${missing.join(', ')}`);
  process.exit(2);
}
const at = opts.at === undefined ? undefined : Number(opts.at);
if (at !== undefined && !(at >= 0 && at <= 1)) {
  console.error(`quality: --at takes a confidence between 0 and 1, not "${opts.at}"`);
  process.exit(2);
}
const sets: QualitySet[] = [...names.map(qualitySet), ...files.map(articleSetFromFile)];
const outDir = opts.out ? resolve(opts.out) : DEFAULT_OUT;
mkdirSync(outDir, { recursive: true });

const started = performance.now();
const measures: { measure: SetMeasure; chart: string }[] = [];
for (const qs of sets) {
  const measure = measureSet(qs);
  const chart = join(outDir, `${qs.name}.svg`);
  writeFileSync(chart, calibrationSvg(`${qs.name}: calibration of our top candidate`, measure.ours.calibration));
  measures.push({ measure, chart: relative(process.cwd(), chart) });
  if (!opts.json) {
    console.log(formatSetTable(measure, relative(process.cwd(), chart)));
    if (at !== undefined) {
      const sure = sureAnswers(measure.ours.observations, at);
      console.log(`  ours at ≥${at} confidence: ${sure.right} right, ${sure.count - sure.right} wrong`);
    }
    console.log('');
  }
}
const verdicts = bars(measures.map((m) => m.measure));
const sweeps = opts.sweep ? sets.map((qs) => ({ name: qs.name, rows: sweep(qs) })) : [];
const seconds = (performance.now() - started) / 1000;

if (opts.json) {
  const sets = measures.map(({ measure, chart }) => {
    const { failures, ...report } = measure.ours.report;
    const { observations, ...ours } = measure.ours;
    const sure = at === undefined ? {} : { sureAt: { confidence: at, ...sureAnswers(observations, at) } };
    return { ...measure, ours: { ...ours, ...sure, report: opts.failures ? measure.ours.report : report, failureCount: failures.length }, chart };
  });
  console.log(JSON.stringify({ seconds, sets, bars: verdicts, ...(opts.sweep ? { sweeps } : {}) }, null, 2));
} else {
  console.log(formatBars(verdicts));
  if (opts.failures) for (const { measure } of measures) console.log(`\n${formatFailures(measure)}`);
  for (const s of sweeps) console.log(`\n${formatSweep(s.name, s.rows)}`);
  console.log(`\n${sets.length} sets in ${seconds.toFixed(1)} s; charts in ${relative(process.cwd(), outDir) || '.'}/`);
}
