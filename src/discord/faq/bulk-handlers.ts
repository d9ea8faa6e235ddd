import {
  AttachmentBuilder,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { parseImportFile } from '../../knowledge/import-file.js';
import { formatKnowledgeFile } from '../../knowledge/files.js';
import { KNOWLEDGE_FILE_MAX_BYTES } from '../../knowledge/limits.js';
import { KnowledgeError } from '../../knowledge/errors.js';
import { describeGroup, diffSynonyms } from '../../knowledge/synonyms.js';
import type { ImportPreview } from '../../knowledge/editable-knowledge.js';
import type { BotContext } from '../context.js';
import { BUTTON_LABEL_MAX, EMBED_DESCRIPTION_MAX, truncate } from '../limits.js';
import { NO_MENTIONS, textMessage } from '../reply.js';
import { UserError } from '../user-error.js';
import { authorOf, toEntry } from './entry-handlers.js';
import { faqId } from './ids.js';
import { entryModal } from './modal.js';

export const LIST_PAGE_SIZE = 10;
/** Rows of "create / add as phrasing" buttons under the unanswered report (Discord allows 5 rows). */
const UNANSWERED_WITH_BUTTONS = 5;
const ephemeral = MessageFlags.Ephemeral;

const button = (label: string, custom_id: string, style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success = ButtonStyle.Secondary): APIButtonComponent => ({
  type: ComponentType.Button,
  style,
  label: truncate(label, BUTTON_LABEL_MAX),
  custom_id,
});
const row = (...components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> => ({ type: ComponentType.ActionRow, components });

// ─── list ────────────────────────────────────────────────────────────────────────────────────────

async function listPage(ctx: BotContext, guildId: string, page: number) {
  const views = await ctx.knowledge.list(guildId);
  const pages = Math.max(1, Math.ceil(views.length / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const lines = views
    .slice((current - 1) * LIST_PAGE_SIZE, current * LIST_PAGE_SIZE)
    .map((v) => `\`${v.entry.id}\` · ${truncate(v.entry.question, 150)}${v.revision > 0 ? ` · rev ${v.revision}` : ''}`);
  return {
    embeds: [{ title: `FAQ entries (${views.length})`, description: lines.join('\n') || 'No entries.', footer: { text: `Page ${current} of ${pages}` } }],
    components: [
      row(
        { ...button('Previous', faqId({ action: 'list', page: current - 1 })), disabled: current <= 1 },
        { ...button('Next', faqId({ action: 'list', page: current + 1 })), disabled: current >= pages },
      ),
    ],
    allowedMentions: NO_MENTIONS,
  };
}

export async function list(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  await interaction.reply({ ...(await listPage(ctx, guildId, interaction.options.getInteger('page') ?? 1)), flags: ephemeral });
}

export async function turnPage(interaction: ButtonInteraction, ctx: BotContext, guildId: string, page: number): Promise<void> {
  await interaction.update(await listPage(ctx, guildId, page));
}

// ─── import / export ─────────────────────────────────────────────────────────────────────────────

export async function importFile(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const file = interaction.options.getAttachment('file', true);
  if (file.size > KNOWLEDGE_FILE_MAX_BYTES) throw new UserError('too-large', `${file.name} is larger than ${KNOWLEDGE_FILE_MAX_BYTES / 1_000_000} MB. Nothing was imported.`);
  await interaction.deferReply({ flags: ephemeral });
  const response = await fetch(file.url);
  if (!response.ok) throw new UserError('download-failed', `Could not download ${file.name} (HTTP ${response.status}). Nothing was imported.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let parsed;
  try {
    parsed = parseImportFile(file.name, bytes);
  } catch (error) {
    if (error instanceof KnowledgeError) throw new UserError(error.code, `${error.message}\nNothing was imported.`);
    throw error;
  }
  const { entries, synonyms } = parsed;
  const preview = await ctx.knowledge.previewImport(guildId, entries, synonyms);
  // The vocabulary is one document: replacing it counts as one change.
  const changes = preview.added.length + preview.changed.length + (preview.synonyms ? 1 : 0);
  if (changes === 0) {
    const vocabulary = synonyms === undefined ? '' : ' and its synonyms are the same';
    await interaction.editReply(textMessage(`${file.name}: all ${entries.length} entries are already on this server, unchanged${vocabulary}. Nothing to import.`));
    return;
  }
  const key = ctx.drafts.put(interaction.user.id, { kind: 'import', entries, ...(synonyms ? { synonyms } : {}), fileName: file.name });
  await interaction.editReply({
    embeds: [{ title: `Import preview: ${truncate(file.name, 200)}`, description: truncate(previewText(preview), EMBED_DESCRIPTION_MAX), footer: { text: 'Nothing is written until you apply. All or nothing.' } }],
    components: [row(button(`Apply ${changes} changes`, faqId({ action: 'import', draft: key }), ButtonStyle.Success), button('Cancel', faqId({ action: 'cancel' })))],
    allowedMentions: NO_MENTIONS,
  });
}

function previewText(preview: ImportPreview): string {
  const bullet = (text: string) => `- ${truncate(text, 120)}`;
  const vocabulary = preview.synonyms && diffSynonyms(preview.synonyms.before, preview.synonyms.after);
  const groups = (list: readonly string[][]) => list.slice(0, 10).map((g) => bullet(describeGroup(g))).join('\n') + (list.length > 10 ? `\n- …and ${list.length - 10} more` : '');
  return [
    // The vocabulary comes first: its few lines would otherwise be cut off under a long list of entries.
    vocabulary
      ? [
          `**Synonyms replaced** (${preview.synonyms!.before.length} groups → ${preview.synonyms!.after.length})`,
          vocabulary.added.length > 0 ? `Added (${vocabulary.added.length}):\n${groups(vocabulary.added)}` : '',
          vocabulary.removed.length > 0 ? `Removed (${vocabulary.removed.length}):\n${groups(vocabulary.removed)}` : '',
          vocabulary.added.length + vocabulary.removed.length === 0 ? 'Same groups, in another order.' : '',
        ]
          .filter(Boolean)
          .join('\n')
      : '',
    preview.added.length > 0 ? `**New (${preview.added.length})**\n${preview.added.map((e) => bullet(`\`${e.id}\` ${e.question}`)).join('\n')}` : '',
    preview.changed.length > 0 ? `**Changed (${preview.changed.length})**\n${preview.changed.map((c) => bullet(`\`${c.after.id}\` ${c.after.question}`)).join('\n')}` : '',
    preview.unchanged.length > 0 ? `Unchanged: ${preview.unchanged.length}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export async function applyImport(interaction: ButtonInteraction, ctx: BotContext, guildId: string, key: string): Promise<void> {
  const pending = ctx.drafts.take(key, interaction.user.id);
  if (pending?.kind !== 'import') throw new UserError('draft-expired', 'This import preview has expired. Run `/faq import` again.');
  const saved = await ctx.knowledge.applyImport(guildId, pending.entries, authorOf(interaction), pending.synonyms);
  const vocabulary = pending.synonyms ? ` and the synonyms (${(await ctx.knowledge.synonyms(guildId)).groups.length} groups)` : '';
  await interaction.update({ content: `Imported ${saved.length} entries${vocabulary} from ${pending.fileName}.`, embeds: [], components: [] });
}

export async function exportFile(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const entries = (await ctx.knowledge.list(guildId)).map((v) => v.entry);
  const { groups } = await ctx.knowledge.synonyms(guildId);
  const file = new AttachmentBuilder(Buffer.from(formatKnowledgeFile(entries, groups)), { name: `faq-${guildId}.yaml` });
  const text = `${entries.length} entries and ${groups.length} synonym groups, in the knowledge/ format: \`/faq import\` takes this file back.`;
  await interaction.reply({ ...textMessage(text), files: [file], flags: ephemeral });
}

// ─── reports ─────────────────────────────────────────────────────────────────────────────────────

export async function unanswered(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const matcher = await ctx.knowledge.matcherFor(guildId);
  // A declined question the knowledge base answers now (someone added it) is done; a 👎 stays until reviewed.
  const questions = (await ctx.store.unanswered(guildId, 50))
    .filter((q) => q.downvoted || matcher.match(q.query).outcome !== 'answer')
    .slice(0, 10);
  if (questions.length === 0) {
    await interaction.reply({ ...textMessage('No unanswered questions right now.'), flags: ephemeral });
    return;
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  const lines = questions.map((q, i) => {
    const line = `**${i + 1}.** ${truncate(q.query, 150)} — asked ${q.count}×`;
    if (i >= UNANSWERED_WITH_BUTTONS) return line;
    const closest = matcher.rank(q.query, 1)[0]?.entry;
    const create = ctx.drafts.put(interaction.user.id, { kind: 'question', query: q.query });
    const buttons = [button(`${i + 1}. New entry`, faqId({ action: 'new-from', draft: create }), ButtonStyle.Primary)];
    if (closest) {
      const alt = ctx.drafts.put(interaction.user.id, { kind: 'question', query: q.query, entryId: closest.id });
      buttons.push(button(`${i + 1}. Add as phrasing of: ${closest.question}`, faqId({ action: 'alt-from', draft: alt })));
    }
    rows.push(row(...buttons));
    return line;
  });
  await interaction.reply({
    embeds: [{ title: 'Unanswered questions', description: truncate(lines.join('\n'), EMBED_DESCRIPTION_MAX), footer: { text: 'Declined, suggestions only, or voted 👎; most frequent first' } }],
    components: rows,
    allowedMentions: NO_MENTIONS,
    flags: ephemeral,
  });
}

export async function newFromQuestion(interaction: ButtonInteraction, ctx: BotContext, key: string): Promise<void> {
  const pending = ctx.drafts.peek(key, interaction.user.id);
  if (pending?.kind !== 'question') throw new UserError('draft-expired', 'This report has expired. Run `/faq unanswered` again.');
  await interaction.showModal(entryModal({ question: truncate(pending.query, 256) }));
}

export async function addAsPhrasing(interaction: ButtonInteraction, ctx: BotContext, guildId: string, key: string): Promise<void> {
  const pending = ctx.drafts.take(key, interaction.user.id);
  if (pending?.kind !== 'question' || !pending.entryId) throw new UserError('draft-expired', 'This report has expired. Run `/faq unanswered` again.');
  const view = await ctx.knowledge.view(guildId, pending.entryId);
  if (!view) throw new UserError('unknown-entry', `\`${pending.entryId}\` is no longer on this server.`);
  const entry = toEntry({ ...view.entry, alternates: [...view.entry.alternates, pending.query] }, view.entry.id, view.entry.source);
  const saved = await ctx.knowledge.edit(guildId, entry, view.revision, authorOf(interaction));
  await interaction.reply({ ...textMessage(`Added “${truncate(pending.query, 200)}” as a phrasing of **${view.entry.question}** (revision ${saved.revision}).`), flags: ephemeral });
}

export async function stats(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const views = await ctx.knowledge.list(guildId);
  const counted = await Promise.all(
    views.map(async (v) => ({ entry: v.entry, asked: await ctx.store.timesAsked(guildId, v.entry.id), votes: await ctx.store.votesFor(guildId, v.entry.id) })),
  );
  const rows = counted.sort((a, b) => b.asked - a.asked || a.entry.question.localeCompare(b.entry.question));
  const answered = rows.reduce((sum, r) => sum + r.asked, 0);
  const missed = (await ctx.store.unanswered(guildId, 10_000)).reduce((sum, q) => sum + q.count, 0);
  const rate = answered + missed === 0 ? 'no questions yet' : `${Math.round((answered / (answered + missed)) * 100)}% (${answered} answered, ${missed} not)`;
  const lines = rows.slice(0, 15).map((r) => `${truncate(r.entry.question, 90)} — asked ${r.asked}× · 👍 ${r.votes.up} · 👎 ${r.votes.down}`);
  await interaction.reply({
    embeds: [{ title: 'FAQ statistics', description: truncate(`**Answer rate:** ${rate}\n\n**Most asked**\n${lines.join('\n')}`, EMBED_DESCRIPTION_MAX) }],
    allowedMentions: NO_MENTIONS,
    flags: ephemeral,
  });
}
