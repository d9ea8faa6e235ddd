/**
 * Discord's limits, named. Lengths are in code points, as Discord counts them (an emoji is one character there,
 * two UTF-16 units in JavaScript). Values from the Discord API documentation (Message, Embed, Component and
 * Interaction resources).
 */

/** Embed title. Questions are capped at this length for that reason. */
export const EMBED_TITLE_MAX = 256;
/** Embed description: where an answer goes. */
export const EMBED_DESCRIPTION_MAX = 4_096;
export const EMBED_FOOTER_MAX = 2_048;
/** All embeds of one message together (titles, descriptions, footers…). */
export const EMBEDS_TOTAL_MAX = 6_000;
export const EMBEDS_PER_MESSAGE_MAX = 10;
/** Plain message content. */
export const MESSAGE_CONTENT_MAX = 2_000;
/** Autocomplete may offer at most 25 choices… */
export const AUTOCOMPLETE_MAX_CHOICES = 25;
/** …each with a name and a string value of at most 100 characters. */
export const CHOICE_NAME_MAX = 100;
export const CHOICE_VALUE_MAX = 100;
export const BUTTON_LABEL_MAX = 80;
export const BUTTONS_PER_ROW_MAX = 5;
export const ACTION_ROWS_MAX = 5;
export const CUSTOM_ID_MAX = 100;
/** A slash command option of type string accepts up to 6,000 characters. */
export const OPTION_STRING_MAX = 6_000;
/** An interaction must be acknowledged within 3 seconds, or Discord shows "The application did not respond". */
export const INTERACTION_ACK_MS = 3_000;

/** Cuts text to `max` code points, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
