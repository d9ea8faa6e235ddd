import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Entry } from '../knowledge/entry.js';
import { buttonId } from './custom-ids.js';
import {
  BUTTON_LABEL_MAX,
  BUTTONS_PER_ROW_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_PER_MESSAGE_MAX,
  EMBEDS_TOTAL_MAX,
  truncate,
} from './limits.js';

/**
 * Every message the bot sends is built here: sizes kept within Discord's limits, long answers split at
 * paragraph, line or word boundaries, and mentions disabled, so an answer or a question holding `@everyone` or
 * `<@id>` pings nobody.
 */
export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** Never pings: no parsed mentions, and a reply does not ping the person replied to. */
  allowedMentions: { parse: []; repliedUser: false };
}

export const NO_MENTIONS = Object.freeze({ parse: [] as [], repliedUser: false as const });

const ANSWER_COLOR = 0x5865f2;

/**
 * The answer to a question, with its "People also ask" row and 👍 / 👎; one message or more when very long.
 * `confidence` is null when the person picked the entry themselves (a button).
 */
export function answerMessages(entry: Entry, confidence: number | null, related: readonly Entry[]): OutgoingMessage[] {
  // Buttons cannot carry a heading, so the footer names the row of related questions under it.
  const footer = truncate(
    [confidence === null ? '' : `Confidence ${Math.round(confidence * 100)}%`, entry.source ? `Source: ${entry.source}` : '', related.length > 0 ? 'People also ask ↓' : '']
      .filter(Boolean)
      .join(' · '),
    EMBED_FOOTER_MAX,
  );
  const title = truncate(entry.question, EMBED_TITLE_MAX);
  const parts = splitText(entry.answer, EMBED_DESCRIPTION_MAX);
  const embeds: APIEmbed[] = parts.map((description, i) => ({
    color: ANSWER_COLOR,
    ...(i === 0 ? { title } : {}),
    description,
    ...(i === parts.length - 1 ? { footer: { text: footer } } : {}),
  }));

  const messages = groupEmbeds(embeds).map((group): OutgoingMessage => ({ embeds: group, allowedMentions: NO_MENTIONS }));
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  if (related.length > 0) rows.push(row(related.slice(0, BUTTONS_PER_ROW_MAX).map((e) => showButton(e, ButtonStyle.Secondary))));
  rows.push(
    row([
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: buttonId({ kind: 'vote', entryId: entry.id, value: 1 }) },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: buttonId({ kind: 'vote', entryId: entry.id, value: -1 }) },
    ]),
  );
  messages[messages.length - 1]!.components = rows;
  return messages;
}

/** "Did you mean…": one button per likely entry. */
export function suggestMessage(suggestions: readonly Entry[]): OutgoingMessage {
  return {
    content: "I'm not sure which of these you mean. Did you mean:",
    components: [row(suggestions.slice(0, BUTTONS_PER_ROW_MAX).map((e) => showButton(e, ButtonStyle.Primary)))],
    allowedMentions: NO_MENTIONS,
  };
}

/** An honest "no answer", with the closest questions when there are any. */
export function declineMessage(closest: readonly Entry[]): OutgoingMessage {
  const message: OutgoingMessage = {
    content:
      closest.length > 0
        ? "I don't have an answer for that yet. The closest questions I know:"
        : "I don't have an answer for that yet. A moderator can add it to the knowledge base.",
    allowedMentions: NO_MENTIONS,
  };
  if (closest.length > 0) message.components = [row(closest.slice(0, BUTTONS_PER_ROW_MAX).map((e) => showButton(e, ButtonStyle.Secondary)))];
  return message;
}

/** A short text reply (acknowledgements, refusals, errors). */
export function textMessage(content: string): OutgoingMessage {
  return { content: truncate(content, 2_000), allowedMentions: NO_MENTIONS };
}

function showButton(entry: Entry, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, style, label: truncate(entry.question, BUTTON_LABEL_MAX), custom_id: buttonId({ kind: 'show', entryId: entry.id }) };
}

function row(components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components };
}

/** Packs embeds into messages under the per-message count and total-size limits. */
function groupEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [[]];
  let size = 0;
  for (const embed of embeds) {
    const length = [...(embed.title ?? ''), ...(embed.description ?? ''), ...(embed.footer?.text ?? '')].length;
    const current = groups[groups.length - 1]!;
    if (current.length > 0 && (size + length > EMBEDS_TOTAL_MAX || current.length >= EMBEDS_PER_MESSAGE_MAX)) {
      groups.push([embed]);
      size = length;
    } else {
      current.push(embed);
      size += length;
    }
  }
  return groups;
}

/**
 * Splits text into pieces of at most `max` code points, preferring a paragraph break, then a line break, then a
 * sentence end, then a space; only a single word longer than `max` is cut inside.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = [...text];
  while (rest.length > max) {
    const window = rest.slice(0, max + 1).join('');
    const cut = [/\n\n(?!.*\n\n)/s, /\n(?!.*\n)/s, /[.!?]\s(?!.*[.!?]\s)/s, /\s(?!.*\s)/s]
      .map((re) => re.exec(window))
      .find((m) => m !== null && m.index > max / 3);
    const at = cut ? [...window.slice(0, cut.index + cut[0].length)].length : max;
    pieces.push(rest.slice(0, at).join('').trimEnd());
    rest = [...rest.slice(at).join('').trimStart()];
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest.join('').trimEnd());
  return pieces;
}
