/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes count milliseconds from it. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Generates strictly increasing snowflakes. discord.js sorts caches and compares ids as BigInt,
 * so ids must look real: timestamp in the high bits, a counter in the low 22.
 */
export class SnowflakeGenerator {
  private last = 0n;

  next(at: number = Date.now()): string {
    const candidate = (BigInt(at) - DISCORD_EPOCH) << 22n;
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last.toString();
  }

  /**
   * The next id of a guild that Discord routes to shard `shardId` of `shardCount`: the shard depends on the id's
   * timestamp (the bits above the low 22), so the timestamp is moved on, at most `shardCount - 1` ms, until it fits.
   * Ids stay strictly increasing; later ones continue from this one.
   */
  nextOnShard(shardId: number, shardCount: number, at: number = Date.now()): string {
    if (!(Number.isInteger(shardCount) && shardCount >= 1 && Number.isInteger(shardId) && shardId >= 0 && shardId < shardCount)) {
      throw new Error(`No shard ${shardId} of ${shardCount}: expected 0 <= shardId < shardCount`);
    }
    const count = BigInt(shardCount);
    const first = BigInt(this.next(at)) >> 22n;
    let timestamp = first;
    while (timestamp % count !== BigInt(shardId)) timestamp++;
    if (timestamp !== first) this.last = timestamp << 22n;
    return this.last.toString();
  }
}

/** The shard Discord sends a guild's events to: `(guild_id >> 22) % shard_count`. DMs go to shard 0. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The creation time (ms since the Unix epoch) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** A random interaction token: opaque to the bot, it only ever echoes it back in URLs. */
export function randomToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
