import { PermissionFlagsBits } from 'discord.js';
import type { Simulator } from '../simulator/index.js';
import type { CommandDefinition } from './playground-commands.js';
import { dim } from './playground-render.js';

/**
 * Who is typing: the server member the playground acts as, switched with `/as <user>`, and whether they hold the
 * Moderator role (`/mod on|off`), which decides what Discord would show them and what the bot lets them do.
 */
export class PlaygroundUser {
  private userId: string;
  private username: string;

  /**
   * @param moderatorRole The role `/mod on` gives and `/mod off` takes (it carries Manage Server).
   * @param username The username typing at first.
   */
  constructor(
    private readonly sim: Simulator,
    private readonly guildId: string,
    private readonly moderatorRole: string,
    username: string,
    private readonly say: (text: string) => void,
  ) {
    this.username = username;
    this.userId = sim.userId(username);
  }

  /** The Discord user id of whoever is typing now. */
  get id(): string {
    return this.userId;
  }

  get name(): string {
    return this.username;
  }

  /** `/as <user>`: become a member by name, joining the server under that name if no one has it. */
  switchTo(name: string): void {
    const username = name.replace(/^@/, '').trim();
    if (!/^[a-z0-9_.]{2,32}$/i.test(username)) {
      this.say('✗ /as <user>: alice (a member), bob (a moderator), or a new name of 2 to 32 letters, digits, _ or .');
      return;
    }
    let id: string;
    try {
      id = this.sim.userId(username);
      this.sim.memberRoles(this.guildId, id);
    } catch {
      id = this.sim.addMember(this.guildId, { user: { username } });
    }
    this.userId = id;
    this.username = username;
    this.say(this.whoAmI());
  }

  /** `/mod on`, `/mod off`, or `/mod` alone to be told who one is. */
  setModerator(setting: string): void {
    const { sim, guildId, moderatorRole } = this;
    const roles = sim.memberRoles(guildId, this.userId).filter((r) => r !== moderatorRole);
    if (setting === 'on') sim.setMemberRoles(guildId, this.userId, [...roles, moderatorRole]);
    else if (setting === 'off') sim.setMemberRoles(guildId, this.userId, roles);
    else if (setting !== '') {
      this.say('✗ /mod on or /mod off.');
      return;
    }
    this.say(this.whoAmI());
  }

  isModerator(): boolean {
    return (this.permissions() & PermissionFlagsBits.ManageGuild) !== 0n;
  }

  /** Discord shows a command only to members with its default_member_permissions; the playground sends it anyway. */
  noteHidden(definition: CommandDefinition): void {
    if (definition.default_member_permissions === undefined || definition.default_member_permissions === null) return;
    const needed = BigInt(definition.default_member_permissions);
    const have = this.permissions();
    if ((have & needed) === needed || (have & PermissionFlagsBits.Administrator) !== 0n) return;
    const label = definition.type === 3 ? `Apps → ${definition.name}` : `/${definition.name}`;
    this.say(dim(`(Discord shows ${label} only to moderators; sent anyway, as on a server that made it visible to everyone. /mod on makes you one.)`));
  }

  private whoAmI(): string {
    const roles = this.sim.memberRoles(this.guildId, this.userId);
    const has = roles.length > 0 ? ` with the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}` : '';
    return this.isModerator()
      ? `You are ${this.username}${has}: a moderator (Manage Server), so /faq and the Apps actions work. /mod off makes you a member.`
      : `You are ${this.username}${has}: a member, so Discord hides /faq and the bot refuses it. /mod on makes you a moderator.`;
  }

  private permissions(): bigint {
    return this.sim.memberPermissions(this.guildId, this.userId);
  }
}
