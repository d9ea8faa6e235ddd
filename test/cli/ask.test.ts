import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/engine/index.js';
import { ARTICLE_KNOWLEDGE_DIR, GAMING_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The frozen article fixture, not knowledge/: what an operator adds there must not change these tests.
const ask = (args: string[], input?: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR },
  });

describe('npm run ask', () => {
  test('prints the matched question, the answer and the confidence for a person', () => {
    const out = ask(['is netflix coded in python?']);
    expect(out).toContain('Is Netflix coded in Python?');
    // An answer shows its confidence, which is at least the answer threshold of an entry with many phrasings.
    const shown = Number(/confidence (\d+)%/.exec(out)?.[1]);
    expect(shown).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.answerMany * 100);
    expect(out).toContain('Netflix is indeed coded in Python');
  });

  test('says plainly when it has no answer', () => {
    expect(ask(['what is the capital of france'])).toContain("I don't have an answer for that yet.");
  });

  test('with --json prints one object of the documented shape', () => {
    const result = JSON.parse(ask(['--json', 'netflix cassandra']));
    expect(result).toEqual({
      query: 'netflix cassandra',
      outcome: 'answer',
      match: {
        id: 'what-other-technologies-does-netflix-use',
        question: 'What Other Technologies Does Netflix Use?',
        answer: expect.stringContaining('Cassandra'),
        confidence: expect.any(Number),
      },
      alternatives: expect.any(Array),
      ranked: expect.any(Array),
    });
  });

  test('with --json lists the best candidates whatever the thresholds: at most five, most confident first, the answer first', () => {
    const lines = ask(['--json'], 'netflix cassandra\nwhich language does netflix like\nwhat is the capital of france\n').trim().split('\n');
    const results = lines.map((l) => JSON.parse(l) as { match: { id: string } | null; ranked: { id: string; confidence: number }[] });
    expect(results[0]!.match).not.toBeNull();
    for (const result of results) {
      expect(result.ranked.length).toBeLessThanOrEqual(5);
      for (const candidate of result.ranked) expect(candidate).toEqual({ id: expect.any(String), confidence: expect.any(Number) });
      const confidences = result.ranked.map((c) => c.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      if (result.match) expect(result.ranked[0]!.id).toBe(result.match.id);
    }
  });

  test('with --json and no question reads one question per line and answers each, in order', () => {
    const lines = ask(['--json'], 'is netflix coded in python\n\nhello\n🙂\n<@123> @everyone hi\n')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; outcome: string });
    expect(lines.map((l) => l.query)).toEqual(['is netflix coded in python', '', 'hello', '🙂', '<@123> @everyone hi']);
    expect(lines[0]!.outcome).toBe('answer');
    expect(lines.slice(1).every((l) => l.outcome === 'decline')).toBe(true);
  });

  test('survives 10,000 characters of input', () => {
    const result = JSON.parse(ask(['--json', 'a'.repeat(10_000)]));
    expect(result.outcome).toBe('decline');
  });
});

describe('npm run ask, given KNOWLEDGE_DIR', () => {
  test("answers from that folder's knowledge base, not the shipped one", () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', 'how do i log out'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, KNOWLEDGE_DIR: GAMING_KNOWLEDGE_DIR },
    });
    expect(out).toContain('How do I log out?');
  });
});
