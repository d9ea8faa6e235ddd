import { z } from 'zod';
import type { SynonymGroups } from '../engine/index.js';
import { KnowledgeError } from './errors.js';

export type { SynonymGroups } from '../engine/index.js';

/**
 * A knowledge base's own vocabulary: groups of words or phrases that mean the same thing in it ("pw" and
 * "password"), each read as the group's first member. Written in a knowledge file's `synonyms:` block, edited per
 * server with `/faq synonyms` and `npm run kb -- synonyms`. This module checks groups and edits lists of them;
 * the matcher (src/engine) decides what a group does to matching.
 */

/** A member is a word or a short phrase, never a sentence. */
export const SYNONYM_MEMBER_MAX_CHARS = 60;
/** A group of one says nothing. */
export const SYNONYM_GROUP_MIN = 2;
/**
 * Enough for a word's inflections and the ways people say it: the shipped article's availability group, moved
 * out of the engine's source, has 34 members ("uptime", "outage", "stays up", "24/7"…).
 */
export const SYNONYM_GROUP_MAX = 50;
export const SYNONYM_GROUPS_MAX = 500;

/** What a member may hold besides letters, digits and spaces: the punctuation of names like "node.js", "c#", "24/7". */
const MEMBER_CHARS = /^[\p{L}\p{M}\p{N} .\-'/+#]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A member as the matcher reads text: compatibility-normalised, lowercase, curly apostrophes straight, single
 * spaces. So "Open  Source" and "open source" are one member.
 */
export function normalizeMember(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ').trim();
}

const memberSchema = z
  .string({ error: 'must be text (put numbers in quotes)' })
  .transform(normalizeMember)
  .superRefine((member, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (member === '') return issue('is empty');
    const shown = `"${[...member].slice(0, 40).join('')}${[...member].length > 40 ? '…' : ''}"`;
    if ([...member].length > SYNONYM_MEMBER_MAX_CHARS) return issue(`${shown} is longer than ${SYNONYM_MEMBER_MAX_CHARS} characters`);
    if (!MEMBER_CHARS.test(member)) return issue(`${shown} may hold only letters, digits, spaces and . - ' / + #`);
    if (!HAS_LETTER_OR_DIGIT.test(member)) return issue(`${shown} has no letter or digit`);
  });

/** A group's name in messages: its number in the list and its first member, as a person would find it. */
export function groupLabel(index: number, group: readonly unknown[]): string {
  const first = typeof group[0] === 'string' ? normalizeMember(group[0]) : '';
  return `synonym group ${index + 1}${first === '' ? '' : ` (${[...first].slice(0, 40).join('')})`}`;
}

/**
 * Checks a raw list of groups (a file's `synonyms:` block, an import, a store write) and returns it normalised.
 * Every problem is collected, so one run names them all; `where` says what the list came from. A member may be
 * in one group only: the error names the member and both groups.
 *
 * @throws {KnowledgeError} `invalid-synonyms` listing every problem.
 */
export function validateSynonyms(raw: unknown, where: string): string[][] {
  if (!Array.isArray(raw)) throw new KnowledgeError('invalid-synonyms', `${where}: "synonyms" must be a list of groups, each a list like [password, pw].`);
  if (raw.length > SYNONYM_GROUPS_MAX) {
    throw new KnowledgeError('invalid-synonyms', `${where}: more than ${SYNONYM_GROUPS_MAX} synonym groups (${raw.length}).`);
  }
  const problems: string[] = [];
  const groups: string[][] = [];
  const owner = new Map<string, string>();
  raw.forEach((item: unknown, index) => {
    const label = `${where}: ${groupLabel(index, Array.isArray(item) ? item : [])}`;
    if (!Array.isArray(item)) return problems.push(`${label}: must be a list of words, like [password, pw]`);
    if (item.length === 0) return problems.push(`${label}: is empty`);
    if (item.length < SYNONYM_GROUP_MIN) return problems.push(`${label}: has one member; a group needs at least ${SYNONYM_GROUP_MIN}`);
    if (item.length > SYNONYM_GROUP_MAX) return problems.push(`${label}: has ${item.length} members; at most ${SYNONYM_GROUP_MAX}`);
    const group: string[] = [];
    item.forEach((rawMember: unknown, m) => {
      const parsed = memberSchema.safeParse(rawMember);
      if (!parsed.success) return problems.push(`${label}: member ${m + 1} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
      const member = parsed.data;
      if (group.includes(member)) return problems.push(`${label}: "${member}" is listed twice`);
      const other = owner.get(member);
      if (other !== undefined) return problems.push(`${label}: "${member}" is also in ${other}; a word belongs to one group`);
      owner.set(member, groupLabel(index, item));
      group.push(member);
    });
    groups.push(group);
  });
  if (problems.length > 0) throw new KnowledgeError('invalid-synonyms', problems.join('\n'));
  return groups;
}

/** Whether two vocabularies are the same groups, in the same order, each member in the same place. */
export function sameSynonyms(a: SynonymGroups, b: SynonymGroups): boolean {
  return a.length === b.length && a.every((group, i) => group.length === b[i]!.length && group.every((m, j) => m === b[i]![j]));
}

// ─── Editing a vocabulary (Discord and the CLI share these) ──────────────────────────────────────

/**
 * Words typed as one line, "pw, password": split at commas, each normalised; empty pieces (a trailing comma) are
 * dropped. Validation is left to {@link withGroupAdded}, which names what is wrong.
 */
export function parseWordList(text: string): string[] {
  return text
    .split(',')
    .map(normalizeMember)
    .filter((w) => w !== '');
}

/**
 * The vocabulary with one more group, checked whole. A word already in another group is refused, naming that
 * group: a word can be read as only one thing.
 *
 * @throws {KnowledgeError} `invalid-synonyms` (the new group is malformed) or `synonym-taken`.
 */
export function withGroupAdded(groups: SynonymGroups, words: readonly string[]): string[][] {
  const [group] = validateGroupTyped(words);
  for (const member of group!) {
    const index = groups.findIndex((g) => g.includes(member));
    if (index >= 0) {
      throw new KnowledgeError(
        'synonym-taken',
        `"${member}" is already in group ${index + 1} (${describeGroup(groups[index]!)}). Remove it there first: a word belongs to one group. Nothing was changed.`,
      );
    }
  }
  return validateSynonyms([...groups, group!], 'The vocabulary');
}

/**
 * The vocabulary without `word`: it leaves its group, and a group left with a single member goes too (a group
 * of one means nothing). Removing a group's first member makes the next one what the rest are read as.
 *
 * @returns the new list, the group as it was and what is left of it (`null` when the whole group went).
 * @throws {KnowledgeError} `unknown-synonym` when no group holds the word.
 */
export function withWordRemoved(groups: SynonymGroups, word: string): { groups: string[][]; before: readonly string[]; after: string[] | null } {
  const member = normalizeMember(word);
  const index = groups.findIndex((g) => g.includes(member));
  if (member === '' || index < 0) {
    throw new KnowledgeError('unknown-synonym', `No synonym group holds "${[...member].slice(0, 60).join('')}". Nothing was changed.`);
  }
  const before = groups[index]!;
  const rest = before.filter((m) => m !== member);
  const after = rest.length >= SYNONYM_GROUP_MIN ? rest : null;
  const next = groups.flatMap((g, i) => (i !== index ? [[...g]] : after ? [after] : []));
  return { groups: next, before, after };
}

/** A group as a person reads it: "password ← pw, pwd" (the others are read as the first). */
export function describeGroup(group: readonly string[]): string {
  const [first, ...others] = group;
  return `${first ?? ''} ← ${others.join(', ')}`;
}

/** A new group typed by a person: the same checks as a file's, with messages that do not speak of files. */
function validateGroupTyped(words: readonly string[]): string[][] {
  if (words.length < SYNONYM_GROUP_MIN) {
    throw new KnowledgeError('invalid-synonyms', 'Type at least two words or phrases, separated by commas, like "password, pw". Nothing was changed.');
  }
  try {
    return validateSynonyms([words], 'The new group');
  } catch (error) {
    if (error instanceof KnowledgeError) throw new KnowledgeError(error.code, `${error.message.replace(/^The new group: synonym group 1(?: \([^)]*\))?: /gm, '')}. Nothing was changed.`);
    throw error;
  }
}

/** What changes between two vocabularies, group by group: a group that gained a member is removed and added. */
export function diffSynonyms(before: SynonymGroups, after: SynonymGroups): { added: readonly string[][]; removed: readonly string[][] } {
  const key = (g: readonly string[]) => g.join('\n');
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return {
    added: after.filter((g) => !had.has(key(g))).map((g) => [...g]),
    removed: before.filter((g) => !has.has(key(g))).map((g) => [...g]),
  };
}
