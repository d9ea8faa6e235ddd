/**
 * The work the bot has taken on and not finished: interactions and messages being answered. Shutdown closes
 * the gateway first (nothing new arrives), then waits here, bounded, so a question already received is answered
 * before the store closes under it.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** How many handlers are running now. */
  get size(): number {
    return this.pending.size;
  }

  /** Runs `work` and remembers it until it settles. Its errors stay the caller's. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * Resolves once everything running now (and anything started meanwhile) has settled, or after `timeoutMs`,
   * whichever comes first. Returns how many were still running when it gave up (0: all finished).
   */
  async settled(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      while (this.pending.size > 0) {
        const outcome = await Promise.race([Promise.allSettled([...this.pending]), timedOut]);
        if (outcome === 'timeout') return this.pending.size;
      }
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
