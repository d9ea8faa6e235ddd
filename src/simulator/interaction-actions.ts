import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import type { SimContext } from './context.js';
import {
  basePayload,
  buildOptions,
  compactResolved,
  emptyResolved,
  nestSubcommand,
  resolveUser,
  type InteractionWhere,
  type OptionInput,
} from './interaction-payloads.js';
import { IType, RType, type InteractionRecord, type Interactions } from './interactions.js';

type Obj = Record<string, unknown>;

export interface SlashCommandInput extends InteractionWhere {
  name: string;
  options?: Record<string, OptionInput>;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed in; its value in `options` is the partial text. */
  focused: string;
}

export interface ComponentInput {
  /** The message carrying the component (as recorded), or its id together with `channelId`. */
  message: APIMessage | string;
  channelId?: string;
  customId: string;
  userId: string;
  locale?: string;
}

export interface SelectMenuInput extends ComponentInput {
  values: string[];
}

export interface SubmitModalInput {
  customId: string;
  /** Values by text input custom_id (string) or select custom_id (string[]). */
  fields: Record<string, string | string[]>;
  /** Default to the user and channel of the interaction that opened the modal. */
  userId?: string;
  channelId?: string;
  locale?: string;
}

export interface MessageCommandInput {
  name: string;
  userId: string;
  /** The target message (as recorded or as returned by sendMessage), or its id with `channelId`. */
  message: APIMessage | string;
  channelId?: string;
  locale?: string;
}

export interface UserCommandInput extends InteractionWhere {
  name: string;
  targetUserId: string;
}

function lookupCommand(ctx: SimContext, name: string, type: number, guildId: string | null): APIApplicationCommand | undefined {
  const command = ctx.commands.find(name, type, guildId);
  if (!command && ctx.requireRegisteredCommands) {
    const known = [...ctx.commands.list(null), ...(guildId ? ctx.commands.list(guildId) : [])].map((c) => c.name);
    throw new Error(`Command "${name}" (type ${type}) is not registered for this guild; registered: ${known.join(', ') || 'none'}`);
  }
  return command;
}

function guildOfPayload(payload: Obj): string | null {
  return (payload.guild_id as string | undefined) ?? null;
}

/** The chat-input payload shared by slash commands and autocomplete. */
export function chatInput(ctx: SimContext, interactions: Interactions, input: SlashCommandInput, focused?: string): InteractionRecord {
  const payload = basePayload(ctx, focused === undefined ? IType.Command : IType.Autocomplete, input);
  const guildId = guildOfPayload(payload);
  const command = lookupCommand(ctx, input.name, 1, guildId);
  const { defs, wrap } = nestSubcommand(command, input);
  const resolved = emptyResolved();
  const options = buildOptions(ctx, resolved, defs, input.options ?? {}, { channelId: input.channelId, guildId, command: input.name }, focused);
  const data: Obj = { id: command?.id ?? ctx.state.ids.next(), name: input.name, type: 1 };
  if (command?.guild_id) data.guild_id = command.guild_id;
  const nested = wrap(options);
  if (nested.length > 0) data.options = nested;
  const r = compactResolved(resolved);
  if (r) data.resolved = r;
  payload.data = data;
  return interactions.dispatch(payload, { name: input.name, messageType: 20 });
}

function componentTarget(interactions: Interactions, input: ComponentInput | MessageCommandInput): APIMessage {
  const ref = input.message;
  const channelId = typeof ref === 'string' ? input.channelId : ref.channel_id;
  const id = typeof ref === 'string' ? ref : ref.id;
  if (!channelId) throw new Error('Pass the message object, or its id together with channelId');
  const message = interactions.findMessage(channelId, id);
  if (!message) throw new Error(`No message ${id} in channel ${channelId}`);
  return message;
}

function findComponent(components: unknown, customId: string): Obj | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const c of components as Obj[]) {
    if (c.custom_id === customId) return c;
    const nested = findComponent(c.components, customId) ?? findComponent(c.accessory ? [c.accessory] : undefined, customId);
    if (nested) return nested;
  }
  return undefined;
}

/** A button click or select on a message the bot sent (the message's current state is sent along). */
export function component(ctx: SimContext, interactions: Interactions, input: ComponentInput, componentType: number, values?: string[]): InteractionRecord {
  const message = componentTarget(interactions, input);
  const found = findComponent(message.components, input.customId);
  if (!found) throw new Error(`Message ${message.id} has no component with custom_id "${input.customId}"`);
  if (found.type !== componentType) throw new Error(`Component "${input.customId}" is type ${String(found.type)}, not ${componentType}`);
  if (found.disabled === true) throw new Error(`Component "${input.customId}" is disabled; Discord would not let the user use it`);
  const payload = basePayload(ctx, IType.Component, { channelId: message.channel_id, userId: input.userId, locale: input.locale });
  payload.message = message;
  payload.data = { custom_id: input.customId, component_type: componentType, ...(values ? { values } : {}) };
  return interactions.dispatch(payload, { name: input.customId, messageType: 0, sourceMessageId: message.id });
}

