import { describe, expect, test, vi } from 'vitest';
import { planAnswer } from '../../src/discord/answering.js';
import type { BotContext } from '../../src/discord/context.js';
import { createMatcher } from '../../src/engine/index.js';
import { articleEntries } from '../fixtures/knowledge.js';

/** The little of the context planAnswer uses: a matcher for every server, a store that takes statistics. */
function context(options: Parameters<typeof createMatcher>[1] = {}) {
  const matcher = createMatcher(articleEntries(), options);
  const rank = vi.spyOn(matcher, 'rank');
  const recorded: unknown[] = [];
  const ctx = {
    knowledge: { matcherFor: () => Promise.resolve(matcher) },
    store: { recordUnanswered: (q: unknown) => Promise.resolve(void recorded.push(q)), recordAsked: () => Promise.resolve() },
    log: { warn: () => {} },
    metrics: { storeError: () => {}, handlerError: () => {} },
  } as unknown as BotContext;
  return { ctx, matcher, rank, recorded };
}

const asked = (query: string) => ({ query, guildId: '100000000000000001', channelId: '200000000000000001', userId: '300000000000000001' });

describe('planning the reply to a question', () => {
  test('lists as closest questions the entries the match itself ranked, without a second (fuzzy) ranking', async () => {
    // A knowledge base whose thresholds decline below 0.5, so that close-but-declined entries exist.
    const { ctx, matcher, rank, recorded } = context({ thresholds: { answer: 0.9, suggest: 0.5 } });
    const query = 'what is netflix';
    const plan = await planAnswer(ctx, asked(query));
    expect(plan.result.outcome).toBe('decline');
    const expected = matcher.match(query).ranked.filter((c) => c.confidence >= 0.2).slice(0, 3).map((c) => c.entry.question);
    expect(expected.length).toBeGreaterThan(0);
    expect(JSON.stringify(plan.messages[0]!.components)).toContain(JSON.stringify(expected[0]!).slice(1, 40));
    expect(rank).not.toHaveBeenCalled();
    expect(recorded).toHaveLength(1);
  });

  test('lists none when nothing the match ranked is close enough', async () => {
    const { ctx } = context();
    const plan = await planAnswer(ctx, asked('what is the best pizza topping'));
    expect(plan.result.outcome).toBe('decline');
    expect(plan.messages[0]!.content).not.toContain('closest questions');
  });

  test('a statistic the store fails to write costs the statistic, not the answer', async () => {
    const { ctx } = context();
    (ctx.store as unknown as { recordAsked: () => Promise<void> }).recordAsked = () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
    const plan = await planAnswer(ctx, asked('is netflix coded in python?'));
    expect(plan.result.outcome).toBe('answer');
  });

  test('a store that does not answer at all delays the answer a moment only', async () => {
    const { ctx } = context();
    (ctx.store as unknown as { recordUnanswered: () => Promise<void> }).recordUnanswered = () => new Promise(() => {});
    const started = Date.now();
    const plan = await planAnswer(ctx, asked('what is the best pizza topping'));
    expect(plan.result.outcome).toBe('decline');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
