import { describe, expect, test } from 'vitest';
import { isSlip, Vocabulary } from '../../src/engine/vocabulary.js';

describe('typo correction', () => {
  const vocabulary = new Vocabulary();
  vocabulary.pin(['what', 'want', 'python', 'pythons']);

  test('prefers two swapped letters to a changed one: "waht" is "what", not "want"', () => {
    expect(vocabulary.correct('waht')).toBe('what');
    expect(vocabulary.correct('pyhton')).toBe('python');
  });

  test('with `otherThan`, finds the closest word other than a known one', () => {
    expect(vocabulary.correct('python')).toBe('python');
    expect(vocabulary.correct('python', 'python')).toBe('pythons');
  });
});

describe('a slip of the keys', () => {
  test('is letters swapped, dropped or added, not changed', () => {
    expect(isSlip('waht', 'what')).toBe(true);
    expect(isSlip('pythn', 'python')).toBe(true);
    expect(isSlip('want', 'what')).toBe(false);
    expect(isSlip('uber', 'user')).toBe(false);
  });
});

describe('the nearest other word', () => {
  test('is forgotten when entries change, so a word back in use is found again', () => {
    const live = new Set(['pyhton']);
    const vocabulary = new Vocabulary((word) => live.has(word));
    vocabulary.register('pyhton');
    vocabulary.register('python');
    expect(vocabulary.nearestOther('pyhton')).toBeUndefined();
    live.add('python');
    vocabulary.entriesChanged();
    expect(vocabulary.nearestOther('pyhton')).toBe('python');
  });
});
