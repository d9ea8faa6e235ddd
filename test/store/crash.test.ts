import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { CRASH_GUILD, CRASH_IDS } from './fixtures/crash-entries.js';
import { setup } from './setup.js';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const ROUNDS = 5;
/** How long the writer runs after its first acknowledged write before it is killed: long enough for hundreds of writes. */
const KILL_AFTER_MS = { min: 5, max: 150 };

interface Round {
  acks: { entryId: string; revision: number }[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer on `path` and SIGKILLs it a random moment after its first acknowledgement. */
function runAndKill(path: string): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Round['acks'] = [];
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? ''; // a line cut by the kill never counts
      for (const line of lines) {
        const match = /^ack (\S+) (\d+)$/.exec(line);
        if (match) acks.push({ entryId: match[1]!, revision: Number(match[2]) });
      }
      if (timer === undefined && acks.length > 0) {
        const delay = KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min);
        timer = setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ acks, signal, stderr });
    });
  });
}

describe('the knowledge store, given a writer killed with SIGKILL mid-burst, again and again', () => {
  test('keeps every acknowledged revision and never half of a change', async () => {
    const { path, open } = setup();
    const acked: Round['acks'] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const { acks, signal, stderr } = await runAndKill(path);
      expect(stderr, `round ${round}: the writer failed`).toBe('');
      expect(signal, `round ${round}: the writer ended before it was killed`).toBe('SIGKILL');
      expect(acks.length).toBeGreaterThan(0);
      acked.push(...acks);

      const store = await open();
      for (const id of CRASH_IDS) {
        const history = await store.history(CRASH_GUILD, id);
        const current = (await store.overrides(CRASH_GUILD)).find((o) => o.entryId === id);
        // Contiguous n..1, and each revision starts from what the previous one left.
        expect(history.map((r) => r.revision)).toEqual(history.map((_, i) => history.length - i));
        history.forEach((r, i) => expect(r.before, `${id} r${r.revision}`).toEqual(history[i + 1]?.after ?? null));
        // The current state is the newest revision's outcome: both rows of a change, or neither.
        expect(current?.revision ?? 0).toBe(history.length);
        expect(current?.entry ?? null).toEqual(history[0]?.after ?? null);
      }
      for (const { entryId, revision } of acked) expect(await store.currentRevision(CRASH_GUILD, entryId)).toBeGreaterThanOrEqual(revision);
      await store.close();

      const raw = new Database(path, { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();
    }
  });
});
