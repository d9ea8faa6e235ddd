import { fstatSync, openSync, readSync } from 'node:fs';

/**
 * Binary search over WordNet's sorted text files. Every index.* and *.exc file, and index.sense, is one record
 * a line, sorted by its first field in plain byte order (checked with `LC_ALL=C sort -c`), so a lookup reads
 * about log2(size) lines and nothing needs parsing up front. The licence header of index.* is indented with
 * spaces, so its empty first field sorts before every lemma and never matches one.
 */

/** Where a file's bytes come from: held in memory, or read from disk on demand. */
export interface LineSource {
  readonly size: number;
  /**
   * The first line that starts at or after `offset`: where it starts and its bytes without the newline
   * (start === size past the last line). The bytes are only valid until the next call: a file source reuses
   * its read buffer.
   */
  lineFrom(offset: number): { start: number; bytes: Buffer };
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
const EMPTY = Buffer.alloc(0);

/** A file held whole: for the index files, searched on every word. */
export class BufferLines implements LineSource {
  readonly size: number;

  constructor(private readonly buffer: Buffer) {
    this.size = buffer.length;
  }

  lineFrom(offset: number): { start: number; bytes: Buffer } {
    if (offset >= this.size) return { start: this.size, bytes: EMPTY };
    let start = 0;
    if (offset > 0) {
      const newline = this.buffer.indexOf(NEWLINE, offset - 1);
      if (newline < 0) return { start: this.size, bytes: EMPTY };
      start = newline + 1;
    }
    const newline = this.buffer.indexOf(NEWLINE, start);
    return { start, bytes: this.buffer.subarray(start, newline < 0 ? this.size : newline) };
  }
}

/**
 * A file read with pread on demand: for the data files (22 MB, of which a lookup needs one line) and for
 * index.sense (7 MB, needed only when synonyms are asked for). The OS page cache keeps the hot parts.
 */
export class FileLines implements LineSource {
  readonly size: number;
  private readonly fd: number;
  private scratch = Buffer.allocUnsafe(512);

  constructor(path: string) {
    // Kept open for the process's life: the module is a process-wide singleton, like the files it reads.
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  lineFrom(offset: number): { start: number; bytes: Buffer } {
    if (offset >= this.size) return { start: this.size, bytes: EMPTY };
    // Reading from the byte before `offset` tells whether `offset` itself starts a line.
    const begin = offset === 0 ? 0 : offset - 1;
    for (let length = this.scratch.length; ; length *= 2) {
      if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(length);
      const read = readSync(this.fd, this.scratch, 0, length, begin);
      const chunk = this.scratch.subarray(0, read);
      const reachesEnd = begin + read >= this.size;
      let startInChunk = 0;
      if (offset > 0) {
        const newline = chunk.indexOf(NEWLINE);
        if (newline < 0) {
          if (reachesEnd) return { start: this.size, bytes: EMPTY };
          continue;
        }
        startInChunk = newline + 1;
      }
      const end = chunk.indexOf(NEWLINE, startInChunk);
      if (end >= 0 || reachesEnd) {
        return { start: begin + startInChunk, bytes: chunk.subarray(startInChunk, end >= 0 ? end : read) };
      }
      // The line goes on past this chunk (synset lines of very general nouns run to kilobytes): read more.
    }
  }
}

/** Compares a line's first field (up to its first space) with `target`, byte by byte. */
function compareFirstField(line: Buffer, target: Buffer): number {
  for (let i = 0; i < target.length; i++) {
    if (i >= line.length || line[i] === SPACE) return -1;
    const difference = line[i]! - target[i]!;
    if (difference !== 0) return difference;
  }
  return target.length < line.length && line[target.length] !== SPACE ? 1 : 0;
}

export class SortedLines {
  constructor(private readonly source: LineSource) {}

  /** Every line whose first field is `key`, in file order (the exception lists repeat a few keys). */
  linesWithKey(key: string): string[] {
    // An empty key would match the licence header's empty first field.
    if (key === '') return [];
    const target = Buffer.from(key, 'latin1');
    return this.collectFrom(target, (bytes) => compareFirstField(bytes, target) === 0);
  }

  /** Is there a line whose first field is `key`? (No string is made of it.) */
  hasKey(key: string): boolean {
    if (key === '') return false;
    const target = Buffer.from(key, 'latin1');
    const { start, bytes } = this.source.lineFrom(this.lowerBound(target));
    return start < this.source.size && compareFirstField(bytes, target) === 0;
  }

  /** Every line whose first field starts with `prefix` ("start%" finds start's sense keys in index.sense). */
  linesWithPrefix(prefix: string): string[] {
    if (prefix === '') return [];
    const target = Buffer.from(prefix, 'latin1');
    return this.collectFrom(target, (bytes) => bytes.length >= target.length && bytes.subarray(0, target.length).equals(target));
  }

  private collectFrom(target: Buffer, belongs: (bytes: Buffer) => boolean): string[] {
    const lines: string[] = [];
    let position = this.lowerBound(target);
    while (position < this.source.size) {
      const { start, bytes } = this.source.lineFrom(position);
      if (start >= this.source.size || !belongs(bytes)) break;
      lines.push(bytes.toString('latin1'));
      position = start + bytes.length + 1;
    }
    return lines;
  }

  /** Where the first line whose first field is >= target starts (or the size, if none is). */
  private lowerBound(target: Buffer): number {
    // Invariant: `low` is a line start, every line before it sorts below target, and the answer is a line
    // start in [low, high] — or `high` was moved to a midpoint with no line start between it and the old high.
    let low = 0;
    let high = this.source.size;
    while (low < high) {
      const middle = low + Math.floor((high - low) / 2);
      const { start, bytes } = this.source.lineFrom(middle);
      if (start >= high) high = middle;
      else if (compareFirstField(bytes, target) < 0) low = start + bytes.length + 1;
      else high = start;
    }
    return low;
  }
}
