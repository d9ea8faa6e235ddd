import { Client, Events, GatewayIntentBits, Options, Partials, ShardClientUtil } from 'discord.js';
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
 *
 * With `config.sharding` the client connects exactly those shards (`shards`, with the total as `shardCount`), all
 * in this one process; without it, one unsharded connection as before. The shards of a bot are split among
 * processes by giving each its own SHARD_IDS, rather than by discord.js's ShardingManager: each process is then a
 * plain `node dist/index.js` that systemd, Docker or any process manager runs and signals directly, so SIGTERM
 * reaches the bot itself and its clean shutdown (src/index.ts, and the orphan watch under `npm start`) works
 * unchanged, with no manager process in between to pass signals on, restart children or die leaving them behind;
 * and machines split the shards simply by what each is given.
 */
export function createBot(ctx: BotContext, inFlight: InFlight = new InFlight()): Client {
  const sharding = ctx.config.sharding;
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      // Privileged: needed to read plain messages in watched channels. Mentions and /ask work without it.
      ...(ctx.config.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.Channel],
    // No message cache: every handler gets the message it needs from its own event, and discord.js would otherwise
    // keep the last 200 messages of every channel the bot sees (memory that grows with the servers, and ~0.2 ms
    // per answer under load to store its own replies).
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    rest: { api: ctx.config.discord.apiUrl },
    // A second guard behind reply.ts: even a message built elsewhere pings nobody.
    allowedMentions: NO_MENTIONS,
    // Both, always: given `shards` alone, discord.js takes the total from SHARD_COUNT in its environment if there
    // is one, else from how many shards it was given (shards [1] would identify as [1, 1]). With both it reads
    // neither, and @discordjs/ws identifies each shard as [id, shardCount], pacing their identifies by the
    // max_concurrency in GET /gateway/bot (5 s apart for most bots); other processes' shards it does not see.
    ...(sharding && { shards: sharding.ids, shardCount: sharding.count }),
  });

  // Handlers log with the shard of the server the event came from (DMs arrive on shard 0), when sharded.
  const perShard = new Map<number, { ctx: BotContext; handleMessage: ReturnType<typeof createMessageHandler> }>();
  const forShard = (guildId: string | null) => {
    const shardId = sharding && guildId !== null ? ShardClientUtil.shardIdForGuildId(guildId, sharding.count) : 0;
    let entry = perShard.get(shardId);
    if (!entry) {
      const shardCtx = sharding ? { ...ctx, log: ctx.log.child({ shardId }) } : ctx;
      entry = { ctx: shardCtx, handleMessage: createMessageHandler(shardCtx) };
      perShard.set(shardId, entry);
    }
    return entry;
  };

  client.once(Events.ClientReady, async (ready) => {
    const shards = sharding && { shards: sharding.ids, shardCount: sharding.count };
    ctx.log.info({ event: 'ready', user: ready.user.tag, guilds: ready.guilds.cache.size, ...shards }, 'connected to Discord');
    try {
      await deployCommands(ctx.config.discord, ctx.log, ready.rest);
    } catch (error) {
      ctx.log.error({ event: 'commands-deploy-failed', err: error }, 'could not register commands; /ask may be missing');
    }
  });
  client.on(Events.InteractionCreate, (interaction) => void inFlight.track(routeInteraction(interaction, forShard(interaction.guildId).ctx)));
  client.on(Events.MessageCreate, (message) => void inFlight.track(forShard(message.guildId).handleMessage(message)));
  if (sharding) {
    client.on(Events.ShardReady, (shardId) =>
      ctx.log.info({ event: 'shard-ready', shardId, shardCount: sharding.count, guilds: client.guilds.cache.filter((g) => g.shardId === shardId).size }, 'shard connected'),
    );
  }
  client.on(Events.ShardDisconnect, (event, shardId) => ctx.log.warn({ event: 'disconnected', code: event.code, shardId }, 'gateway closed'));
  client.on(Events.ShardResume, (shardId, replayed) => ctx.log.info({ event: 'resumed', shardId, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, (shardId) => ctx.log.info({ event: 'reconnecting', shardId }, 'gateway reconnecting'));
  client.on(Events.Error, (error) => ctx.log.error({ event: 'client-error', err: error }, 'discord.js error'));
  client.rest.on('rateLimited', (info) => ctx.log.warn({ event: 'rate-limited', route: info.route, retryAfter: info.retryAfter, global: info.global }, 'REST rate limit'));
  return client;
}
