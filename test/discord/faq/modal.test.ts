import type { ModalSubmitInteraction } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { entryModal, readEntryModal } from '../../../src/discord/faq/modal.js';
import { FORM_TEXT_MAX_CHARS } from '../../../src/knowledge/limits.js';

/** The form as Discord would send it back, each input holding what it was prefilled with. */
function submitted(modal: ReturnType<typeof entryModal>, leftOut: readonly string[] = []): ModalSubmitInteraction {
  const values = new Map<string, string>();
  for (const row of modal.toJSON().components) {
    for (const input of (row as { components: { custom_id: string; value?: string }[] }).components) values.set(input.custom_id, input.value ?? '');
  }
  for (const id of leftOut) values.delete(id);
  return {
    fields: {
      getTextInputValue: (id: string) => {
        const value = values.get(id);
        if (value === undefined) throw new Error(`no input ${id}`);
        return value;
      },
    },
  } as unknown as ModalSubmitInteraction;
}

describe('the add / edit form', () => {
  const draft = { question: 'How do refunds work?', answer: 'Open a ticket.', tags: ['billing'] };

  test('holds more phrasings than one box can, and gives every one of them back', () => {
    const alternates = Array.from({ length: 130 }, (_, i) => `How do I get refund number ${i} back to my card, please?`);
    const modal = entryModal({ ...draft, alternates });
    const lengths = modal.toJSON().components.flatMap((row) => (row as { components: { value?: string }[] }).components.map((c) => [...(c.value ?? '')].length));
    expect(Math.max(...lengths)).toBeLessThanOrEqual(FORM_TEXT_MAX_CHARS);
    expect(modal.toJSON().components).toHaveLength(5);
    expect(readEntryModal(submitted(modal))).toEqual({ ...draft, alternates });
  });

  test('reads a form with the second phrasing box empty or left out', () => {
    const modal = entryModal({ ...draft, alternates: ['Can I get my money back?'] });
    expect(readEntryModal(submitted(modal)).alternates).toEqual(['Can I get my money back?']);
    expect(readEntryModal(submitted(modal, ['alternates-2'])).alternates).toEqual(['Can I get my money back?']);
  });

  test('opens with an answer full of emoji that validation let through', () => {
    expect(() => entryModal({ ...draft, answer: '🙂'.repeat(FORM_TEXT_MAX_CHARS / 2) })).not.toThrow();
  });
});
