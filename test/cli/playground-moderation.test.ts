import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { askCommand } from '../../src/discord/commands/ask.js';
import { parseKnowledgeFile } from '../../src/knowledge/files.js';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = 'how-do-i-join-the-beta-program';
/** A 5,000-character question: longer than /ask's option allows (its max_length), so Discord's client refuses it. */
const LONG_QUESTION = `/ask ${'why '.repeat(1_249)}why?`;
const ASK_MAX = (askCommand.data.toJSON().options?.find((o) => o.name === 'question') as { max_length: number }).max_length;

/** One typed line and everything the playground printed for it (its form prompts included), in order. */
interface Turn {
  typed: string;
  output: string;
}

/** The transcript of a piped session, cut at each echoed prompt (`alice> …`, `bob (mod)> …`). */
function turnsOf(stdout: string): Turn[] {
  return stdout
    .split(/^(?=[a-z0-9_.]+(?: \(mod\))?> )/m)
    .slice(1)
    .map((part) => {
      const end = part.indexOf('\n');
      return { typed: part.slice(0, end).replace(/^\S+(?: \(mod\))?> /, ''), output: part.slice(end + 1) };
    });
}

let work: string;
let run: { stdout: string; stderr: string; code: number | null; scratch: string; existedWhileRunning: boolean };
let turns: Turn[];

/** What the playground printed after the `nth` (0-based) time the user typed `typed`. */
const after = (typed: string, nth = 0): string => {
  const found = turns.filter((t) => t.typed === typed)[nth];
  if (!found) throw new Error(`"${typed}" (#${nth + 1}) was never read; typed: ${turns.map((t) => t.typed).join(' | ')}`);
  return found.output;
};

/**
 * A moderator's whole session, typed as a person would: every line below is one line of the terminal, the lines
 * after a form-opening command fill the form field by field (question, answer, two phrasing boxes, tags).
 */
