import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { APIMessage } from 'discord.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createApp, type App } from '../app.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { createLogger } from '../log.js';
import { startSimulator, type RecordedMessage } from '../simulator/index.js';
import { renderMessage, type RenderedButton } from './playground-render.js';

/**
 * `npm run playground`: the real bot, logged in to the local Discord simulator, and a chat in the terminal.
 * You are "alice" in #general of "Test Guild" (a watched channel). Nothing leaves this machine.
 * KNOWLEDGE_DIR from the environment picks the knowledge folder it serves (default: the shipped knowledge/); the
 * rest of the settings are the playground's own, so a real token in .env is never read.
 */
const HELP = `Type a message to post it in #general (a watched channel: the bot answers confident questions), or:
  /ask <question>        the /ask slash command           /private <question>  /ask with private:true
  @bot <question>        mention the bot                  /complete <text>     what autocomplete offers
  /press <n>             press button n                   /help, /quit`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const sim = await startSimulator();
const guildId = sim.guildId('Test Guild');
const general = sim.channelId('general');
const alice = sim.userId('alice');
let config: Config;
let app: App;
try {
  config = loadConfig({
    DISCORD_TOKEN: 'playground-token',
    DISCORD_CLIENT_ID: sim.applicationId,
    DISCORD_GUILD_ID: guildId,
    DISCORD_API_URL: sim.apiUrl,
    WATCH_CHANNEL_IDS: general,
    DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'paa-playground-')), 'paa.db')}`,
    LOG_LEVEL: 'error',
    KNOWLEDGE_DIR: process.env.KNOWLEDGE_DIR,
  });
  app = createApp(config, createLogger(config.logLevel));
} catch (error) {
  await sim.close();
  if (error instanceof ConfigError) fail(error.message);
  if (error instanceof KnowledgeError) fail(`The knowledge base cannot be loaded:\n${error.message}`);
  throw error;
}
const { client } = app;

let buttons: { button: RenderedButton; message: APIMessage }[] = [];
let pending = 0;
let idle: (() => void) | undefined;
sim.on('message', (recorded: RecordedMessage) => {
  const { text, buttons: rendered } = renderMessage(recorded.message, recorded.ephemeral, buttons.length + 1);
  buttons.push(...rendered.map((button) => ({ button, message: recorded.message })));
  console.log(`\n${text}\n`);
});

const ready = new Promise((resolve) => client.once('clientReady', resolve));
await client.login(config.discord.token);
await ready;
await sim.waitForCommands(['ask'], { guildId });
console.log(`paa-bot playground: the real bot on a local Discord (${sim.apiUrl}).\n${HELP}\n`);

/** Waits until the bot has answered (or clearly will not), so scripted input reads in order. */
async function track(work: Promise<unknown>): Promise<void> {
  pending++;
  try {
    await work;
  } catch (error) {
    console.log(`  (${(error as Error).message})`);
  } finally {
    pending--;
    if (pending === 0) idle?.();
  }
}
const quiet = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function handle(line: string): Promise<boolean> {
  const text = line.trim();
  if (text === '') return true;
  if (text === '/quit' || text === '/exit') return false;
  if (text === '/help') console.log(HELP);
  else if (text.startsWith('/ask ') || text.startsWith('/private ')) {
    const [command, ...rest] = text.split(' ');
    buttons = [];
    const handleAsk = sim.slashCommand({ channelId: general, userId: alice, name: 'ask', options: { question: rest.join(' '), ...(command === '/private' ? { private: true } : {}) } });
    await track(handleAsk.response());
  } else if (text.startsWith('/complete ')) {
    const choices = await sim.autocomplete({ channelId: general, userId: alice, name: 'ask', options: { question: text.slice(10) }, focused: 'question' }).choices();
    console.log(choices.map((c, i) => `  ${i + 1}. ${c.name}`).join('\n') || '  (no choices)');
  } else if (text.startsWith('/press ')) {
    const chosen = buttons[Number(text.slice(7)) - 1];
    if (!chosen) console.log(`  No button ${text.slice(7)}; buttons are numbered in the bot's last messages.`);
    else {
      buttons = [];
      await track(sim.clickButton({ message: chosen.message, customId: chosen.button.customId, userId: alice }).response());
    }
  } else {
    const content = text.replace(/^@bot\b/, `<@${sim.botUser.id}>`);
    buttons = [];
    sim.sendMessage({ channelId: general, authorId: alice, content });
    // A plain message may get no reply at all (the bot stays quiet when unsure): give it a moment.
    await quiet(400);
  }
  return true;
}

const interactive = process.stdin.isTTY === true;
const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
lines.setPrompt('you> ');
if (interactive) lines.prompt();
for await (const line of lines) {
  // Scripted input (a pipe) is echoed, so the transcript reads as a conversation.
  if (!interactive) console.log(`you> ${line}`);
  if (!(await handle(line))) break;
  await quiet(50);
  if (interactive) lines.prompt();
}
if (pending > 0) await new Promise<void>((resolve) => (idle = resolve));
await app.close();
await sim.close();
process.exit(0);
