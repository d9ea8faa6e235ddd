import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createEditableKnowledge } from '../../src/knowledge/editable-knowledge.js';
import type { Entry } from '../../src/knowledge/entry.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

const entry = (id: string, question: string, answer: string): Entry => ({ id, question, answer, alternates: [], tags: [] });
const moderator = { id: '300000000000000002', name: 'bob' };
const A = '100000000000000001';
const B = '100000000000000002';

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'paa-knowledge-')), 'paa.db');
  const v1 = [entry('refunds', 'How do I get a refund?', 'Within 30 days.'), entry('shipping', 'How long does shipping take?', 'Two days.')];
  return { path, v1, store: openSqliteStore(path) };
}

describe('editable knowledge, given the shipped entries and a store', () => {
  test("a server's edit is seen by that server only, and answered at once", () => {
    const { v1, store } = setup();
    const knowledge = createEditableKnowledge(v1, store);
    knowledge.edit(A, { ...v1[0]!, answer: 'Within 60 days, for server A.' }, 0, moderator);
    expect(knowledge.matcherFor(A).match('how do i get a refund').match?.entry.answer).toBe('Within 60 days, for server A.');
    expect(knowledge.matcherFor(B).match('how do i get a refund').match?.entry.answer).toBe('Within 30 days.');
    expect(knowledge.matcherFor(null).match('how do i get a refund').match?.entry.answer).toBe('Within 30 days.');
  });

  test('a new release of the shipped files reaches every server that did not override the entry', () => {
    const { v1, store, path } = setup();
    createEditableKnowledge(v1, store).edit(A, { ...v1[0]!, answer: 'Server A policy.' }, 0, moderator);
    store.close();
    const v2 = [entry('refunds', 'How do I get a refund?', 'Within 45 days (new policy).'), entry('shipping', 'How long does shipping take?', 'One day now.')];
    const knowledge = createEditableKnowledge(v2, openSqliteStore(path));
    expect(knowledge.view(A, 'refunds')?.entry.answer).toBe('Server A policy.');
    expect(knowledge.view(A, 'shipping')?.entry.answer).toBe('One day now.');
    expect(knowledge.view(B, 'refunds')?.entry.answer).toBe('Within 45 days (new policy).');
  });

  test('a removed entry stops being answered at once and comes back with restore', () => {
    const { v1, store } = setup();
    const knowledge = createEditableKnowledge(v1, store);
    knowledge.edit(A, { ...v1[1]!, answer: 'Three days.' }, 0, moderator);
    const { revision } = knowledge.remove(A, 'shipping', 1, moderator);
    expect(revision).toBe(2);
    expect(knowledge.matcherFor(A).match('how long does shipping take').outcome).toBe('decline');
    expect(knowledge.list(A).map((v) => v.entry.id)).toEqual(['refunds']);
    knowledge.restore(A, 'shipping', 1, revision, moderator);
    expect(knowledge.view(A, 'shipping')?.entry.answer).toBe('Three days.');
    expect(knowledge.matcherFor(A).match('how long does shipping take').match?.entry.id).toBe('shipping');
  });

  test('an import preview names what is new, changed and unchanged, and applying it is all or nothing', () => {
    const { v1, store } = setup();
    const knowledge = createEditableKnowledge(v1, store);
    const incoming = [v1[0]!, { ...v1[1]!, answer: 'Three days.' }, entry('returns', 'Can I return an item?', 'Yes, unused.')];
    const preview = knowledge.previewImport(A, incoming);
    expect(preview.added.map((e) => e.id)).toEqual(['returns']);
    expect(preview.changed.map((c) => [c.before.answer, c.after.answer])).toEqual([['Two days.', 'Three days.']]);
    expect(preview.unchanged.map((e) => e.id)).toEqual(['refunds']);
    expect(knowledge.applyImport(A, incoming, moderator)).toHaveLength(2);
    expect(knowledge.matcherFor(A).match('can i return an item').match?.entry.id).toBe('returns');
    expect(knowledge.view(B, 'returns')).toBeUndefined();
  });
});

describe('editable knowledge, given a second process writing to the same store', () => {
  test('sync() brings the changes into the matchers of the servers already loaded', () => {
    const { v1, path } = setup();
    const bot = createEditableKnowledge(v1, openSqliteStore(path));
    expect(bot.matcherFor(A).match('how do i join the beta').outcome).toBe('decline');
    const operator = createEditableKnowledge(v1, openSqliteStore(path));
    operator.add(A, entry('beta', 'How do I join the beta?', 'Ask in #beta.'), moderator);
    expect(bot.matcherFor(A).match('how do i join the beta').outcome).toBe('decline');
    expect(bot.sync()).toBe(1);
    expect(bot.matcherFor(A).match('how do i join the beta').match?.entry.id).toBe('beta');
    expect(bot.sync()).toBe(0);
  });
});
