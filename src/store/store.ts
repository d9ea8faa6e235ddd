/**
 * What the bot remembers between restarts: votes on answers, questions it could not answer, how often each entry
 * is asked. The SQLite implementation is in `sqlite-store.ts`; callers only ever see this interface.
 *
 * Guild ids are `string | null`: `null` means a direct message. It is stored as {@link DM_GUILD_ID}, not SQL NULL,
 * because NULLs never compare equal in a UNIQUE key and a DM user could then vote on the same answer twice.
 */
export interface BotStore {
  /**
   * Records a 👍 (1) or 👎 (-1) on an answer. One vote per user per entry per guild: voting the same way again
   * is a no-op, voting the other way replaces the earlier vote.
   *
   * @returns `recorded`: whether anything was written; `changed`: whether an earlier, opposite vote was replaced.
   */
  recordVote(vote: VoteInput): Promise<VoteResult>;

  /** Logs a question the bot declined, or answered only with suggestions, for the "unanswered" report. */
  recordUnanswered(question: UnansweredInput): Promise<void>;

  /** Counts one answer given with this entry (statistics: which entries are useful). */
  recordAsked(asked: { guildId: string | null; entryId: string }): Promise<void>;

  /** How many times the bot answered with this entry in this guild. */
  timesAsked(guildId: string | null, entryId: string): Promise<number>;

  /** Current 👍 and 👎 counts for an entry in a guild (each user's latest vote only). */
  votesFor(guildId: string | null, entryId: string): Promise<VoteTally>;

  /**
   * The questions the bot fails on most in a guild, most frequent first (ties: most recent first): declined or
   * suggest-only questions, plus questions whose answer got a 👎. Grouped by {@link normaliseQuery}.
   */
  unanswered(guildId: string | null, limit: number): Promise<UnansweredQuery[]>;

  /**
   * Writes a consistent copy of the whole database (votes, questions, knowledge edits, vocabularies) to `file`, while
   * the store stays in use: the bot may go on answering and writing during the backup. The copy is one file, complete
   * or absent: it is written beside `file` and renamed into place. `restoreStore` (index.ts) puts one back.
   *
   * @throws {StoreError} `file-exists` when `file` exists and `overwrite` is not set, `backup-failed` when it
   *   cannot be written (its folder missing, not writable, or the database itself).
   */
  backup(file: string, options?: BackupOptions): Promise<void>;

  /**
   * Whether the database takes a write now (for `/healthz`): false once closed, for a read-only or damaged file,
   * or while another process holds the write lock past the busy timeout. Writes nothing.
   */
  writable(): Promise<boolean>;

  /** Closes the database, checkpointing its write-ahead log into the file first. The store cannot be used afterwards. */
  close(): Promise<void>;
}

export interface BackupOptions {
  /** Replace `file` if it exists. Default false: an existing file is refused. */
  overwrite?: boolean;
}

/** A vote on the answer the bot gave with `entryId`. */
export interface VoteInput {
  guildId: string | null;
  channelId: string;
  userId: string;
  entryId: string;
  value: 1 | -1;
  /** The question that was answered; kept so a 👎 shows up in the unanswered report. */
  query?: string;
}

export interface VoteResult {
  recorded: boolean;
  changed: boolean;
}

export interface UnansweredInput {
  guildId: string | null;
  channelId: string;
  userId: string;
  query: string;
  outcome: 'decline' | 'suggest';
  /** Ids of the entries suggested instead of an answer (empty when declined). */
  suggestions: string[];
}

export interface VoteTally {
  up: number;
  down: number;
}

export interface UnansweredQuery {
  /** The normalised question (see {@link normaliseQuery}). */
  query: string;
  /** How many times it was asked unanswered or 👎-voted. */
  count: number;
  lastAskedAt: Date;
  /** Whether it includes a 👎 on an answer (the bot answered, wrongly), not only declines and suggestions. */
  downvoted: boolean;
}

/** How a DM's missing guild is stored: an empty string, which no snowflake can be. */
export const DM_GUILD_ID = '';

/** The stored form of a guild id: {@link DM_GUILD_ID} for a direct message. */
export function guildKey(guildId: string | null): string {
  return guildId ?? DM_GUILD_ID;
}

/**
 * The grouping key of a question: case, spacing and trailing punctuation do not make it a different question,
 * so "How do I X?" and "how do i  x" count together in the report.
 */
export function normaliseQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.]+$/u, '');
}
