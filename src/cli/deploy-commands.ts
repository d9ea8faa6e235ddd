import { ConfigError, loadConfig, loadDotenv } from '../config.js';
import { deployCommands } from '../discord/deploy.js';
import { createLogger } from '../log.js';

/** `npm run deploy-commands`: registers the slash commands (guild or global) without starting the bot. */
loadDotenv();
try {
  const config = loadConfig();
  const count = await deployCommands(config.discord, createLogger(config.logLevel));
  console.log(`Registered ${count} command(s) ${config.discord.guildId ? `in guild ${config.discord.guildId}` : 'globally (may take up to an hour to appear)'}.`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    console.error(`Could not register commands: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
