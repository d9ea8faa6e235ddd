/**
 * The composition root: config → logger → app (store, knowledge, bot) → login. Nothing else reads the
 * environment or decides which implementation to use.
 */
import { Events, GatewayCloseCodes } from 'discord.js';
import { createApp, type App } from './app.js';
import { ConfigError, loadConfig, loadDotenv, startedByNpmScript, type Config } from './config.js';
import { KnowledgeError } from './knowledge/errors.js';
import { createLogger } from './log.js';
import { createBotMetrics } from './metrics/bot-metrics.js';
import { startOpsServer, type OpsServer } from './metrics/ops-server.js';
import { stopOnSignal, watchParent } from './shutdown.js';
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

/**
 * Creates the app and logs in. Discord refuses a login that asks for the Message Content intent when the
 * application has not switched it on (close code 4014): the bot then starts again without it, so /ask and
 * mentions work and only watched channels are off, instead of not starting at all.
 */
async function start(settings: Config): Promise<App> {
  let app: App;
  try {
    app = await createApp(settings, log, undefined, metrics);
  } catch (error) {
    if (error instanceof KnowledgeError) fail(`The knowledge in ${settings.knowledgeDir} (KNOWLEDGE_DIR) cannot be loaded: ${error.message}`);
    // The store's messages name the file and DATABASE_URL already.
    if (error instanceof StoreError) fail(error.message);
    const { code, path } = error as NodeJS.ErrnoException;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      fail(`The knowledge in ${settings.knowledgeDir} (KNOWLEDGE_DIR) cannot be loaded: ${path ?? settings.knowledgeDir}: ${code}; every *.yaml there must be a file the bot's user can read.`);
    }
    throw error;
  }
  let disallowedIntents = false;
  app.client.on(Events.ShardDisconnect, (event) => {
    if (event.code === GatewayCloseCodes.DisallowedIntents) disallowedIntents = true;
  });
  try {
    await app.client.login(settings.discord.token);
    return app;
  } catch (error) {
    await app.close();
    if (disallowedIntents && settings.messageContent) {
      log.warn(
        { event: 'message-content-disallowed' },
        'the Message Content intent is not enabled for this application (Developer Portal → Bot → Privileged Gateway Intents): starting without it; watched channels are off, /ask and mentions work',
      );
      return start({ ...settings, messageContent: false });
    }
    const code = (error as { code?: unknown }).code;
    log.fatal({ event: 'login-failed', err: error }, 'could not log in to Discord');
    fail(
      code === 'TokenInvalid' || code === 4004
        ? 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).'
        : 'Could not connect to Discord; see the log line above.',
    );
  }
}

// Counted across a restart without the Message Content intent (start calls itself), and served from before login.
const metrics = createBotMetrics();
const started: { app?: App; ops?: OpsServer } = {};
// From the first moment: a signal while the bot is still logging in stops it as cleanly as one later.
const stop = stopOnSignal({
  close: async () => {
    await started.ops?.close();
    return started.app ? started.app.close() : 0;
  },
  log,
  exit: (code) => process.exit(code),
});
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// A process manager that runs `npm start` signals npm, which exits without passing the signal on.
if (startedByNpmScript()) watchParent(() => stop('SIGTERM'));

if (config.metrics) started.ops = await startOps(config.metrics);
started.app = await start(config);

/**
 * The operator's port (METRICS_PORT), opened before anything else: a port already taken is one line, and nothing
 * (no database, no login) has been touched. Until the app is up, /healthz says 503.
 */
async function startOps(where: { host: string; port: number }): Promise<OpsServer> {
  try {
    const server = await startOpsServer({ ...where, registry: metrics.registry, health: () => started.app?.health() ?? { gateway: false, store: false } });
    log.info({ event: 'ops-listening', host: where.host, port: server.port }, `health on http://${where.host}:${server.port}/healthz, metrics on /metrics`);
    return server;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the port is taken by another program' : code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : code === 'EACCES' ? 'not allowed to use that port' : String(error);
    fail(`Cannot serve /healthz and /metrics on ${where.host}:${where.port} (METRICS_HOST, METRICS_PORT): ${why}.`);
  }
}
