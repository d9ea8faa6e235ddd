import { SlashCommandBuilder } from 'discord.js';
import { planAnswer } from '../answering.js';
import { AUTOCOMPLETE_MAX_CHOICES, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, truncate } from '../limits.js';
import { respond } from '../send.js';
import type { Command } from './command.js';

/** Longer questions are refused by Discord's client itself; real questions are far shorter. */
const QUESTION_MAX = 1_000;

/** `/ask question:<text> [private]`: the answer, suggestions, or an honest "no answer". */
export const askCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question; I answer from the knowledge base.')
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('Your question, in your own words')
        .setRequired(true)
        .setMaxLength(QUESTION_MAX)
        .setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer')),

  async execute(interaction, ctx) {
    const started = ctx.now();
    const query = interaction.options.getString('question', true);
    const plan = await planAnswer(ctx, {
      query,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
    });
    const ephemeral = plan.ephemeral || interaction.options.getBoolean('private') === true;
    await respond(interaction, plan.messages, ephemeral);
    ctx.metrics.question('slash', plan.result.outcome, interaction.guildId, (ctx.now() - started) / 1000);
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const matcher = await ctx.knowledge.matcherFor(interaction.guildId);
    const ranked = typed.trim() === '' ? [] : matcher.rank(typed, AUTOCOMPLETE_MAX_CHOICES);
    // A question the matcher cannot rank still deserves choices: the entries themselves, in order.
    const entries = ranked.length > 0 ? ranked.map((r) => r.entry) : matcher.entries(AUTOCOMPLETE_MAX_CHOICES);
    await interaction.respond(
      entries.slice(0, AUTOCOMPLETE_MAX_CHOICES).map((entry) => ({
        name: truncate(entry.question, CHOICE_NAME_MAX),
        value: truncate(entry.question, CHOICE_VALUE_MAX),
      })),
    );
  },
} satisfies Command;
