import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import type { MatcherOptions } from '../../src/engine/index.js';
import { createEditableKnowledge } from '../../src/knowledge/editable-knowledge.js';
import type { Entry } from '../../src/knowledge/entry.js';
import { formatKnowledgeFile, parseKnowledgeBase } from '../../src/knowledge/files.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

// The real matcher, watched: which vocabulary each matcher was built with (what the engine does with it is tested
// by the answers below, and in test/engine).
const built = vi.hoisted(() => [] as (MatcherOptions | undefined)[]);
vi.mock('../../src/engine/index.js', async (importOriginal) => {
  const engine = await importOriginal<typeof import('../../src/engine/index.js')>();
  return {
    ...engine,
    createMatcher: (...args: Parameters<typeof engine.createMatcher>) => {
      built.push(args[1]);
      return engine.createMatcher(...args);
    },
  };
});

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
  test("a server's edit is seen by that server only, and answered at once", async () => {
    const { v1, store } = setup();
    const knowledge = createEditableKnowledge(v1, store);
    await knowledge.edit(A, { ...v1[0]!, answer: 'Within 60 days, for server A.' }, 0, moderator);
    expect((await knowledge.matcherFor(A)).match('how do i get a refund').match?.entry.answer).toBe('Within 60 days, for server A.');
    expect((await knowledge.matcherFor(B)).match('how do i get a refund').match?.entry.answer).toBe('Within 30 days.');
    expect((await knowledge.matcherFor(null)).match('how do i get a refund').match?.entry.answer).toBe('Within 30 days.');
  });

  test('a new release of the shipped files reaches every server that did not override the entry', async () => {
    const { v1, store, path } = setup();
    await createEditableKnowledge(v1, store).edit(A, { ...v1[0]!, answer: 'Server A policy.' }, 0, moderator);
    await store.close();
    const v2 = [entry('refunds', 'How do I get a refund?', 'Within 45 days (new policy).'), entry('shipping', 'How long does shipping take?', 'One day now.')];
    const knowledge = createEditableKnowledge(v2, openSqliteStore(path));
    expect((await knowledge.view(A, 'refunds'))?.entry.answer).toBe('Server A policy.');
    expect((await knowledge.view(A, 'shipping'))?.entry.answer).toBe('One day now.');
    expect((await knowledge.view(B, 'refunds'))?.entry.answer).toBe('Within 45 days (new policy).');
  });

  test('a removed entry stops being answered at once and comes back with restore', async () => {
    const { v1, store } = setup();
    const knowledge = createEditableKnowledge(v1, store);
    await knowledge.edit(A, { ...v1[1]!, answer: 'Three days.' }, 0, moderator);
    const { revision } = await knowledge.remove(A, 'shipping', 1, moderator);
    expect(revision).toBe(2);
    expect((await knowledge.matcherFor(A)).match('how long does shipping take').outcome).toBe('decline');
    expect((await knowledge.list(A)).map((v) => v.entry.id)).toEqual(['refunds']);
    await knowledge.restore(A, 'shipping', 1, revision, moderator);
    expect((await knowledge.view(A, 'shipping'))?.entry.answer).toBe('Three days.');
    expect((await knowledge.matcherFor(A)).match('how long does shipping take').match?.entry.id).toBe('shipping');
  });

  test('an import preview names what is new, changed and unchanged, and applying it is all or nothing', async () => {
    const { v1, store } = setup();
    const knowledge = createEditableKnowledge(v1, store);
    const incoming = [v1[0]!, { ...v1[1]!, answer: 'Three days.' }, entry('returns', 'Can I return an item?', 'Yes, unused.')];
    const preview = await knowledge.previewImport(A, incoming);
    expect(preview.added.map((e) => e.id)).toEqual(['returns']);
    expect(preview.changed.map((c) => [c.before.answer, c.after.answer])).toEqual([['Two days.', 'Three days.']]);
    expect(preview.unchanged.map((e) => e.id)).toEqual(['refunds']);
    expect(await knowledge.applyImport(A, incoming, moderator)).toHaveLength(2);
    expect((await knowledge.matcherFor(A)).match('can i return an item').match?.entry.id).toBe('returns');
    expect(await knowledge.view(B, 'returns')).toBeUndefined();
  });
});

