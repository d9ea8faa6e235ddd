import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fitConfidenceModel, labelledQueries, TRAINING_KNOWLEDGE_DIR, TRAINING_SET_FILE, trainingVariants } from '../quality/confidence-fit.js';
import type { LogisticWeights } from '../engine/confidence-model.js';
import type { LabelledSet } from '../quality/evaluation.js';
import { createMatcher, FEATURE_NAMES } from '../engine/index.js';
import { loadKnowledgeBase } from '../knowledge/files.js';

/**
 * Fits the confidence model (src/engine/confidence-model.ts) on the training set, then shows how the answer
 * thresholds trade right answers against wrong ones on that same set. The evaluation sets are never read here:
 * they measure the result (`npm run quality`).
 *
 *   npm run fit-confidence            fit and write the model
 *   npm run fit-confidence -- --dry   fit and print, write nothing
 */
const MODEL_FILE = fileURLToPath(new URL('../engine/confidence-model.ts', import.meta.url));

const args = process.argv.slice(2);
const set = JSON.parse(readFileSync(TRAINING_SET_FILE, 'utf8')) as LabelledSet;
const { entries, synonyms } = loadKnowledgeBase(TRAINING_KNOWLEDGE_DIR);
const model = fitConfidenceModel(entries, set, synonyms);

console.log(`${TRAINING_SET_FILE} over ${TRAINING_KNOWLEDGE_DIR}: ${set.inScope.length} in-scope, ${set.decline.length} to decline\n`);
console.log(`${'measure'.padEnd(18)} ${'rich'.padStart(8)} ${'plain'.padStart(8)}`);
console.log(`${'bias'.padEnd(18)} ${String(model.rich.bias).padStart(8)} ${String(model.plain.bias).padStart(8)}`);
FEATURE_NAMES.forEach((name, i) => console.log(`${name.padEnd(18)} ${String(model.rich.weights[i]).padStart(8)} ${String(model.plain.weights[i]).padStart(8)}`));

// How the answer threshold and margin trade off on the training set, with the new model.
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
for (const variant of trainingVariants(entries)) {
  const matcher = createMatcher(variant.entries, { synonyms, model, thresholds: { answer: 0, answerPlain: 0, margin: 0, suggest: 0 } });
  const tops = labelledQueries(set).map(({ query, expect }) => {
    const result = matcher.match(query);
    const top = result.match;
    return { top: top?.confidence ?? 0, second: result.alternatives[0]?.confidence ?? 0, right: top !== null && expect.includes(top.entry.id), inScope: expect.length > 0 };
  });
  console.log(`\n${variant.name}\nanswer  margin  in-scope right  declines respected  confident wrong`);
  for (const answer of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    for (const margin of [0, 0.05, 0.1, 0.2]) {
      const answered = tops.filter((t) => t.top >= answer && t.top - t.second >= margin);
      const right = answered.filter((t) => t.right).length;
      const declinesAnswered = answered.filter((t) => !t.inScope).length;
      const wrong = answered.length - right;
      console.log(`${answer.toFixed(2)}    ${margin.toFixed(2)}    ${pct(right / set.inScope.length)}          ${pct(1 - declinesAnswered / set.decline.length)}              ${pct(wrong / tops.length)}`);
    }
  }
}

if (!args.includes('--dry')) {
  const source = readFileSync(MODEL_FILE, 'utf8');
  const start = source.indexOf('export const CONFIDENCE_MODEL');
  const weights = (w: LogisticWeights) => `{\n    bias: ${w.bias},\n    weights: [${w.weights.join(', ')}],\n  }`;
  writeFileSync(MODEL_FILE, `${source.slice(0, start)}export const CONFIDENCE_MODEL: ConfidenceModel = {\n  rich: ${weights(model.rich)},\n  plain: ${weights(model.plain)},\n};\n`);
  console.log(`\nwrote ${MODEL_FILE}`);
}
