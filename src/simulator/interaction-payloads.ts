import type { APIApplicationCommand } from 'discord-api-types/v10';
import { SUB_COMMAND, SUB_COMMAND_GROUP } from './commands.js';
import type { SimContext } from './context.js';
import { apiAttachment, storeFile } from './messages.js';
import { apiChannel } from './payloads.js';
import type { FileInput } from './types.js';

type Obj = Record<string, unknown>;

/** A slash command option value: strings, numbers, booleans; ids for user/channel/role; a file for attachments. */
export type OptionInput = string | number | boolean | FileInput;

/** Where an interaction happens and who triggers it. guildId defaults to the channel's guild. */
export interface InteractionWhere {
  channelId: string;
  userId: string;
  guildId?: string;
  /** The invoking user's client locale (default en-US). */
  locale?: string;
}

function isFile(v: OptionInput): v is FileInput {
  return typeof v === 'object' && v !== null && 'name' in v && 'content' in v;
}

/** Option type numbers as Discord defines them (ApplicationCommandOptionType). */
const T = { String: 3, Integer: 4, Boolean: 5, User: 6, Channel: 7, Role: 8, Mentionable: 9, Number: 10, Attachment: 11 };

function inferType(v: OptionInput): number {
  if (isFile(v)) return T.Attachment;
  if (typeof v === 'boolean') return T.Boolean;
  if (typeof v === 'number') return Number.isInteger(v) ? T.Integer : T.Number;
  return T.String;
}

