import { invalidFormBody, DiscordError } from './http.js';

/**
 * Discord's documented message limits. The real API rejects violations with 50035, so a bot that
 * passes here will not be surprised in production by an over-long answer or embed.
 */
const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  actionRows: 5,
  rowChildren: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strLen(v: unknown): number {
  return typeof v === 'string' ? [...v].length : 0;
}

function max(path: string, v: unknown, limit: number): void {
  if (strLen(v) > limit) throw invalidFormBody(path, `Must be ${limit} or fewer in length.`, 'BASE_TYPE_MAX_LENGTH');
}

function validateEmbed(embed: unknown, path: string): number {
  if (!isObj(embed)) throw invalidFormBody(path, 'Must be an object.');
  max(`${path}.title`, embed.title, LIMITS.title);
  max(`${path}.description`, embed.description, LIMITS.description);
  let total = strLen(embed.title) + strLen(embed.description);
  const fields = Array.isArray(embed.fields) ? embed.fields : [];
  if (fields.length > LIMITS.fields) throw invalidFormBody(`${path}.fields`, `Must be ${LIMITS.fields} or fewer in length.`);
  fields.forEach((f: unknown, i) => {
    const field = isObj(f) ? f : {};
    if (!strLen(field.name) || !strLen(field.value)) {
      throw invalidFormBody(`${path}.fields.${i}`, 'Field name and value are required.', 'BASE_TYPE_REQUIRED');
    }
    max(`${path}.fields.${i}.name`, field.name, LIMITS.fieldName);
    max(`${path}.fields.${i}.value`, field.value, LIMITS.fieldValue);
    total += strLen(field.name) + strLen(field.value);
  });
  if (isObj(embed.footer)) {
    max(`${path}.footer.text`, embed.footer.text, LIMITS.footer);
    total += strLen(embed.footer.text);
  }
  if (isObj(embed.author)) {
    max(`${path}.author.name`, embed.author.name, LIMITS.author);
    total += strLen(embed.author.name);
  }
  return total;
}

function validateComponent(c: unknown, path: string): void {
  if (!isObj(c)) throw invalidFormBody(path, 'Must be an object.');
  if (typeof c.custom_id === 'string') {
    if (!c.custom_id) throw invalidFormBody(`${path}.custom_id`, 'This field is required', 'BASE_TYPE_REQUIRED');
    max(`${path}.custom_id`, c.custom_id, LIMITS.customId);
  }
  if (c.type === 2) {
    max(`${path}.label`, c.label, LIMITS.buttonLabel);
    // Link buttons (style 5) carry a url and no custom_id; every other style needs a custom_id.
    if (c.style !== 5 && c.style !== 6 && typeof c.custom_id !== 'string') {
      throw invalidFormBody(`${path}.custom_id`, 'This field is required', 'BASE_TYPE_REQUIRED');
    }
  }
  if (c.type === 3 && Array.isArray(c.options) && c.options.length > LIMITS.selectOptions) {
    throw invalidFormBody(`${path}.options`, `Must be ${LIMITS.selectOptions} or fewer in length.`);
  }
  if (c.type === 1 && Array.isArray(c.components) && c.components.length > LIMITS.rowChildren) {
    throw invalidFormBody(`${path}.components`, `Must be ${LIMITS.rowChildren} or fewer in length.`);
  }
  const children = Array.isArray(c.components) ? c.components : [];
  children.forEach((child: unknown, i) => validateComponent(child, `${path}.components.${i}`));
  if (c.component !== undefined) validateComponent(c.component, `${path}.component`);
  if (c.accessory !== undefined) validateComponent(c.accessory, `${path}.accessory`);
}

/** Validates a message create/edit body. `requireSomething` is false for edits. */
export function validateMessageBody(body: Obj, fileCount: number, requireSomething: boolean): void {
  max('content', body.content, LIMITS.content);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) throw invalidFormBody('embeds', `Must be ${LIMITS.embeds} or fewer in length.`);
  const total = embeds.reduce((sum: number, e: unknown, i) => sum + validateEmbed(e, `embeds.${i}`), 0);
  if (total > LIMITS.embedTotal) throw invalidFormBody('embeds', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  const components = Array.isArray(body.components) ? body.components : [];
  const isV2 = typeof body.flags === 'number' && (body.flags & (1 << 15)) !== 0;
  if (!isV2 && components.length > LIMITS.actionRows) {
    throw invalidFormBody('components', `Must be ${LIMITS.actionRows} or fewer in length.`);
  }
  components.forEach((c: unknown, i) => validateComponent(c, `components.${i}`));
  const hasSomething =
    strLen(body.content) > 0 ||
    embeds.length > 0 ||
    components.length > 0 ||
    fileCount > 0 ||
    (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) ||
    body.poll !== undefined;
  if (requireSomething && !hasSomething) throw new DiscordError(400, 50006, 'Cannot send an empty message');
}

/** Validates an autocomplete result (callback type 8). */
export function validateChoices(choices: unknown): void {
  if (!Array.isArray(choices)) throw invalidFormBody('data.choices', 'Must be an array.');
  if (choices.length > LIMITS.autocompleteChoices) {
    throw invalidFormBody('data.choices', `Must be ${LIMITS.autocompleteChoices} or fewer in length.`);
  }
  choices.forEach((c: unknown, i) => {
    const choice = isObj(c) ? c : {};
    if (!strLen(choice.name)) throw invalidFormBody(`data.choices.${i}.name`, 'This field is required', 'BASE_TYPE_REQUIRED');
    max(`data.choices.${i}.name`, choice.name, LIMITS.choiceName);
    if (typeof choice.value === 'string') max(`data.choices.${i}.value`, choice.value, LIMITS.choiceValue);
  });
}
