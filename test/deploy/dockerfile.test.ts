import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';

// Guards the deployment files (README "Running it for your community"): what they must do for the bot to run
// as the README says, read without Docker or systemd, which CI does not have.

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

// ─── A Dockerfile, read as Docker reads it ────────────────────────────────────────────────────────

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions: comments dropped, `\` continuations joined. */
function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === '')) continue;
    if (trimmed.endsWith('\\')) pending += `${trimmed.slice(0, -1).trim()} `;
    else {
      logical.push(`${pending}${trimmed}`.trim());
      pending = '';
    }
  }
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical.filter(Boolean)) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: keyword.toUpperCase(), args: rest };
    if (instruction.keyword === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)!;
      stages.push({ from, ...(name !== undefined && { name }), instructions: [] });
    } else if (stages.length === 0) args.push(instruction);
    else stages.at(-1)!.instructions.push(instruction);
  }
  return { args, stages };
}

/** An instruction's exec form (`["node", "dist/index.js"]`), or undefined for the shell form. */
function execForm(args: string): string[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  return JSON.parse(args) as string[];
}

function setupDockerfile() {
  const { args, stages } = parseDockerfile(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
  const one = (stage: Stage, keyword: string) => {
    const found = all(stage, keyword);
    expect(found, `${keyword} in the ${stage.name ?? 'last'} stage`).toHaveLength(1);
    return found[0]!;
  };
  return { args, stages, runtime, all, one };
}

describe('the Dockerfile', () => {
  test('builds in one stage and runs from another', () => {
    const { stages } = setupDockerfile();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages[0]!;
    const runs = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    // better-sqlite3 is compiled there; the runtime must get node_modules without the dev dependencies.
    expect(runs.some((r) => /\bapt-get install\b.*\bpython3\b.*\bmake\b.*\bg\+\+/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm (prune|ci)\b.*--omit=dev/.test(r))).toBe(true);
  });

  test('compiles the native addon on the image it runs on (same base for every stage)', () => {
    const { args, stages } = setupDockerfile();
    const bases = new Set(stages.map((s) => s.from));
    expect(bases.size).toBe(1);
    const [base] = bases;
    const arg = /^\$\{?(\w+)\}?$/.exec(base!)?.[1];
    const image = arg ? args.find((a) => a.keyword === 'ARG' && a.args.startsWith(`${arg}=`))?.args.split('=')[1] : base;
    expect(image).toMatch(/^node:20-bookworm(-slim)?$/);
  });

  test('the runtime stage has what the bot reads: dist, production node_modules, package.json, knowledge', () => {
    const { runtime, all } = setupDockerfile();
    const copies = all(runtime, 'COPY').join('\n');
    for (const path of ['dist', 'node_modules', 'package.json', 'knowledge']) expect(copies).toContain(path);
    expect(copies).not.toMatch(/\bsrc\b/);
  });

  test('runs as a non-root user', () => {
    const { runtime, one } = setupDockerfile();
    expect(one(runtime, 'USER')).not.toMatch(/^(root|0)(:|$)/);
    // The last USER wins for CMD and HEALTHCHECK: nothing may switch back after it.
    const last = runtime.instructions.findLastIndex((i) => i.keyword === 'USER');
    expect(runtime.instructions.slice(last).some((i) => i.keyword === 'RUN')).toBe(false);
  });

  test('keeps the database on the /data volume', () => {
    const { runtime, one, all } = setupDockerfile();
    expect(one(runtime, 'VOLUME')).toMatch(/^(\["\/data"\]|\/data)$/);
    expect(all(runtime, 'ENV').join(' ')).toMatch(/\bDATABASE_URL=sqlite:\/data\/paa\.db\b/);
  });

  test('starts node dist/index.js itself, in exec form, with no npm or shell in between', () => {
    const { runtime, all } = setupDockerfile();
    expect(all(runtime, 'ENTRYPOINT')).toEqual([]);
    const cmds = all(runtime, 'CMD');
    expect(cmds).toHaveLength(1);
    expect(execForm(cmds[0]!)).toEqual(['node', 'dist/index.js']);
    expect(all(runtime, 'STOPSIGNAL').every((s) => s === 'SIGTERM')).toBe(true);
  });

  test('has a HEALTHCHECK on /healthz, with METRICS_PORT set in the image', () => {
    const { runtime, one, all } = setupDockerfile();
    const healthcheck = one(runtime, 'HEALTHCHECK');
    expect(healthcheck).toContain('/healthz');
    expect(all(runtime, 'ENV').join(' ')).toMatch(/\bMETRICS_PORT=\d+/);
  });

  test('copies from the build context only files that exist and that .dockerignore lets through', () => {
    const { stages, all } = setupDockerfile();
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const sources = stages
      .flatMap((s) => all(s, 'COPY'))
      .filter((c) => !c.startsWith('--from'))
      .flatMap((c) => c.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      const literal = source.replace(/\*.*$/, '');
      expect(existsSync(join(root, source.includes('*') ? `${literal}.json` : source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
    // Secrets, local databases and build output never enter the context.
    for (const path of ['.env', 'node_modules', 'dist', 'data', '.git', '**/*.db']) expect(ignored).toContain(path);
  });

  test('npm run build exists: the Dockerfile runs it', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toBeDefined();
  });
});

// ─── The HEALTHCHECK command, run against a stand-in /healthz ─────────────────────────────────────

describe('the HEALTHCHECK command', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** Serves /healthz with `status`; returns its port. */
  async function healthz(status: number): Promise<number> {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/healthz' ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Runs the Dockerfile's HEALTHCHECK CMD with this node; resolves to its exit code. */
  function check(port: number): Promise<number> {
    const { runtime, one } = setupDockerfile();
    const command = execForm(one(runtime, 'HEALTHCHECK').replace(/^.*?\bCMD\s+/, ''));
    expect(command?.[0]).toBe('node');
    return new Promise((resolve) => {
      execFile(process.execPath, command!.slice(1), { env: { METRICS_PORT: String(port) }, timeout: 10_000 }, (error) =>
        resolve(error ? Number(error.code ?? 1) : 0),
      );
    });
  }

  test('passes when /healthz answers 200', async () => {
    expect(await check(await healthz(200))).toBe(0);
  });

  test('fails when /healthz answers 503 (gateway down or store not writable)', async () => {
    expect(await check(await healthz(503))).toBe(1);
  });

  test('fails when nothing listens', async () => {
    const port = await healthz(200);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await check(port)).toBe(1);
  });
});

// ─── docker-compose.yml ───────────────────────────────────────────────────────────────────────────

interface ComposeService {
  build?: unknown;
  command?: unknown;
  entrypoint?: unknown;
  env_file?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  stop_grace_period?: string;
}

describe('docker-compose.yml', () => {
  function setupCompose() {
    const compose = parseYaml(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
    const services = Object.values(compose.services);
    expect(services).toHaveLength(1);
    return { compose, bot: services[0]! };
  }

  test('builds this Dockerfile and reads .env', () => {
    const { bot } = setupCompose();
    expect(bot.build === '.' || (bot.build as { context?: string }).context === '.').toBe(true);
    expect([bot.env_file].flat()).toContain('.env');
  });

  test('keeps /data on a named volume, and the database in it', () => {
    const { compose, bot } = setupCompose();
    const data = (bot.volumes ?? []).map((v) => v.split(':')).find(([, target]) => target === '/data');
    expect(data, 'a volume mounted at /data').toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(data![0]);
    expect(bot.environment?.DATABASE_URL).toBe('sqlite:/data/paa.db');
  });

  test("runs the image's own command (node, no npm) and sets METRICS_PORT for its HEALTHCHECK", () => {
    const { bot } = setupCompose();
    expect(JSON.stringify([bot.command, bot.entrypoint])).not.toMatch(/npm|tsx/);
    expect(bot.environment?.METRICS_PORT).toMatch(/^\d+$/);
  });

  test('gives the bot more than its 10 s to stop', () => {
    const { bot } = setupCompose();
    expect(Number.parseInt(bot.stop_grace_period ?? '10s', 10)).toBeGreaterThan(10);
  });
});

// ─── docker-compose.postgres.yml ──────────────────────────────────────────────────────────────────

describe('docker-compose.postgres.yml', () => {
  function setupCompose() {
    const compose = parseYaml(read('docker-compose.postgres.yml'), { merge: true }) as {
      services: Record<string, ComposeService & { depends_on?: Record<string, { condition?: string }>; image?: string; healthcheck?: unknown }>;
      volumes?: Record<string, unknown>;
    };
    const shards = Object.entries(compose.services).filter(([name]) => name.startsWith('shard-')).map(([, service]) => service);
    return { compose, shards, postgres: compose.services.postgres! };
  }

  test('runs PostgreSQL with its data on a named volume and a health check, and needs a password from .env', () => {
    const { compose, postgres } = setupCompose();
    expect(postgres.image).toMatch(/^postgres:\d+/);
    const data = (postgres.volumes ?? []).map((v) => v.split(':')).find(([, target]) => target === '/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toContain(data![0]);
    expect(postgres.healthcheck).toBeDefined();
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  test('runs shard processes of this image, each its own SHARD_IDS of one SHARD_COUNT, on that database once it is healthy', () => {
    const { shards } = setupCompose();
    expect(shards.length).toBeGreaterThanOrEqual(2);
    const count = shards.map((s) => s.environment?.SHARD_COUNT);
    expect(new Set(count).size).toBe(1);
    expect(Number(count[0])).toBe(shards.length);
    expect(shards.map((s) => s.environment?.SHARD_IDS).sort()).toEqual(shards.map((_, i) => String(i)));
    for (const shard of shards) {
      expect(shard.build === '.' || (shard.build as { context?: string }).context === '.').toBe(true);
      expect([shard.env_file].flat()).toContain('.env');
      expect(shard.environment?.DATABASE_URL).toMatch(/^postgres:\/\/paa:\$\{POSTGRES_PASSWORD\}@postgres:5432\/paa$/);
      expect(shard.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(Number.parseInt(shard.stop_grace_period ?? '10s', 10)).toBeGreaterThan(10);
      expect(JSON.stringify([shard.command, shard.entrypoint])).not.toMatch(/npm|tsx/);
    }
  });
});

// ─── deploy/paa-bot.service ───────────────────────────────────────────────────────────────────────

describe('the systemd unit', () => {
  /** The [Service] section's settings; a key set twice keeps its values in order. */
  function setupUnit(): Map<string, string[]> {
    const settings = new Map<string, string[]>();
    let section = '';
    for (const line of read('deploy/paa-bot.service').split('\n')) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const header = /^\[(\w+)\]$/.exec(trimmed);
      if (header) section = header[1]!;
      else if (section === 'Service') {
        const [key = '', ...value] = trimmed.split('=');
        settings.set(key, [...(settings.get(key) ?? []), value.join('=')]);
      }
    }
    return settings;
  }

  test('runs /usr/bin/node dist/index.js directly, as a non-root user', () => {
    const unit = setupUnit();
    expect(unit.get('ExecStart')).toEqual(['/usr/bin/node dist/index.js']);
    expect(unit.get('User')?.[0]).toMatch(/^(?!root$)\S+$/);
    expect(unit.get('WorkingDirectory')).toHaveLength(1);
    expect(unit.get('EnvironmentFile')).toHaveLength(1);
  });

  test('stops with SIGTERM and gives the bot more than its 10 s; restarts it on failure', () => {
    const unit = setupUnit();
    expect(unit.get('KillSignal')).toEqual(['SIGTERM']);
    expect(Number(unit.get('TimeoutStopSec')?.[0])).toBeGreaterThan(10);
    expect(unit.get('Restart')).toEqual(['on-failure']);
  });

  test('may write only its state directory', () => {
    const unit = setupUnit();
    expect(unit.get('ProtectSystem')).toEqual(['strict']);
    expect(unit.get('StateDirectory')).toEqual(['paa-bot']);
    expect(unit.get('ReadWritePaths')).toEqual(['/var/lib/paa-bot']);
    // V8 compiles to memory it then executes: this setting would kill the bot at its first JIT.
    expect(unit.has('MemoryDenyWriteExecute')).toBe(false);
  });
});
