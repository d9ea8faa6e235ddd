import { describe, expect, test } from 'vitest';
import { FORM_TEXT_MAX_CHARS, phrasingInputs } from '../../src/knowledge/limits.js';

describe("the edit form's phrasing boxes", () => {
  const line = (length: number) => 'x'.repeat(length);

  test('hold nothing for no phrasings', () => {
    expect(phrasingInputs([])).toEqual([]);
  });

  test('fill in order, never splitting a line, up to exactly the cap of each', () => {
    expect(phrasingInputs([line(FORM_TEXT_MAX_CHARS), line(FORM_TEXT_MAX_CHARS)])).toEqual([line(FORM_TEXT_MAX_CHARS), line(FORM_TEXT_MAX_CHARS)]);
    expect(phrasingInputs([line(1_999), line(2_000), 'y'])).toEqual([`${line(1_999)}\n${line(2_000)}`, 'y']);
  });

  test('do not hold more than two boxes, nor a line longer than one box', () => {
    expect(phrasingInputs([line(FORM_TEXT_MAX_CHARS), line(FORM_TEXT_MAX_CHARS), 'y'])).toBeNull();
    expect(phrasingInputs(['a', line(FORM_TEXT_MAX_CHARS + 1)])).toBeNull();
  });

  test('count an emoji as two, as the form does', () => {
    expect(phrasingInputs(['🙂'.repeat(FORM_TEXT_MAX_CHARS / 2)])).not.toBeNull();
    expect(phrasingInputs(['🙂'.repeat(FORM_TEXT_MAX_CHARS / 2 + 1)])).toBeNull();
  });
});
