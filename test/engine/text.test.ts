import { describe, expect, test } from 'vitest';
import { clauses } from '../../src/engine/text.js';

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
