import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import {
  SYNONYM_GROUP_MAX,
  SYNONYM_MEMBER_MAX_CHARS,
  describeGroup,
  diffSynonyms,
  normalizeMember,
  parseWordList,
  withGroupAdded,
  withWordRemoved,
  type SynonymGroups,
} from '../../knowledge/synonyms.js';
import type { SynonymsView } from '../../knowledge/editable-knowledge.js';
import type { VocabularyRevision } from '../../store/vocabulary-store.js';
import type { BotContext } from '../context.js';
import { AUTOCOMPLETE_MAX_CHOICES, CHOICE_NAME_MAX, EMBED_DESCRIPTION_MAX, truncate } from '../limits.js';
import { NO_MENTIONS, textMessage } from '../reply.js';
import { authorOf } from './entry-handlers.js';
import { faqId } from './ids.js';

/**
 * `/faq synonyms …`: a server's own vocabulary, the words its matcher reads as one ("pw" as "password"). The list
 * is one versioned document per server (see VocabularyStore): add and remove read the current revision and write
 * the next, so a change made meanwhile by someone else is refused rather than lost.
 */

/** Groups per page of `/faq synonyms list`: 20 lines of at most {@link GROUP_LINE_MAX} stay inside one embed. */
export const SYNONYMS_PAGE_SIZE = 20;
/** A long group's line is cut here: the page must fit an embed description (4,096). */
const GROUP_LINE_MAX = 190;
/** History lines shown, newest first; older revisions stay restorable by number. */
const HISTORY_LINES_MAX = 25;
/** The `words` option holds a whole group: every member at its longest, with ", " between. */
export const WORDS_OPTION_MAX = SYNONYM_GROUP_MAX * (SYNONYM_MEMBER_MAX_CHARS + 2);

const ephemeral = MessageFlags.Ephemeral;

const quoted = (group: readonly string[]) => group.map((w) => `“${w}”`).join(', ');
const origin = (view: SynonymsView) => (view.shipped ? 'shipped with the bot, never changed here' : 'edited on this server');

// ─── list ────────────────────────────────────────────────────────────────────────────────────────

/** One page of the list, clamped to the pages there are; exported for the size tests. */
export async function synonymsPage(ctx: Pick<BotContext, 'knowledge'>, guildId: string, page: number) {
  const view = await ctx.knowledge.synonyms(guildId);
  const pages = Math.max(1, Math.ceil(view.groups.length / SYNONYMS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const first = (current - 1) * SYNONYMS_PAGE_SIZE;
  const lines = view.groups.slice(first, first + SYNONYMS_PAGE_SIZE).map((g, i) => truncate(`**${first + i + 1}.** ${describeGroup(g)}`, GROUP_LINE_MAX));
  const empty = 'No synonym groups. Add one with `/faq synonyms add words:"password, pw"`.';
  const embed: APIEmbed = {
    title: `Synonyms (${view.groups.length} groups)`,
    description: truncate(lines.length > 0 ? `Each word after ← is read as the first.\n${lines.join('\n')}` : empty, EMBED_DESCRIPTION_MAX),
    footer: { text: `Revision ${view.revision}, ${origin(view)} · Page ${current} of ${pages}` },
  };
  return { embeds: [embed], components: pages > 1 ? [pageButtons(current, pages)] : [], allowedMentions: NO_MENTIONS };
}

function pageButtons(current: number, pages: number) {
  const button = (label: string, page: number, disabled: boolean) =>
    ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: faqId({ action: 'synonyms', page }), disabled }) as const;
  return { type: ComponentType.ActionRow, components: [button('Previous', current - 1, current <= 1), button('Next', current + 1, current >= pages)] } as const;
}

export async function list(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  await interaction.reply({ ...(await synonymsPage(ctx, guildId, interaction.options.getInteger('page') ?? 1)), flags: ephemeral });
}

export async function turnPage(interaction: ButtonInteraction, ctx: BotContext, guildId: string, page: number): Promise<void> {
  await interaction.update(await synonymsPage(ctx, guildId, page));
}

// ─── add / remove ────────────────────────────────────────────────────────────────────────────────

