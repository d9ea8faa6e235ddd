/**
 * `npm run bench:servers`: what thousands of servers cost one process. The shipped-size knowledge (the article
 * fixture) is loaded, 1% of the servers get 20 changed entries each in the store (13 added, 5 shipped ones edited,
 * 2 removed), and then every server is asked one question, in a server not seen before each time. Printed: the
 * process memory (RSS, heap, ArrayBuffers) after the run and the latency of each server's first answer
 * (`matcherFor` + `match`, store reads included), p50 / p99, overall and for the changed servers.
 *
 * Two paths, each in its own child process (started with --expose-gc, so memory is read after real collections):
 * - **shared**: what the bot does now (createEditableKnowledge): servers with no changes share one matcher, a
 *   changed server gets a fork of it with its changes applied.
 * - **full**: what it did before: every server asked gets a whole matcher of its own, built over the shipped entries
 *   overlaid with its changes (`createMatcher` over the entries it sees, as editable-knowledge built it). It holds
 *   ~5 MB per server, so by default it runs 1,000 servers, not 10,000, and its memory is also printed per server.
 *
 * Options: --servers N (10000), --full-servers N (1000; 0 skips the full path), --changed-share F (0.01),
 * --changes N (20), --seed N (1). A benchmark prints; it asserts nothing.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMatcher, type Matcher } from '../src/engine/index.js';
import { createEditableKnowledge } from '../src/knowledge/editable-knowledge.js';
import type { Entry } from '../src/knowledge/entry.js';
import { loadKnowledgeBase, loadKnowledgeDir, type KnowledgeBase } from '../src/knowledge/files.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { KnowledgeStore } from '../src/store/knowledge-store.js';
import { collect, percentile } from './measure.js';
import { mulberry32, type Rng } from './prng.js';

const ARTICLE_DIR = fileURLToPath(new URL('../test/fixtures/knowledge/article', import.meta.url));
const GAMING_DIR = fileURLToPath(new URL('../test/fixtures/knowledge/gaming', import.meta.url));
const CHILD_ENV = 'PAA_BENCH_SERVERS_CHILD';
const MB = 1024 * 1024;

interface Options {
  servers: number;
  fullServers: number;
  changedShare: number;
  changes: number;
  seed: number;
}

type Path = 'shared' | 'full';

interface Report {
  path: Path;
  servers: number;
  changedServers: number;
  /** After loading the knowledge and writing the changes, before any server is asked. */
  before: Memory;
  after: Memory;
  firstAnswer: { p50: number; p99: number; max: number };
  firstAnswerChanged: { p50: number; p99: number };
  totalSeconds: number;
}

interface Memory {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
}

const QUERIES = ['is netflix coded in python?', 'why does netflix use python', 'netflx cassandra', 'how does nf stay online', 'what is the best pizza'];

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { servers: 10_000, fullServers: 1_000, changedShare: 0.01, changes: 20, seed: 1 };
  const names: Record<string, keyof Options> = {
    '--servers': 'servers',
    '--full-servers': 'fullServers',
    '--changed-share': 'changedShare',
    '--changes': 'changes',
    '--seed': 'seed',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]!];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isFinite(value) || value < 0) {
      throw new Error(`usage: npm run bench:servers -- [${Object.keys(names).map((n) => `${n} N`).join('] [')}] (bad: ${argv[i]} ${argv[i + 1] ?? ''})`);
    }
    options[key] = value;
  }
  return options;
}

function guildId(i: number): string {
  return String(100_000_000_000_000_000n + BigInt(i));
}

/** 13 added entries (the gaming FAQ and made-up ones), 5 shipped ones edited, 2 removed: the server's own FAQ. */
async function writeChanges(store: KnowledgeStore, shipped: KnowledgeBase, guild: string, changes: number, random: Rng): Promise<void> {
  const writer = createEditableKnowledge(shipped, store);
  const author = { id: '300000000000000002', name: 'bench' };
  const gaming = loadKnowledgeDir(GAMING_DIR);
  const removed = Math.max(0, Math.round(changes * 0.1));
  const edited = Math.min(shipped.entries.length - removed, Math.round(changes * 0.25));
  const added = changes - removed - edited;
  const order = random.shuffle(shipped.entries);
  for (let k = 0; k < added; k++) {
    const base = gaming[k % gaming.length]!;
    const entry: Entry = k < gaming.length ? { ...base, id: `own-${k}` } : { ...base, id: `own-${k}`, question: `${base.question} (${k})`, alternates: [`question number ${k} of ${guild}`] };
    await writer.add(guild, entry, author);
  }
  for (const entry of order.slice(0, edited)) await writer.edit(guild, { ...entry, answer: `${entry.answer}\n\nOn this server: ask in #help.` }, 0, author);
  for (const entry of order.slice(edited, edited + removed)) await writer.remove(guild, entry.id, 0, author);
}

