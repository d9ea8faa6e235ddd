import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/engine/index.js';
import { MANY_PHRASINGS } from '../../src/engine/confidence-model.js';
import type { Entry } from '../../src/knowledge/entry.js';
import type { QualitySet } from '../../src/quality/sets.js';
import { sweep, SWEEP_ANSWERS } from '../../src/quality/sweep.js';

const entry = (id: string, question: string, alternates: string[], answer: string): Entry => ({ id, question, alternates, answer, tags: [] });

// A school's FAQ where one entry was given dozens of rewordings: the sweep must move its threshold too.
const rewordings = Array.from({ length: MANY_PHRASINGS + 2 }, (_, i) => `when does the ${['library', 'canteen', 'gym', 'office'][i % 4]} open on day ${i + 1}`);
const entries: Entry[] = [
  entry('opening-hours', 'When does the school open?', rewordings, 'Doors open at 7:30 on school days.'),
  entry('lost-property', 'Where do I find lost property?', [], 'Ask at the front office.'),
  entry('uniform', 'What is the uniform?', [], 'Navy jumper, white shirt.'),
];
const query = 'what time is the school open for the day';
const set: QualitySet = {
  name: 'school', description: 'sweep fixture', family: 'protocol', entries, synonyms: [],
  set: { inScope: [{ query, expect: ['opening-hours'] }], decline: [] },
};

describe('the threshold sweep', () => {
  it('moves the threshold of entries with many phrasings too, so answers come and go with it', () => {
    const top = createMatcher(entries).match(query).ranked[0]!;
    expect(top.entry.id).toBe('opening-hours');
    const lowest = SWEEP_ANSWERS[0];
    const highest = SWEEP_ANSWERS[SWEEP_ANSWERS.length - 1]!;
    expect(top.confidence).toBeGreaterThan(lowest);
    expect(top.confidence).toBeLessThan(highest);
    for (const row of sweep(set).filter((r) => r.margin === 0)) {
      expect(row.metrics.answeredRight, `answer threshold ${row.answer}`).toBe(row.answer <= top.confidence ? 1 : 0);
    }
  });
});
