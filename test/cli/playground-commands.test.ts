import { describe, expect, test } from 'vitest';
import { botCommands, messageMenuNames, optionValues, parseTyped, PlaygroundInputError, usageLines, type OptionResolver } from '../../src/cli/playground-commands.js';
import { askCommand } from '../../src/discord/commands/ask.js';
import { faqCommand } from '../../src/discord/commands/faq.js';

const defs = botCommands();
/** /ask's question option, as the bot defines it: the limit the playground must enforce. */
const ASK_MAX = (askCommand.data.toJSON().options?.find((o) => o.name === 'question') as { max_length: number }).max_length;
const n = (x: number) => x.toLocaleString('en-US');
const resolver: OptionResolver = {
  file: (path) => ({ name: path.split('/').at(-1)!, content: `contents of ${path}` }),
  user: (name) => `id-of-${name}`,
  channel: (name) => `id-of-${name}`,
  role: (name) => `id-of-${name}`,
};

/** The values Discord would send for a typed line, or the refusal's message. */
function values(line: string) {
  try {
    const typed = parseTyped(line, defs);
    return typed ? optionValues(typed, resolver) : 'not a command';
  } catch (error) {
    if (error instanceof PlaygroundInputError) return error.message;
    throw error;
  }
}

describe('the playground reads a typed slash command against the bot\'s own definitions', () => {
  test.each([
    ['/ask is netflix coded in python?', { question: 'is netflix coded in python?' }],
    ['/ask question:hello there private:true', { question: 'hello there', private: true }],
    ['/ask where do i go? private:no', { question: 'where do i go?', private: false }],
    ['/faq restore entry:some-entry revision:2', { entry: 'some-entry', revision: 2 }],
    ['/faq edit some-entry', { entry: 'some-entry' }],
    ['/faq synonyms add words:"password, pw"', { words: 'password, pw' }],
    ['/faq list', {}],
    ['/faq import file:~/faq.md', { file: { name: 'faq.md', content: 'contents of ~/faq.md' } }],
  ])('%s', (line, expected) => {
    expect(values(line)).toEqual(expected);
  });

  test.each([
    ['/faq restore entry:x revision:0', '/faq restore revision: at least 1. Discord would not send it.'],
    ['/faq restore entry:x revision:two', '/faq restore revision: expected a whole number, not "two". Discord would not send it.'],
    ['/faq restore entry:x', '/faq restore needs revision:<number ≥ 1> (The revision to restore).'],
    ['/ask question:hi private:maybe', '/ask private: expected true or false, not "maybe". Discord would not send it.'],
    ['/faq add something', '/faq add takes no options; type just /faq add.'],
  ])('refuses %s', (line, message) => {
    expect(values(line)).toBe(message);
  });

  test("refuses text longer than the option's max_length, counting characters as Discord does (an emoji is one)", () => {
    expect(values(`/ask question:${'a'.repeat(ASK_MAX + 1)}`)).toBe(`/ask question: at most ${n(ASK_MAX)} characters, and this is ${n(ASK_MAX + 1)}. Discord would not send it.`);
    expect(values(`/ask ${'🙂'.repeat(ASK_MAX)}`)).toEqual({ question: '🙂'.repeat(ASK_MAX) });
  });

  test('a wrong or missing subcommand names the ones there are', () => {
    expect(() => parseTyped('/faq bogus', defs)).toThrow(/^\/faq has no "bogus": add, edit, remove, show, list, history, restore, import, export, unanswered, stats, synonyms\./);
    expect(() => parseTyped('/faq synonyms', defs)).toThrow(/^\/faq synonyms needs one of these: list, add, remove, history, restore\./);
  });

  test('a command the bot does not have is not read as one', () => {
    expect(parseTyped('/frobnicate', defs)).toBeUndefined();
    expect(parseTyped('Add as FAQ', defs)).toBeUndefined();
  });

  test('lists one usage line per subcommand the bot defines, and its message menu actions', () => {
    const leaves = (faqCommand.data.toJSON().options ?? []).flatMap((o) => ('options' in o && o.type === 2 ? (o.options ?? []) : [o]));
    const usages = usageLines(defs).map((u) => u.usage);
    expect(usages.filter((u) => u.startsWith('/faq '))).toHaveLength(leaves.length);
    expect(usages).toContain(`/ask question:<text, ≤ ${n(ASK_MAX)}> [private:<true|false>]`);
    expect(messageMenuNames(defs)).toEqual(['Answer with FAQ', 'Add as FAQ']);
  });
});
