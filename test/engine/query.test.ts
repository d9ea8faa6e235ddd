import { describe, expect, test } from 'vitest';
import { InvertedIndex } from '../../src/engine/inverted-index.js';
import { STOP_WORDS } from '../../src/engine/lexicon.js';
import { analyzeQuery } from '../../src/engine/query.js';
import { GENERAL_ALTERATIONS } from '../../src/engine/alterations.js';

const termOf = (word: string) => GENERAL_ALTERATIONS.termOf(word);
import { Vocabulary } from '../../src/engine/vocabulary.js';
import type { Entry } from '../../src/knowledge/entry.js';

const entry = (id: string, question: string, alternates: string[] = []): Entry => ({ id, question, answer: 'An answer.', alternates, tags: [] });

function indexOf(entries: Entry[]) {
  const vocabulary: Vocabulary = new Vocabulary((word) => index.hasWord(word));
  vocabulary.pin(STOP_WORDS);
  const index: InvertedIndex = new InvertedIndex(vocabulary);
  for (const e of entries) index.upsert(e);
  return { index, vocabulary };
}

const termsOf = (text: string, { index, vocabulary }: ReturnType<typeof indexOf>) => analyzeQuery(text, index, vocabulary).terms.map((t) => t.term);

describe('reading a query', () => {
  const python = ['install', 'version', 'venv', 'pip', 'fast', 'learn'].map((k) => entry(k, `Python ${k}?`));

  test('reads a stored typo as the word far more entries use ("pyhton", stored once beside python in six)', () => {
    const kb = indexOf([...python, entry('netflix', 'Does Netflix use it?', ['netflix pyhton?'])]);
    expect(termsOf('pyhton', kb)).toEqual([termOf('python')]);
  });

  test('keeps a stored word that is a letter longer or shorter than a common one', () => {
    const kb = indexOf([...python.map((e) => ({ ...e, question: `${e.question} link` })), entry('flink', 'Flink?')]);
    expect(termsOf('flink', kb)).toEqual([termOf('flink')]);
  });

  test('keeps a stored word about as common as its neighbour', () => {
    const kb = indexOf([entry('a', 'Python?'), entry('b', 'Pyhton?')]);
    expect(termsOf('pyhton', kb)).toEqual([termOf('pyhton')]);
  });
});

describe('reading words typed without the space between them', () => {
  const kb = indexOf([entry('use', 'Why does Netflix use Python?'), entry('reset', 'How do I reset my password?')]);

  test('splits them where both halves are words the knowledge base knows or function words', () => {
    expect(termsOf('usepython', kb)).toEqual([termOf('use'), termOf('python')]);
    expect(termsOf('whydoes netflix resetpassword', kb)).toEqual([termOf('netflix'), termOf('reset'), termOf('password')]);
  });

  test('reads the question word of a split ("whydoes" asks why)', () => {
    expect(analyzeQuery('whydoes netflix usepython', kb.index, kb.vocabulary).intent).toBe('why');
  });

  test('never splits an English word, a known word or a word with digits', () => {
    expect(termsOf('island', kb)).toEqual([termOf('island')]);
    expect(termsOf('python', kb)).toEqual([termOf('python')]);
    expect(termsOf('use2python', kb)).not.toContain(termOf('python'));
  });
});
