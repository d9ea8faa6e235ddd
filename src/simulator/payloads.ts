import type { SimChannel, SimGuild, SimState } from './state.js';
import { SimChannelType } from './types.js';

/** A JSON object sent to the client; the shapes follow Discord's documented objects. */
export type Json = Record<string, unknown>;

export function isThread(channel: SimChannel): boolean {
  return channel.type === SimChannelType.PublicThread || channel.type === SimChannelType.PrivateThread;
}

export function apiChannel(state: SimState, ch: SimChannel): Json {
  if (ch.type === SimChannelType.DM) {
    return {
      id: ch.id,
      type: ch.type,
      last_message_id: ch.lastMessageId,
      flags: 0,
      recipients: ch.recipientIds.map((id) => state.apiUser(id)),
    };
  }
  const base: Json = {
    id: ch.id,
    type: ch.type,
    guild_id: ch.guildId,
    name: ch.name,
    parent_id: ch.parentId,
    position: ch.position,
    permission_overwrites: [],
    nsfw: ch.nsfw,
    rate_limit_per_user: 0,
    flags: 0,
  };
  if (isThread(ch)) {
    return {
      ...base,
      owner_id: ch.ownerId,
      last_message_id: ch.lastMessageId,
      message_count: ch.messageCount,
      total_message_sent: ch.messageCount,
      member_count: 1,
      applied_tags: ch.appliedTags ?? [],
      thread_metadata: {
        archived: ch.archived ?? false,
        auto_archive_duration: 4320,
        archive_timestamp: ch.createdAt,
        locked: ch.locked ?? false,
        create_timestamp: ch.createdAt,
      },
    };
  }
  if (ch.type === SimChannelType.GuildForum) {
    return {
      ...base,
      topic: ch.topic,
      last_message_id: ch.lastMessageId,
      available_tags: ch.availableTags,
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
      default_thread_rate_limit_per_user: 0,
    };
  }
  if (ch.type === SimChannelType.GuildCategory) return base;
  return { ...base, topic: ch.topic, last_message_id: ch.lastMessageId };
}

/** The guild object as GET /guilds/:id returns it (no channels or members). */
export function restGuild(state: SimState, g: SimGuild): Json {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...g.roles.values()].map((r) => state.apiRole(r)),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: g.preferredLocale,
    nsfw_level: 0,
    max_members: 500000,
    max_video_channel_users: 25,
    approximate_member_count: g.members.size,
    approximate_presence_count: 0,
    incidents_data: null,
    hub_type: null,
  };
}

/**
 * GUILD_CREATE's payload. Discord sends the full member list only for small guilds (and, without
 * the GuildMembers intent, only the bot itself and voice members); the simulator's guilds are small.
 */
export function guildCreate(state: SimState, g: SimGuild, intents: number): Json {
  const channels = g.channelIds.map((id) => state.requireChannel(id));
  const memberIds = intents & (1 << 1) ? [...g.members.keys()] : [state.botUser.id];
  return {
    ...restGuild(state, g),
    joined_at: g.members.get(state.botUser.id)?.joinedAt ?? new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: g.members.size,
    voice_states: [],
    members: memberIds.map((id) => state.apiMember(g.id, id)),
    channels: channels.filter((c) => !isThread(c)).map((c) => apiChannel(state, c)),
    threads: channels.filter((c) => isThread(c)).map((c) => apiChannel(state, c)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
  };
}
