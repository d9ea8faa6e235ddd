import type { APIApplicationCommand } from 'discord-api-types/v10';
import { invalidFormBody, unknown as unknownError } from './http.js';
import type { SimState } from './state.js';

type Obj = Record<string, unknown>;

/** Option types that nest other options (subcommand, subcommand group). */
export const SUB_COMMAND = 1;
export const SUB_COMMAND_GROUP = 2;

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where a list of options sits: what may be in it depends on it (Discord nests at most command → group → subcommand). */
type OptionLevel = 'command' | 'group' | 'subcommand';

/** Refuses the nestings Discord refuses: a group holds only subcommands; a subcommand holds no subcommand or group. */
function validateNesting(options: unknown[], path: string, level: OptionLevel): void {
  const types = options.map((o) => (isObj(o) ? o.type : undefined));
  const nesting = types.map((type) => type === SUB_COMMAND || type === SUB_COMMAND_GROUP);
  types.forEach((type, i) => {
    const at = `${path}.${i}.type`;
    if (level === 'group' && type !== SUB_COMMAND) throw invalidFormBody(at, 'A subcommand group may only contain subcommands');
    if (level === 'subcommand' && nesting[i]) throw invalidFormBody(at, 'Subcommands and groups cannot be nested in a subcommand');
  });
  // A command with subcommands is only a menu: Discord refuses plain options beside them.
  if (level === 'command' && nesting.some(Boolean) && !nesting.every(Boolean)) {
    throw invalidFormBody(path, 'Subcommands and subcommand groups cannot be mixed with other options');
  }
}

/**
 * Enforces the registration rules Discord checks server-side, so a schema mistake fails in tests
 * rather than at deploy: names, descriptions, option counts, nesting, and required-before-optional.
 */
