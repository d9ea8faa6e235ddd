import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/log.js';
import { stopOnSignal, watchParent } from '../src/shutdown.js';

const quiet = createLogger('silent');

describe('stopOnSignal', () => {
  it('closes once on the first signal and exits 0 when the close is done', async () => {
    const exit = vi.fn();
    const close = vi.fn(() => Promise.resolve(0));
    stopOnSignal({ close, log: quiet, exit })('SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('exits at once with 1 on a second signal, while the first is still closing', () => {
    const exit = vi.fn();
    const close = vi.fn(() => new Promise<number>(() => {}));
    const stop = stopOnSignal({ close, log: quiet, exit });
    stop('SIGTERM');
    expect(exit).not.toHaveBeenCalled();
    stop('SIGINT');
    expect(exit).toHaveBeenCalledWith(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('exits with 1 when closing overruns its deadline or fails', async () => {
    const overran = vi.fn();
    stopOnSignal({ close: () => new Promise<number>(() => {}), log: quiet, exit: overran, deadlineMs: 20 })('SIGTERM');
    await vi.waitFor(() => expect(overran).toHaveBeenCalledWith(1));
    const failed = vi.fn();
    stopOnSignal({ close: () => Promise.reject(new Error('disk gone')), log: quiet, exit: failed })('SIGTERM');
    await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(1));
  });
});

describe('watchParent', () => {
  it('calls back once when the parent process id changes (the parent died), not before', async () => {
    let parent = 100;
    const orphaned = vi.fn();
    watchParent(orphaned, 5, () => parent);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(orphaned).not.toHaveBeenCalled();
    parent = 1;
    await vi.waitFor(() => expect(orphaned).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(orphaned).toHaveBeenCalledTimes(1);
  });
});
