import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import type { FileInput, StoredFile } from '../simulator/index.js';
import { PlaygroundInputError } from './playground-commands.js';
import type { SavedFile } from './playground-render.js';

/**
 * Files in the playground, both ways: a path typed for an attachment option, read as Discord's client would upload
 * it, and the files the bot sends, saved in the playground's temporary folder and copied out with `/save <n> <path>`.
 */

/**
 * Discord's upload limit for a server without boosts, which is also what the simulator reports as an interaction's
 * attachment_size_limit; Discord's client refuses a bigger file before sending anything.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = { '.yaml': 'application/x-yaml', '.yml': 'application/x-yaml', '.json': 'application/json', '.md': 'text/markdown', '.txt': 'text/plain' };

/** A typed path, quoted or not, with `~` for the home folder, relative to `cwd`. */
function expandPath(path: string, cwd: string): string {
  const unquoted = path.replace(/^(["'])(.*)\1$/, '$2');
  return resolve(cwd, unquoted.replace(/^~(?=$|\/)/, homedir()));
}

/** A file path typed for an attachment option, read as Discord's client would upload it. */
export function readAttachment(typed: string, cwd: string): FileInput {
  const path = expandPath(typed, cwd);
  let bytes: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new PlaygroundInputError(`${path} is a folder; give a file.`);
    bytes = stat.size;
  } catch (error) {
    if (error instanceof PlaygroundInputError) throw error;
    throw new PlaygroundInputError(`There is no file ${path}${path === typed ? '' : ` (read from ${cwd})`}.`);
  }
  if (bytes > ATTACHMENT_MAX_BYTES) {
    throw new PlaygroundInputError(`${basename(path)} is ${(bytes / 1024 / 1024).toFixed(1)} MB; Discord takes files of at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB here.`);
  }
  const type = CONTENT_TYPES[extname(path).toLowerCase()];
  return { name: basename(path), content: readFileSync(path), ...(type ? { contentType: type } : {}) };
}

/** The files the bot has sent this session, numbered from 1 in the order they arrived. */
export class Downloads {
  private readonly files: SavedFile[] = [];

  /**
   * @param folder Where files the bot sends are saved (inside the playground's temporary folder).
   * @param cwd What relative paths given to `/save` are read from.
   */
  constructor(
    private readonly folder: string,
    private readonly cwd: string,
    private readonly say: (text: string) => void,
  ) {}

  /** Saves the files attached to one bot message, each under its own name (`faq-2.yaml` when `faq.yaml` is taken). */
  saveAll(stored: readonly StoredFile[]): SavedFile[] {
    if (stored.length === 0) return [];
    mkdirSync(this.folder, { recursive: true });
    return stored.map((file) => {
      const name = basename(file.filename) || 'file';
      let path = join(this.folder, name);
      for (let i = 2; existsSync(path); i++) path = join(this.folder, `${basename(name, extname(name))}-${i}${extname(name)}`);
      writeFileSync(path, file.data);
      const saved: SavedFile = { number: this.files.length + 1, name, bytes: file.data.length, path };
      this.files.push(saved);
      return saved;
    });
  }

  /** `/save <n> <path>`: copies file n to a path, or into a folder under its own name. */
  save(words: string[]): void {
    const [n = '', ...pathWords] = words;
    const file = this.files[Number(n) - 1];
    const target = pathWords.join(' ');
    if (!/^\d+$/.test(n) || !file || target === '') {
      this.say(`✗ /save <n> <path>: n is the 📎 number of a file the bot sent${this.files.length > 0 ? ` (1 to ${this.files.length})` : '; it has sent none yet'}.`);
      return;
    }
    let path = expandPath(target, this.cwd);
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, file.name);
    try {
      copyFileSync(file.path, path);
    } catch (error) {
      throw new PlaygroundInputError(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    this.say(`Saved ${file.name} as ${path}.`);
  }
}
