import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bars } from '../quality/bars.js';
import { calibrationSvg, sureAnswers } from '../quality/calibration.js';
import { formatBars, formatFailures, formatSetTable } from '../quality/report.js';
import { measureSet, type SetMeasure } from '../quality/run.js';
import { articleSetFromFile, qualitySet, qualitySetNames, type QualitySet } from '../quality/sets.js';
import { formatSweep, sweep } from '../quality/sweep.js';
import { readInputFile } from './cli-files.js';
import { CliError, parseCommandLine, runCli, UsageError } from './run-cli.js';

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

const OPTIONS = {
  set: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  failures: { type: 'boolean', default: false },
  sweep: { type: 'boolean', default: false },
  at: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** A labelled set file named on the command line, checked to be one before the long run starts. */
function checkLabelledFile(file: string): void {
  let data: unknown;
  try {
    data = JSON.parse(readInputFile(file).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new CliError(`${file}: not valid JSON (${error.message}).`);
    throw error;
  }
  const { inScope, decline } = (data ?? {}) as { inScope?: unknown; decline?: unknown };
  if (!Array.isArray(inScope) || !Array.isArray(decline)) {
    throw new CliError(`${file}: expected a labelled set, {"inScope": [...], "decline": [...]}, such as test/fixtures/answer-quality-train.json.`);
  }
}

/** The charts' folder: made if missing, with its parent (not a whole made-up path), checked before the run. */
function chartFolder(out: string | undefined): string {
  if (out === undefined) {
    mkdirSync(DEFAULT_OUT, { recursive: true });
    return DEFAULT_OUT;
  }
  const dir = resolve(out);
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (stats?.isDirectory()) return dir;
  if (stats) throw new CliError(`--out ${out}: it is a file; give a folder for the charts.`);
  if (!statSync(dirname(dir), { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliError(`--out ${out}: the folder ${dirname(dir)} does not exist; create it first, or give another folder.`);
  }
  try {
    mkdirSync(dir);
  } catch (error) {
    throw new CliError(`--out ${out}: cannot create it (${(error as NodeJS.ErrnoException).code ?? String(error)}); give a folder you can write.`);
  }
  return dir;
}

function main(argv: string[]): number {
  const { values: opts, positionals: files } = parseCommandLine(argv, OPTIONS, USAGE);
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const names = opts.set ?? (files.length > 0 ? [] : qualitySetNames());
  const unknown = names.filter((n) => !qualitySetNames().includes(n));
  if (unknown.length > 0) throw new UsageError(`quality: unknown set ${unknown.map((n) => `"${n}"`).join(', ')} (sets: ${qualitySetNames().join(', ')})`);
  for (const file of files) checkLabelledFile(file);
  const at = opts.at === undefined ? undefined : Number(opts.at);
  if (at !== undefined && !(at >= 0 && at <= 1)) throw new UsageError(`quality: --at takes a confidence between 0 and 1, not "${opts.at}"`);
  const outDir = chartFolder(opts.out);
  const sets: QualitySet[] = [...names.map(qualitySet), ...files.map(articleSetFromFile)];
  const started = performance.now();
  const measures: { measure: SetMeasure; chart: string }[] = [];
  for (const qs of sets) {
    const measure = measureSet(qs);
    const chart = join(outDir, `${qs.name}.svg`);
    writeChart(chart, calibrationSvg(`${qs.name}: calibration of our top candidate`, measure.ours.calibration));
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
  return 0;
}

function writeChart(file: string, svg: string): void {
  try {
    writeFileSync(file, svg);
  } catch (error) {
    throw new CliError(`${file}: cannot write the chart (${(error as NodeJS.ErrnoException).code ?? String(error)}); give --out a folder you can write.`);
  }
}

runCli(main);
