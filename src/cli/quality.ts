import { readFileSync } from 'node:fs';
import { createMatcher } from '../engine/index.js';
import { evaluate, type LabelledSet } from '../engine/evaluation.js';
import { loadKnowledgeDir } from '../knowledge/files.js';

/**
 * Prints how the matcher does on a labelled set (default: the one the quality gate uses), every miss, and with
 * --sweep how the rates move with the answer threshold. For measuring; nothing here changes the matcher.
 */
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/answer-quality.json';
const set = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet;
const entries = loadKnowledgeDir();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const report = evaluate(createMatcher(entries), set);
console.log(`${file}: ${report.inScope} in-scope, ${report.decline} to decline`);
console.log(`in-scope answered right: ${pct(report.answeredRightRate)} (${report.answeredRight})`);
console.log(`should-decline not answered: ${pct(report.declineRespectedRate)}`);
console.log(`confident wrong answers: ${pct(report.confidentWrongRate)} (${report.answeredWrong} wrong entry, ${report.declineAnswered} should have declined)`);
if (args.includes('--failures')) for (const f of report.failures) console.log(`  ${f.query}\n    expected ${f.expected}; got ${f.got}`);

if (args.includes('--sweep')) {
  console.log('\nanswer  margin  right   declined  wrong');
  for (const answer of [0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75]) {
    for (const margin of [0, 0.03, 0.06, 0.1]) {
      const r = evaluate(createMatcher(entries, { thresholds: { answer, margin } }), set);
      console.log(`${answer.toFixed(2)}    ${margin.toFixed(2)}    ${pct(r.answeredRightRate)}  ${pct(r.declineRespectedRate)}    ${pct(r.confidentWrongRate)}`);
    }
  }
}
