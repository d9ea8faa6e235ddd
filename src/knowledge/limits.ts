import { KnowledgeError } from './errors.js';

/**
 * The largest file any import takes, by every path: `npm run kb -- import`, `/faq import`, `npm run import-article`,
 * and each file of the knowledge folder. A knowledge file is text a person edits and reviews in a diff, not a data
 * dump: 1 MB is some two thousand entries with a paragraph of answer each. Larger files are refused before they are
 * parsed (an article of 5 MB would otherwise become thousands of entries nobody reviewed).
 */
export const KNOWLEDGE_FILE_MAX_BYTES = 1_000_000;

/** The refusal of a file over {@link KNOWLEDGE_FILE_MAX_BYTES}, one line naming it, or undefined when it fits. */
export function fileTooLarge(name: string, bytes: number): KnowledgeError | undefined {
  if (bytes <= KNOWLEDGE_FILE_MAX_BYTES) return undefined;
  const mb = (n: number) => `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;
  return new KnowledgeError('too-large', `${name} is larger than ${mb(KNOWLEDGE_FILE_MAX_BYTES)} (${mb(bytes)}): split it into smaller files.`);
}

/**
 * Sizes an entry may have. They come from where an entry is shown (the question is an embed title, the answer an
 * embed description) and from the edit form that holds it. Validation measures them as the form does, in UTF-16
 * units (see formTextLength), which is never less than the code points Discord counts in an embed.
 */
export const QUESTION_MAX_CHARS = 256;
/**
 * Discord's cap on one text input of a form. The edit form holds the answer in one input and the phrasings, one
 * per line, in two: whatever did not fit would be cut off and lost on save, so entries are held to what fits.
 */
export const FORM_TEXT_MAX_CHARS = 4_000;
/**
 * How many inputs of the edit form hold phrasings. A form has at most five (question, answer, these, tags), and
 * an entry that answers well is asked in many ways: several shipped ones have over a hundred.
 */
export const PHRASING_INPUTS = 2;
/** The edit form's cap (the embed description, where an answer is shown, allows 4,096). */
export const ANSWER_MAX_CHARS = FORM_TEXT_MAX_CHARS;
/** A phrasing is matched like a question, so it is held to the same size. */
export const ALTERNATE_MAX_CHARS = 256;
export const ALTERNATES_MAX = 200;
export const TAG_MAX_CHARS = 40;
export const TAGS_MAX = 20;
export const ID_MAX_CHARS = 80;

/**
 * An entry's phrasings, one per line, as the edit form's phrasing inputs hold them: filled in order, a line never
 * split. Null when they do not fit.
 */
export function phrasingInputs(alternates: readonly string[]): string[] | null {
  const inputs: string[] = [];
  let current = '';
  for (const line of alternates) {
    if (formTextLength(line) > FORM_TEXT_MAX_CHARS) return null;
    const joined = current === '' ? line : `${current}\n${line}`;
    if (formTextLength(joined) <= FORM_TEXT_MAX_CHARS) {
      current = joined;
      continue;
    }
    inputs.push(current);
    current = line;
    if (inputs.length >= PHRASING_INPUTS) return null;
  }
  if (current !== '') inputs.push(current);
  return inputs;
}

/**
 * Length as the edit form's text inputs count it: discord.js checks UTF-16 units, so an emoji counts as two. Held to
 * this, a valid entry always opens in the form.
 */
export function formTextLength(text: string): number {
  return text.length;
}

/** Length as Discord counts it: code points. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
