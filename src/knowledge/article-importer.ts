import type { Entry } from './entry.js';
import { KnowledgeError } from './errors.js';
import { fileTooLarge } from './limits.js';
import { slugify } from './slug.js';

/**
 * Turns a plain-text article into entries: every question-like heading becomes a question, the text under it
 * (paragraphs, lists, tables) its answer in Discord Markdown. The title counts as a heading when it is a question.
 *
 * A heading is a short line standing alone between blank lines with no sentence-ending full stop. Headings that
 * are not questions ("People Also Ask", "Conclusion") end the answer before them and start nothing.
 *
 * Throws a {@link KnowledgeError} naming the line when the article cannot be imported; it never returns a
 * partial result, so a caller that writes only on success writes all or nothing. An article over the import size
 * limit (limits.ts) is refused, as every import path refuses it.
 */
export function importArticle(text: string, options: { source?: string } = {}): Entry[] {
  const tooLarge = fileTooLarge('The article', Buffer.byteLength(text));
  if (tooLarge) throw tooLarge;
  if (text.includes('\u0000')) throw new KnowledgeError('not-text', 'The file is not text (it contains NUL bytes).');
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks = toBlocks(lines);
  if (blocks.length === 0) throw new KnowledgeError('empty-article', 'The article is empty.');

  const title = blocks[0]!.kind === 'heading' ? blocks[0]!.text : undefined;
  const source = options.source ?? title;
  const entries: Entry[] = [];
  const seen = new Map<string, number>();
  let current: { question: string; line: number; body: Block[] } | undefined;

  const finish = () => {
    if (!current) return;
    const answer = renderAnswer(current.body);
    if (answer === '') {
      throw new KnowledgeError('empty-answer', `Line ${current.line}: the question "${current.question}" has no answer under it.`);
    }
    const id = slugify(current.question);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new KnowledgeError('duplicate-question', `Line ${current.line}: "${current.question}" repeats the question on line ${earlier}.`);
    }
    seen.set(id, current.line);
    entries.push({ id, question: current.question, answer, alternates: [], tags: [], ...(source ? { source } : {}) });
    current = undefined;
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      finish();
      if (isQuestion(block.text)) current = { question: block.text, line: block.line, body: [] };
    } else if (current) {
      current.body.push(block);
    }
  }
  finish();

  if (entries.length === 0) {
    throw new KnowledgeError('no-questions', 'No question headings were found: a heading is a short line of its own ending in "?".');
  }
  return entries;
}

type Block =
  | { kind: 'heading'; text: string; line: number }
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'list'; ordered: boolean; items: string[]; line: number }
  | { kind: 'table'; rows: string[]; line: number };

const HEADING_MAX_CHARS = 120;
const BULLET = /^\s*[•\-*·▪◦]\s+/;
const NUMBERED = /^\s*(\d+)[.)]\s+/;

function isQuestion(text: string): boolean {
  return text.endsWith('?');
}

/** Groups lines into blocks separated by blank lines, classifying each one. */
function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    const blank = line === undefined || line.trim() === '';
    if (!blank && start === -1) start = i;
    if (blank && start !== -1) {
      blocks.push(classify(lines.slice(start, i), start + 1));
      start = -1;
    }
  }
  return blocks;
}

