import { readFileSync } from 'node:fs';
import { createMatcher } from '../engine/index.js';
import { evaluate, type LabelledSet } from '../quality/evaluation.js';
import { loadKnowledgeDir } from '../knowledge/files.js';

/**
 * Prints how the matcher does on a labelled set (default: the one the quality gate uses), with --failures every
 * miss, with --sweep how the rates move with the answer threshold, with --questions-only the same for the entries
 * stripped of their alternates. For measuring; nothing here changes the matcher.
 */
const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--at') ?? 'test/fixtures/answer-quality.json';
const set = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet;
// --questions-only: the shipped entries stripped of their alternates, as a moderator's bare questions would be.
const entries = loadKnowledgeDir().map((e) => (args.includes('--questions-only') ? { ...e, alternates: [] } : e));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const report = evaluate(createMatcher(entries), set);
console.log(`${file}: ${report.inScope} in-scope, ${report.decline} to decline`);
console.log(`in-scope answered right: ${pct(report.answeredRightRate)} (${report.answeredRight})`);
console.log(`should-decline not answered: ${pct(report.declineRespectedRate)}`);
console.log(`confident wrong answers: ${pct(report.confidentWrongRate)} (${report.answeredWrong} wrong entry, ${report.declineAnswered} should have declined)`);
const atIndex = args.indexOf('--at');
if (atIndex >= 0) {
  // How often answers at or above a confidence were right: the evidence behind confidence thresholds.
  const floor = Number(args[atIndex + 1]);
  const matcher = createMatcher(entries);
  let right = 0;
  let wrong = 0;
  for (const q of [...set.inScope, ...set.decline.map((d) => ({ ...d, expect: [] as string[] }))]) {
    const result = matcher.match(q.query);
    if (result.outcome !== 'answer' || result.match!.confidence < floor) continue;
    if (q.expect.includes(result.match!.entry.id)) right++;
    else wrong++;
  }
  console.log(`answers at confidence >= ${floor}: ${right} right, ${wrong} wrong`);
}
if (args.includes('--failures')) for (const f of report.failures) console.log(`  ${f.query}\n    expected ${f.expected}; got ${f.got}`);

if (args.includes('--sweep')) {
  console.log('\nanswer  margin  right   declined  wrong');
  for (const answer of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
    for (const margin of [0, 0.05, 0.1, 0.2]) {
      // Both answer thresholds move together: an entry is weighed by one or the other by its phrasing count.
      const r = evaluate(createMatcher(entries, { thresholds: { answer, answerPlain: answer, margin } }), set);
      console.log(`${answer.toFixed(2)}    ${margin.toFixed(2)}    ${pct(r.answeredRightRate)}  ${pct(r.declineRespectedRate)}    ${pct(r.confidentWrongRate)}`);
    }
  }
}