/** The fields every interaction carries, for a user in a channel. */
export function basePayload(ctx: SimContext, type: number, where: InteractionWhere): Obj & { id: string; token: string } {
  const { state } = ctx;
  const channel = state.requireChannel(where.channelId);
  const guildId = where.guildId ?? channel.guildId;
  if (where.guildId && channel.guildId !== where.guildId) {
    throw new Error(`Channel ${channel.id} is not in guild ${where.guildId}`);
  }
  state.requireUser(where.userId);
  const payload: Obj & { id: string; token: string } = {
    id: state.ids.next(),
    token: '',
    type,
    application_id: ctx.applicationId,
    channel: apiChannel(state, channel),
    channel_id: channel.id,
    version: 1,
    locale: where.locale ?? 'en-US',
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (guildId) {
    const guild = state.requireGuild(guildId);
    const member = state.apiMember(guildId, where.userId);
    if (!member) throw new Error(`User ${where.userId} is not a member of guild ${guild.name}`);
    payload.guild_id = guildId;
    payload.guild = { id: guildId, locale: guild.preferredLocale, features: [] };
    payload.guild_locale = guild.preferredLocale;
    payload.member = { ...member, permissions: state.permissions(guildId, where.userId).toString() };
    payload.app_permissions = state.permissions(guildId, state.botUser.id).toString();
    payload.authorizing_integration_owners = { '0': guildId };
    payload.context = 0;
  } else {
    payload.user = state.apiUser(where.userId);
    // In DMs the bot has the DM-implied permissions; Discord reports a fixed set there.
    payload.app_permissions = '1126999418470465';
    payload.authorizing_integration_owners = { '0': '0' };
    payload.context = 1;
  }
  return payload;
}

interface Resolved {
  users: Obj;
  members: Obj;
  roles: Obj;
  channels: Obj;
  attachments: Obj;
  messages: Obj;
}

export function emptyResolved(): Resolved {
  return { users: {}, members: {}, roles: {}, channels: {}, attachments: {}, messages: {} };
}

/** Drops empty maps, as Discord omits `resolved` keys (and `resolved` itself) when nothing is resolved. */
export function compactResolved(r: Resolved): Obj | undefined {
  const out = Object.fromEntries(Object.entries(r).filter(([, v]) => Object.keys(v as Obj).length > 0));
  return Object.keys(out).length > 0 ? out : undefined;
}

export function resolveUser(ctx: SimContext, r: Resolved, guildId: string | null, userId: string): void {
  r.users[userId] = ctx.state.apiUser(userId);
  const member = guildId ? ctx.state.apiMember(guildId, userId, false) : undefined;
  if (guildId && member) r.members[userId] = { ...member, permissions: ctx.state.permissions(guildId, userId).toString() };
}

function convertValue(ctx: SimContext, r: Resolved, type: number, value: OptionInput, where: { channelId: string; guildId: string | null; name: string }): unknown {
  const { state } = ctx;
  switch (type) {
    case T.Attachment: {
      if (!isFile(value)) throw new Error(`Option "${where.name}" is an attachment: pass { name, content }`);
      const file = storeFile(state, ctx.baseUrl(), where.channelId, {
        filename: value.name,
        contentType: value.contentType,
        data: typeof value.content === 'string' ? Buffer.from(value.content) : value.content,
      });
      r.attachments[file.id] = { ...apiAttachment(file), ephemeral: true };
      return file.id;
    }
    case T.User:
    case T.Mentionable: {
      const id = String(value);
      const guild = where.guildId ? state.guilds.get(where.guildId) : undefined;
      if (type === T.Mentionable && guild?.roles.has(id)) {
        r.roles[id] = state.apiRole(guild.roles.get(id)!);
      } else {
        resolveUser(ctx, r, where.guildId, id);
      }
      return id;
    }
    case T.Role: {
      const role = where.guildId ? state.guilds.get(where.guildId)?.roles.get(String(value)) : undefined;
      if (!role) throw new Error(`Option "${where.name}": unknown role ${String(value)}`);
      r.roles[role.id] = state.apiRole(role);
      return role.id;
    }
    case T.Channel: {
      const ch = state.requireChannel(String(value));
      r.channels[ch.id] = { ...apiChannel(state, ch), permissions: '0' };
      return ch.id;
    }
    case T.Integer:
    case T.Number:
      if (typeof value !== 'number') throw new Error(`Option "${where.name}" must be a number`);
      return value;
    case T.Boolean:
      if (typeof value !== 'boolean') throw new Error(`Option "${where.name}" must be a boolean`);
      return value;
    default:
      if (typeof value !== 'string') throw new Error(`Option "${where.name}" must be a string`);
      return value;
  }
}

/**
 * Turns `{ name: value }` into Discord's option list, checking it against the registered schema the
 * way the Discord client would (unknown options, missing required ones, values outside `choices`).
 */
export function buildOptions(
  ctx: SimContext,
  r: Resolved,
  defs: Obj[] | undefined,
  input: Record<string, OptionInput>,
  where: { channelId: string; guildId: string | null; command: string },
  focused?: string,
): Obj[] {
  const out: Obj[] = [];
  for (const [name, value] of Object.entries(input)) {
    const def = defs?.find((d) => d.name === name);
    if (defs && !def) {
      throw new Error(`/${where.command} has no option "${name}" (has: ${defs.map((d) => String(d.name)).join(', ') || 'none'})`);
    }
    const type = typeof def?.type === 'number' ? def.type : inferType(value);
    if (name === focused) {
      out.push({ name, type, value: String(value), focused: true });
      continue;
    }
    if (Array.isArray(def?.choices) && !(def.choices as Obj[]).some((c) => c.value === value)) {
      throw new Error(`/${where.command} option "${name}" must be one of its choices, got ${JSON.stringify(value)}`);
    }
    out.push({ name, type, value: convertValue(ctx, r, type, value, { ...where, name }) });
  }
  if (focused === undefined) {
    for (const def of defs ?? []) {
      if (def.required === true && !(String(def.name) in input)) {
        throw new Error(`/${where.command} is missing required option "${String(def.name)}"`);
      }
    }
  } else if (!(focused in input)) {
    throw new Error(`Focused option "${focused}" must be present in options`);
  }
  return out;
}

/** Wraps options into the subcommand / group nesting Discord uses. */
export function nestSubcommand(
  command: APIApplicationCommand | undefined,
  names: { subcommand?: string; subcommandGroup?: string },
): { defs: Obj[] | undefined; wrap: (options: Obj[]) => Obj[] } {
  let defs = command ? ((command.options ?? []) as unknown as Obj[]) : undefined;
  const find = (name: string, type: number) => {
    if (!defs) return undefined;
    const found = defs.find((d) => d.name === name && d.type === type);
    if (!found) throw new Error(`/${command?.name ?? '?'} has no ${type === SUB_COMMAND ? 'subcommand' : 'group'} "${name}"`);
    return (found.options ?? []) as Obj[];
  };
  const { subcommand, subcommandGroup } = names;
  if (subcommandGroup) defs = find(subcommandGroup, SUB_COMMAND_GROUP);
  if (subcommand) defs = find(subcommand, SUB_COMMAND);
  return {
    defs,
    wrap: (options) => {
      let nested = options;
      if (subcommand) nested = [{ name: subcommand, type: SUB_COMMAND, options: nested }];
      if (subcommandGroup) nested = [{ name: subcommandGroup, type: SUB_COMMAND_GROUP, options: nested }];
      return nested;
    },
  };
}
