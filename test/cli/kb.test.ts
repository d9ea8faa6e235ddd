import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ARTICLE_KNOWLEDGE_DIR, GAMING_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paa-kb-'));
// The frozen article fixture, not knowledge/: what an operator adds there must not change these tests.
const env = { PATH: process.env.PATH, DATABASE_URL: `sqlite:${join(dir, 'paa.db')}`, KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR };
const run = (script: string, args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: root, env, encoding: 'utf8' });
  return { out: result.stdout, err: result.stderr, code: result.status };
};
const A = '111111111111111111';
const B = '222222222222222222';

describe('npm run kb, against the store the bot uses', () => {
  test('adds, lists, shows history, removes and restores an entry for one server only', () => {
    expect(run('kb', ['add', '--guild', A, '--question', 'How do I join the beta?', '--answer', 'Ask in #beta.', '--tag', 'Beta']).out).toContain('Added how-do-i-join-the-beta (revision 1).');
    expect(run('kb', ['list', '--guild', A]).out).toContain('how-do-i-join-the-beta\t1\tHow do I join the beta?');
    expect(run('kb', ['list', '--guild', B]).out).not.toContain('how-do-i-join-the-beta');
    expect(run('kb', ['remove', 'how-do-i-join-the-beta', '--guild', A]).out).toContain('revision 2');
    const history = run('kb', ['history', 'how-do-i-join-the-beta', '--guild', A]).out;
    expect(history).toMatch(/#2\tremove\toperator[\s\S]*#1\tadd\toperator/);
    expect(run('kb', ['restore', 'how-do-i-join-the-beta', '1', '--guild', A]).out).toContain('now revision 3');
  });

  test('npm run ask --guild answers from that server, without --guild from the shipped base', () => {
    const fromA = JSON.parse(run('ask', ['--json', '--guild', A, 'how can i join the beta']).out);
    expect(fromA.match.id).toBe('how-do-i-join-the-beta');
    expect(JSON.parse(run('ask', ['--json', 'how can i join the beta']).out).outcome).toBe('decline');
  });

  test('exports, then imports into another server: a preview first, written only with --yes', () => {
    const file = join(dir, 'a.yaml');
    run('kb', ['export', '--guild', A, '--out', file]);
    const preview = run('kb', ['import', file, '--guild', B]);
    expect(preview.out).toMatch(/\+ how-do-i-join-the-beta[\s\S]*1 new, 0 changed, 10 unchanged[\s\S]*Nothing written/);
    expect(run('kb', ['list', '--guild', B]).out).not.toContain('how-do-i-join-the-beta');
    expect(run('kb', ['import', file, '--guild', B, '--yes']).out).toContain('Imported 1 entries.');
    expect(run('kb', ['list', '--guild', B]).out).toContain('how-do-i-join-the-beta');
  });

  test.each([
    ['no server', ['list'], /--guild <server id> is required/],
    ['a bad server id', ['list', '--guild', '12'], /expects a server id/],
    ['an unknown command', ['frob', '--guild', A], /Unknown command "frob"/],
    ['an empty question', ['add', '--guild', A, '--question', ' ', '--answer', 'x'], /Missing --question/],
  ])('refuses %s with a clear message and exit code 2', (_name, args, message) => {
    const result = run('kb', args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  test('refuses a malformed import file by name and writes nothing', () => {
    const result = run('kb', ['import', join(root, 'package.json'), '--guild', A, '--yes']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('package.json');
  });
});

describe('npm run kb synonyms, against the store the bot uses', () => {
  const C = '333333333333333333';
  const D = '444444444444444444';

  test('lists the shipped groups at revision 0, then adds, removes, shows history and restores, for one server only', () => {
    expect(run('kb', ['synonyms', '--guild', C]).out).toMatch(/^Revision 0, shipped with the bot: \d+ groups\.\n1\t/);
    expect(run('kb', ['synonyms', 'add', '--guild', C, 'Streamer, flix, red n']).out).toBe('Added streamer ← flix, red n (revision 1).\n');
    const listed = run('kb', ['synonyms', 'list', '--guild', C]).out;
    expect(listed).toMatch(/^Revision 1, edited on this server/);
    expect(listed).toContain('\tstreamer ← flix, red n\n');
    expect(run('kb', ['synonyms', '--guild', D]).out).not.toContain('streamer');
    expect(run('kb', ['synonyms', 'remove', '--guild', C, 'red n']).out).toBe('Now streamer ← flix (revision 2).\n');
    expect(run('kb', ['synonyms', 'remove', '--guild', C, 'flix']).out).toBe('Removed the group streamer ← flix (revision 3).\n');
    expect(run('kb', ['synonyms', 'history', '--guild', C]).out).toMatch(/^#3\tedit\toperator[^\n]*\n#2\tedit[^\n]*\n#1\tedit/);
    expect(run('kb', ['synonyms', 'restore', '1', '--guild', C]).out).toMatch(/Restored the synonyms of revision 1 \(now revision 4, \d+ groups\)/);
    expect(run('kb', ['synonyms', '--guild', C]).out).toContain('\tstreamer ← flix, red n\n');
  });

  test('export writes the synonyms block; import previews the change, and applies it only with --yes', () => {
    const file = join(dir, 'c.yaml');
    run('kb', ['export', '--guild', C, '--out', file]);
    const preview = run('kb', ['import', file, '--guild', D]).out;
    expect(preview).toMatch(/\+ synonyms\tstreamer ← flix, red n\n[\s\S]*; synonyms replaced \(\d+ groups\)\.\nNothing written/);
    expect(run('kb', ['synonyms', '--guild', D]).out).toMatch(/^Revision 0/);
    expect(run('kb', ['import', file, '--guild', D, '--yes']).out).toContain('Imported 0 entries and the synonyms.');
    expect(run('kb', ['synonyms', '--guild', D]).out).toMatch(/^Revision 1, edited on this server[\s\S]*\tstreamer ← flix, red n\n/);
    expect(run('kb', ['import', file, '--guild', D]).out).toContain('synonyms unchanged');
  });

  test.each([
    ['a word already in a group', ['add', 'netflix, nflx'], 1, /^"netflix" is already in group \d+ \(netflix ← nf\)\. Remove it there first/],
    ['a single word', ['add', 'flix'], 1, /^Type at least two words or phrases/],
    ['a mention', ['add', 'flix, <@123>'], 1, /"<@123>" may hold only letters/],
    ['a word no group holds', ['remove', 'zzz'], 1, /^No synonym group holds "zzz"\. Nothing was changed\./],
    ['a revision that does not exist', ['restore', '99'], 1, /^The synonyms have no revision 99 on this server\./],
    ['no words', ['add', ' '], 2, /^Missing the words/],
    ['a revision that is not a number', ['restore', 'two'], 2, /whole number/],
    ['an unknown action', ['rename'], 2, /Unknown synonyms command "rename"/],
    ['words not in quotes', ['add', 'nf,', 'flix'], 2, /put a group in quotes/],
  ])('refuses %s with a clear message, exit code 1 (refused) or 2 (usage), and no stack', (_case, args, code, message) => {
    const result = run('kb', ['synonyms', ...args, '--guild', D]);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/\n\s+at /);
    if (code === 1) expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  test('after those refusals the vocabulary is as it was: one revision, from the import', () => {
    expect(run('kb', ['synonyms', 'history', '--guild', D]).out).toMatch(/^#1\timport\toperator[^\n]*\n$/);
  });
});

describe('npm run kb, given a community knowledge folder of its own (KNOWLEDGE_DIR)', () => {
  const gaming = { ...env, DATABASE_URL: `sqlite:${join(dir, 'gaming.db')}`, KNOWLEDGE_DIR: GAMING_KNOWLEDGE_DIR };
  const runGaming = (script: string, args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: root, env: gaming, encoding: 'utf8' });
    return { out: result.stdout, err: result.stderr, code: result.status };
  };

  test('lists that folder\'s entries, not the article\'s, and edits on top of them', () => {
    const listed = runGaming('kb', ['list', '--guild', A]).out;
    expect(listed).toContain('why-does-the-game-crash\t0\tWhy does the game crash?');
    expect(listed).not.toMatch(/netflix/i);
    expect(runGaming('kb', ['add', '--guild', A, '--question', 'When is the next tournament?', '--answer', 'Saturdays at 18:00 UTC.']).code).toBe(0);
    expect(JSON.parse(runGaming('ask', ['--json', '--guild', A, 'when is the next tournament']).out).match.id).toBe('when-is-the-next-tournament');
    expect(JSON.parse(runGaming('ask', ['--json', 'why does my game crash']).out).match.id).toBe('why-does-the-game-crash');
  });
});
