/**
 * The composition root: config → logger → app (store, knowledge, bot) → login. Nothing else reads the
 * environment or decides which implementation to use.
 */
import { createApp, type App } from './app.js';
import { ConfigError, loadConfig, loadDotenv, type Config } from './config.js';
import { KnowledgeError } from './knowledge/errors.js';
import { createLogger } from './log.js';
import { StoreError } from './store/errors.js';

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
let app: App;
try {
  app = createApp(config, log);
} catch (error) {
  if (error instanceof KnowledgeError) fail(`The knowledge base in knowledge/ cannot be loaded:\n${error.message}`);
  if (error instanceof StoreError) fail(`The database cannot be used:\n${error.message}`);
  throw error;
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'stopping', signal }, 'shutting down');
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  await app.client.login(config.discord.token);
} catch (error) {
  const code = (error as { code?: unknown }).code;
  log.fatal({ event: 'login-failed', err: error }, 'could not log in to Discord');
  const hint =
    code === 'TokenInvalid' || code === 4004
      ? 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).'
      : code === 'DisallowedIntents' || code === 4014
        ? 'Discord refused the Message Content intent: switch it on in the Developer Portal (Bot → Privileged Gateway Intents) or set MESSAGE_CONTENT_INTENT=false.'
        : 'Could not connect to Discord; see the log line above.';
  await app.close();
  fail(hint);
}
