import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SNOWFLAKE, loadConfig, loadDotenv, type LocalConfig } from '../config.js';
import { createEditableKnowledge, type EditableKnowledge } from '../knowledge/editable-knowledge.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/files.js';
import { openStore, type BotStore, type KnowledgeStore } from '../store/index.js';
import { CliError, UsageError } from './run-cli.js';

export { UsageError } from './run-cli.js';

/** The configuration the bot would run with (the environment, then .env), without requiring Discord's keys. */
export function localConfig(): LocalConfig {
  loadDotenv();
  return loadConfig(process.env, { requireDiscord: false });
}

/**
 * The knowledge folder the bot serves (KNOWLEDGE_DIR), loaded. A malformed file is one line naming the folder, the
 * file and the line; a file that cannot be read (a folder named `x.yaml`, no permission) too, instead of a stack.
 *
 * @throws {KnowledgeError} or {@link CliError}.
 */
export function loadLocalKnowledge(dir: string): KnowledgeBase {
  try {
    return loadKnowledgeBase(dir);
  } catch (error) {
    const where = `The knowledge in ${dir} (KNOWLEDGE_DIR) cannot be loaded`;
    if (error instanceof KnowledgeError) throw new KnowledgeError(error.code, `${where}: ${error.message}`);
    const { code, path } = error as NodeJS.ErrnoException;
    if (typeof code === 'string' && code.startsWith('E')) {
      const what = code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
      throw new CliError(`${where}: ${path ?? unreadableFile(dir) ?? dir}: ${what}; every *.yaml there must be a file the bot's user can read.`);
    }
    throw error;
  }
}

/** The first `*.yaml` in `dir` that is not a readable file: a failed read does not always say which (EISDIR). */
function unreadableFile(dir: string): string | undefined {
  try {
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(dir, f))
      .find((file) => {
        try {
          accessSync(file, constants.R_OK);
          return !statSync(file).isFile();
        } catch {
          return true;
        }
      });
  } catch {
    return undefined;
  }
}

/** The store named by DATABASE_URL, opened as the bot opens it (created and migrated if need be). */
export function openLocalStore(config: LocalConfig = localConfig()): Promise<BotStore & KnowledgeStore> {
  return openStore(config.database);
}

/**
 * The knowledge the bot serves, opened from the shell: the shipped files (entries and synonyms) over the store named by DATABASE_URL
 * (from the environment or .env), so operators' tools and the bot read and write the same thing.
 */
export async function openLocalKnowledge(): Promise<{ knowledge: EditableKnowledge; close(): Promise<void> }> {
  const config = localConfig();
  const shipped = loadLocalKnowledge(config.knowledgeDir);
  const store = await openLocalStore(config);
  return { knowledge: createEditableKnowledge(shipped, store), close: () => store.close() };
}

/** A guild id given on the command line, checked; throws a message for the person. */
export function guildArgument(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--guild <server id> is required (right-click the server → Copy Server ID).');
  if (!SNOWFLAKE.test(value)) throw new UsageError(`--guild expects a server id (17-20 digits); got "${value.slice(0, 40)}".`);
  return value;
}
