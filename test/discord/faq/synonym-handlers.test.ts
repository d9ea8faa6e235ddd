import { describe, expect, test } from 'vitest';
import { SYNONYMS_PAGE_SIZE, synonymsPage } from '../../../src/discord/faq/synonym-handlers.js';
import { parseFaqId } from '../../../src/discord/faq/ids.js';
import { CUSTOM_ID_MAX, EMBED_DESCRIPTION_MAX, EMBED_FOOTER_MAX, EMBED_TITLE_MAX } from '../../../src/discord/limits.js';
import type { EditableKnowledge, SynonymsView } from '../../../src/knowledge/editable-knowledge.js';
import { SYNONYM_GROUP_MAX, SYNONYM_GROUPS_MAX, SYNONYM_MEMBER_MAX_CHARS, validateSynonyms } from '../../../src/knowledge/synonyms.js';

const GUILD = '100000000000000001';
/** A context whose knowledge answers only `synonyms()`: that is all the list reads. */
const withVocabulary = (view: SynonymsView) => ({ knowledge: { synonyms: () => view } as unknown as EditableKnowledge });
const length = (text = '') => [...text].length;

describe('/faq synonyms list, given the largest vocabulary a server can have', () => {
  // 500 groups of 50 members of 60 characters each: valid, and far more than fits one message.
  const word = (g: number, m: number) => `${'é'.repeat(SYNONYM_MEMBER_MAX_CHARS - 8)} ${String(g).padStart(3, '0')} ${String(m).padStart(3, '0')}`;
  const groups = validateSynonyms(
    Array.from({ length: SYNONYM_GROUPS_MAX }, (_, g) => Array.from({ length: SYNONYM_GROUP_MAX }, (_, m) => word(g, m))),
    'test',
  );
  const ctx = withVocabulary({ groups, revision: 7, shipped: false });
  const pages = Math.ceil(SYNONYM_GROUPS_MAX / SYNONYMS_PAGE_SIZE);

  test.each([1, 2, pages])('keeps page %i within the embed limits, every group on its own numbered line', async (page) => {
    const { embeds } = await synonymsPage(ctx, GUILD, page);
    const [embed] = embeds;
    expect(length(embed!.title)).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(length(embed!.description)).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(length(embed!.footer?.text)).toBeLessThanOrEqual(EMBED_FOOTER_MAX);
    const lines = embed!.description!.split('\n').slice(1);
    expect(lines).toHaveLength(SYNONYMS_PAGE_SIZE);
    expect(lines[0]).toMatch(new RegExp(`^\\*\\*${(page - 1) * SYNONYMS_PAGE_SIZE + 1}\\.\\*\\* `));
    expect(embed!.footer?.text).toBe(`Revision 7, edited on this server · Page ${page} of ${pages}`);
  });

  test('pages with buttons whose ids parse back to the neighbouring pages, disabled at the ends', async () => {
    const buttons = async (page: number) => (await synonymsPage(ctx, GUILD, page)).components[0]!.components;
    const [previous, next] = await buttons(1);
    expect(previous).toMatchObject({ label: 'Previous', disabled: true });
    expect(parseFaqId(next.custom_id)).toEqual({ action: 'synonyms', page: 2 });
    expect(next.custom_id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect((await buttons(pages))[1]).toMatchObject({ disabled: true });
  });

  test('clamps a page out of range to the first or last', async () => {
    expect((await synonymsPage(ctx, GUILD, 0)).embeds[0]!.footer?.text).toMatch(/Page 1 of/);
    expect((await synonymsPage(ctx, GUILD, 10_000)).embeds[0]!.footer?.text).toMatch(new RegExp(`Page ${pages} of ${pages}$`));
  });
});

describe('/faq synonyms list, given a small or empty vocabulary', () => {
  test('shows one page without buttons, saying the groups are shipped', async () => {
    const page = await synonymsPage(withVocabulary({ groups: [['netflix', 'nf']], revision: 0, shipped: true }), GUILD, 1);
    expect(page.embeds[0]!.description).toBe('Each word after ← is read as the first.\n**1.** netflix ← nf');
    expect(page.embeds[0]!.footer?.text).toBe('Revision 0, shipped with the bot, never changed here · Page 1 of 1');
    expect(page.components).toEqual([]);
    expect(page.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  test('says how to add one when there is none', async () => {
    const page = await synonymsPage(withVocabulary({ groups: [], revision: 2, shipped: false }), GUILD, 1);
    expect(page.embeds[0]!.description).toBe('No synonym groups. Add one with `/faq synonyms add words:"password, pw"`.');
  });
});
