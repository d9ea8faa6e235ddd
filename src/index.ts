/**
 * The composition root: config → logger → store → knowledge → bot → login. Nothing else reads the environment
 * or decides which implementation to use.
 */
import { ConfigError, loadConfig, loadDotenv, type Config } from './config.js';
import { createBot } from './discord/bot.js';
import { KnowledgeError } from './knowledge/errors.js';
import { loadKnowledgeDir } from './knowledge/files.js';
import { createStaticKnowledge, type KnowledgeService } from './knowledge/knowledge-service.js';
import { createLogger } from './log.js';
import { openStore } from './store/index.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

loadDotenv();
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(`${error.message}\nSee .env.example for what each variable means.`);
  throw error;
}

const log = createLogger(config.logLevel);
let knowledge: KnowledgeService;
try {
  knowledge = createStaticKnowledge(loadKnowledgeDir());
} catch (error) {
  if (error instanceof KnowledgeError) fail(`The knowledge base in knowledge/ cannot be loaded:\n${error.message}`);
  throw error;
}
const store = openStore(config.database);
const client = createBot({ config, knowledge, store, log, now: Date.now });

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'stopping', signal }, 'shutting down');
  await client.destroy();
  store.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  await client.login(config.discord.token);
} catch (error) {
  const code = (error as { code?: unknown }).code;
  log.fatal({ event: 'login-failed', err: error }, 'could not log in to Discord');
  const hint =
    code === 'TokenInvalid' || code === 4004
      ? 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).'
      : code === 'DisallowedIntents' || code === 4014
        ? 'Discord refused the Message Content intent: switch it on in the Developer Portal (Bot → Privileged Gateway Intents) or set MESSAGE_CONTENT_INTENT=false.'
        : 'Could not connect to Discord; see the log line above.';
  store.close();
  fail(hint);
}