describe('editable knowledge, given writes and questions that arrive together', () => {
  test("concurrent changes in one server are all applied, and each is answered (the server's turns keep them in order)", async () => {
    const { v1, store } = setup();
    const knowledge = createEditableKnowledge(v1, store);
    await Promise.all([
      knowledge.add(A, entry('beta', 'How do I join the beta?', 'Ask in #beta.'), moderator),
      knowledge.add(A, entry('alpha', 'Where is the alpha build?', 'In #alpha.'), moderator),
      knowledge.edit(A, { ...v1[0]!, answer: 'Within 60 days.' }, 0, moderator),
      knowledge.matcherFor(A),
    ]);
    const matcher = await knowledge.matcherFor(A);
    expect(matcher.match('how do i join the beta').match?.entry.id).toBe('beta');
    expect(matcher.match('where is the alpha build').match?.entry.id).toBe('alpha');
    expect(matcher.match('how do i get a refund').match?.entry.answer).toBe('Within 60 days.');
  });

  test('a server whose first read fails (the database is away) is read again on the next question', async () => {
    const { v1, store } = setup();
    await createEditableKnowledge(v1, store).edit(A, { ...v1[0]!, answer: 'Within 60 days.' }, 0, moderator);
    const knowledge = createEditableKnowledge(v1, store);
    const overrides = vi.spyOn(store, 'overrides').mockRejectedValueOnce(new Error('connection refused'));
    await expect(knowledge.matcherFor(A)).rejects.toThrow('connection refused');
    expect((await knowledge.matcherFor(A)).match('how do i get a refund').match?.entry.answer).toBe('Within 60 days.');
    overrides.mockRestore();
  });
});

describe('editable knowledge, given a second process writing to the same store', () => {
  test('sync() brings the changes into the matchers of the servers already loaded', async () => {
    const { v1, path } = setup();
    const bot = createEditableKnowledge(v1, openSqliteStore(path));
    expect((await bot.matcherFor(A)).match('how do i join the beta').outcome).toBe('decline');
    const operator = createEditableKnowledge(v1, openSqliteStore(path));
    await operator.add(A, entry('beta', 'How do I join the beta?', 'Ask in #beta.'), moderator);
    expect((await bot.matcherFor(A)).match('how do i join the beta').outcome).toBe('decline');
    expect(await bot.sync()).toBe(1);
    expect((await bot.matcherFor(A)).match('how do i join the beta').match?.entry.id).toBe('beta');
    expect(await bot.sync()).toBe(0);
  });
});