function classify(group: string[], line: number): Block {
  for (const [offset, text] of group.entries()) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) {
      throw new KnowledgeError('control-characters', `Line ${line + offset}: the line contains control characters.`);
    }
  }
  const trimmed = group.map((l) => l.trim());
  // Markdown headings ("## Is it…?") are headings whatever their length; the marks are not part of the text.
  const markdownHeading = trimmed.length === 1 ? /^#{1,6}\s+(.+)$/.exec(trimmed[0]!) : null;
  if (markdownHeading) return { kind: 'heading', text: markdownHeading[1]!.replace(/\s+#+$/, '').trim(), line };
  if (trimmed.length === 1 && looksLikeHeading(trimmed[0]!)) return { kind: 'heading', text: trimmed[0]!, line };
  if (trimmed.every((l) => BULLET.test(l))) {
    return { kind: 'list', ordered: false, items: trimmed.map((l) => l.replace(BULLET, '')), line };
  }
  if (trimmed.every((l) => NUMBERED.test(l))) {
    return { kind: 'list', ordered: true, items: trimmed.map((l) => l.replace(NUMBERED, '')), line };
  }
  if (trimmed.length >= 2 && trimmed.every((l) => l.length <= HEADING_MAX_CHARS && !/[.!?:]$/.test(l))) {
    return { kind: 'table', rows: trimmed, line };
  }
  return { kind: 'paragraph', text: trimmed.join(' '), line };
}

function looksLikeHeading(text: string): boolean {
  return text.length <= HEADING_MAX_CHARS && !/[.!:;,]$/.test(text);
}

function renderAnswer(body: Block[]): string {
  return body
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return block.text;
        case 'list':
          return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${boldLabel(item)}`).join('\n');
        case 'table':
          return renderTable(block.rows);
        case 'heading':
          return block.text;
      }
    })
    .join('\n\n')
    .trim();
}

/** "Scalability: Python supports…" → "**Scalability:** Python supports…", as the article's lists are label-led. */
function boldLabel(item: string): string {
  const match = /^([^:]{1,60}):\s+(.+)$/.exec(item);
  return match ? `**${match[1]}:** ${match[2]}` : item;
}

/**
 * Discord has no Markdown tables, and a monospaced code block wraps badly on phones, so each row becomes a line
 * "**Row label:** cell, cell, cell". Columns come from tabs, runs of spaces or pipes when the article kept
 * them; when it kept only single spaces, see {@link splitSingleSpacedRow}.
 */
function renderTable(rows: string[]): string {
  const [header, ...data] = rows;
  const explicit = rows.every((row) => /\t| {2,}|\|/.test(row));
  const split = explicit
    ? (row: string) => row.split(/\t+| {2,}|\s*\|\s*/).filter((c) => c !== '')
    : undefined;
  const headerCells = split ? split(header!) : splitHeader(header!);
  const columns = headerCells.length;
  const labelWidth = split ? 1 : mostCommon(data.map((row) => row.split(' ').length - (columns - 1)));
  return data
    .map((row) => {
      const cells = split ? split(row) : splitSingleSpacedRow(row, columns, labelWidth);
      const [label, ...rest] = cells;
      return `**${label}:** ${rest.join(', ')}`;
    })
    .join('\n');
}

/**
 * A header like "Feature Technology A Technology B" repeats a word at each column start; without such a
 * repetition every word is a column.
 */
function splitHeader(header: string): string[] {
  const words = header.split(' ');
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const repeated = words.find((w) => (counts.get(w) ?? 0) > 1);
  if (!repeated) return words;
  const cells: string[] = [];
  for (const w of words) {
    if (w === repeated || cells.length === 0) cells.push(w);
    else cells[cells.length - 1] += ` ${w}`;
  }
  return cells;
}

/**
 * With single spaces only, the row label takes the width most rows agree on, and the remaining words are the
 * cells; where a row has more words than cells, a short token (two characters or fewer, or with a digit, like
 * "S3" or "11") joins the word before it, as in "Amazon S3".
 */
function splitSingleSpacedRow(row: string, columns: number, labelWidth: number): string[] {
  const words = row.split(' ');
  const label = words.slice(0, Math.max(1, labelWidth)).join(' ');
  let cells = words.slice(Math.max(1, labelWidth));
  while (cells.length > columns - 1) {
    const i = cells.findIndex((c, k) => k > 0 && (c.length <= 2 || /\d/.test(c)));
    const at = i > 0 ? i : cells.length - 1;
    cells = [...cells.slice(0, at - 1), `${cells[at - 1]} ${cells[at]}`, ...cells.slice(at + 1)];
  }
  return [label, ...cells];
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 1;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}
