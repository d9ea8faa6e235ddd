import { describe, expect, test } from 'vitest';
import { clauses, intentOf, normalize, words } from '../../src/engine/text.js';

describe('splitting a message into clauses', () => {
  test('splits at sentence ends and line breaks', () => {
    expect(clauses('i love netflix. is it coded in python?')).toEqual(['i love netflix.', 'is it coded in python?']);
    expect(clauses('first line\nsecond line')).toEqual(['first line', 'second line']);
  });

  test('splits where a sentence end has no space after it', () => {
    expect(clauses('ok thanks.So is netflix coded in python?')).toEqual(['ok thanks.', 'So is netflix coded in python?']);
    expect(clauses('wow!is netflix python')).toEqual(['wow!', 'is netflix python']);
  });

  test('keeps names and versions with a dot in them whole', () => {
    expect(clauses('how does the node.js event loop work')).toEqual(['how does the node.js event loop work']);
    expect(clauses('is v1.2 out')).toEqual(['is v1.2 out']);
  });
});

describe('the kind of question a clause asks', () => {
  const intent = (text: string) => intentOf(words(normalize(text)));

  test('is read from its first question word, and "why" wherever it stands', () => {
    expect(intent('what languages does netflix use')).toBe('what');
    expect(intent('does anyone know why netflix uses python')).toBe('why');
  });

  test('is how for "in what way(s)" or "in what manner", and "what … for" at the end', () => {
    expect(intent('in what ways is python used at netflix')).toBe('how');
    expect(intent('In what manner does Netflix apply Python?')).toBe('how');
    expect(intent('what ways of hosting are there')).toBe('what');
    expect(intent('what is python used for')).toBe('how');
  });
});
