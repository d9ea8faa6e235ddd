import { describe, expect, test } from 'vitest';
import { answerMessages, declineMessage, splitText, suggestMessage } from '../../src/discord/reply.js';
import { EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX } from '../../src/discord/limits.js';
import type { Entry } from '../../src/knowledge/entry.js';

const entry = (answer: string, question = 'How do refunds work?'): Entry => ({ id: 'refunds', question, answer, alternates: [], tags: [], source: 'Help centre' });
const codePoints = (s: string) => [...s].length;

describe('splitText', () => {
  test('leaves short text alone', () => {
    expect(splitText('Hello there.', 100)).toEqual(['Hello there.']);
  });

  test('cuts at a paragraph break first, then a line, then a sentence, then a space; never inside a word', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} is here.${i % 7 === 6 ? '\n\n' : ' '}`).join('');
    const pieces = splitText(text, 1_000);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) {
      expect(codePoints(piece)).toBeLessThanOrEqual(1_000);
      expect(piece).toMatch(/\.$/);
    }
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text.trim().replace(/\s+/g, ' '));
  });

  test('counts code points as Discord does (an emoji is one character)', () => {
    const pieces = splitText('🙂 '.repeat(3_000), 4_096);
    for (const piece of pieces) expect(codePoints(piece)).toBeLessThanOrEqual(4_096);
  });

  test('cuts a single word longer than the limit, as the only way to fit it', () => {
    expect(splitText('x'.repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });
});

describe('answerMessages', () => {
  test('puts the question in the title, confidence and source in the footer, and pings nobody', () => {
    const [message] = answerMessages(entry('Within 30 days. @everyone <@123456789012345678>'), 0.87, []);
    expect(message!.embeds![0]).toMatchObject({ title: 'How do refunds work?', footer: { text: 'Confidence 87% · Source: Help centre' } });
    expect(message!.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  test('splits an answer longer than an embed across embeds and messages, buttons on the last one only', () => {
    const long = Array.from({ length: 1_500 }, (_, i) => `Word${i} and more.`).join(' ');
    const messages = answerMessages(entry(long), 1, [entry('x', 'Related?')]);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      const size = message.embeds!.reduce((n, e) => n + codePoints(e.title ?? '') + codePoints(e.description ?? '') + codePoints(e.footer?.text ?? ''), 0);
      expect(size).toBeLessThanOrEqual(EMBEDS_TOTAL_MAX);
      for (const embed of message.embeds!) expect(codePoints(embed.description!)).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    }
    expect(messages.slice(0, -1).every((m) => m.components === undefined)).toBe(true);
    expect(messages.at(-1)!.components).toHaveLength(2);
    expect(messages.flatMap((m) => m.embeds!.map((e) => e.description)).join(' ')).toBe(long);
  });

  test('without a confidence (a picked entry) the footer shows only the source', () => {
    expect(answerMessages(entry('Yes.'), null, [])[0]!.embeds![0]!.footer!.text).toBe('Source: Help centre');
  });
});

describe('suggestions and declines', () => {
  test('offer one button per entry, labels cut to 80 characters', () => {
    const long = entry('a', `${'Very long question '.repeat(10)}?`);
    const message = suggestMessage([long]);
    const button = message.components![0]!.components[0]!;
    expect('label' in button && [...(button.label ?? '')].length).toBeLessThanOrEqual(80);
    expect(declineMessage([]).components).toBeUndefined();
    expect(declineMessage([long]).content).toContain('closest questions');
  });
});
