import { describe, expect, test } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { articleEntries, GAMING_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';
import { startBot, useBot } from './harness.js';

/** Ephemeral flag on an interaction callback (64). */
const EPHEMERAL = 1 << 6;

const bot = useBot();

const ask = (question: string, extra: Record<string, unknown> = {}) =>
  bot().sim.slashCommand({ channelId: bot().general, userId: bot().alice, name: 'ask', options: { question, ...extra } });

type Body = {
  type: number;
  data?: {
    flags?: number;
    content?: string;
    embeds?: { title?: string; description?: string; footer?: { text: string } }[];
    components?: { components: { custom_id: string; label?: string }[] }[];
    allowed_mentions?: { parse?: string[] };
  };
};
const bodyOf = async (handle: ReturnType<typeof ask>) => (await handle.response()).body as Body;
const buttons = (body: Body) => (body.data?.components ?? []).flatMap((row) => row.components);

describe('the bot on the simulator, at start', () => {
  test('registers /ask with a required, autocompleted question and a private option', async () => {
    const [command] = bot().sim.commands(bot().guildId).filter((c) => c.name === 'ask');
    expect(command).toBeDefined();
    const question = command!.options?.find((o) => o.name === 'question') as { required?: boolean; autocomplete?: boolean };
    expect(question.required).toBe(true);
    expect(question.autocomplete).toBe(true);
    expect(command!.options?.some((o) => o.name === 'private')).toBe(true);
  });
});

describe('/ask, given a question the knowledge base answers', () => {
  test.each([
    ['is netflix coded in python?', 'Is Netflix coded in Python?'],
    ['what database does netflix use', 'What Other Technologies Does Netflix Use?'],
    ['how does netflix ensure high availibility', 'How Does Netflix Ensure High Availability?'],
  ])('answers %j with an embed titled %j', async (question, title) => {
    const body = await bodyOf(ask(question));
    expect(body.type).toBe(4);
    expect(body.data?.flags ?? 0).toBe(0);
    expect(body.data?.embeds?.[0]?.title).toBe(title);
    expect(body.data?.embeds?.[0]?.footer?.text).toMatch(/^Confidence \d+% · Source: Is Netflix coded in Python\?/);
    expect(body.data?.allowed_mentions?.parse).toEqual([]);
  });

  test('puts up to 3 related questions (never the answered one) and 👍 / 👎 under the answer', async () => {
    const body = await bodyOf(ask('is netflix coded in python?'));
    const ids = buttons(body).map((b) => b.custom_id);
    const related = ids.filter((id) => id.startsWith('paa:1:show:'));
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related).not.toContain('paa:1:show:is-netflix-coded-in-python');
    expect(ids).toContain('paa:1:vote:is-netflix-coded-in-python:up');
    expect(ids).toContain('paa:1:vote:is-netflix-coded-in-python:down');
  });

  test('with private:true, only the asker sees the answer', async () => {
    const body = await bodyOf(ask('is netflix coded in python?', { private: true }));
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe('/ask, given something it cannot answer', () => {
  test('declines privately and kindly', async () => {
    const body = await bodyOf(ask('what is the best pizza topping'));
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data?.content).toContain("I don't have an answer for that yet");
  });

  test('records the declined question for moderators', async () => {
    await bodyOf(ask('how much does a netflix subscription cost in peru'));
    const store = openSqliteStore(bot().dbPath);
    try {
      expect((await store.unanswered(bot().guildId, 50)).map((q) => q.query)).toContain('how much does a netflix subscription cost in peru');
    } finally {
      await store.close();
    }
  });

  test('@everyone in the question pings nobody', async () => {
    const body = await bodyOf(ask('@everyone <@&123456789012345678> is netflix coded in python?'));
    expect(body.data?.allowed_mentions?.parse).toEqual([]);
    expect(body.data?.embeds?.[0]?.title).toBe('Is Netflix coded in Python?');
  });
});

describe('/ask autocomplete', () => {
  test('offers knowledge-base questions ranked by the matcher, at most 25, names within 100 characters', async () => {
    const choices = await bot().sim
      .autocomplete({ channelId: bot().general, userId: bot().alice, name: 'ask', options: { question: 'high avail' }, focused: 'question' })
      .choices();
    expect(choices[0]?.name).toBe('How Does Netflix Ensure High Availability?');
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  test('offers the questions themselves before anything is typed, all of them when they fit in 25', async () => {
    const choices = await bot().sim
      .autocomplete({ channelId: bot().general, userId: bot().alice, name: 'ask', options: { question: '' }, focused: 'question' })
      .choices();
    expect(choices).toHaveLength(articleEntries().length);
  });
});

describe('buttons', () => {
  test('a suggestion button posts the chosen answer', async () => {
    const handle = ask('netflix ml python');
    const body = await bodyOf(handle);
    expect(body.data?.content).toContain('Did you mean');
    const [first] = buttons(body);
    const message = await handle.reply();
    const click = bot().sim.clickButton({ message, customId: first!.custom_id, userId: bot().alice });
    const clicked = (await click.response()).body as Body;
    const entryId = first!.custom_id.split(':')[3];
    expect(clicked.type).toBe(4);
    expect(clicked.data?.embeds?.[0]?.title).toBeTruthy();
    expect(buttons(clicked).map((b) => b.custom_id)).toContain(`paa:1:vote:${entryId}:up`);
  });

  test('a "People also ask" button posts that entry, with its own related questions', async () => {
    const handle = ask('is netflix coded in python?');
    const body = await bodyOf(handle);
    const related = buttons(body).find((b) => b.custom_id.startsWith('paa:1:show:'))!;
    const message = await handle.reply();
    const clicked = (await bot().sim.clickButton({ message, customId: related.custom_id, userId: bot().bob }).response()).body as Body;
    expect(clicked.data?.embeds?.[0]?.title).toBe(related.label);
    expect((clicked.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const shown = related.custom_id.split(':')[3];
    expect(buttons(clicked).some((b) => b.custom_id.startsWith('paa:1:show:') && !b.custom_id.endsWith(shown!))).toBe(true);
  });

  test('👍 / 👎 are acknowledged privately and recorded once per user', async () => {
    const handle = ask('does netflix contribute to open source projects?');
    const body = await bodyOf(handle);
    const up = buttons(body).find((b) => b.custom_id.endsWith(':up'))!;
    const down = buttons(body).find((b) => b.custom_id.endsWith(':down'))!;
    const message = await handle.reply();
    const entryId = up.custom_id.split(':')[3]!;
    const vote = async (customId: string, userId: string) =>
      ((await bot().sim.clickButton({ message, customId, userId }).response()).body as Body).data;

    const first = await vote(up.custom_id, bot().alice);
    expect((first?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(first?.content).toContain('Thanks');
    expect((await vote(up.custom_id, bot().alice))?.content).toContain('already voted');
    await vote(down.custom_id, bot().bob);

    const store = openSqliteStore(bot().dbPath);
    try {
      expect(await store.votesFor(bot().guildId, entryId)).toEqual({ up: 1, down: 1 });
    } finally {
      await store.close();
    }
  });
});

describe('the bot, given KNOWLEDGE_DIR', () => {
  test('serves the knowledge base in that folder, not the shipped one', async () => {
    const gaming = await startBot({ knowledgeDir: GAMING_KNOWLEDGE_DIR });
    try {
      const ask = (question: string) =>
        gaming.sim.slashCommand({ channelId: gaming.general, userId: gaming.alice, name: 'ask', options: { question } }).response();
      const answered = (await ask('how do i reset my password')).body as Body;
      expect(answered.data?.embeds?.[0]?.title).toBe('How do I reset my password?');
      const declined = (await ask('is netflix coded in python?')).body as Body;
      expect(declined.data?.embeds ?? []).toEqual([]);
    } finally {
      await gaming.stop();
    }
  }, 60_000);

  test('refuses to start when it names no folder, in one line naming the setting, without a stack trace', async () => {
    const failure = await startBot({ knowledgeDir: '/no/such/knowledge' }).then(
      () => new Error('expected the bot not to start'),
      (error: unknown) => error as Error,
    );
    expect(failure.message).toMatch(/^the bot exited with 1:/);
    expect(failure.message).toContain('KNOWLEDGE_DIR: expected the folder of the knowledge files (*.yaml); no such folder: "/no/such/knowledge"');
    expect(failure.message).not.toMatch(/\n\s+at /);
  }, 60_000);
});
