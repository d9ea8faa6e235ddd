import { messageMenuNames, usageLines, type CommandDefinition } from './playground-commands.js';
import { dim } from './playground-render.js';

/**
 * The whole of /help: the bot's commands as it defines them, its Apps actions, and the playground's own. The bot's
 * part is read from its definitions; the playground's part is written out here, so a command added to the session's
 * dispatch (playground-session.ts) needs its line here too.
 */
export function helpText(defs: CommandDefinition[]): string {
  const usage = usageLines(defs);
  const width = Math.min(60, Math.max(...usage.map((u) => u.usage.length)));
  const menus = messageMenuNames(defs);
  return [
    `Type a message to post it in #general (a watched channel: the bot answers confident questions), or:`,
    `  @bot <question>      mention the bot`,
    ``,
    `The bot's commands (from its own definitions; Discord's limits apply):`,
    ...usage.map((u) => `  ${u.usage.padEnd(width)}  ${dim(u.description)}`),
    dim(`  The first option needs no name: /ask is netflix coded in python?  ·  /faq edit <entry id>. Forms ask field by field.`),
    ``,
    `Apps on a message (right-click → Apps in Discord; n is the #number beside a message):`,
    `  ${menus.map((m) => `/menu <n> ${m}`).join('    ')}`,
    ``,
    `The playground:`,
    `  /as <user>           be someone else: alice (a member), bob (a moderator), or a new name`,
    `  /mod on|off          give or take your Moderator role (Manage Server): moderators may use /faq`,
    `  /press <n>           press button n, or choose in select menu n, of the bot's last messages`,
    `  /complete <command>  what autocomplete offers, e.g. /complete /faq edit entry:availability (or /complete <question>)`,
    `  /pick <n>            send that command with autocomplete choice n`,
    `  /save <n> <path>     keep a copy of file n the bot sent (they are saved in a temporary folder)`,
    `  /private <question>  /ask with private:true`,
    `  /help, /quit         (Ctrl-D or Ctrl-C quits too; the temporary database goes with it)`,
  ].join('\n');
}
