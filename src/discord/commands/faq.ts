import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandStringOption,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { SYNONYM_MEMBER_MAX_CHARS } from '../../knowledge/synonyms.js';
import { AUTOCOMPLETE_MAX_CHOICES, CHOICE_NAME_MAX, truncate } from '../limits.js';
import { isModerator, requireModerator } from '../permissions.js';
import * as bulk from '../faq/bulk-handlers.js';
import * as entries from '../faq/entry-handlers.js';
import * as synonyms from '../faq/synonym-handlers.js';
import type { Command } from './command.js';

const entryOption = (description: string) => (option: SlashCommandStringOption) =>
  option.setName('entry').setDescription(description).setRequired(true).setAutocomplete(true).setMaxLength(100);

/** `/faq synonyms …`: the server's own vocabulary (see faq/synonym-handlers.ts). */
const synonymsGroup = (group: SlashCommandSubcommandGroupBuilder) =>
  group
    .setName('synonyms')
    .setDescription("This server's words that mean the same (pw = password)")
    .addSubcommand((s) =>
      s
        .setName('list')
        .setDescription('The synonym groups, 20 per page')
        .addIntegerOption((o) => o.setName('page').setDescription('Page number').setMinValue(1)),
    )
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Add a group: the words after the first are read as the first')
        .addStringOption((o) =>
          o.setName('words').setDescription('Comma-separated, e.g. "password, pw, pwd"').setRequired(true).setMaxLength(synonyms.WORDS_OPTION_MAX),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('remove')
        .setDescription('Take a word out of its group (a group left with one word goes)')
        .addStringOption((o) =>
          o.setName('word').setDescription('The word or phrase').setRequired(true).setAutocomplete(true).setMaxLength(SYNONYM_MEMBER_MAX_CHARS + 40),
        ),
    )
    .addSubcommand((s) => s.setName('history').setDescription('Revisions of the synonyms'))
    .addSubcommand((s) =>
      s
        .setName('restore')
        .setDescription('Bring back the synonyms of an earlier revision')
        .addIntegerOption((o) => o.setName('revision').setDescription('The revision to restore').setRequired(true).setMinValue(1)),
    );

/**
 * `/faq …`: moderators keep the knowledge right from inside Discord. Hidden from members without Manage Server
 * by `default_member_permissions`, and checked again on every use (see permissions.ts).
 */
export const faqCommand = {
  data: new SlashCommandBuilder()
    .setName('faq')
    .setDescription('Keep the FAQ right (moderators)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) => s.setName('add').setDescription('Add an entry'))
    .addSubcommand((s) => s.setName('edit').setDescription('Edit an entry').addStringOption(entryOption('The entry to edit')))
    .addSubcommand((s) => s.setName('remove').setDescription('Hide an entry on this server').addStringOption(entryOption('The entry to remove')))
    .addSubcommand((s) => s.setName('show').setDescription('Show an entry with its id and revision').addStringOption(entryOption('The entry to show')))
    .addSubcommand((s) =>
      s
        .setName('list')
        .setDescription('List the entries, 10 per page')
        .addIntegerOption((o) => o.setName('page').setDescription('Page number').setMinValue(1)),
    )
    .addSubcommand((s) => s.setName('history').setDescription("An entry's revisions").addStringOption(entryOption('The entry')))
    .addSubcommand((s) =>
      s
        .setName('restore')
        .setDescription('Bring back an earlier revision of an entry')
        .addStringOption(entryOption('The entry'))
        .addIntegerOption((o) => o.setName('revision').setDescription('The revision to restore').setRequired(true).setMinValue(1)),
    )
    .addSubcommand((s) =>
      s
        .setName('import')
        .setDescription('Import entries from a file (YAML/JSON export, or an article)')
        .addAttachmentOption((o) => o.setName('file').setDescription('A .yaml, .json, .md or .txt file, at most 1 MB').setRequired(true)),
    )
    .addSubcommand((s) => s.setName('export').setDescription("This server's knowledge base as a file"))
    .addSubcommand((s) => s.setName('unanswered').setDescription('Questions the bot could not answer, most frequent first'))
    .addSubcommand((s) => s.setName('stats').setDescription('Most asked entries, answer rate, votes'))
    .addSubcommandGroup(synonymsGroup),

  async execute(interaction, ctx) {
    const guildId = requireModerator(interaction, ctx.config);
    const handlers: Record<string, (i: typeof interaction, c: typeof ctx, g: string) => Promise<void>> = {
      add: entries.add,
      edit: entries.edit,
      remove: entries.remove,
      show: entries.show,
      history: entries.history,
      restore: entries.restore,
      list: bulk.list,
      import: bulk.importFile,
      export: bulk.exportFile,
      unanswered: bulk.unanswered,
      stats: bulk.stats,
    };
    const synonymHandlers: typeof handlers = {
      list: synonyms.list,
      add: synonyms.add,
      remove: synonyms.remove,
      history: synonyms.history,
      restore: synonyms.restore,
    };
    const group = interaction.options.getSubcommandGroup(false);
    const name = interaction.options.getSubcommand();
    const handler = (group === 'synonyms' ? synonymHandlers : group === null ? handlers : {})[name];
    if (!handler) throw new Error(`no handler for /faq ${group === null ? '' : `${group} `}${name}`);
    await handler(interaction, ctx, guildId);
  },

  async autocomplete(interaction, ctx) {
    // Moderators only: members who were shown the command anyway see no entry ids.
    if (!interaction.inGuild() || !isModerator(interaction, ctx.config)) return interaction.respond([]);
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'word') return synonyms.autocompleteWord(interaction, ctx, focused.value);
    const typed = focused.value.trim();
    const visible = (await ctx.knowledge.list(interaction.guildId)).map((v) => v.entry);
    const ranked = typed === '' ? visible : (await ctx.knowledge.matcherFor(interaction.guildId)).rank(typed, AUTOCOMPLETE_MAX_CHOICES).map((r) => r.entry);
    const byId = visible.filter((e) => typed !== '' && e.id.startsWith(typed.toLowerCase()));
    const choices = [...new Map([...byId, ...ranked].map((e) => [e.id, e])).values()].slice(0, AUTOCOMPLETE_MAX_CHOICES);
    await interaction.respond(choices.map((e) => ({ name: truncate(`${e.question} (${e.id})`, CHOICE_NAME_MAX), value: e.id })));
  },
} satisfies Command;
