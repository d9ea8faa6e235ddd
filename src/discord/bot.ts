import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { BotContext } from './context.js';
import { deployCommands } from './deploy.js';
import { routeInteraction } from './handlers/interactions.js';
import { createMessageHandler } from './handlers/messages.js';
import { InFlight } from './in-flight.js';
import { NO_MENTIONS } from './reply.js';

/**
 * The discord.js client with every handler attached. Login is left to the caller, so tests and the playground
 * can start the same bot against the local simulator. Every interaction and message handler runs through
 * `inFlight`, so shutdown can wait for the ones already received.
 */
export function createBot(ctx: BotContext, inFlight: InFlight = new InFlight()): Client {
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      // Privileged: needed to read plain messages in watched channels. Mentions and /ask work without it.
      ...(ctx.config.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.Channel],
    rest: { api: ctx.config.discord.apiUrl },
    // A second guard behind reply.ts: even a message built elsewhere pings nobody.
    allowedMentions: NO_MENTIONS,
  });

  client.once(Events.ClientReady, async (ready) => {
    ctx.log.info({ event: 'ready', user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord');
    try {
      await deployCommands(ctx.config.discord, ctx.log, ready.rest);
    } catch (error) {
      ctx.log.error({ event: 'commands-deploy-failed', err: error }, 'could not register commands; /ask may be missing');
    }
  });
  client.on(Events.InteractionCreate, (interaction) => void inFlight.track(routeInteraction(interaction, ctx)));
  const handleMessage = createMessageHandler(ctx);
  client.on(Events.MessageCreate, (message) => void inFlight.track(handleMessage(message)));
  client.on(Events.ShardDisconnect, (event, shardId) => ctx.log.warn({ event: 'disconnected', code: event.code, shardId }, 'gateway closed'));
  client.on(Events.ShardResume, (shardId, replayed) => ctx.log.info({ event: 'resumed', shardId, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, (shardId) => ctx.log.info({ event: 'reconnecting', shardId }, 'gateway reconnecting'));
  client.on(Events.Error, (error) => ctx.log.error({ event: 'client-error', err: error }, 'discord.js error'));
  client.rest.on('rateLimited', (info) => ctx.log.warn({ event: 'rate-limited', route: info.route, retryAfter: info.retryAfter, global: info.global }, 'REST rate limit'));
  return client;
}