function memory(): Memory {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

/** The path before overlays: a whole matcher per server asked, over the entries it sees. */
function fullMatchers(shipped: KnowledgeBase, store: KnowledgeStore): (guild: string) => Promise<Matcher> {
  const matchers = new Map<string, Matcher>();
  return async (guild) => {
    let matcher = matchers.get(guild);
    if (!matcher) {
      const overrides = await store.overrides(guild);
      const hidden = new Set(overrides.map((o) => o.entryId));
      const entries = shipped.entries.filter((e) => !hidden.has(e.id));
      for (const o of overrides) if (o.entry) entries.push(o.entry);
      const vocabulary = await store.vocabulary(guild);
      matcher = createMatcher(entries, { synonyms: vocabulary?.groups ?? shipped.synonyms });
      matchers.set(guild, matcher);
    }
    return matcher;
  };
}

async function runChild(path: Path, options: Options): Promise<Report> {
  const started = performance.now();
  const servers = path === 'full' ? options.fullServers : options.servers;
  const shipped = loadKnowledgeBase(ARTICLE_DIR);
  const store = openSqliteStore(':memory:');
  const random = mulberry32(options.seed);
  const every = Math.max(1, Math.round(1 / options.changedShare));
  const changed = new Set<string>();
  for (let i = 0; i < servers; i += every) {
    await writeChanges(store, shipped, guildId(i), options.changes, random);
    changed.add(guildId(i));
  }
  const matcherFor = path === 'shared' ? createEditableKnowledge(shipped, store).matcherFor : fullMatchers(shipped, store);
  // One question in a server nobody asks in, so that the shared matcher and the engine's code are warm: what is
  // timed is a new server's first answer, not the process's.
  (await matcherFor(guildId(servers + 1))).match(QUERIES[0]!);
  collect();
  const before = memory();
  const all: number[] = [];
  const ofChanged: number[] = [];
  for (let i = 0; i < servers; i++) {
    const guild = guildId(i);
    const start = performance.now();
    (await matcherFor(guild)).match(QUERIES[i % QUERIES.length]!);
    const ms = performance.now() - start;
    all.push(ms);
    if (changed.has(guild)) ofChanged.push(ms);
  }
  collect();
  const after = memory();
  all.sort((a, b) => a - b);
  ofChanged.sort((a, b) => a - b);
  return {
    path,
    servers,
    changedServers: changed.size,
    before,
    after,
    firstAnswer: { p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) ?? NaN },
    firstAnswerChanged: { p50: percentile(ofChanged, 50), p99: percentile(ofChanged, 99) },
    totalSeconds: (performance.now() - started) / 1000,
  };
}

function spawnChild(path: Path, options: Options): Promise<Report> {
  return new Promise((resolve, reject) => {
    const execArgv = process.execArgv.includes('--expose-gc') ? process.execArgv : [...process.execArgv, '--expose-gc'];
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv,
      env: { ...process.env, [CHILD_ENV]: JSON.stringify({ path, options }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: Report | undefined;
    child.on('message', (m) => (report = m as Report));
    child.on('exit', (code, signal) => (report ? resolve(report) : reject(new Error(`the ${path} path exited with ${signal ?? `code ${code}`}`))));
  });
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

function print(reports: readonly Report[], options: Options): void {
  console.log(
    `${options.servers.toLocaleString('en')} servers asked once each, ${(options.changedShare * 100).toFixed(0)}% with ${options.changes} changed entries; shipped knowledge: the article fixture (node ${process.version})\n`,
  );
  const rows = [['path', 'servers', 'changed', 'RSS', 'heap used', 'ArrayBuffers', 'RSS per server', 'first answer p50', 'p99', 'max', 'changed servers p50', 'p99']];
  for (const r of reports) {
    rows.push([
      r.path === 'shared' ? 'shared + overlays (now)' : 'a matcher per server (before)',
      r.servers.toLocaleString('en'),
      String(r.changedServers),
      mb(r.after.rss),
      mb(r.after.heapUsed),
      mb(r.after.arrayBuffers),
      `${((r.after.rss - r.before.rss) / r.servers / 1024).toFixed(1)} kB`,
      ms(r.firstAnswer.p50),
      ms(r.firstAnswer.p99),
      ms(r.firstAnswer.max),
      ms(r.firstAnswerChanged.p50),
      ms(r.firstAnswerChanged.p99),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  const full = reports.find((r) => r.path === 'full');
  if (full && full.servers < options.servers) {
    const perServer = (full.after.rss - full.before.rss) / full.servers;
    console.log(`\nthe matcher-per-server path at ${options.servers.toLocaleString('en')} servers, from its RSS per server: about ${mb(full.before.rss + perServer * options.servers)}`);
  }
  console.log('\n(issue 12 targets: memory ≤ 400 MB, first answer in a new server ≤ 5 ms; RSS per server = growth while asking / servers)');
}

const childTask = process.env[CHILD_ENV];
if (childTask) {
  const { path, options } = JSON.parse(childTask) as { path: Path; options: Options };
  process.send!(await runChild(path, options));
} else {
  const options = parseOptions(process.argv.slice(2));
  const reports = [await spawnChild('shared', options)];
  if (options.fullServers > 0) reports.push(await spawnChild('full', options));
  print(reports, options);
}
