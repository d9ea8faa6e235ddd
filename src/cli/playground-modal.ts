import { bold, dim } from './playground-render.js';

/**
 * Filling a Discord form (a modal) from the terminal: one prompt per field, checked as Discord's client checks it
 * (required fields, min_length / max_length) before anything is sent.
 */

/** Where typed lines come from: the terminal, or a pipe. `undefined` once the input has ended. */
export interface LineSource {
  next(prompt: string): Promise<string | undefined>;
}

type Component = Record<string, unknown>;

export type ModalField =
  | { kind: 'text'; customId: string; label: string; paragraph: boolean; required: boolean; min?: number; max?: number; value?: string }
  | { kind: 'select'; customId: string; label: string; required: boolean; options: { label: string; value: string }[]; min: number; max: number };

/** The fields of a modal as the bot sent it (action rows of text inputs, or labels around inputs and selects). */
export function modalFields(modal: Component): ModalField[] {
  const fields: ModalField[] = [];
  const leaf = (c: Component, label?: string) => {
    const customId = String(c.custom_id);
    const name = label ?? String(c.label ?? customId);
    if (c.type === 4) {
      fields.push({
        kind: 'text',
        customId,
        label: name,
        paragraph: c.style === 2,
        required: c.required !== false,
        ...(typeof c.min_length === 'number' ? { min: c.min_length } : {}),
        ...(typeof c.max_length === 'number' ? { max: c.max_length } : {}),
        ...(typeof c.value === 'string' && c.value !== '' ? { value: c.value } : {}),
      });
    } else if (c.type === 3) {
      const min = typeof c.min_values === 'number' ? c.min_values : 1;
      fields.push({
        kind: 'select',
        customId,
        label: name,
        required: c.required !== false && min > 0,
        options: ((c.options ?? []) as { label: string; value: string }[]).map((o) => ({ label: o.label, value: o.value })),
        min,
        max: typeof c.max_values === 'number' ? c.max_values : 1,
      });
    }
  };
  for (const c of (modal.components ?? []) as Component[]) {
    if (c.type === 1) for (const inner of (c.components ?? []) as Component[]) leaf(inner);
    else if (c.type === 18 && c.component) leaf(c.component as Component, typeof c.label === 'string' ? c.label : undefined);
  }
  return fields;
}

const length = (text: string) => [...text].length;

/** A prefilled value, shown on one line: newlines as \n, long values cut. */
function preview(value: string): string {
  const oneLine = value.replace(/\n/g, '\\n');
  return length(oneLine) > 60 ? `${[...oneLine].slice(0, 59).join('')}…` : oneLine;
}

/** What Discord's client would say about a value, or undefined when it would send it. */
export function checkField(field: ModalField & { kind: 'text' }, value: string): string | undefined {
  if (field.required && value.trim() === '') return 'this field is required';
  if (field.max !== undefined && length(value) > field.max) return `at most ${field.max.toLocaleString('en-US')} characters, and this is ${length(value).toLocaleString('en-US')}`;
  if (field.min !== undefined && value !== '' && length(value) < field.min) return `at least ${field.min} characters`;
  return undefined;
}

/**
 * Prompts for each field of the modal. Enter keeps the value shown in [brackets] (the bot's prefill), "-" empties
 * it, `\n` starts a new line in a paragraph, /cancel closes the form without sending it.
 */
export async function fillModal(
  modal: Component,
  input: LineSource,
  write: (text: string) => void,
): Promise<{ fields: Record<string, string | string[]> } | 'cancelled' | 'ended'> {
  const fields = modalFields(modal);
  write(`\n  ┌ ${bold(String(modal.title ?? 'Form'))} ${dim('(a form)')}`);
  write(dim('  │ One line per field. Enter keeps the value in [brackets], "-" empties it, \\n starts a new line; /cancel closes the form.'));
  const values: Record<string, string | string[]> = {};
  for (const field of fields) {
    for (;;) {
      const mark = field.required ? '*' : '';
      if (field.kind === 'select') {
        const list = field.options.map((o, i) => `${i + 1}) ${o.label}`).join(', ');
        const line = await input.next(`  │ ${field.label}${mark} (${list}; numbers, comma-separated): `);
        if (line === undefined) return 'ended';
        if (line.trim() === '/cancel') return 'cancelled';
        const picked = line.split(',').map((s) => s.trim()).filter(Boolean).map((s) => field.options[Number(s) - 1]);
        if (picked.some((p) => p === undefined)) write(`  │ ✗ pick by number, 1 to ${field.options.length}`);
        else if (picked.length < (field.required ? Math.max(field.min, 1) : field.min) || picked.length > field.max) write(`  │ ✗ pick ${field.min === field.max ? field.min : `${field.min} to ${field.max}`}`);
        else {
          values[field.customId] = picked.map((p) => p!.value);
          break;
        }
        continue;
      }
      const limit = field.max === undefined ? '' : dim(` ≤ ${field.max.toLocaleString('en-US')}`);
      const shown = field.value === undefined ? '' : ` [${preview(field.value)}]`;
      const line = await input.next(`  │ ${field.label}${mark}${limit}${shown}: `);
      if (line === undefined) return 'ended';
      if (line.trim() === '/cancel') return 'cancelled';
      const value = line === '' ? (field.value ?? '') : line.trim() === '-' ? '' : field.paragraph ? line.replace(/\\n/g, '\n') : line;
      const problem = checkField(field, value);
      if (problem) {
        write(`  │ ✗ ${problem}; Discord would not send the form. Type it again.`);
        continue;
      }
      values[field.customId] = value;
      break;
    }
  }
  write('  └ sent');
  return { fields: values };
}
