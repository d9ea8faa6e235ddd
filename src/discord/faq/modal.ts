import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import type { Entry } from '../../knowledge/entry.js';
import { FORM_TEXT_MAX_CHARS, PHRASING_INPUTS, QUESTION_MAX_CHARS, phrasingInputs } from '../../knowledge/limits.js';
import { truncate } from '../limits.js';
import { faqId } from './ids.js';

/** Discord's cap on a text input's value; valid answers and phrasing lists fit (see knowledge/limits.ts). */
const TEXT_INPUT_MAX = FORM_TEXT_MAX_CHARS;
const MODAL_TITLE_MAX = 45;
/** The inputs holding an entry's phrasings, one per line, filled in order. */
const PHRASING_INPUT_IDS = Array.from({ length: PHRASING_INPUTS }, (_, i) => (i === 0 ? 'alternates' : `alternates-${i + 1}`));

/** The fields of the add / edit form, as typed. */
export interface EntryDraft {
  question: string;
  answer: string;
  alternates: string[];
  tags: string[];
}

/** The add or edit form, prefilled; `edit` carries the entry id and the revision it was opened at. */
export function entryModal(prefill: Partial<EntryDraft>, edit?: { entryId: string; revision: number }): ModalBuilder {
  const input = (id: string, label: string, style: TextInputStyle, max: number, value: string | undefined, required: boolean) => {
    const field = new TextInputBuilder().setCustomId(id).setLabel(label).setStyle(style).setMaxLength(max).setRequired(required);
    if (value) field.setValue(truncate(value, max));
    return new ActionRowBuilder<TextInputBuilder>().addComponents(field);
  };
  // Saved and drafted entries are validated to fit (validate.ts); were one not to, the first box would take what
  // it can hold and the rest would be cut, like any over-long value.
  const phrasings = prefill.alternates ? (phrasingInputs(prefill.alternates) ?? [prefill.alternates.join('\n')]) : [];
  return new ModalBuilder()
    .setCustomId(edit ? faqId({ action: 'edit', entryId: edit.entryId, revision: edit.revision }) : faqId({ action: 'add' }))
    .setTitle(truncate(edit ? `Edit FAQ entry` : 'Add a FAQ entry', MODAL_TITLE_MAX))
    .addComponents(
      input('question', 'Question', TextInputStyle.Short, QUESTION_MAX_CHARS, prefill.question, true),
      input('answer', 'Answer (Discord Markdown)', TextInputStyle.Paragraph, TEXT_INPUT_MAX, prefill.answer, true),
      ...PHRASING_INPUT_IDS.map((id, i) =>
        input(id, i === 0 ? 'Other ways to ask it (one per line)' : 'More ways to ask it', TextInputStyle.Paragraph, TEXT_INPUT_MAX, phrasings[i], false),
      ),
      input('tags', 'Tags (comma-separated)', TextInputStyle.Short, 200, prefill.tags?.join(', '), false),
    );
}

/** What the moderator typed, split into lines and tags; validation happens when it is saved. */
export function readEntryModal(interaction: ModalSubmitInteraction): EntryDraft {
  const value = (id: string) => {
    try {
      return interaction.fields.getTextInputValue(id);
    } catch {
      return '';
    }
  };
  return {
    question: value('question').trim(),
    answer: value('answer').trim(),
    alternates: PHRASING_INPUT_IDS.map(value)
      .join('\n')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    tags: value('tags')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  };
}

export function draftOf(entry: Entry): EntryDraft {
  return { question: entry.question, answer: entry.answer, alternates: entry.alternates, tags: entry.tags };
}
