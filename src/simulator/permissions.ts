import { Perm, type PermissionsInput } from './types.js';

/** What a freshly invited text bot usually gets: enough to read, answer, embed, attach and react. */
export const DEFAULT_BOT_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.SendMessagesInThreads |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.UseApplicationCommands;

/** A member of a fresh server may do the same ordinary things as the bot. */
export const DEFAULT_EVERYONE_PERMISSIONS = DEFAULT_BOT_PERMISSIONS;

/** Every permission bit, which is what Discord reports for owners and administrators. */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

export function toPermissions(input: PermissionsInput | undefined, fallback: bigint): bigint {
  if (input === undefined) return fallback;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'string') return BigInt(input);
  return input.reduce((acc, bit) => acc | bit, 0n);
}

