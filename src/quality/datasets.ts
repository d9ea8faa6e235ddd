import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Entry } from '../knowledge/entry.js';
import type { LabelledSet } from './evaluation.js';

/**
 * Public intent sets from other domains (test/fixtures/datasets/, with their licences), turned into FAQs by the
 * protocol of that folder's README: what a moderator of another community would have typed. Evaluation reads
 * only the held-out parts (`test` of Banking77, `val`/`oos_val` of CLINC150); fitting reads only what the
 * protocol leaves free (`train` beyond each intent's first k rows, `oos_train`).
 */

export type DatasetName = 'banking77' | 'clinc150';
export const DATASET_NAMES: readonly DatasetName[] = ['banking77', 'clinc150'];

/** Phrasings per entry the protocol measures with: a bare question, and a moderator who added a few. */
export const PROTOCOL_PHRASINGS = [1, 5] as const;

/** Utterances longer than this are skipped when building entries (the protocol's rule). */
const UTTERANCE_MAX_CHARS = 250;

/** These sets have no answers; one neutral sentence for all, so the answer text carries no signal. */
export const NEUTRAL_ANSWER = 'Thanks for asking: a moderator wrote the answer to this question here.';

/** Banking77: every seventh intent of categories.json (index 6, 13, 20, …) is left out and must be declined. */
const BANKING_DECLINE_EVERY = 7;
const BANKING_DECLINE_OFFSET = 6;

type Row = [text: string, intent: string];

const DATASET_DIR = fileURLToPath(new URL('../../test/fixtures/datasets/', import.meta.url));

interface Banking77File { train: Row[]; test: Row[] }
interface Clinc150File { train: Row[]; val: Row[]; oos_train: Row[]; oos_val: Row[] }

let banking: { data: Banking77File; categories: string[] } | undefined;
let clinc: Clinc150File | undefined;

function loadBanking() {
  banking ??= {
    data: JSON.parse(readFileSync(`${DATASET_DIR}banking77/banking77.json`, 'utf8')) as Banking77File,
    categories: JSON.parse(readFileSync(`${DATASET_DIR}banking77/categories.json`, 'utf8')) as string[],
  };
  return banking;
}

function loadClinc(): Clinc150File {
  clinc ??= JSON.parse(readFileSync(`${DATASET_DIR}clinc150/clinc150-train-val.json`, 'utf8')) as Clinc150File;
  return clinc;
}

