import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/discord/in-flight.js';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('InFlight', () => {
  it('waits for every handler running, including ones started while it waits', async () => {
    const work = new InFlight();
    const done: string[] = [];
    void work.track(after(20, 'a').then((v) => done.push(v)));
    const waiting = work.settled(1_000);
    void work.track(after(40, 'b').then((v) => done.push(v)));
    expect(await waiting).toBe(0);
    expect(done).toEqual(['a', 'b']);
    expect(work.size).toBe(0);
  });

  it('gives up after its timeout and says how many were still running', async () => {
    const work = new InFlight();
    void work.track(new Promise(() => {}));
    void work.track(after(5, 'quick'));
    expect(await work.settled(30)).toBe(1);
  });

  it('forgets a handler that failed, and leaves its error to the caller', async () => {
    const work = new InFlight();
    const failing = work.track(Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    expect(await work.settled(10)).toBe(0);
  });

  it('resolves at once when nothing runs', async () => {
    expect(await new InFlight().settled(10_000)).toBe(0);
  });
});
