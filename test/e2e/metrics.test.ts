import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { startBot, useBot } from './harness.js';

/** A port nothing listens on now (the bot takes it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = await freePort();
const bot = useBot({ env: { METRICS_PORT: String(port) } });
const base = `http://127.0.0.1:${port}`;

/** The value of one sample in Prometheus text (0 when the series does not exist yet). */
async function sample(name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
}

describe('the bot with METRICS_PORT set', () => {
  test('/healthz says it is connected and its store writable', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, gateway: true, store: true });
  });

  test('/metrics counts questions by outcome as they are asked, with their latency and server', async () => {
    const answered = 'paa_questions_total{via="slash",outcome="answer"}';
    const declined = 'paa_questions_total{via="slash",outcome="decline"}';
    const mentioned = 'paa_questions_total{via="mention",outcome="answer"}';
    const latency = 'paa_answer_duration_seconds_count{via="slash"}';
    const server = `paa_server_questions_total{server="${bot().guildId}"}`;
    const before = { answered: await sample(answered), declined: await sample(declined), mentioned: await sample(mentioned), latency: await sample(latency), server: await sample(server) };

    const ask = (question: string) => bot().sim.slashCommand({ channelId: bot().general, userId: bot().alice, name: 'ask', options: { question } }).response();
    await ask('is netflix coded in python?');
    await ask('is netflix coded in python?');
    await ask('what is the airspeed velocity of an unladen swallow');
    const botId = bot().sim.botUser.id;
    bot().sim.sendMessage({ channelId: bot().general, authorId: bot().bob, content: `<@${botId}> is netflix coded in python?` });
    await expect.poll(async () => await sample(mentioned)).toBe(before.mentioned + 1);

    expect(await sample(answered)).toBe(before.answered + 2);
    expect(await sample(declined)).toBe(before.declined + 1);
    expect(await sample(latency)).toBe(before.latency + 3);
    expect(await sample(server)).toBe(before.server + 4);
    expect(await sample('paa_gateway_ping_seconds')).toBeGreaterThanOrEqual(-1);
  });
});

describe('the bot with METRICS_PORT on a port another program holds', () => {
  test('exits 1 before it logs in, with one line that names the port and the variables', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      // It never comes up: the harness rejects with the exit code and everything the bot printed.
      const failure = await startBot({ env: { METRICS_PORT: String(taken) } }).then(
        async (up) => {
          await up.stop();
          throw new Error('the bot started although its METRICS_PORT was taken');
        },
        (error: Error) => error.message,
      );
      const [first, ...printed] = failure.split('\n');
      expect(first).toBe('the bot exited with 1:');
      expect(printed.filter((line) => !line.startsWith('{'))).toEqual([
        `Cannot serve /healthz and /metrics on 127.0.0.1:${taken} (METRICS_HOST, METRICS_PORT): the port is taken by another program.`,
      ]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
