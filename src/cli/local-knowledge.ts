import { SNOWFLAKE, loadConfig, loadDotenv } from '../config.js';
import { createEditableKnowledge, type EditableKnowledge } from '../knowledge/editable-knowledge.js';
import { loadKnowledgeBase } from '../knowledge/files.js';
import { openStore } from '../store/index.js';

/**
 * The knowledge the bot serves, opened from the shell: the shipped files (entries and synonyms) over the store named by DATABASE_URL
 * (from the environment or .env), so operators' tools and the bot read and write the same thing.
 */
export function openLocalKnowledge(): { knowledge: EditableKnowledge; close(): void } {
  loadDotenv();
  const config = loadConfig(process.env, { requireDiscord: false });
  const store = openStore(config.database);
  return { knowledge: createEditableKnowledge(loadKnowledgeBase(config.knowledgeDir), store), close: () => store.close() };
}

/** A command line the tool cannot run: the message says what to type instead. */
export class UsageError extends Error {}

/** A guild id given on the command line, checked; throws a message for the person. */
export function guildArgument(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--guild <server id> is required (right-click the server → Copy Server ID).');
  if (!SNOWFLAKE.test(value)) throw new UsageError(`--guild expects a server id (17-20 digits); got "${value.slice(0, 40)}".`);
  return value;
}
