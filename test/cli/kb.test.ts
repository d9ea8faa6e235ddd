import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paa-kb-'));
const env = { PATH: process.env.PATH, DATABASE_URL: `sqlite:${join(dir, 'paa.db')}` };
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
