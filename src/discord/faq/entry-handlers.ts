import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Entry } from '../../knowledge/entry.js';
import { slugify } from '../../knowledge/slug.js';
import { validateEntries } from '../../knowledge/validate.js';
import { KnowledgeError } from '../../knowledge/errors.js';
import type { Author } from '../../store/knowledge-store.js';
import type { BotContext } from '../context.js';
import { EMBED_DESCRIPTION_MAX, truncate } from '../limits.js';
import { NO_MENTIONS, textMessage } from '../reply.js';
import { UserError } from '../user-error.js';
import { faqId } from './ids.js';
import { draftOf, entryModal, readEntryModal, type EntryDraft } from './modal.js';

const ephemeral = MessageFlags.Ephemeral;

export function authorOf(interaction: { user: { id: string; username: string } }): Author {
  return { id: interaction.user.id, name: interaction.user.username };
}

async function requireEntry(ctx: BotContext, guildId: string, entryId: string) {
  const view = await ctx.knowledge.view(guildId, entryId);
  if (!view) throw new UserError('unknown-entry', `There is no entry \`${truncate(entryId, 100)}\` on this server. Pick one from the list as you type.`);
  return view;
}

// ─── Subcommands ─────────────────────────────────────────────────────────────────────────────────

export async function add(interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.showModal(entryModal({}));
}

export async function edit(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const view = await requireEntry(ctx, guildId, interaction.options.getString('entry', true));
  await interaction.showModal(entryModal(draftOf(view.entry), { entryId: view.entry.id, revision: view.revision }));
}

export async function remove(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const view = await requireEntry(ctx, guildId, interaction.options.getString('entry', true));
  await interaction.reply({
    content: `Remove **${view.entry.question}** (\`${view.entry.id}\`) from this server? It is hidden, not deleted: \`/faq restore\` brings it back.`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Remove', custom_id: faqId({ action: 'remove', entryId: view.entry.id, revision: view.revision }) },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: faqId({ action: 'cancel' }) },
        ],
      },
    ],
    allowedMentions: NO_MENTIONS,
    flags: ephemeral,
  });
}

export async function show(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const { entry, revision, shipped } = await requireEntry(ctx, guildId, interaction.options.getString('entry', true));
  const details = [
    `id \`${entry.id}\` · revision ${revision}${shipped ? (revision === 0 ? ' · shipped' : ' · shipped, edited here') : ' · added here'}`,
    entry.alternates.length > 0 ? `Also asked as: ${entry.alternates.map((a) => `“${a}”`).join(', ')}` : '',
    entry.tags.length > 0 ? `Tags: ${entry.tags.join(', ')}` : '',
  ].filter(Boolean);
  await interaction.reply({
    embeds: [{ title: truncate(entry.question, 256), description: entry.answer, footer: { text: truncate(details.join('\n'), 2_048) } }],
    allowedMentions: NO_MENTIONS,
    flags: ephemeral,
  });
}

export async function history(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const entryId = interaction.options.getString('entry', true);
  const revisions = await ctx.knowledge.history(guildId, entryId);
  if (revisions.length === 0) {
    const view = await requireEntry(ctx, guildId, entryId);
    await interaction.reply({ ...textMessage(`**${view.entry.question}** was never changed on this server (revision 0, as shipped).`), flags: ephemeral });
    return;
  }
  const lines = revisions.map((r) => {
    const when = `<t:${Math.floor(r.createdAt.getTime() / 1000)}:f>`;
    const what = r.after ? `“${truncate(r.after.question, 80)}”` : 'hidden';
    return `**#${r.revision}** ${r.action} by ${r.author.name} ${when}: ${what}`;
  });
  await interaction.reply({
    embeds: [{ title: `History of ${truncate(entryId, 200)}`, description: truncate(lines.join('\n'), EMBED_DESCRIPTION_MAX), footer: { text: 'Restore any of them with /faq restore' } }],
    allowedMentions: NO_MENTIONS,
    flags: ephemeral,
  });
}

export async function restore(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const entryId = interaction.options.getString('entry', true);
  const revision = interaction.options.getInteger('revision', true);
  const current = (await ctx.knowledge.history(guildId, entryId))[0]?.revision ?? 0;
  const restored = await ctx.knowledge.restore(guildId, entryId, revision, current, authorOf(interaction));
  const state = restored.entry ? `**${restored.entry.question}** is back as it was at revision ${revision}` : `the entry is hidden again, as at revision ${revision}`;
  await interaction.reply({ ...textMessage(`Restored: ${state} (now revision ${restored.revision}).`), flags: ephemeral });
}