/** An entry id from an intent name ("card_arrival" → "card-arrival"). */
export function intentId(intent: string): string {
  return intent.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** An FAQ built from an intent set, and the labelled queries to measure it with. */
export interface ProtocolSet {
  /** e.g. "banking77, 5 phrasings". */
  name: string;
  dataset: DatasetName;
  phrasings: number;
  entries: Entry[];
  set: LabelledSet;
}

/** Groups rows by intent, in file order. */
function byIntent(rows: readonly Row[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [text, intent] of rows) {
    const list = out.get(intent) ?? [];
    list.push(text);
    out.set(intent, list);
  }
  return out;
}

/**
 * One entry per intent: the first `k` usable train utterances as question and alternates, and which train rows
 * that left over (free for fitting).
 */
function entriesFrom(train: readonly Row[], intents: readonly string[], k: number): { entries: Entry[]; rest: Map<string, string[]> } {
  const grouped = byIntent(train);
  const entries: Entry[] = [];
  const rest = new Map<string, string[]>();
  for (const intent of intents) {
    const all = grouped.get(intent) ?? [];
    const usable = all.filter((t) => t.trim().length > 0 && t.length <= UTTERANCE_MAX_CHARS);
    const phrasings = usable.slice(0, k);
    if (phrasings.length === 0) continue;
    entries.push({ id: intentId(intent), question: phrasings[0]!.trim(), answer: NEUTRAL_ANSWER, alternates: phrasings.slice(1).map((p) => p.trim()), tags: [] });
    rest.set(intent, all.filter((t) => !phrasings.includes(t)));
  }
  return { entries, rest };
}

function bankingDeclined(categories: readonly string[], offset = BANKING_DECLINE_OFFSET): Set<string> {
  return new Set(categories.filter((_, i) => i % BANKING_DECLINE_EVERY === offset));
}

/** The protocol's evaluation set: `dataset` as an FAQ with `k` phrasings per entry, and its held-out queries. */
export function protocolSet(dataset: DatasetName, k: number): ProtocolSet {
  const name = `${dataset}, ${k} phrasing${k === 1 ? '' : 's'}`;
  if (dataset === 'banking77') {
    const { data, categories } = loadBanking();
    const declined = bankingDeclined(categories);
    const { entries } = entriesFrom(data.train, categories.filter((c) => !declined.has(c)), k);
    const set: LabelledSet = {
      inScope: data.test.filter(([, i]) => !declined.has(i)).map(([query, i]) => ({ query, expect: [intentId(i)] })),
      decline: data.test.filter(([, i]) => declined.has(i)).map(([query]) => ({ query })),
    };
    return { name, dataset, phrasings: k, entries, set };
  }
  const data = loadClinc();
  const intents = [...byIntent(data.train).keys()];
  const { entries } = entriesFrom(data.train, intents, k);
  const set: LabelledSet = {
    inScope: data.val.map(([query, i]) => ({ query, expect: [intentId(i)] })),
    decline: data.oos_val.map(([query]) => ({ query })),
  };
  return { name, dataset, phrasings: k, entries, set };
}

/** Every protocol set: each dataset with 1 and with 5 phrasings per entry. */
export function protocolSets(): ProtocolSet[] {
  return DATASET_NAMES.flatMap((d) => PROTOCOL_PHRASINGS.map((k) => protocolSet(d, k)));
}

/**
 * Which part of the free rows a training set draws on: queries from row `skip` of each intent's rest on (so a
 * development set can take rows the fit did not), and which seventh of the intents is declined (0 to 5; 6 is
 * the evaluation's).
 */
export interface TrainingSlice {
  skip?: number;
  declineOffset?: number;
}

/**
 * Training FAQs built only from what the protocol leaves free, for fitting: the same kind of knowledge base
 * (first k train rows per intent), queries drawn from the train rows beyond them, and declines that are hard in
 * the same way as the protocol's (whole intents left out of the knowledge base, at other positions than the
 * evaluation's, plus CLINC150's `oos_train`). `perIntent` bounds the queries drawn per intent.
 */
export function trainingSets(dataset: DatasetName, k: number, perIntent: number, { skip = 0, declineOffset = 2 }: TrainingSlice = {}): ProtocolSet {
  const name = `${dataset} train${skip > 0 ? ` from row ${skip}` : ''}, ${k} phrasing${k === 1 ? '' : 's'}`;
  if (dataset === 'banking77') {
    const { data, categories } = loadBanking();
    // Another offset than the evaluation's 6: fitting never sees which intents the evaluation declines.
    const evalDeclined = bankingDeclined(categories);
    const declined = bankingDeclined(categories, declineOffset);
    const kept = categories.filter((c) => !declined.has(c) && !evalDeclined.has(c));
    const { entries, rest } = entriesFrom(data.train, kept, k);
    const declineRows = byIntent(data.train.filter(([, i]) => declined.has(i)));
    return {
      name, dataset, phrasings: k, entries,
      set: {
        inScope: [...rest].flatMap(([i, texts]) => texts.slice(skip, skip + perIntent).map((query) => ({ query, expect: [intentId(i)] }))),
        decline: [...declineRows.values()].flatMap((texts) => texts.slice(skip, skip + perIntent).map((query) => ({ query }))),
      },
    };
  }
  const data = loadClinc();
  const intents = [...byIntent(data.train).keys()];
  const declined = new Set(intents.filter((_, i) => i % BANKING_DECLINE_EVERY === declineOffset));
  const { entries, rest } = entriesFrom(data.train, intents.filter((i) => !declined.has(i)), k);
  const declineRows = byIntent(data.train.filter(([, i]) => declined.has(i)));
  return {
    name, dataset, phrasings: k, entries,
    set: {
      inScope: [...rest].flatMap(([i, texts]) => texts.slice(skip, skip + perIntent).map((query) => ({ query, expect: [intentId(i)] }))),
      decline: [
        ...data.oos_train.filter((_, r) => (skip === 0 ? r % 2 === 0 : r % 2 === 1)).map(([query]) => ({ query })),
        ...[...declineRows.values()].flatMap((texts) => texts.slice(skip, skip + Math.ceil(perIntent / 2)).map((query) => ({ query }))),
      ],
    },
  };
}