describe('editable knowledge, given a server that edits its own vocabulary', () => {
  // Three "reset my …" questions: "how do i reset my pw" is a near tie between them until "pw" means "password".
  const gaming = () => [
    entry('reset-password', 'How do I reset my password?', 'Use "Forgot password" on the login screen.'),
    entry('reset-progress', 'How do I reset my game progress?', 'Settings → Save data → Reset.'),
    entry('reset-keybinds', 'How do I reset my key bindings?', 'Settings → Controls → Defaults.'),
  ];
  const query = 'how do i reset my pw';

  function vocabularySetup(synonyms: string[][] = [['experience points', 'xp']]) {
    const path = join(mkdtempSync(join(tmpdir(), 'paa-knowledge-')), 'paa.db');
    const shipped = { entries: gaming(), synonyms };
    return { path, shipped, knowledge: createEditableKnowledge(shipped, openSqliteStore(path)) };
  }

  test('sees the shipped groups at revision 0 until it saves its own; a direct message always sees them', async () => {
    const { knowledge } = vocabularySetup();
    expect(await knowledge.synonyms(A)).toEqual({ groups: [['experience points', 'xp']], revision: 0, shipped: true });
    expect(await knowledge.synonyms(null)).toEqual({ groups: [['experience points', 'xp']], revision: 0, shipped: true });
    expect(await knowledge.synonymHistory(A)).toEqual([]);
  });

  test('servers reading words the shipped way share one matcher; a vocabulary of its own builds one for that server', async () => {
    const { knowledge } = vocabularySetup();
    built.length = 0;
    const before = await knowledge.matcherFor(A);
    expect(await knowledge.matcherFor(B)).toBe(before);
    expect(await knowledge.matcherFor(null)).toBe(before);
    await knowledge.setSynonyms(A, [['password', 'pw']], 0, moderator);
    expect(await knowledge.matcherFor(A)).not.toBe(before);
    expect(await knowledge.matcherFor(B)).toBe(before);
    expect(built.map((options) => options?.synonyms)).toEqual([[['password', 'pw']]]);
  });

  test("a server's first entry change gives it a fork of the shared matcher, not a build of its own", async () => {
    const { knowledge } = vocabularySetup();
    const shared = await knowledge.matcherFor(A);
    built.length = 0;
    await knowledge.add(A, entry('refunds', 'How do I get a refund?', 'Within 30 days.'), moderator);
    expect(await knowledge.matcherFor(A)).not.toBe(shared);
    expect(await knowledge.matcherFor(B)).toBe(shared);
    expect(built).toEqual([]);
    expect((await knowledge.matcherFor(A)).get('refunds')).toBeDefined();
    expect(shared.get('refunds')).toBeUndefined();
  });

  test('a new group changes its answer at once; another server is unaffected', async () => {
    const { knowledge } = vocabularySetup();
    expect((await knowledge.matcherFor(A)).match(query).outcome).not.toBe('answer');
    const saved = await knowledge.setSynonyms(A, [...(await knowledge.synonyms(A)).groups, ['password', 'pw']], 0, moderator);
    expect(saved).toEqual({ groups: [['experience points', 'xp'], ['password', 'pw']], revision: 1, shipped: false });
    expect((await knowledge.matcherFor(A)).match(query)).toMatchObject({ outcome: 'answer', match: { entry: { id: 'reset-password' } } });
    expect((await knowledge.matcherFor(B)).match(query).outcome).not.toBe('answer');
    expect((await knowledge.synonyms(B)).shipped).toBe(true);
  });

  test('the rebuilt matcher keeps the entries the server changed', async () => {
    const { knowledge } = vocabularySetup();
    await knowledge.add(A, entry('refunds', 'How do I get a refund?', 'Within 30 days.'), moderator);
    await knowledge.remove(A, 'reset-keybinds', 0, moderator);
    await knowledge.setSynonyms(A, [['password', 'pw']], 0, moderator);
    expect((await knowledge.matcherFor(A)).match('how do i get a refund').match?.entry.id).toBe('refunds');
    expect((await knowledge.matcherFor(A)).get('reset-keybinds')).toBeUndefined();
  });

  test('a stale edit is refused and changes nothing', async () => {
    const { knowledge } = vocabularySetup();
    await knowledge.setSynonyms(A, [['password', 'pw']], 0, moderator);
    await expect(knowledge.setSynonyms(A, [], 0, moderator)).rejects.toThrow(/changed by bob .* reload them/);
    expect((await knowledge.synonyms(A)).groups).toEqual([['password', 'pw']]);
  });

  test('invalid groups are refused and change nothing', async () => {
    const { knowledge } = vocabularySetup();
    await expect(knowledge.setSynonyms(A, [['password', 'pw'], ['pw', 'passcode']], 0, moderator)).rejects.toThrow(/"pw" is also in synonym group 1/);
    expect(await knowledge.synonyms(A)).toMatchObject({ revision: 0, shipped: true });
  });

  test('restoring an older revision brings its groups back, and its answers', async () => {
    const { knowledge } = vocabularySetup();
    await knowledge.setSynonyms(A, [['password', 'pw']], 0, moderator);
    await knowledge.setSynonyms(A, [], 1, moderator);
    expect((await knowledge.matcherFor(A)).match(query).outcome).not.toBe('answer');
    expect(await knowledge.restoreSynonyms(A, 1, 2, moderator)).toEqual({ groups: [['password', 'pw']], revision: 3, shipped: false });
    expect((await knowledge.matcherFor(A)).match(query).match?.entry.id).toBe('reset-password');
    expect((await knowledge.synonymHistory(A)).map((r) => [r.revision, r.action])).toEqual([
      [3, 'restore'],
      [2, 'edit'],
      [1, 'edit'],
    ]);
  });

  test("a new release's groups reach a server that never saved its own, and not one that did", async () => {
    const { path, knowledge } = vocabularySetup();
    await knowledge.setSynonyms(A, [['password', 'pw']], 0, moderator);
    const next = createEditableKnowledge({ entries: gaming(), synonyms: [['password', 'pw', 'passcode']] }, openSqliteStore(path));
    expect((await next.synonyms(A)).groups).toEqual([['password', 'pw']]);
    expect((await next.synonyms(B)).groups).toEqual([['password', 'pw', 'passcode']]);
  });

  test('export then import into another server reproduces the vocabulary, and the preview says it changes', async () => {
    const { knowledge } = vocabularySetup();
    await knowledge.setSynonyms(A, [['password', 'pw'], ['key bindings', 'keybinds']], 0, moderator);
    const exported = parseKnowledgeBase(
      formatKnowledgeFile(
        (await knowledge.list(A)).map((v) => v.entry),
        (await knowledge.synonyms(A)).groups,
      ),
      'export.yaml',
    );
    const preview = await knowledge.previewImport(B, exported.entries, exported.synonyms);
    expect(preview.synonyms).toEqual({ before: [['experience points', 'xp']], after: exported.synonyms });
    expect(preview.added).toEqual([]);
    await knowledge.applyImport(B, exported.entries, moderator, exported.synonyms);
    expect(await knowledge.synonyms(B)).toEqual({ groups: (await knowledge.synonyms(A)).groups, revision: 1, shipped: false });
    expect((await knowledge.matcherFor(B)).match(query).match?.entry.id).toBe('reset-password');
    expect((await knowledge.previewImport(B, exported.entries, exported.synonyms)).synonyms).toBeNull();
  });

  test('an import without a vocabulary leaves it alone', async () => {
    const { knowledge } = vocabularySetup();
    await knowledge.setSynonyms(A, [['password', 'pw']], 0, moderator);
    const incoming = [entry('refunds', 'How do I get a refund?', 'Within 30 days.')];
    expect((await knowledge.previewImport(A, incoming)).synonyms).toBeNull();
    await knowledge.applyImport(A, incoming, moderator);
    expect(await knowledge.synonyms(A)).toMatchObject({ groups: [['password', 'pw']], revision: 1 });
  });

  test('an import whose vocabulary is stale or invalid writes neither entries nor vocabulary', async () => {
    const { knowledge } = vocabularySetup();
    const incoming = [entry('refunds', 'How do I get a refund?', 'Within 30 days.')];
    await expect(knowledge.applyImport(A, incoming, moderator, [['pw']])).rejects.toThrow(/has one member/);
    expect(await knowledge.view(A, 'refunds')).toBeUndefined();
    expect((await knowledge.synonyms(A)).revision).toBe(0);
  });

  test('sync() picks up a vocabulary change made by another process, and rebuilds that server only', async () => {
    const { path, shipped, knowledge: bot } = vocabularySetup();
    expect((await bot.matcherFor(A)).match(query).outcome).not.toBe('answer');
    const serverA = await bot.matcherFor(A);
    const serverB = await bot.matcherFor(B);
    const operator = createEditableKnowledge(shipped, openSqliteStore(path));
    await operator.setSynonyms(A, [['password', 'pw']], 0, moderator);
    expect((await bot.matcherFor(A)).match(query).outcome).not.toBe('answer');
    expect(await bot.sync()).toBe(1);
    expect(await bot.synonyms(A)).toMatchObject({ groups: [['password', 'pw']], revision: 1 });
    expect(await bot.matcherFor(A)).not.toBe(serverA);
    expect((await bot.matcherFor(A)).match(query).match?.entry.id).toBe('reset-password');
    expect(await bot.matcherFor(B)).toBe(serverB);
    expect(await bot.sync()).toBe(0);
  });

  test('still accepts a bare list of entries, as a knowledge base without a vocabulary', async () => {
    const knowledge = createEditableKnowledge(gaming(), openSqliteStore(':memory:'));
    expect(await knowledge.synonyms(A)).toEqual({ groups: [], revision: 0, shipped: true });
  });
});