function script(): string[] {
  return [
    // As alice, a member: two messages in the watched channel (#1 is answered as #2; #3 is not a known question).
    'does netflix use machine learning for anything?',
    'How do I get the Verified role?',
    '/faq list',
    '/frobnicate now',
    LONG_QUESTION,
    '/as bob',
    '/faq add',
    'How do I join the beta program?',
    'Type `!beta` in #bots and a moderator will add you.',
    '',
    '',
    'beta',
    '/ask how can i join the beta',
    `/faq edit ${ENTRY}`,
    '',
    'Ask in #beta; a moderator adds you.',
    '',
    '',
    '',
    '/ask how can i join the beta',
    `/faq history ${ENTRY}`,
    `/faq restore entry:${ENTRY} revision:1`,
    '/ask how can i join the beta',
    `/faq remove ${ENTRY}`,
    '/press 1',
    '/ask how can i join the beta',
    '/faq unanswered',
    '/faq stats',
    '/menu 1 Answer with FAQ',
    '/menu 3 Add as FAQ',
    '',
    'Ask a moderator in #verify.',
    '',
    '',
    '',
    '/ask how do i get the verified role',
    '/faq export',
    `/save 1 ${join(work, 'export.yaml')}`,
    `/faq import file:${join(work, 'server-faq.md')}`,
    '/press 1',
    '/ask can i advertise my server here',
    '/quit',
  ];
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'paa-playground-test-'));
  writeFileSync(join(work, 'server-faq.md'), '# Server FAQ\n\n## Can I advertise my own server here?\n\nNo. Self-promotion gets a warning, then a ban.\n');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/playground.ts'], {
    cwd: root,
    env: { ...process.env, KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let scratch = '';
  let existedWhileRunning = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const found = /The database is temporary \((.+?)\)/.exec(stdout);
    if (found && !scratch) {
      scratch = found[1]!;
      existedWhileRunning = existsSync(join(scratch, 'paa.db'));
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(`${script().join('\n')}\n`);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  run = { stdout, stderr, code, scratch, existedWhileRunning };
  turns = turnsOf(stdout);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run playground, given a moderator session typed line by line', () => {
  test('reads every line and quits cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(turns.at(-1)?.typed).toBe('/quit');
  });

  test('a member sees /faq refused, an unknown command gets a one-line hint, an over-long question is refused as Discord would', () => {
    expect(after('/faq list')).toContain('only to moderators; sent anyway');
    expect(after('/faq list')).toContain('Only moderators');
    expect(after('/frobnicate now').trim()).toMatch(/^✗ Unknown command \/frobnicate: the bot has \/ask, \/faq; .* \/help lists them all\.$/);
    const refused = after(LONG_QUESTION);
    expect(ASK_MAX).toBeLessThan(5_000);
    expect(refused.trim()).toBe(`✗ /ask question: at most ${ASK_MAX.toLocaleString('en-US')} characters, and this is 5,000. Discord would not send it.`);
  });

  test('switching to bob makes a moderator, who adds an entry through the form and /ask answers it', () => {
    expect(after('/as bob')).toContain('You are bob with the role Moderator: a moderator');
    const added = after('/faq add');
    expect(added).toContain('│ Question* ≤ 256: How do I join the beta program?');
    expect(added).toContain(`Added How do I join the beta program? (\`${ENTRY}\`, revision 1)`);
    expect(after('/ask how can i join the beta', 0)).toMatch(/┌ How do I join the beta program\?\n {2}│ Type `!beta` in #bots/);
  });

  test('edit (prefilled form), history, restore and remove each change what /ask answers', () => {
    const edit = after(`/faq edit ${ENTRY}`);
    expect(edit).toContain('│ Question* ≤ 256 [How do I join the beta program?]: ');
    expect(edit).toContain('│ Tags (comma-separated) ≤ 200 [beta]: ');
    expect(edit).toContain('revision 2');
    expect(after('/ask how can i join the beta', 1)).toContain('│ Ask in #beta; a moderator adds you.');
    expect(after(`/faq history ${ENTRY}`)).toMatch(/#2 edit by bob [\s\S]*#1 add by bob/);
    expect(after(`/faq restore entry:${ENTRY} revision:1`)).toContain('now revision 3');
    expect(after('/ask how can i join the beta', 2)).toContain('│ Type `!beta` in #bots');
    expect(after(`/faq remove ${ENTRY}`)).toMatch(/\[1\] Remove {3}\[2\] Cancel/);
    expect(after('/press 1')).toContain(`Removed \`${ENTRY}\``);
    expect(after('/ask how can i join the beta', 3)).toContain("I don't have an answer for that yet");
  });

  test('unanswered lists the declined question, stats show the answer rate', () => {
    expect(after('/faq unanswered')).toMatch(/how can i join the beta — asked 1×[\s\S]*\[1\] 1\. New entry/);
    expect(after('/faq stats')).toMatch(/Answer rate: \d+% \(\d+ answered, \d+ not\)/);
  });

  test('the Apps actions work on numbered messages: "Answer with FAQ" replies, "Add as FAQ" opens the form with it', () => {
    expect(after('does netflix use machine learning for anything?')).toContain('(message #1)');
    expect(after('How do I get the Verified role?')).toContain('(message #3)');
    expect(after('/menu 1 Answer with FAQ')).toMatch(/replying to #1\n {2}┌ How Does Netflix Use Machine Learning\?/);
    const addAs = after('/menu 3 Add as FAQ');
    expect(addAs).toContain('│ Question* ≤ 256 [How do I get the Verified role?]: ');
    expect(addAs).toContain('Added How do I get the Verified role?');
    expect(after('/ask how do i get the verified role')).toContain('│ Ask a moderator in #verify.');
  });

  test('export saves the file where it says, and an import from a file path is previewed, then applied', () => {
    const exported = after('/faq export');
    const saved = /📎 1\. (faq-\d+\.yaml) \([\d.]+ kB\), saved as (.+)/.exec(exported);
    expect(saved?.[2]).toContain(run.scratch);
    const copy = join(work, 'export.yaml');
    expect(after(`/save 1 ${copy}`)).toContain(`Saved ${saved?.[1]} as ${copy}.`);
    const entries = parseKnowledgeFile(readFileSync(copy, 'utf8'), 'export.yaml');
    expect(entries.map((e) => e.question)).toContain('How do I get the Verified role?');
    expect(entries.map((e) => e.id)).not.toContain(ENTRY);
    expect(after(`/faq import file:${join(work, 'server-faq.md')}`)).toMatch(/Import preview: server-faq\.md[\s\S]*\[1\] Apply 1 changes/);
    expect(after('/press 1', 1)).toContain('Imported 1 entries from server-faq.md.');
    expect(after('/ask can i advertise my server here')).toContain('┌ Can I advertise my own server here?');
  });

  test('the temporary database is there while it runs and gone after /quit', () => {
    expect(run.existedWhileRunning).toBe(true);
    expect(existsSync(run.scratch)).toBe(false);
  });
});
