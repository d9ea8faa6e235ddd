import { z } from 'zod';
import type { Entry } from './entry.js';
import { KnowledgeError } from './errors.js';
import {
  ALTERNATES_MAX,
  ALTERNATE_MAX_CHARS,
  ANSWER_MAX_CHARS,
  FORM_TEXT_MAX_CHARS,
  ID_MAX_CHARS,
  PHRASING_INPUTS,
  QUESTION_MAX_CHARS,
  TAGS_MAX,
  TAG_MAX_CHARS,
  codePointLength,
  formTextLength,
  phrasingInputs,
} from './limits.js';

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .transform((s) => s.trim())
    .refine((s) => s !== '', { message: `${field} is empty` })
    // Measured as the edit form measures it (UTF-16 units: an emoji counts as two), so any valid entry opens in it.
    .superRefine((s, ctx) => {
      if (formTextLength(s) <= max) return;
      const emoji = codePointLength(s) < formTextLength(s) ? ' (an emoji counts as two)' : '';
      ctx.addIssue({ code: 'custom', message: `${field} is longer than ${max} characters${emoji}` });
    });

/** The schema of one entry as written in a knowledge file or typed by a moderator. */
export const entrySchema = z.object({
  id: z
    .string({ error: 'id must be text' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'id must be lowercase letters, digits and single dashes' })
    .max(ID_MAX_CHARS, { message: `id is longer than ${ID_MAX_CHARS} characters` }),
  question: text('question', QUESTION_MAX_CHARS),
  answer: text('answer', ANSWER_MAX_CHARS),
  alternates: z
    .array(text('alternate phrasing', ALTERNATE_MAX_CHARS))
    .max(ALTERNATES_MAX, { message: `more than ${ALTERNATES_MAX} alternate phrasings` })
    .refine((all) => phrasingInputs(all) !== null, {
      message: `the alternate phrasings, one per line, do not fit the edit form's ${PHRASING_INPUTS} boxes of ${FORM_TEXT_MAX_CHARS} characters`,
    })
    .default([]),
  tags: z
    .array(text('tag', TAG_MAX_CHARS).transform((t) => t.toLowerCase()))
    .max(TAGS_MAX)
    .default([]),
  source: z.string().trim().min(1).optional(),
});

/**
 * Checks a list of raw entries (parsed from a file or an import) and returns them typed and trimmed.
 * Every problem is collected, so one run names them all; `where` says what the list came from.
 */
export function validateEntries(raw: unknown, where: string): Entry[] {
  if (!Array.isArray(raw)) throw new KnowledgeError('invalid-entries', `${where}: "entries" must be a list.`);
  const problems: string[] = [];
  const entries: Entry[] = [];
  const ids = new Map<string, number>();
  raw.forEach((item, index) => {
    const label = `${where}: entry ${index + 1}${isRecord(item) && typeof item.id === 'string' ? ` (${item.id})` : ''}`;
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label}: ${describeIssue(issue)}`);
      return;
    }
    const earlier = ids.get(parsed.data.id);
    if (earlier !== undefined) problems.push(`${label}: id "${parsed.data.id}" is already used by entry ${earlier}`);
    ids.set(parsed.data.id, index + 1);
    entries.push(parsed.data);
  });
  if (problems.length > 0) throw new KnowledgeError('invalid-entries', problems.join('\n'));
  return entries;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}is missing`;
  return `${path}${issue.message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