function validateOptions(options: unknown, path: string, level: OptionLevel = 'command'): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) throw invalidFormBody(path, 'Must be an array.');
  if (options.length > 25) throw invalidFormBody(path, 'Must be 25 or fewer in length.');
  validateNesting(options, path, level);
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((o: unknown, i) => {
    const opt = isObj(o) ? o : {};
    const at = `${path}.${i}`;
    if (typeof opt.name !== 'string' || !NAME_RE.test(opt.name) || opt.name !== opt.name.toLowerCase()) {
      throw invalidFormBody(`${at}.name`, 'Command name is invalid', 'APPLICATION_COMMAND_INVALID_NAME');
    }
    if (names.has(opt.name)) throw invalidFormBody(`${at}.name`, 'Option names must be unique', 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS');
    names.add(opt.name);
    if (typeof opt.description !== 'string' || opt.description.length < 1 || opt.description.length > 100) {
      throw invalidFormBody(`${at}.description`, 'Must be between 1 and 100 in length.', 'BASE_TYPE_BAD_LENGTH');
    }
    if (opt.type !== SUB_COMMAND && opt.type !== SUB_COMMAND_GROUP) {
      if (opt.required === true && sawOptional) {
        throw invalidFormBody(`${at}.required`, 'Required options must be placed before non-required options', 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID');
      }
      if (opt.required !== true) sawOptional = true;
    }
    if (Array.isArray(opt.choices) && opt.choices.length > 25) throw invalidFormBody(`${at}.choices`, 'Must be 25 or fewer in length.');
    if (opt.autocomplete === true && Array.isArray(opt.choices) && opt.choices.length > 0) {
      throw invalidFormBody(`${at}.autocomplete`, 'Autocomplete cannot be set with choices', 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID');
    }
    if (opt.type === SUB_COMMAND || opt.type === SUB_COMMAND_GROUP) validateOptions(opt.options, `${at}.options`, opt.type === SUB_COMMAND ? 'subcommand' : 'group');
    else if (opt.options !== undefined) throw invalidFormBody(`${at}.options`, 'Only subcommands and groups have options');
  });
}

function validateCommand(body: unknown, path: string): Obj {
  if (!isObj(body)) throw invalidFormBody(path, 'Must be an object.');
  const type = typeof body.type === 'number' ? body.type : 1;
  const name = body.name;
  const nameOk = typeof name === 'string' && (type === 1 ? NAME_RE.test(name) && name === name.toLowerCase() : name.length >= 1 && name.length <= 32);
  if (!nameOk) throw invalidFormBody(`${path}.name`, 'Command name is invalid', 'APPLICATION_COMMAND_INVALID_NAME');
  if (type === 1 && (typeof body.description !== 'string' || body.description.length < 1 || body.description.length > 100)) {
    throw invalidFormBody(`${path}.description`, 'Must be between 1 and 100 in length.', 'BASE_TYPE_BAD_LENGTH');
  }
  validateOptions(body.options, `${path}.options`);
  return body;
}

/** Registered application commands, global and per guild, like Discord stores them. */
export class CommandStore {
  private readonly global: APIApplicationCommand[] = [];
  private readonly perGuild = new Map<string, APIApplicationCommand[]>();

  constructor(
    private readonly state: SimState,
    private readonly applicationId: string,
  ) {}

  list(guildId: string | null): APIApplicationCommand[] {
    return guildId === null ? this.global : (this.perGuild.get(guildId) ?? []);
  }

  /** The command a user would see in `guildId`: guild commands shadow global ones of the same name. */
  find(name: string, type: number, guildId: string | null): APIApplicationCommand | undefined {
    const match = (c: APIApplicationCommand) => c.name === name && (c.type ?? 1) === type;
    return (guildId ? this.list(guildId).find(match) : undefined) ?? this.global.find(match);
  }

  /** PUT: replaces the whole set. Commands keep their id when name and type are unchanged. */
  bulkOverwrite(guildId: string | null, body: unknown): APIApplicationCommand[] {
    if (!Array.isArray(body)) throw invalidFormBody('_errors', 'Must be an array.');
    if (body.length > 100) throw invalidFormBody('_errors', 'Must be 100 or fewer in length.');
    const validated = body.map((c, i) => validateCommand(c, String(i)));
    const keys = new Set<string>();
    validated.forEach((c, i) => {
      const key = `${String(c.type ?? 1)}:${String(c.name)}`;
      if (keys.has(key)) throw invalidFormBody(`${i}.name`, 'Application command names must be unique', 'APPLICATION_COMMANDS_DUPLICATE_NAME');
      keys.add(key);
    });
    const previous = this.list(guildId);
    const next = validated.map((c) => this.normalize(c, guildId, previous));
    this.replace(guildId, next);
    return next;
  }

  /** POST: creates, or overwrites the command with the same name and type. */
  upsert(guildId: string | null, body: unknown): APIApplicationCommand {
    const c = validateCommand(body, '_errors');
    const list = [...this.list(guildId)];
    const command = this.normalize(c, guildId, list);
    const i = list.findIndex((x) => x.id === command.id);
    if (i >= 0) list[i] = command;
    else list.push(command);
    this.replace(guildId, list);
    return command;
  }

  edit(guildId: string | null, id: string, body: unknown): APIApplicationCommand {
    const list = [...this.list(guildId)];
    const i = list.findIndex((c) => c.id === id);
    const existing = list[i];
    if (!existing) throw unknownError.command();
    const merged = validateCommand({ ...existing, ...(isObj(body) ? body : {}) }, '_errors');
    const command = this.normalize(merged, guildId, list);
    list[i] = command;
    this.replace(guildId, list);
    return command;
  }

  delete(guildId: string | null, id: string): void {
    const list = this.list(guildId);
    if (!list.some((c) => c.id === id)) throw unknownError.command();
    this.replace(guildId, list.filter((c) => c.id !== id));
  }

  private replace(guildId: string | null, list: APIApplicationCommand[]): void {
    if (guildId === null) this.global.splice(0, this.global.length, ...list);
    else this.perGuild.set(guildId, list);
  }

  private normalize(c: Obj, guildId: string | null, previous: APIApplicationCommand[]): APIApplicationCommand {
    const type = typeof c.type === 'number' ? c.type : 1;
    const prior = previous.find((p) => p.name === c.name && (p.type ?? 1) === type);
    const command = {
      default_member_permissions: null,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...c,
      id: prior?.id ?? this.state.ids.next(),
      application_id: this.applicationId,
      version: this.state.ids.next(),
      type,
      description: typeof c.description === 'string' ? c.description : '',
      ...(guildId === null ? {} : { guild_id: guildId }),
    };
    return command as unknown as APIApplicationCommand;
  }
}
