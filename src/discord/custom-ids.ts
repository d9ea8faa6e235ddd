import { CUSTOM_ID_MAX } from './limits.js';

/**
 * Button state lives in the button's custom_id, as a small versioned tuple, so that any instance of the bot (after
 * a restart, on another shard) can handle a click. The handler re-validates everything it parses.
 *
 *   paa:1:show:<entryId>          post that entry's answer
 *   paa:1:vote:<entryId>:up|down  a 👍 / 👎 on that answer
 */
export type ButtonAction = { kind: 'show'; entryId: string } | { kind: 'vote'; entryId: string; value: 1 | -1 };

const PREFIX = 'paa:1';
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function buttonId(action: ButtonAction): string {
  const id =
    action.kind === 'show'
      ? `${PREFIX}:show:${action.entryId}`
      : `${PREFIX}:vote:${action.entryId}:${action.value === 1 ? 'up' : 'down'}`;
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX}: ${id}`);
  return id;
}

/** The action a custom_id stands for, or null when it is not one of ours or is malformed. */
export function parseButtonId(customId: string): ButtonAction | null {
  const parts = customId.split(':');
  if (parts.length < 4 || `${parts[0]}:${parts[1]}` !== PREFIX) return null;
  const [, , kind, entryId, extra] = parts;
  if (!entryId || !ENTRY_ID.test(entryId)) return null;
  if (kind === 'show' && parts.length === 4) return { kind, entryId };
  if (kind === 'vote' && parts.length === 5 && (extra === 'up' || extra === 'down')) {
    return { kind, entryId, value: extra === 'up' ? 1 : -1 };
  }
  return null;
}
