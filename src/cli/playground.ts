import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createApp, type App } from '../app.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { StoreError } from '../store/errors.js';
import { createLogger } from '../log.js';
import { DEFAULT_GUILD, startSimulator, type GuildSeed } from '../simulator/index.js';
import { botCommands } from './playground-commands.js';
import { ReadlineSource } from './playground-lines.js';
import { PlaygroundSession } from './playground-session.js';
import { describeFailure, endQuietlyOnClosedOutput, parseCommandLine } from './run-cli.js';

/**
 * `npm run playground`: the real bot, logged in to the local Discord simulator, and a chat in the terminal.
 * You are "alice", a member, in #general of "Test Guild" (a watched channel); "bob" is a moderator, and `/as`,
 * `/mod on|off` switch who types. Every command the bot registers works as on Discord (see playground-session.ts).
 * Nothing leaves this machine, and the database lives in a temporary folder removed on every way out.
 * KNOWLEDGE_DIR from the environment picks the knowledge folder it serves (default: the shipped knowledge/); the
 * rest of the settings are the playground's own, so a real token in .env is never read.
 */

const USAGE = `usage: npm run playground [-- --help]
  Chats with the real bot on a local Discord; KNOWLEDGE_DIR picks the knowledge folder. /help inside lists the commands.`;

// It takes no options: a typo such as --knowledge is refused with the usage rather than ignored.
try {
  const { values } = parseCommandLine(process.argv.slice(2), { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
} catch (error) {
  const failure = describeFailure(error);
  if (!failure) throw error;
  process.stderr.write(`${failure.message}\n`);
  process.exit(failure.code);
}
endQuietlyOnClosedOutput();

const MODERATOR_ROLE = 'Moderator';
/** The default guild, with a bystander as its first member: Discord gives the owner every permission. */
const PLAYGROUND_GUILD: GuildSeed = { ...DEFAULT_GUILD, members: [{ user: { username: 'owner' } }, ...(DEFAULT_GUILD.members ?? [])] };
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

// Registered first, so that no way out (a quit, Ctrl-C, a signal, an error) leaves the database behind.
const scratch = mkdtempSync(join(tmpdir(), 'paa-playground-'));
const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
process.on('exit', removeScratch);

const interactive = process.stdin.isTTY === true;
const write = (text: string) => console.log(text);
const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
const input = new ReadlineSource(lines, interactive, write);
// Ctrl-C at the prompt leaves like Ctrl-D and /quit.
lines.on('SIGINT', () => {
  process.stdout.write('\n');
  input.close();
});
let exitCode = 0;
for (const signal of Object.keys(SIGNAL_EXIT)) {
  process.on(signal, () => {
    // The first signal ends the session as /quit does; a second one exits at once.
    if (exitCode !== 0) process.exit(SIGNAL_EXIT[signal]);
    exitCode = SIGNAL_EXIT[signal]!;
    input.close();
  });
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const sim = await startSimulator({ guilds: [PLAYGROUND_GUILD] });
const guildId = sim.guildId(PLAYGROUND_GUILD.name);
const general = sim.channelId('general', guildId);
let config: Config;
let app: App;
try {
  config = loadConfig({
    DISCORD_TOKEN: 'playground-token',
    DISCORD_CLIENT_ID: sim.applicationId,
    DISCORD_GUILD_ID: guildId,
    DISCORD_API_URL: sim.apiUrl,
    WATCH_CHANNEL_IDS: general,
    DATABASE_URL: `sqlite:${join(scratch, 'paa.db')}`,
    LOG_LEVEL: 'error',
    KNOWLEDGE_DIR: process.env.KNOWLEDGE_DIR,
  });
  app = await createApp(config, createLogger(config.logLevel));
} catch (error) {
  await sim.close();
  if (error instanceof ConfigError) fail(error.message);
  if (error instanceof KnowledgeError) fail(`The knowledge in KNOWLEDGE_DIR cannot be loaded: ${error.message}`);
  if (error instanceof StoreError) fail(error.message);
  throw error;
}

const ready = new Promise((resolve) => app.client.once('clientReady', resolve));
await app.client.login(config.discord.token);
await ready;
await sim.waitForCommands(
  botCommands().map((c) => c.name),
  { guildId },
);

// The first question costs the matcher about a second of warming up; pay it before the first prompt, so the first
// answer is as quick as the rest (and arrives before the playground moves on).
await sim.autocomplete({ channelId: general, userId: sim.userId('owner'), name: 'ask', options: { question: 'how do i warm up' }, focused: 'question' }).choices();
const session = new PlaygroundSession({
  sim,
  guildId,
  channelId: general,
  user: 'alice',
  moderatorRole: MODERATOR_ROLE,
  input,
  write: (text) => input.print(text),
  downloads: join(scratch, 'downloads'),
  // npm runs scripts from the package folder; INIT_CWD is where the user typed `npm run playground`.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});

write(
  [
    `paa-bot playground: the real bot on a local Discord (${sim.apiUrl}); nothing leaves this machine.`,
    `You are alice, a member, in #general of ${PLAYGROUND_GUILD.name}. bob is a moderator: /as bob (or /mod on) to try /faq.`,
    `Type a question to post it, /ask <question> to ask with the slash command, /help for every command, /quit to leave.`,
    `The database is temporary (${scratch}) and is removed when you leave.`,
    '',
  ].join('\n'),
);

try {
  for (;;) {
    const line = await input.next(session.prompt());
    if (line === undefined || (await session.handle(line)) === 'quit') break;
  }
} finally {
  input.close();
  await app.close();
  await sim.close();
  removeScratch();
}
if (interactive) write('Bye: the temporary database is gone.');
process.exit(exitCode);
