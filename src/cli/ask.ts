import { createInterface } from 'node:readline';
import { createMatcher, RANKED_MAX, type MatchResult, type Matcher } from '../engine/index.js';
import { guildArgument, loadLocalKnowledge, localConfig, openLocalKnowledge } from './local-knowledge.js';
import { parseCommandLine, runCli } from './run-cli.js';

const USAGE = `usage:
  npm run ask -- "how do i reset my password?"          the answer, for a person
  npm run --silent ask -- --json "question"              one JSON object
  npm run --silent ask -- --json < questions.txt         one JSON line per input line
  npm run ask -- --guild <server id> "question"          from that server's knowledge (the store), not the shipped files
  npm run ask -- -- "-5 degrees?"                         a question starting with "-" goes after --`;

const OPTIONS = {
  json: { type: 'boolean' },
  guild: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The JSON shape printed by --json; other tools (the evaluation runner) read it. */
export interface AskJson {
  query: string;
  outcome: MatchResult['outcome'];
  match: { id: string; question: string; answer: string; confidence: number } | null;
  alternatives: { id: string; question: string; confidence: number }[];
  /** The best candidates whatever the thresholds (at most five), best first: the answer, when there is one, first. */
  ranked: { id: string; confidence: number }[];
}

export function toJson(result: MatchResult): AskJson {
  return {
    query: result.query,
    outcome: result.outcome,
    match: result.match
      ? {
          id: result.match.entry.id,
          question: result.match.entry.question,
          answer: result.match.entry.answer,
          confidence: result.match.confidence,
        }
      : null,
    alternatives: result.alternatives.map((a) => ({ id: a.entry.id, question: a.entry.question, confidence: a.confidence })),
    ranked: result.ranked.slice(0, RANKED_MAX).map((c) => ({ id: c.entry.id, confidence: c.confidence })),
  };
}

/** What a person reads in the terminal. */
export function formatForPerson(result: MatchResult): string {
  if (result.query.trim() === '') return 'Type a question, for example: npm run ask -- "how do i reset my password?"';
  const pct = (c: number) => `${Math.round(c * 100)}%`;
  switch (result.outcome) {
    case 'answer': {
      const { entry, confidence } = result.match!;
      const lines = [`${entry.question}  (confidence ${pct(confidence)}${entry.source ? `, source: ${entry.source}` : ''})`, '', entry.answer];
      return lines.join('\n');
    }
    case 'suggest':
      return ['No sure answer. Did you mean:', ...result.alternatives.map((a, i) => `  ${i + 1}. ${a.entry.question}  (${pct(a.confidence)})`)].join('\n');
    case 'decline': {
      const closest = result.alternatives.map((a) => `  - ${a.entry.question}`);
      return ["I don't have an answer for that yet.", ...(closest.length > 0 ? ['Closest questions:', ...closest] : [])].join('\n');
    }
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals: question } = parseCommandLine(argv, OPTIONS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const json = values.json ?? false;
  let matcher: Matcher;
  let close: () => Promise<void> | void = () => {};
  if (values.guild !== undefined) {
    const guildId = guildArgument(values.guild);
    const local = await openLocalKnowledge();
    matcher = await local.knowledge.matcherFor(guildId);
    close = local.close;
  } else {
    // The folder the bot would serve (KNOWLEDGE_DIR), with its vocabulary, as the bot builds its matcher.
    const { entries, synonyms } = loadLocalKnowledge(localConfig().knowledgeDir);
    matcher = createMatcher(entries, { synonyms });
  }
  try {
    return await answer(matcher, question, json);
  } finally {
    await close();
  }
}

async function answer(matcher: Matcher, question: string[], json: boolean): Promise<number> {
  if (question.length > 0) {
    const result = matcher.match(question.join(' '));
    console.log(json ? JSON.stringify(toJson(result)) : formatForPerson(result));
    return 0;
  }
  if (!json || process.stdin.isTTY) {
    console.error(USAGE);
    return 2;
  }
  // One process for any number of questions: read line by line, answer in order.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) process.stdout.write(`${JSON.stringify(toJson(matcher.match(line)))}\n`);
  return 0;
}

runCli(main);
