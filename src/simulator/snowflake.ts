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
