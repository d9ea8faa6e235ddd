import { randomBytes } from 'node:crypto';

/**
 * Things too big for a custom_id (an import's entries, a typed-in entry awaiting "save anyway"), kept in memory
 * under a short key until the moderator clicks. Lost on restart, on purpose: the click then says the preview
 * expired and nothing is applied, which is the safe outcome.
 */
export class Drafts<T> {
  private readonly items = new Map<string, { value: T; expires: number; owner: string }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  put(owner: string, value: T): string {
    this.sweep();
    const key = randomBytes(6).toString('base64url');
    this.items.set(key, { value, expires: this.now() + this.ttlMs, owner });
    return key;
  }

  /** The draft, if it exists, has not expired and belongs to this user. */
  take(key: string, owner: string): T | undefined {
    const item = this.items.get(key);
    if (!item || item.expires < this.now() || item.owner !== owner) return undefined;
    this.items.delete(key);
    return item.value;
  }

  peek(key: string, owner: string): T | undefined {
    const item = this.items.get(key);
    return item && item.expires >= this.now() && item.owner === owner ? item.value : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, item] of this.items) if (item.expires < now) this.items.delete(key);
  }
}
