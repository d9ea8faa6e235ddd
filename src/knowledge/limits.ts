/**
 * Sizes an entry may have. They come from where an entry is shown: the question is an embed title, the answer
 * an embed description. Discord counts code points, not UTF-16 units, so lengths here are measured the same way.
 */
export const QUESTION_MAX_CHARS = 256;
/** Embed description limit. */
export const ANSWER_MAX_CHARS = 4_096;
/** A phrasing is matched like a question, so it is held to the same size. */
export const ALTERNATE_MAX_CHARS = 256;
export const ALTERNATES_MAX = 50;
export const TAG_MAX_CHARS = 40;
export const TAGS_MAX = 20;
export const ID_MAX_CHARS = 80;

/** Length as Discord counts it: code points. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
