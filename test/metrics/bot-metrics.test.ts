import { describe, expect, it } from 'vitest';
import { createBotMetrics } from '../../src/metrics/bot-metrics.js';

/** The value of one sample in Prometheus text, e.g. `paa_questions_total{via="slash",outcome="answer"}`. */
async function sample(text: Promise<string>, name: string): Promise<number | undefined> {
  const line = (await text).split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('the bot metrics', () => {
  it('count questions by how they came and what the bot did, with their latency', async () => {
    const metrics = createBotMetrics();
    metrics.question('slash', 'answer', '111', 0.004);
    metrics.question('slash', 'answer', '111', 0.02);
    metrics.question('mention', 'decline', '111', 0.01);
    const text = () => metrics.registry.metrics();
    expect(await sample(text(), 'paa_questions_total{via="slash",outcome="answer"}')).toBe(2);
    expect(await sample(text(), 'paa_questions_total{via="mention",outcome="decline"}')).toBe(1);
    expect(await sample(text(), 'paa_answer_duration_seconds_count{via="slash"}')).toBe(2);
    expect(await sample(text(), 'paa_answer_duration_seconds_bucket{le="0.005",via="slash"}')).toBe(1);
  });

  it('keep per-server counts bounded: past the cap, servers count as "other"', async () => {
    const metrics = createBotMetrics(2);
    for (const guild of ['1', '2', '3', '4', '1', null]) metrics.question('slash', 'answer', guild, 0.001);
    const text = () => metrics.registry.metrics();
    expect(await sample(text(), 'paa_server_questions_total{server="1"}')).toBe(2);
    expect(await sample(text(), 'paa_server_questions_total{server="2"}')).toBe(1);
    expect(await sample(text(), 'paa_server_questions_total{server="other"}')).toBe(3);
    expect(await sample(text(), 'paa_server_questions_total{server="3"}')).toBeUndefined();
  });

  it('count store and handler errors apart, and read the gateway ping when asked', async () => {
    const metrics = createBotMetrics();
    metrics.storeError();
    metrics.handlerError();
    metrics.handlerError();
    const text = () => metrics.registry.metrics();
    expect(await sample(text(), 'paa_store_errors_total')).toBe(1);
    expect(await sample(text(), 'paa_handler_errors_total')).toBe(2);
    expect(await sample(text(), 'paa_gateway_ping_seconds')).toBe(-1);
    metrics.readGatewayPing(() => 42);
    expect(await sample(text(), 'paa_gateway_ping_seconds')).toBe(0.042);
  });

  it('keep each registry to itself, so two bots in one process do not mix their counts', async () => {
    const one = createBotMetrics();
    const two = createBotMetrics();
    one.question('slash', 'answer', '1', 0.001);
    expect(await sample(two.registry.metrics(), 'paa_questions_total{via="slash",outcome="answer"}')).toBeUndefined();
  });
});
