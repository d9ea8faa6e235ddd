import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ARTICLE_SOURCE_FILE } from '../fixtures/knowledge.js';
import { canRunAsNobody, expectOneLine, expectUsage, NOBODY, runCli } from './helpers.js';

/**
 * The ordinary mistakes of issue 11, each through the tool a person would meet it with: one line on stderr naming
 * the thing at fault and what to do, no stack trace, nothing changed, exit code 1 (2 for a usage mistake).
 */

// Each case starts a tool through tsx (about a second alone, several on a loaded machine, five at a time).
const SPAWN_TIMEOUT_MS = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'paa-mistakes-'));
// Open to others, so that a tool run as "nobody" below is refused only by the folder meant to refuse it.
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = '111111111111111111';
const afile = join(dir, 'afile');
writeFileSync(afile, 'a regular file\n');
const notes = join(dir, 'notes.db');
writeFileSync(notes, 'these are my notes, not a database\n');
/** A DATABASE_URL in a folder of its own that no tool has created: whether it exists after says if anything was changed. */
const untouched = (name: string) => ({ DATABASE_URL: `sqlite:${join(dir, name, 'paa.db')}` });
const nothingCreated = (name: string) => expect(existsSync(join(dir, name))).toBe(false);

describe.concurrent('a DATABASE_URL the tools cannot use', { timeout: SPAWN_TIMEOUT_MS }, () => {
  test.each([
    ['kb', ['list', '--guild', A]],
    ['ask', ['--guild', A, 'is netflix coded in python']],
  ])('a regular file where its folder should be: %s says so in one line', async (script, args) => {
    const result = await runCli(script, args, { env: { DATABASE_URL: `sqlite:${join(afile, 'data', 'paa.db')}` } });
    expectOneLine(result, 1, `Cannot put the database ${join(afile, 'data', 'paa.db')} under ${afile}: it is a file, not a folder. Point DATABASE_URL at a path inside a folder.`);
  });

  test.each([
    ['kb', ['list', '--guild', A]],
    ['ask', ['--guild', A, 'is netflix coded in python']],
  ])('a file that is not a database: %s says so in one line, and the file is left alone', async (script, args) => {
    const result = await runCli(script, args, { env: { DATABASE_URL: `sqlite:${notes}` } });
    expectOneLine(result, 1, /notes\.db is not a SQLite database \(file is not a database\): point DATABASE_URL at the bot's database/);
    expect(readdirSync(dir).filter((f) => f.startsWith('notes.db'))).toEqual(['notes.db']);
  });

  test.skipIf(!existsSync('/proc/self'))('sqlite:/proc/x/paa.db: one line at once, not a spinning mkdir', async () => {
    const started = performance.now();
    const result = await runCli('kb', ['list', '--guild', A], { env: { DATABASE_URL: 'sqlite:/proc/x/paa.db' } });
    expectOneLine(result, 1, /^Cannot create the folder \/proc\/x for the database \/proc\/x\/paa\.db \(.+\): create it for the user that runs the bot/);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  // As root, only another user meets the refusal; skipped when that user cannot read this checkout.
  const asRoot = process.getuid?.() === 0;
  test.skipIf(asRoot && !canRunAsNobody)('a folder the user may not write (.env.example\'s /var/lib/paa-bot as a user that is not root)', async () => {
    const locked = join(dir, 'var-lib');
    mkdirSync(locked, { mode: 0o755 });
    const database = join(locked, 'paa-bot', 'paa.db');
    const asUser = asRoot ? { uid: NOBODY } : (chmodSync(locked, 0o555), {});
    const result = await runCli('kb', ['list', '--guild', A], { env: { DATABASE_URL: `sqlite:${database}` }, ...asUser });
    expectOneLine(result, 1, `Cannot create the folder ${join(locked, 'paa-bot')} for the database ${database} (permission denied)`);
    expect(existsSync(join(locked, 'paa-bot'))).toBe(false);
  });
});

describe.concurrent('a file named on the command line that is not there or not a file', { timeout: SPAWN_TIMEOUT_MS }, () => {
  test('kb import /nonexistent.md: no such file, and no database created', async () => {
    const result = await runCli('kb', ['import', '/nonexistent.md', '--guild', A], { env: untouched('import-missing') });
    expectOneLine(result, 1, '/nonexistent.md: no such file; check the path.');
    nothingCreated('import-missing');
  });

  test('kb import <a folder>: a folder, not a file', async () => {
    const result = await runCli('kb', ['import', dir, '--guild', A], { env: untouched('import-folder') });
    expectOneLine(result, 1, `${dir}: it is a folder, not a file; give the path of a file in it.`);
    nothingCreated('import-folder');
  });

  test('kb export --out into a folder that does not exist: said before the store is opened', async () => {
    const out = join(dir, 'no-such-folder', 'export.yaml');
    const result = await runCli('kb', ['export', '--guild', A, '--out', out], { env: untouched('export-missing') });
    expectOneLine(result, 1, `${out}: the folder ${join(dir, 'no-such-folder')} does not exist; create it first, or give --out another path.`);
    nothingCreated('export-missing');
    nothingCreated('no-such-folder');
  });

  test.each([
    ['no such file', ['/nonexistent.txt'], '/nonexistent.txt: no such file; check the path.'],
    ['a folder', [dir], `${dir}: it is a folder, not a file`],
    ['--out into a folder that does not exist', [ARTICLE_SOURCE_FILE, '--out', join(dir, 'nowhere', 'a.yaml')], `the folder ${join(dir, 'nowhere')} does not exist`],
  ])('import-article, given %s', async (_case, args, message) => {
    expectOneLine(await runCli('import-article', args), 1, message);
  });

  test('import-article --out onto a file that exists: refused without --force, written with it', async () => {
    const out = join(dir, 'article.yaml');
    writeFileSync(out, 'mine\n');
    expectOneLine(await runCli('import-article', [ARTICLE_SOURCE_FILE, '--out', out]), 1, `${out} exists; pass --force to overwrite it.`);
    const forced = await runCli('import-article', [ARTICLE_SOURCE_FILE, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.err).toMatch(/^Wrote \d+ entries to /);
  });
});

describe.concurrent('unknown options are refused with the usage, exit code 2, never read as words', { timeout: SPAWN_TIMEOUT_MS }, () => {
  test.each([
    ['ask', ['--json', '--jsn', 'is netflix coded in python'], 'Unknown option --jsn'],
    ['kb', ['list', '--guild', A, '--frob'], 'Unknown option --frob'],
    ['kb', ['export', '--guild', A, '--out'], '--out needs a value.'],
    ['import-article', [ARTICLE_SOURCE_FILE, '--sorce', 'x'], 'Unknown option --sorce'],
    ['import-article', [], 'Missing the article to import.'],
    ['quality', ['--jsn'], 'Unknown option --jsn'],
    ['fit-confidence', ['--dyr'], 'Unknown option --dyr'],
  ])('%s %j', async (script, args, message) => {
    expectUsage(await runCli(script, args, { env: untouched('usage') }), message);
  });

  test('a question starting with "-" goes after --', async () => {
    const result = await runCli('ask', ['--json', '--', '-is netflix coded in python']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).query).toBe('-is netflix coded in python');
  });

  test.each([['kb'], ['ask'], ['import-article'], ['quality'], ['fit-confidence']])('%s --help prints the usage on stdout, exit code 0', async (script) => {
    const result = await runCli(script, ['--help']);
    expect(result).toEqual({ code: 0, out: expect.stringMatching(/^usage/), err: '' });
  });
});

describe.concurrent('output piped into a reader that has gone (| head): a quiet end, exit code 0', { timeout: SPAWN_TIMEOUT_MS }, () => {
  test.each([
    ['ask', ['--json', 'is netflix coded in python'], undefined],
    ['ask', ['--json'], 'is netflix coded in python\n'.repeat(200)],
    ['ask', ['--help'], undefined],
    ['kb', ['list', '--guild', A], undefined],
    ['kb', ['export', '--guild', A], undefined],
    ['import-article', [ARTICLE_SOURCE_FILE], undefined],
    ['quality', ['--help'], undefined],
    ['fit-confidence', ['--help'], undefined],
  ])('%s %j', async (script, args, input) => {
    const result = await runCli(script, args, { closedOutput: true, env: { DATABASE_URL: `sqlite:${join(dir, 'epipe', 'paa.db')}` }, ...(input && { input }) });
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
  });
});

describe.concurrent('a knowledge folder or .env the tools cannot use', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const knowledge = (name: string, files: Record<string, string>) => {
    const folder = join(dir, name);
    mkdirSync(folder);
    for (const [file, text] of Object.entries(files)) {
      if (text === '(folder)') mkdirSync(join(folder, file));
      else writeFileSync(join(folder, file), text);
    }
    return folder;
  };

  test.each([['ask', ['is netflix coded in python']], ['kb', ['list', '--guild', A]]])('a malformed knowledge file: %s names the folder, the file and the line', async (script, args) => {
    const folder = knowledge(`malformed-${script}`, { 'faq.yaml': 'entries:\n  - id: x\n    question: [unclosed\n' });
    const result = await runCli(script, args, { env: { KNOWLEDGE_DIR: folder, ...untouched(`malformed-db-${script}`) } });
    expectOneLine(result, 1, new RegExp(`^The knowledge in ${folder} \\(KNOWLEDGE_DIR\\) cannot be loaded: faq\\.yaml, line \\d+: `));
    nothingCreated(`malformed-db-${script}`);
  });

  test('a folder named like a knowledge file: one line, not EISDIR with a stack', async () => {
    const folder = knowledge('eisdir', { 'faq.yaml': '(folder)' });
    const result = await runCli('ask', ['is netflix coded in python'], { env: { KNOWLEDGE_DIR: folder } });
    expectOneLine(result, 1, `The knowledge in ${folder} (KNOWLEDGE_DIR) cannot be loaded: ${join(folder, 'faq.yaml')}: it is a folder, not a file`);
  });

  // The configuration lists every bad variable, one line each under its header (config.ts): no stack, exit code 1.
  test.each([
    ['a KNOWLEDGE_DIR that does not exist', 'ask', { KNOWLEDGE_DIR: join(dir, 'no-knowledge') }, /KNOWLEDGE_DIR: expected the folder of the knowledge files \(\*\.yaml\); no such folder/],
    ['a bad LOG_LEVEL', 'kb', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: expected one of/],
    ['a DATABASE_URL that is neither sqlite: nor postgres:', 'kb', { DATABASE_URL: 'mysql://u:secret@h/db' }, /DATABASE_URL: not supported: a mysql: URL/],
  ])('%s: %s names the variable and the problem', async (_case, script, env, message) => {
    const result = await runCli(script, script === 'kb' ? ['list', '--guild', A] : ['hello'], { env });
    expect(result.code).toBe(1);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(result.err).toMatch(/^Invalid configuration \(1 problem\)/);
    expect(result.err).toMatch(message);
    expect(result.err).not.toContain('secret');
  });

  test('a PostgreSQL server that does not answer: kb says where it tried, in one line, without the password', async () => {
    const result = await runCli('kb', ['list', '--guild', A], { env: { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/paa' } });
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/127\.0\.0\.1:1/);
    expect(result.err).not.toContain('secret');
  });
});
