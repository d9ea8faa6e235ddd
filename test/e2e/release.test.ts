import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedEvent } from '../../src/simulator/index.js';
import { startBot, type RunningBot } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const running: RunningBot[] = [];

// What `npm run build` does, so this file tests the release a fresh clone builds.
beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root });
}, 120_000);
afterAll(async () => {
  for (const bot of running) await bot.stop();
});

interface LogLine {
  level: number;
  event?: string;
  signal?: string;
  cutOff?: number;
  msg?: string;
}
const parsed = (bot: RunningBot): LogLine[] => bot.logs.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as LogLine] : []));
const exited = (bot: RunningBot) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    bot.child.exitCode !== null ? resolve({ code: bot.child.exitCode, signal: null }) : bot.child.once('exit', (code, signal) => resolve({ code, signal })),
  );

/** Every process under `pid` (npm → sh → node). */
function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Whether a bot process (node dist/index.js) is still alive with this pid. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the release build (npm run build, npm start)', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`stops cleanly on ${signal}, answering the questions it had received: exit 0 within 10 s, one "stopped" line`, async () => {
      // A slow Discord (every REST call takes 100 ms, and replies in one channel go out one after another) keeps
      // answers in flight when the signal comes.
      const bot = await startBot({ entry: 'built', sim: { restDelayMs: 100 } });
      running.push(bot);
      const botId = bot.sim.botUser.id;
      const answers: RecordedEvent[] = [];
      let signalledAt = Infinity;
      const onEvent = (event: RecordedEvent) => {
        const fromBot = event.kind === 'interactionResponse' || (event.kind === 'message' && event.message.author.id === botId);
        if (!fromBot) return;
        answers.push(event);
        if (answers.length === 1) {
          signalledAt = Date.now();
          bot.child.kill(signal);
        }
      };
      bot.sim.on('event', onEvent);
      // A burst of questions, the signal at the first answer: the rest are being handled when it arrives.
      const burst = 10;
      for (let i = 0; i < burst; i++) {
        bot.sim.slashCommand({ channelId: bot.general, userId: bot.alice, name: 'ask', options: { question: `is netflix coded in python? (${i})` } });
        bot.sim.sendMessage({ channelId: bot.general, authorId: i % 2 ? bot.alice : bot.bob, content: `<@${botId}> how does netflix ensure high availability? (${i})` });
      }
      const { code } = await exited(bot);
      bot.sim.off('event', onEvent);
      const stoppedIn = Date.now() - signalledAt;

      expect(code).toBe(0);
      expect(stoppedIn).toBeLessThan(10_000);
      const lines = parsed(bot);
      const stopped = lines.filter((l) => l.event === 'stopped');
      expect(stopped).toHaveLength(1);
      expect(stopped[0]).toMatchObject({ signal, cutOff: 0 });
      // Nothing failed on the way out: no answer was cut off by a closed store or a dropped token.
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      // Every question got its answer, most of them after the signal: the bot finished what it had received.
      expect(answers.filter((a) => a.kind === 'interactionResponse')).toHaveLength(burst);
      expect(answers.filter((a) => a.kind === 'message' && a.message.message_reference)).toHaveLength(burst);
      expect(answers.filter((a) => a.at > signalledAt).length).toBeGreaterThan(burst);
    }, 40_000);
  }

  test('under `npm start`, a SIGTERM to npm (which npm does not pass on) still stops the bot within 10 s', async () => {
    const bot = await startBot({ entry: 'npm' });
    running.push(bot);
    const children = descendants(bot.child.pid!);
    expect(children.length).toBeGreaterThan(0);
    bot.child.kill('SIGTERM');
    await exited(bot);
    const deadline = Date.now() + 10_000;
    while (children.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(children.filter(alive)).toEqual([]);
    expect(parsed(bot).filter((l) => l.event === 'stopped')).toHaveLength(1);
  }, 40_000);
});