// ─── Modal submissions and buttons ───────────────────────────────────────────────────────────────

/**
 * The add form was sent: refuse bad input, warn about a near-duplicate, else save. A new question that /ask would
 * already answer with an existing entry is probably the same question: say so before saving.
 */
export async function submitAdd(interaction: ModalSubmitInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const draft = readEntryModal(interaction);
  const candidate = toEntry(draft, await uniqueId(ctx, guildId, draft.question));
  const duplicate = (await ctx.knowledge.matcherFor(guildId)).match(candidate.question);
  const top = duplicate.match;
  if (duplicate.outcome === 'answer' && top) {
    const key = ctx.drafts.put(interaction.user.id, { kind: 'entry', draft });
    await interaction.reply({
      content: `This looks like an existing entry: **${top.entry.question}** (\`${top.entry.id}\`, ${Math.round(top.confidence * 100)}% alike). Edit that one instead, or save yours anyway?`,
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Edit the existing entry', custom_id: faqId({ action: 'open-edit', entryId: top.entry.id }) },
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Save anyway', custom_id: faqId({ action: 'save', draft: key }) },
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: faqId({ action: 'cancel' }) },
          ],
        },
      ],
      allowedMentions: NO_MENTIONS,
      flags: ephemeral,
    });
    return;
  }
  await saveNew(interaction, ctx, guildId, candidate);
}

export async function submitEdit(interaction: ModalSubmitInteraction, ctx: BotContext, guildId: string, entryId: string, revision: number): Promise<void> {
  const view = await requireEntry(ctx, guildId, entryId);
  const entry = toEntry(readEntryModal(interaction), entryId, view.entry.source);
  const saved = await ctx.knowledge.edit(guildId, entry, revision, authorOf(interaction));
  await interaction.reply({ ...textMessage(`Saved **${saved.entry.question}** (\`${entryId}\`, revision ${saved.revision}). /ask answers with it now.`), flags: ephemeral });
}

export async function saveDraft(interaction: ButtonInteraction, ctx: BotContext, guildId: string, key: string): Promise<void> {
  const pending = ctx.drafts.take(key, interaction.user.id);
  if (pending?.kind !== 'entry') throw new UserError('draft-expired', 'This draft has expired. Run `/faq add` again.');
  await saveNew(interaction, ctx, guildId, toEntry(pending.draft, await uniqueId(ctx, guildId, pending.draft.question)));
}

export async function openEdit(interaction: ButtonInteraction, ctx: BotContext, guildId: string, entryId: string): Promise<void> {
  const view = await requireEntry(ctx, guildId, entryId);
  await interaction.showModal(entryModal(draftOf(view.entry), { entryId, revision: view.revision }));
}

export async function confirmRemove(interaction: ButtonInteraction, ctx: BotContext, guildId: string, entryId: string, revision: number): Promise<void> {
  const { revision: now } = await ctx.knowledge.remove(guildId, entryId, revision, authorOf(interaction));
  await interaction.update({ content: `Removed \`${entryId}\` from this server (revision ${now}). \`/faq restore entry:${entryId} revision:${revision}\` brings it back.`, components: [] });
}

async function saveNew(interaction: ModalSubmitInteraction | ButtonInteraction, ctx: BotContext, guildId: string, entry: Entry): Promise<void> {
  const saved = await ctx.knowledge.add(guildId, entry, authorOf(interaction));
  const text = `Added **${saved.entry.question}** (\`${saved.entry.id}\`, revision ${saved.revision}). /ask answers with it now.`;
  if (interaction.isButton()) await interaction.update({ content: text, components: [] });
  else await interaction.reply({ ...textMessage(text), flags: ephemeral });
}

/** The typed fields as an entry, checked with the knowledge base's own rules; every problem is named. */
export function toEntry(draft: EntryDraft, id: string, source?: string): Entry {
  try {
    const [entry] = validateEntries([{ id, ...draft, ...(source ? { source } : {}) }], 'Your entry');
    return entry!;
  } catch (error) {
    if (error instanceof KnowledgeError) throw new UserError('invalid-entry', `${error.message.replace(/Your entry: entry 1 \([^)]*\): /g, '')}\nNothing was saved.`);
    throw error;
  }
}

/** A slug of the question that no entry of this server uses yet. */
async function uniqueId(ctx: BotContext, guildId: string, question: string): Promise<string> {
  const base = slugify(question).slice(0, 72);
  let id = base;
  for (let n = 2; (await ctx.knowledge.view(guildId, id)) || (await ctx.knowledge.history(guildId, id)).length > 0; n++) id = `${base}-${n}`;
  return id;
}
