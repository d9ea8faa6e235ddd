import { clearLine, cursorTo, type Interface } from 'node:readline';
import type { LineSource } from './playground-modal.js';

/**
 * Typed lines, one at a time, from a readline interface: the playground's main loop and its form prompts read from
 * the same queue, so a script piped in fills a form with the lines after the command that opened it. Piped lines
 * are echoed after their prompt, so a transcript reads as a conversation.
 */
export class ReadlineSource implements LineSource {
  private readonly queue: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;

  constructor(
    private readonly lines: Interface,
    private readonly interactive: boolean,
    private readonly write: (text: string) => void,
  ) {
    lines.on('line', (line) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(line);
      else this.queue.push(line);
    });
    lines.on('close', () => {
      this.ended = true;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(undefined);
    });
  }

  /**
   * Prints a line. At a terminal, output that arrives while the prompt waits (a late answer) is printed above the
   * prompt, which is drawn again with what was typed so far.
   */
  print(text: string): void {
    if (!this.interactive || !this.waiting) {
      this.write(text);
      return;
    }
    clearLine(process.stdout, 0);
    cursorTo(process.stdout, 0);
    this.write(text);
    this.lines.prompt(true);
  }

  next(prompt: string): Promise<string | undefined> {
    const echo = (line: string | undefined) => {
      if (!this.interactive && line !== undefined) this.write(`${prompt}${line}`);
      return line;
    };
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(echo(queued));
    if (this.ended) return Promise.resolve(undefined);
    if (this.interactive) {
      this.lines.setPrompt(prompt);
      this.lines.prompt();
    }
    return new Promise((resolve) => (this.waiting = (line) => resolve(echo(line))));
  }

  /** Ends the input: the next `next()` resolves undefined, as after Ctrl-D. */
  close(): void {
    this.lines.close();
  }
}
