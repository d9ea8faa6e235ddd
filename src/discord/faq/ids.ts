import { CUSTOM_ID_MAX } from '../limits.js';

/**
 * The custom_ids of the moderator tools: `faq:1:<action>:<args…>`, versioned so a future format can tell old
 * buttons apart. Every handler re-validates what it parses (ids, revision numbers, draft keys).
 */
export type FaqAction =
  | { action: 'add' }
  | { action: 'edit'; entryId: string; revision: number }
  | { action: 'open-edit'; entryId: string }
  | { action: 'save'; draft: string }
  | { action: 'remove'; entryId: string; revision: number }
  | { action: 'cancel' }
  | { action: 'list'; page: number }
  | { action: 'synonyms'; page: number }
  | { action: 'import'; draft: string }
  | { action: 'new-from'; draft: string }
  | { action: 'alt-from'; draft: string };

const PREFIX = 'faq:1';
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DRAFT = /^[A-Za-z0-9_-]{1,16}$/;
const NUMBER = /^\d{1,9}$/;

export function faqId(a: FaqAction): string {
  const parts: (string | number)[] = [PREFIX, a.action];
  if ('entryId' in a) parts.push(a.entryId);
  if ('revision' in a) parts.push(a.revision);
  if ('draft' in a) parts.push(a.draft);
  if ('page' in a) parts.push(a.page);
  const id = parts.join(':');
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX}: ${id}`);
  return id;
}

export function parseFaqId(customId: string): FaqAction | null {
  const [prefix, version, action, a, b, ...rest] = customId.split(':');
  if (`${prefix}:${version}` !== PREFIX || rest.length > 0) return null;
  const entry = (v: string | undefined) => (v !== undefined && ENTRY_ID.test(v) ? v : null);
  const num = (v: string | undefined) => (v !== undefined && NUMBER.test(v) ? Number(v) : null);
  const draft = (v: string | undefined) => (v !== undefined && DRAFT.test(v) ? v : null);
  switch (action) {
    case 'add':
    case 'cancel':
      return a === undefined ? { action } : null;
    case 'edit':
    case 'remove': {
      const entryId = entry(a);
      const revision = num(b);
      return entryId !== null && revision !== null ? { action, entryId, revision } : null;
    }
    case 'open-edit': {
      const entryId = entry(a);
      return entryId !== null && b === undefined ? { action, entryId } : null;
    }
    case 'save':
    case 'import':
    case 'new-from':
    case 'alt-from': {
      const key = draft(a);
      return key !== null && b === undefined ? { action, draft: key } : null;
    }
    case 'list':
    case 'synonyms': {
      const page = num(a);
      return page !== null && b === undefined ? { action, page } : null;
    }
    default:
      return null;
  }
}