export async function add(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const current = await ctx.knowledge.synonyms(guildId);
  const next = withGroupAdded(current.groups, parseWordList(interaction.options.getString('words', true)));
  const group = next.at(-1)!;
  const saved = await ctx.knowledge.setSynonyms(guildId, next, current.revision, authorOf(interaction));
  const [first, ...others] = group;
  await interaction.reply({
    ...textMessage(`Added the group ${describeGroup(group)}: ${quoted(others)} now read as “${first}” (revision ${saved.revision}). /ask reads them that way now.`),
    flags: ephemeral,
  });
}

export async function remove(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const current = await ctx.knowledge.synonyms(guildId);
  const word = normalizeMember(interaction.options.getString('word', true));
  const { groups, before, after } = withWordRemoved(current.groups, word);
  const saved = await ctx.knowledge.setSynonyms(guildId, groups, current.revision, authorOf(interaction));
  const what = after
    ? `Removed “${word}” from the group ${describeGroup(before)}; it is now ${describeGroup(after)}`
    : `Removed the group ${describeGroup(before)}: without “${word}” it would have had one word`;
  await interaction.reply({ ...textMessage(`${what} (revision ${saved.revision}).`), flags: ephemeral });
}

/** The members of the server's groups that start with what is typed, for the `word` option of remove. */
export async function autocompleteWord(interaction: AutocompleteInteraction, ctx: BotContext, typed: string): Promise<void> {
  const prefix = normalizeMember(typed);
  const members = (await ctx.knowledge.synonyms(interaction.guildId)).groups.flatMap((g) => g.map((word) => ({ word, group: g })));
  const choices = members.filter((m) => m.word.startsWith(prefix)).slice(0, AUTOCOMPLETE_MAX_CHOICES);
  await interaction.respond(choices.map((m) => ({ name: truncate(`${m.word} (in ${describeGroup(m.group)})`, CHOICE_NAME_MAX), value: m.word })));
}

// ─── history / restore ───────────────────────────────────────────────────────────────────────────

export async function history(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const revisions = await ctx.knowledge.synonymHistory(guildId);
  if (revisions.length === 0) {
    const { groups } = await ctx.knowledge.synonyms(guildId);
    await interaction.reply({ ...textMessage(`This server uses the shipped synonyms (${groups.length} groups, revision 0); it never changed them.`), flags: ephemeral });
    return;
  }
  const shipped = (await ctx.knowledge.synonyms(null)).groups;
  const lines = revisions.slice(0, HISTORY_LINES_MAX).map((r, i) => historyLine(r, revisions[i + 1]?.groups ?? shipped));
  if (revisions.length > HISTORY_LINES_MAX) lines.push(`…and ${revisions.length - HISTORY_LINES_MAX} older revisions.`);
  await interaction.reply({
    embeds: [{ title: 'History of the synonyms', description: truncate(lines.join('\n'), EMBED_DESCRIPTION_MAX), footer: { text: 'Bring any of them back with /faq synonyms restore' } }],
    allowedMentions: NO_MENTIONS,
    flags: ephemeral,
  });
}

function historyLine(r: VocabularyRevision, previous: SynonymGroups): string {
  const { added, removed } = diffSynonyms(previous, r.groups);
  const what = r.action === 'restore' ? `restore of #${r.restoredFrom}` : r.action;
  const change = [
    added.length > 0 ? `+ ${added.map(describeGroup).join('; ')}` : '',
    removed.length > 0 ? `− ${removed.map(describeGroup).join('; ')}` : '',
  ].filter(Boolean);
  const when = `<t:${Math.floor(r.createdAt.getTime() / 1000)}:f>`;
  return truncate(`**#${r.revision}** ${what} by ${r.author.name} ${when}: ${r.groups.length} groups${change.length > 0 ? ` (${change.join(' ')})` : ''}`, 160);
}

export async function restore(interaction: ChatInputCommandInteraction, ctx: BotContext, guildId: string): Promise<void> {
  const revision = interaction.options.getInteger('revision', true);
  const current = await ctx.knowledge.synonyms(guildId);
  const restored = await ctx.knowledge.restoreSynonyms(guildId, revision, current.revision, authorOf(interaction));
  await interaction.reply({
    ...textMessage(`Restored the synonyms as they were at revision ${revision}: ${restored.groups.length} groups (now revision ${restored.revision}). /ask reads words that way now.`),
    flags: ephemeral,
  });
}
