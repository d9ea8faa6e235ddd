import type { APIMessage } from 'discord.js';

/**
 * How the playground shows a bot message in a terminal: embed title, text and footer in a box, buttons numbered
 * so they can be pressed with `/press <n>`.
 */
export interface RenderedButton {
  label: string;
  customId: string;
}

const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[22m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\u001b[2m${s}\u001b[22m` : s);

export function renderMessage(message: APIMessage, ephemeral: boolean, firstButton: number): { text: string; buttons: RenderedButton[] } {
  const lines: string[] = [];
  lines.push(`${bold(`🤖 ${message.author.username}`)}${ephemeral ? dim(' (only you can see this)') : ''}`);
  if (message.content) lines.push(...markdown(message.content).split('\n').map((l) => `  ${l}`));
  for (const embed of message.embeds) {
    if (embed.title) lines.push(`  ┌ ${bold(embed.title)}`);
    for (const line of markdown(embed.description ?? '').split('\n')) lines.push(`  │ ${line}`);
    if (embed.footer?.text) lines.push(`  └ ${dim(embed.footer.text)}`);
  }
  const buttons: RenderedButton[] = [];
  for (const row of message.components ?? []) {
    const cells: string[] = [];
    for (const component of 'components' in row ? row.components : []) {
      if (!('custom_id' in component) || typeof component.custom_id !== 'string') continue;
      const label = ('label' in component && component.label) || ('emoji' in component && component.emoji?.name) || component.custom_id;
      buttons.push({ label: String(label), customId: component.custom_id });
      cells.push(`[${firstButton + buttons.length - 1}] ${label}`);
    }
    if (cells.length > 0) lines.push(`  ${cells.join('   ')}`);
  }
  return { text: lines.join('\n'), buttons };
}

/** Discord Markdown, made readable in a terminal: bold kept as bold, list markers as they are. */
function markdown(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, (_, inner: string) => bold(inner));
}
