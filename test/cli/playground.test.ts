import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { botCommands, usageLines } from '../../src/cli/playground-commands.js';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const playground = ['--import', 'tsx', 'src/cli/playground.ts'];
const env = { ...process.env, KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR };
const scratchOf = (stdout: string) => /The database is temporary \((.+?)\)/.exec(stdout)?.[1] ?? '(not printed)';

describe('npm run playground, given a scripted conversation that ends without /quit (Ctrl-D)', () => {
  let run: SpawnSyncReturns<string>;
  beforeAll(() => {
    const script = [
      '/ask is netflix coded in python',
      '/press 2',
      '/ask netflix ml python',
      '/ask what is the best pizza',
      '/help',
      '/mod on',
      '/faq stats',
      '/complete /faq show entry:availability',
      '/pick 1',
      '/mod off',
      '/faq stats',
      '',
    ].join('\n');
    run = spawnSync(process.execPath, playground, { cwd: root, env, input: script, encoding: 'utf8', timeout: 60_000 });
  }, 60_000);
  const between = (from: string, to: string) => run.stdout.slice(run.stdout.indexOf(from), run.stdout.indexOf(to));

  test('shows the real bot answering, a pressed "People also ask" button, a suggestion and a decline', () => {
    const transcript = between('alice> /ask is netflix coded in python', 'alice> /help');
    expect(transcript).toMatch(/┌ Is Netflix coded in Python\?[\s\S]*Confidence (7[5-9]|[89]\d|100)%[\s\S]*\[4\] 👍 {3}\[5\] 👎/);
    const second = /\[2\] (.+?) {3}\[3\]/.exec(transcript)?.[1];
    expect(second).toBeTruthy();
    expect(between('alice> /press 2', 'alice> /ask netflix ml python')).toContain(`┌ ${second}`);
    expect(transcript).toContain("I'm not sure which of these you mean. Did you mean:");
    expect(transcript).toMatch(/only you can see this\)\n {2}I don't have an answer for that yet/);
  });

  test("/help lists every command and subcommand the bot defines, its Apps actions and the playground's own", () => {
    const help = between('alice> /help', 'alice> /mod on');
    for (const { usage } of usageLines(botCommands())) expect(help).toContain(usage);
    expect(help).toContain('/faq restore entry:<text, ≤ 100> revision:<number ≥ 1>');
    expect(help).toContain('/menu <n> Answer with FAQ');
    expect(help).toContain('/menu <n> Add as FAQ');
    for (const own of ['/as <user>', '/mod on|off', '/press <n>', '/complete', '/pick <n>', '/save <n> <path>', '/quit']) expect(help).toContain(own);
  });

  test('/mod on makes alice a moderator, /mod off a member again, and the bot follows', () => {
    const stats = run.stdout.split('> /faq stats');
    expect(run.stdout).toContain('alice> /mod on\n  You are alice with the role Moderator: a moderator');
    expect(stats[1]).toContain('FAQ statistics');
    expect(run.stdout).toContain('alice (mod)> /mod off\n  You are alice: a member');
    expect(stats[2]).toContain('Only moderators');
  });

  test('/complete shows what autocomplete offers for an option, and /pick sends the command with one', () => {
    expect(run.stdout).toMatch(/> \/complete \/faq show entry:availability\n {2}1\. How Does Netflix Ensure High Availability\? \(how-does-netflix-ensure-high-availability\)/);
    expect(run.stdout).toMatch(/> \/pick 1\n {2}\(\/faq show entry:how-does-netflix-ensure-high-availability\)[\s\S]*id `how-does-netflix-ensure-high-availability`/);
  });

  test('exits 0 at the end of its input and leaves no temporary folder behind', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(existsSync(scratchOf(run.stdout))).toBe(false);
  });
});

describe('npm run playground, given SIGTERM while it waits for input', () => {
  test('closes the bot, removes its temporary folder and exits 143', async () => {
    const child = spawn(process.execPath, playground, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    const started = new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('is removed when you leave')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await started;
    expect(existsSync(scratchOf(stdout))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(existsSync(scratchOf(stdout))).toBe(false);
  });
});

describe('npm run playground, given a KNOWLEDGE_DIR that does not exist', () => {
  test('stops at once, naming the setting, without a stack trace', () => {
    const run = spawnSync(process.execPath, playground, {
      cwd: root,
      env: { ...process.env, KNOWLEDGE_DIR: '/no/such/knowledge' },
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('KNOWLEDGE_DIR: expected the folder of the knowledge files (*.yaml); no such folder: "/no/such/knowledge"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
