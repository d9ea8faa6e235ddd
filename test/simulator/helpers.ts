import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Simulator } from '../../src/simulator/index.js';

/**
 * Logs a real discord.js Client into the simulator and resolves once it is ready.
 * The only Client option the simulator needs is `rest.api`; the gateway URL comes from /gateway/bot.
 */
export async function loginClient(sim: Simulator, options: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    ...options,
    rest: { api: sim.apiUrl, ...options.rest },
  });
  const ready = new Promise<Client<true>>((resolve) => client.once('clientReady', (c) => resolve(c)));
  await client.login('simulated-token');
  return ready;
}
