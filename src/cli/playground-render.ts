import type { APIMessage } from 'discord.js';

/**
 * How the playground shows a bot message in a terminal: embed title, text and footer in a box, buttons and select
 * menus numbered so they can be pressed with `/press <n>`, files with where they were saved.
 */
export type Pressable =
  | { kind: 'button'; label: string; customId: string }
  | { kind: 'select'; label: string; customId: string; options: { label: string; value: string }[]; min: number; max: number };

/** A file the bot attached, as the playground saved it. */
export interface SavedFile {
  /** Its number for `/save <n>`. */
  number: number;
  name: string;
  bytes: number;
  path: string;
}

export interface RenderOptions {
  ephemeral: boolean;
  /** The message's number for `/menu <n>` (messages everyone sees only). */
  number?: number;
  edited?: boolean;
  /** The number of the message it replies to. */
  replyTo?: number;
  /** The number the first component gets. */
  firstPressable: number;
  files?: SavedFile[];
}

const tty = () => process.stdout.isTTY === true;
export const bold = (s: string) => (tty() ? `\u001b[1m${s}\u001b[22m` : s);
export const dim = (s: string) => (tty() ? `\u001b[2m${s}\u001b[22m` : s);

type Component = Record<string, unknown>;

export function renderMessage(message: APIMessage, options: RenderOptions): { text: string; pressables: Pressable[] } {
  const lines: string[] = [];
  const notes = [options.edited ? 'edited' : '', options.ephemeral ? 'only you can see this' : ''].filter(Boolean);
  const number = `${options.number === undefined ? '' : ` · #${options.number}`}${options.replyTo === undefined ? '' : dim(`, replying to #${options.replyTo}`)}`;
  lines.push(`${bold(`🤖 ${message.author.username}`)}${number}${notes.length > 0 ? dim(` (${notes.join(', ')})`) : ''}`);
  if (message.content) lines.push(...markdown(message.content).split('\n').map((l) => `  ${l}`));
  for (const embed of message.embeds) {
    if (embed.title) lines.push(`  ┌ ${bold(embed.title)}`);
    for (const line of markdown(embed.description ?? '').split('\n')) lines.push(`  │ ${line}`);
    for (const field of embed.fields ?? []) lines.push(`  │ ${bold(field.name)}: ${markdown(field.value)}`);
    if (embed.footer?.text) lines.push(`  └ ${dim(embed.footer.text)}`);
  }
  for (const file of options.files ?? []) {
    lines.push(`  📎 ${file.number}. ${file.name} (${kilobytes(file.bytes)}), saved as ${file.path}`);
    lines.push(dim(`     (the playground's temporary folder goes when you quit: /save ${file.number} <path> keeps a copy)`));
  }
  const pressables: Pressable[] = [];
  for (const row of (message.components ?? []) as unknown as Component[]) {
    const cells: string[] = [];
    for (const component of Array.isArray(row.components) ? (row.components as Component[]) : []) {
      const cell = renderComponent(component, options.firstPressable + pressables.length);
      if (!cell) continue;
      if (cell.pressable) pressables.push(cell.pressable);
      cells.push(cell.text);
    }
    if (cells.length > 0) lines.push(`  ${cells.join('   ')}`);
  }
  return { text: lines.join('\n'), pressables };
}

function renderComponent(component: Component, number: number): { text: string; pressable?: Pressable } | undefined {
  const label = String(component.label ?? (component.emoji as { name?: string } | undefined)?.name ?? component.custom_id ?? '');
  if (component.type === 2) {
    if (typeof component.url === 'string') return { text: `${label} <${component.url}>` };
    if (typeof component.custom_id !== 'string') return undefined;
    if (component.disabled === true) return { text: dim(`[-] ${label}`) };
    return { text: `[${number}] ${label}`, pressable: { kind: 'button', label, customId: component.custom_id } };
  }
  if (component.type === 3 && typeof component.custom_id === 'string') {
    const options = ((component.options ?? []) as { label: string; value: string }[]).map((o) => ({ label: o.label, value: o.value }));
    const placeholder = String(component.placeholder ?? 'Choose');
    const text = `[${number}] ▾ ${placeholder}: ${options.map((o, i) => `${i + 1}) ${o.label}`).join(', ')}`;
    if (component.disabled === true) return { text: dim(text.replace(`[${number}]`, '[-]')) };
    const min = typeof component.min_values === 'number' ? component.min_values : 1;
    const max = typeof component.max_values === 'number' ? component.max_values : 1;
    return { text, pressable: { kind: 'select', label: placeholder, customId: component.custom_id, options, min, max } };
  }
  return undefined;
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} kB`;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Discord Markdown, made readable in a terminal: bold kept as bold, list markers as they are, and a timestamp
 * (`<t:1700000000:f>`, which Discord shows in the reader's own time zone) as a date in the terminal's.
 */
function markdown(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, (_, inner: string) => bold(inner))
    .replace(/<t:(-?\d+)(?::[tTdDfFR])?>/g, (_, seconds: string) => when.format(new Date(Number(seconds) * 1000)));
}