function modalSubmitComponents(shown: Obj | undefined, fields: Record<string, string | string[]>): Obj[] {
  const used = new Set<string>();
  const leaf = (c: Obj): Obj => {
    const customId = String(c.custom_id);
    used.add(customId);
    const value = fields[customId];
    if (c.type === 4) return { type: 4, ...(c.id === undefined ? {} : { id: c.id }), custom_id: customId, value: typeof value === 'string' ? value : '' };
    return { type: c.type, ...(c.id === undefined ? {} : { id: c.id }), custom_id: customId, values: Array.isArray(value) ? value : value === undefined ? [] : [value] };
  };
  let out: Obj[];
  if (shown && Array.isArray(shown.components)) {
    out = (shown.components as Obj[]).map((c) => {
      if (c.type === 1) return { type: 1, components: ((c.components ?? []) as Obj[]).map(leaf) };
      if (c.type === 18 && c.component) return { type: 18, ...(c.id === undefined ? {} : { id: c.id }), component: leaf(c.component as Obj) };
      return { type: c.type, ...(c.id === undefined ? {} : { id: c.id }) };
    });
  } else {
    out = Object.keys(fields).map((k) => ({ type: 1, components: [leaf({ type: 4, custom_id: k })] }));
  }
  const unknownField = Object.keys(fields).find((k) => !used.has(k));
  if (unknownField) throw new Error(`The modal has no input with custom_id "${unknownField}"`);
  return out;
}

/**
 * Submits a modal. The bot must have shown it (a type 9 callback with this custom_id); the payload
 * mirrors that modal's layout (action rows or labels), and carries the message if it was opened from a component.
 */
export function modalSubmit(ctx: SimContext, interactions: Interactions, input: SubmitModalInput): InteractionRecord {
  const opener = [...interactions.byId.values()]
    .reverse()
    .find((r) => r.response?.type === RType.Modal && (r.response.body as { data?: Obj }).data?.custom_id === input.customId);
  if (!opener) throw new Error(`The bot never showed a modal with custom_id "${input.customId}"`);
  const shown = (opener.response?.body as { data?: Obj } | undefined)?.data;
  const payload = basePayload(ctx, IType.ModalSubmit, {
    channelId: input.channelId ?? opener.channelId,
    userId: input.userId ?? opener.userId,
    locale: input.locale,
  });
  const source = opener.sourceMessageId ? interactions.findMessage(opener.channelId, opener.sourceMessageId) : undefined;
  if (source) payload.message = source;
  payload.data = { custom_id: input.customId, components: modalSubmitComponents(shown, input.fields) };
  return interactions.dispatch(payload, { name: input.customId, messageType: 0, ...(source ? { sourceMessageId: source.id } : {}) });
}

/** A message context-menu command (data.type 3) targeting a message. */
export function messageCommand(ctx: SimContext, interactions: Interactions, input: MessageCommandInput): InteractionRecord {
  const target = componentTarget(interactions, input);
  const payload = basePayload(ctx, IType.Command, { channelId: target.channel_id, userId: input.userId, locale: input.locale });
  const command = lookupCommand(ctx, input.name, 3, guildOfPayload(payload));
  payload.data = {
    id: command?.id ?? ctx.state.ids.next(),
    name: input.name,
    type: 3,
    target_id: target.id,
    resolved: { messages: { [target.id]: target } },
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return interactions.dispatch(payload, { name: input.name, messageType: 23 });
}

/** A user context-menu command (data.type 2) targeting a user. */
export function userCommand(ctx: SimContext, interactions: Interactions, input: UserCommandInput): InteractionRecord {
  const payload = basePayload(ctx, IType.Command, input);
  const guildId = guildOfPayload(payload);
  const command = lookupCommand(ctx, input.name, 2, guildId);
  const resolved = emptyResolved();
  resolveUser(ctx, resolved, guildId, input.targetUserId);
  payload.data = { id: command?.id ?? ctx.state.ids.next(), name: input.name, type: 2, target_id: input.targetUserId, resolved: compactResolved(resolved) };
  return interactions.dispatch(payload, { name: input.name, messageType: 23 });
}
