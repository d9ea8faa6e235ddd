import pg from 'pg';
import { CONNECT_TIMEOUT_MS, inTransaction } from './postgres-open.js';

// How knowledge and vocabulary writes are serialised, numbered and announced to other processes.

/**
 * The advisory lock every knowledge or vocabulary write takes first, for the rest of its transaction. It does two
 * jobs, as SQLite's `BEGIN IMMEDIATE` does for that store:
 *
 * - The revision check and the write happen under it, so two processes can't both see revision 3 and both write
 *   revision 4. A row lock (`SELECT … FOR UPDATE`) would not do: an entry at revision 0 has no row to lock yet.
 * - `changesSince` never skips a change. A revision's `change_id` comes from an identity column, and an id handed
 *   out is not yet committed: without the lock, a transaction holding id 7 could commit after a reader saw id 8
 *   and moved past 7 for good. Under the lock, ids are assigned and committed one transaction at a time, so a
 *   reader that sees an id sees every lower one. (PostgreSQL makes a commit visible before it releases the
 *   transaction's locks, so the next writer starts after the previous one is visible.)
 *
 * It serialises knowledge writes across processes; they are moderators' edits and imports, so that costs nothing
 * that matters. Votes and questions do not take it.
 */
export const CHANGES_LOCK = 7_061_610_002;

/** The NOTIFY channel a committed change is announced on; the payload is the guild, for a person watching. */
export const CHANGES_CHANNEL = 'paa_knowledge_changes';
/** `application_name` of the listening connection, so it can be told apart in pg_stat_activity. */
export const LISTEN_APPLICATION_NAME = 'paa-bot-listen';

/**
 * Runs a knowledge or vocabulary write of `guildId` in one transaction under {@link CHANGES_LOCK}, announcing it
 * to listeners. NOTIFY is delivered on commit only, so a refused write announces nothing.
 */
export function inChangeTransaction<T>(pool: pg.Pool, guildId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${CHANGES_LOCK})`);
    const result = await work(client);
    await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, guildId]);
    return result;
  });
}

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

/**
 * The announcements of other processes' changes: one dedicated connection (not from the pool: a pooled connection
 * is handed to others, and LISTEN belongs to a session) that LISTENs while anyone subscribes. When it is lost, it
 * reconnects with backoff and, once listening again, calls every listener once, since announcements made meanwhile
 * were lost. It also calls them once when it first starts listening, for changes committed before that.
 */
export function createChangeListener(url: string) {
  const listeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = FIRST_RETRY_MS;
  let closed = false;

  const callAll = () => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch {
        // A listener's own failure is its business; it must not stop the others or the connection.
      }
    }
  };

  const connect = () => {
    retry = undefined;
    if (closed || listeners.size === 0 || client !== undefined) return;
    const listening = new pg.Client({
      connectionString: url,
      application_name: LISTEN_APPLICATION_NAME,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client = listening;
    const lost = () => {
      if (client !== listening) return; // stopped on purpose, or already handled
      client = undefined;
      listening.end().catch(() => {});
      scheduleReconnect();
    };
    // Every failure of this connection ends here: an 'error' nobody listens to would crash the process.
    listening.on('error', lost);
    listening.on('end', lost);
    listening.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) callAll();
    });
    listening
      .connect()
      .then(() => listening.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        if (client !== listening) return;
        delay = FIRST_RETRY_MS;
        callAll();
      }, lost);
  };

  const scheduleReconnect = () => {
    if (closed || listeners.size === 0 || retry !== undefined) return;
    retry = setTimeout(connect, delay);
    // The bot's other connections keep it running; a pending reconnect alone should not.
    retry.unref();
    delay = Math.min(delay * 2, LAST_RETRY_MS);
  };

  const stop = async () => {
    clearTimeout(retry);
    retry = undefined;
    delay = FIRST_RETRY_MS;
    const listening = client;
    client = undefined;
    await listening?.end().catch(() => {});
  };

  return {
    subscribe(listener: () => void): () => void {
      // A function given twice is two subscriptions, each stopped by its own unsubscribe.
      const subscription = () => listener();
      listeners.add(subscription);
      // Already connected or connecting: `connect` does nothing; waiting to retry: the retry will connect.
      if (retry === undefined) connect();
      return () => {
        listeners.delete(subscription);
        if (listeners.size === 0) void stop();
      };
    },
    async close(): Promise<void> {
      closed = true;
      listeners.clear();
      await stop();
    },
  };
}
