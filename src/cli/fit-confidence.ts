import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { developmentDomains, fitConfidenceOnDomains, trainingDomains, type TrainingDomain } from '../quality/confidence-fit.js';
import { chooseThresholds, developmentTops, rates, thresholdFor, type AnswerThresholds, type DevelopmentTops } from '../quality/thresholds.js';
import type { ConfidenceModel, LogisticWeights } from '../engine/confidence-model.js';
import { createMatcher, FEATURE_NAMES } from '../engine/index.js';
import { observeMatcher } from '../quality/evaluation.js';
import { metricsOf } from '../quality/metrics.js';
import { sureAnswers } from '../quality/calibration.js';
import { qualitySet } from '../quality/sets.js';
import { parseCommandLine, runCli } from './run-cli.js';

/**
 * Fits the confidence model (src/engine/confidence-model.ts) on the training domains, chooses the answer
 * thresholds by rule on the development sets (src/quality/thresholds.ts), and writes both. The evaluation sets
 * are read only by `--leave-one-out`, which measures and writes nothing.
 *
 *   npm run fit-confidence                     fit, choose, write
 *   npm run fit-confidence -- --dry            fit, choose and print; write nothing
 *   npm run fit-confidence -- --leave-one-out  for each source (article, banking77, clinc150): fit and choose
 *                                              without it, then measure its evaluation sets (a few minutes)
 */
const MODEL_FILE = fileURLToPath(new URL('../engine/confidence-model.ts', import.meta.url));
const USAGE = 'usage: npm run fit-confidence [-- --dry | --leave-one-out]';

const OPTIONS = {
  dry: { type: 'boolean' },
  'leave-one-out': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const pct = (x: number) => `${(x * 100).toFixed(1)}`.padStart(6);

function fitAndChoose(training: readonly TrainingDomain[], development: readonly TrainingDomain[]) {
  const model = fitConfidenceOnDomains(training);
  const tops = developmentTops(model, development);
  return { model, tops, thresholds: chooseThresholds(tops) };
}

function printDevelopment(tops: readonly DevelopmentTops[], thresholds: AnswerThresholds): void {
  console.log(`\nthe development sets at the chosen thresholds (rates in %)\n${'set'.padEnd(44)} kind   threshold  answeredRight  confidentWrong  declinesKept`);
  for (const { name, kind, tops: t } of tops) {
    const threshold = thresholdFor(thresholds, kind);
    const r = rates(t, threshold);
    console.log(`${name.padEnd(44)} ${kind.padEnd(6)} ${threshold.toFixed(2).padStart(9)}  ${pct(r.answeredRight).padStart(13)}  ${pct(r.confidentWrong).padStart(14)}  ${pct(r.declinesKept).padStart(12)}`);
  }
}

const EVALUATION_SETS: Record<string, string[]> = {
  article: ['article', 'article-holdout', 'article-stripped'],
  banking77: ['banking77-1', 'banking77-5'],
  clinc150: ['clinc150-1', 'clinc150-5'],
};

function measure(model: ConfidenceModel, thresholds: AnswerThresholds, name: string): string {
  const q = qualitySet(name);
  const matcher = createMatcher(q.entries, { synonyms: q.synonyms, model, thresholds });
  const observations = observeMatcher(matcher, q.set);
  const m = metricsOf(observations);
  return `${name.padEnd(18)} ${pct(m.answeredRight)}        ${pct(m.declinesKept)}       ${pct(m.confidentWrong)}      ${pct(m.rankedFirst)}   ${pct(sureAnswers(observations).share)}`;
}

function main(argv: string[]): number {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    console.error(`fit-confidence takes no arguments; got "${positionals[0]}".\n${USAGE}`);
    return 2;
  }
  const training = trainingDomains();
  const development = developmentDomains();

  if (values['leave-one-out']) {
    console.log('each source left out of fitting and of choosing the thresholds, then measured (rates in %)');
    console.log(`${'left out'.padEnd(10)} ${'thresholds'.padEnd(12)} ${'set'.padEnd(18)} answeredRight declinesKept confidentWrong rankedFirst right≥0.9`);
    for (const source of Object.keys(EVALUATION_SETS)) {
      const { model, thresholds } = fitAndChoose(
        training.filter((d) => d.source !== source),
        development.filter((d) => d.source !== source),
      );
      for (const name of EVALUATION_SETS[source]!) {
        console.log(`${source.padEnd(10)} ${`${thresholds.answerMany}/${thresholds.answer}/${thresholds.answerPlain}`.padEnd(12)} ${measure(model, thresholds, name)}`);
      }
    }
    const { model, thresholds } = fitAndChoose(training, development);
    for (const name of Object.values(EVALUATION_SETS).flat()) {
      console.log(`${'none'.padEnd(10)} ${`${thresholds.answerMany}/${thresholds.answer}/${thresholds.answerPlain}`.padEnd(12)} ${measure(model, thresholds, name)}`);
    }
    return 0;
  }

  const { model, tops, thresholds } = fitAndChoose(training, development);
  console.log('fitted on:');
  for (const d of training) console.log(`  ${d.name}: ${d.entries.length} entries, ${d.set.inScope.length} to answer, ${d.set.decline.length} to decline`);
  console.log(`\n${'measure'.padEnd(18)} ${'rich'.padStart(8)} ${'plain'.padStart(8)}`);
  console.log(`${'bias'.padEnd(18)} ${String(model.rich.bias).padStart(8)} ${String(model.plain.bias).padStart(8)}`);
  FEATURE_NAMES.forEach((name, i) => console.log(`${name.padEnd(18)} ${String(model.rich.weights[i]).padStart(8)} ${String(model.plain.weights[i]).padStart(8)}`));
  console.log(`\nthresholds chosen: answerMany ${thresholds.answerMany}, answer ${thresholds.answer}, answerPlain ${thresholds.answerPlain}`);
  printDevelopment(tops, thresholds);

  if (!values.dry) {
    const source = readFileSync(MODEL_FILE, 'utf8');
    const start = source.indexOf('export const CONFIDENCE_MODEL');
    const weights = (w: LogisticWeights) => `{\n    bias: ${w.bias},\n    weights: [${w.weights.join(', ')}],\n  }`;
    writeFileSync(
      MODEL_FILE,
      `${source.slice(0, start)}export const CONFIDENCE_MODEL: ConfidenceModel = {\n  rich: ${weights(model.rich)},\n  plain: ${weights(model.plain)},\n};\n\n` +
        `export const FITTED_THRESHOLDS = { answer: ${thresholds.answer}, answerPlain: ${thresholds.answerPlain}, answerMany: ${thresholds.answerMany} };\n`,
    );
    console.log(`\nwrote ${MODEL_FILE}`);
  }
  return 0;
}

runCli(main);
