import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const playground = ['--import', 'tsx', 'src/cli/playground.ts'];

describe('npm run playground, given a scripted conversation', () => {
  test('shows the real bot answering, a pressed "People also ask" button, a suggestion and a decline', () => {
    const script = ['/ask is netflix coded in python', '/press 2', '/ask netflix ml python', '/ask what is the best pizza', '/quit', ''].join('\n');
    const out = execFileSync(process.execPath, playground, {
      cwd: root,
      env: { ...process.env, KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR },
      input: script,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const transcript = out.slice(out.indexOf('alice> /ask is netflix coded in python'));
    expect(transcript).toMatch(/┌ Is Netflix coded in Python\?[\s\S]*Confidence (7[5-9]|[89]\d|100)%[\s\S]*\[4\] 👍 {3}\[5\] 👎/);
    const second = /\[2\] (.+?) {3}\[3\]/.exec(transcript)?.[1];
    expect(second).toBeTruthy();
    const afterPress = transcript.slice(transcript.indexOf('alice> /press 2'));
    expect(afterPress).toContain(`┌ ${second}`);
    expect(transcript).toContain("I'm not sure which of these you mean. Did you mean:");
    expect(transcript).toMatch(/only you can see this\)\n {2}I don't have an answer for that yet/);
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
