/**
 * A least-recently-used memo of bounded size: the words a bot is asked about repeat, but over months of
 * questions their number does not stop growing, and WordNet's look-ups must not become a slow leak.
 */
export class BoundedCache<K, V> {
  // A Map iterates in insertion order, so re-inserting on every hit keeps the least recently used first.
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  getOrCompute(key: K, compute: () => V): V {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const value = compute();
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
    return value;
  }
}
