import { describe, expect, test } from 'vitest';
import { Turns } from '../../src/knowledge/turns.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A task that notes when it starts and ends, with a tick between, and resolves with its name. */
const logged = (log: string[]) => (name: string) => async () => {
  log.push(`${name} starts`);
  await tick();
  log.push(`${name} ends`);
  return name;
};

describe('turns (work queued by key)', () => {
  test("runs one key's tasks one at a time, in the order taken", async () => {
    const turns = new Turns();
    const log: string[] = [];
    const task = logged(log);
    const results = await Promise.all([turns.take('a', task('one')), turns.take('a', task('two'))]);
    expect(results).toEqual(['one', 'two']);
    expect(log).toEqual(['one starts', 'one ends', 'two starts', 'two ends']);
  });

  test('runs different keys side by side', async () => {
    const turns = new Turns();
    const log: string[] = [];
    const task = logged(log);
    await Promise.all([turns.take('a', task('a')), turns.take('b', task('b'))]);
    expect(log.slice(0, 2)).toEqual(['a starts', 'b starts']);
  });

  test('a failed task fails its caller only: the next one in the key still runs', async () => {
    const turns = new Turns();
    const failed = turns.take('a', () => Promise.reject(new Error('the database is down')));
    const next = turns.take('a', async () => 'ran');
    await expect(failed).rejects.toThrow('the database is down');
    await expect(next).resolves.toBe('ran');
  });
});
