import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONFIG_DEFAULTS, ConfigError, LOG_LEVELS, loadConfig } from '../src/config.js';
import { SHIPPED_KNOWLEDGE_DIR } from '../src/knowledge/files.js';
import { ARTICLE_KNOWLEDGE_DIR } from './fixtures/knowledge.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.s3cr3t-value-that-must-never-leak';
const CLIENT_ID = '123456789012345678';

/** A valid bot environment, with `overrides` applied (undefined deletes a key). */
function setup(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, ...overrides };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the config, given only the Discord credentials', () => {
  test('fills in every default', () => {
    expect(loadConfig(setup())).toEqual({
      discord: { token: TOKEN, clientId: CLIENT_ID, apiUrl: 'https://discord.com/api' },
      watchChannelIds: [],
      modRoleIds: [],
      messageContent: true,
      logLevel: 'info',
      database: { kind: 'sqlite', path: './data/paa.db' },
      knowledgeDir: resolve(SHIPPED_KNOWLEDGE_DIR),
    });
  });

  test('treats blank and whitespace-only values as unset', () => {
    const config = loadConfig(setup({ DISCORD_GUILD_ID: '', LOG_LEVEL: '  ', WATCH_CHANNEL_IDS: '', DATABASE_URL: '' }));
    expect(config.discord.guildId).toBeUndefined();
    expect(config.logLevel).toBe(CONFIG_DEFAULTS.LOG_LEVEL);
    expect(config.watchChannelIds).toEqual([]);
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/paa.db' });
  });

  test('ignores variables it does not know', () => {
    expect(() => loadConfig(setup({ PATH: '/usr/bin', NODE_ENV: 'weird' }))).not.toThrow();
  });
});

describe('the config, given every variable set', () => {
  test('types and normalises them', () => {
    const config = loadConfig(
      setup({
        DISCORD_GUILD_ID: '98765432109876543',
        DISCORD_API_URL: 'http://127.0.0.1:8787/api/',
        WATCH_CHANNEL_IDS: '11111111111111111111',
        MOD_ROLE_IDS: '22222222222222222',
        LOG_LEVEL: 'DEBUG',
        DATABASE_URL: 'sqlite:/var/lib/paa/paa.db',
        MESSAGE_CONTENT_INTENT: 'off',
        KNOWLEDGE_DIR: ARTICLE_KNOWLEDGE_DIR,
      }),
    );
    expect(config).toEqual({
      discord: { token: TOKEN, clientId: CLIENT_ID, guildId: '98765432109876543', apiUrl: 'http://127.0.0.1:8787/api' },
      watchChannelIds: ['11111111111111111111'],
      modRoleIds: ['22222222222222222'],
      messageContent: false,
      logLevel: 'debug',
      database: { kind: 'sqlite', path: '/var/lib/paa/paa.db' },
      knowledgeDir: ARTICLE_KNOWLEDGE_DIR,
    });
  });

  test('refuses a MESSAGE_CONTENT_INTENT that is not true or false', () => {
    expect(() => loadConfig(setup({ MESSAGE_CONTENT_INTENT: 'maybe' }))).toThrow(/MESSAGE_CONTENT_INTENT: expected true or false/);
  });

  test.each(LOG_LEVELS)('accepts LOG_LEVEL=%s', (level) => {
    expect(loadConfig(setup({ LOG_LEVEL: level })).logLevel).toBe(level);
  });
});

describe('the config, given comma-separated id lists', () => {
  test.each([
    ['one id', '123456789012345678', ['123456789012345678']],
    ['spaces around ids', ' 123456789012345678 , 223456789012345678 ', ['123456789012345678', '223456789012345678']],
    ['a trailing comma and an empty item', '123456789012345678,,223456789012345678,', ['123456789012345678', '223456789012345678']],
  ])('reads %s', (_case, value, ids) => {
    const config = loadConfig(setup({ WATCH_CHANNEL_IDS: value, MOD_ROLE_IDS: value }));
    expect(config.watchChannelIds).toEqual(ids);
    expect(config.modRoleIds).toEqual(ids);
  });

  test('names every item that is not a snowflake, on one line', () => {
    const error = configError(() => loadConfig(setup({ WATCH_CHANNEL_IDS: '123456789012345678,general,42' })));
    expect(error.issues).toEqual([{ key: 'WATCH_CHANNEL_IDS', message: expect.stringContaining('"general", "42"') }]);
  });
});

describe('the config, given DATABASE_URL', () => {
  test.each([
    ['sqlite:./data/paa.db', './data/paa.db'],
    ['sqlite:/abs/path/paa.db', '/abs/path/paa.db'],
    ['sqlite::memory:', ':memory:'],
    ['SQLITE:relative.db', 'relative.db'],
  ])('accepts %s', (url, path) => {
    expect(loadConfig(setup({ DATABASE_URL: url })).database).toEqual({ kind: 'sqlite', path });
  });

  test.each([
    ['postgres://bot:hunter2@db.example:5433/paa', 'postgres://bot:***@db.example:5433/paa'],
    ['postgresql://db.example/paa', 'postgresql://db.example/paa'],
  ])('accepts the PostgreSQL server %s, keeping the URL and a form without its password for messages', (url, display) => {
    expect(loadConfig(setup({ DATABASE_URL: url })).database).toEqual({ kind: 'postgres', url, display });
  });

  test.each([
    ['mysql://bot:hunter2@db.example/paa', 'not supported: a mysql: URL'],
    ['postgres://bot:hunter2@/paa', 'not a valid postgres:// URL'],
    ['postgres:///paa', 'expected a host in the postgres:// URL'],
    ['./data/paa.db', 'expected sqlite:<path>'],
    ['sqlite:', 'expected a path after sqlite:'],
    ['sqlite://data/paa.db', 'without "//"'],
  ])('refuses %s, saying why and without echoing credentials', (url, why) => {
    const error = configError(() => loadConfig(setup({ DATABASE_URL: url })));
    expect(error.issues).toEqual([{ key: 'DATABASE_URL', message: expect.stringContaining(why) }]);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('the config, given KNOWLEDGE_DIR', () => {
  test('serves the shipped knowledge/ folder when unset or blank', () => {
    expect(loadConfig(setup({ KNOWLEDGE_DIR: '  ' })).knowledgeDir).toBe(resolve(SHIPPED_KNOWLEDGE_DIR));
  });

  test('reads a relative folder against the working directory, and keeps it absolute', () => {
    expect(loadConfig(setup({ KNOWLEDGE_DIR: 'test/fixtures/knowledge/article' })).knowledgeDir).toBe(resolve('test/fixtures/knowledge/article'));
  });

  test('refuses a folder that does not exist, naming it', () => {
    const missing = join(tmpdir(), 'paa-no-such-knowledge-folder');
    const error = configError(() => loadConfig(setup({ KNOWLEDGE_DIR: missing })));
    expect(error.issues).toEqual([{ key: 'KNOWLEDGE_DIR', message: `expected the folder of the knowledge files (*.yaml); no such folder: "${missing}"` }]);
  });

  test('refuses a file where a folder is expected, and a path through a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paa-config-')), 'faq.yaml');
    writeFileSync(file, 'entries: []\n');
    expect(configError(() => loadConfig(setup({ KNOWLEDGE_DIR: file }))).issues[0]?.message).toContain(`not a folder: "${file}"`);
    expect(configError(() => loadConfig(setup({ KNOWLEDGE_DIR: join(file, 'more') }))).issues[0]?.message).toContain('no such folder');
  });

  test('is checked for the ask and kb CLIs too', () => {
    const error = configError(() => loadConfig({ KNOWLEDGE_DIR: '/no/such/knowledge' }, { requireDiscord: false }));
    expect(error.issues.map((issue) => issue.key)).toEqual(['KNOWLEDGE_DIR']);
  });
});

describe('the config, given many bad values', () => {
  const bad = {
    DISCORD_TOKEN: undefined,
    DISCORD_CLIENT_ID: '1234',
    DISCORD_GUILD_ID: 'my-server',
    DISCORD_API_URL: 'ftp://discord.com/api',
    WATCH_CHANNEL_IDS: 'general',
    MOD_ROLE_IDS: 'mods',
    LOG_LEVEL: 'verbose',
    DATABASE_URL: 'mysql://localhost/paa',
    KNOWLEDGE_DIR: '/no/such/knowledge',
  };

  test('lists every bad or missing key at once, one line each, in .env.example order', () => {
    const error = configError(() => loadConfig(setup(bad)));
    expect(error.issues.map((issue) => issue.key)).toEqual(Object.keys(bad));
    const lines = error.message.split('\n');
    expect(lines[0]).toMatch(/9 problems/);
    expect(lines.slice(1).map((line) => line.trim().split(':')[0])).toEqual(Object.keys(bad));
  });

  test.each([
    ['DISCORD_TOKEN', 'required: the bot token'],
    ['DISCORD_CLIENT_ID', 'snowflake (17-20 digits); got "1234"'],
    ['DISCORD_GUILD_ID', 'snowflake (17-20 digits); got "my-server"'],
    ['DISCORD_API_URL', 'expected an http(s) URL'],
    ['LOG_LEVEL', 'expected one of fatal, error, warn, info, debug, trace, silent; got "verbose"'],
  ])('says what %s expects', (key, expected) => {
    const error = configError(() => loadConfig(setup(bad)));
    expect(error.issues.find((issue) => issue.key === key)?.message).toContain(expected);
  });

  test.each(['not a url', 'discord.com/api'])('refuses DISCORD_API_URL=%s', (url) => {
    const error = configError(() => loadConfig(setup({ DISCORD_API_URL: url })));
    expect(error.issues.map((issue) => issue.key)).toEqual(['DISCORD_API_URL']);
  });
});

describe('the config, given a token', () => {
  test.each([
    ['with the "Bot " prefix', `Bot ${TOKEN}`, 'without the "Bot " prefix'],
    ['with a space inside', `${TOKEN.slice(0, 10)} ${TOKEN.slice(10)}`, 'without spaces'],
  ])('refuses one %s without quoting it', (_case, token, why) => {
    const error = configError(() => loadConfig(setup({ DISCORD_TOKEN: token })));
    expect(error.issues).toEqual([{ key: 'DISCORD_TOKEN', message: expect.stringContaining(why) }]);
    expect(error.message).not.toContain(TOKEN.slice(0, 10));
    expect(JSON.stringify(error.issues)).not.toContain(TOKEN.slice(0, 10));
  });

  test('never puts a valid token in the message of another problem', () => {
    const error = configError(() => loadConfig(setup({ LOG_LEVEL: 'loud', DISCORD_CLIENT_ID: 'x' })));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain('s3cr3t');
  });
});

describe('the config, without requireDiscord (the ask and kb CLIs)', () => {
  test('needs no Discord variables at all', () => {
    const config = loadConfig({}, { requireDiscord: false });
    expect(config.discord).toBeUndefined();
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/paa.db' });
    expect(config.knowledgeDir).toBe(resolve(SHIPPED_KNOWLEDGE_DIR));
  });

  test('still refuses a malformed Discord variable that is set', () => {
    const error = configError(() => loadConfig({ DISCORD_CLIENT_ID: 'oops' }, { requireDiscord: false }));
    expect(error.issues.map((issue) => issue.key)).toEqual(['DISCORD_CLIENT_ID']);
  });

  test('passes the Discord settings through when they are all there', () => {
    expect(loadConfig(setup(), { requireDiscord: false }).discord?.clientId).toBe(CLIENT_ID);
  });

  test('the bot, by contrast, requires the token and the client id', () => {
    const error = configError(() => loadConfig({}));
    expect(error.issues.map((issue) => issue.key)).toEqual(['DISCORD_TOKEN', 'DISCORD_CLIENT_ID']);
  });
});

describe('the config of the operator port (METRICS_PORT, METRICS_HOST)', () => {
  test('is absent unless METRICS_PORT is set, and then listens on loopback', () => {
    expect(loadConfig(setup()).metrics).toBeUndefined();
    expect(loadConfig(setup({ METRICS_PORT: '9464' })).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig(setup({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).metrics).toEqual({ host: '0.0.0.0', port: 9464 });
  });

  test.each(['0', '65536', 'abc', '94 64', '-1', '9464.5'])('refuses the port %j in one line', (value) => {
    const error = configError(() => loadConfig(setup({ METRICS_PORT: value })));
    expect(error.issues).toEqual([{ key: 'METRICS_PORT', message: expect.stringContaining('expected a port number from 1 to 65535') }]);
  });

  test('refuses a host that is a URL rather than an address', () => {
    const error = configError(() => loadConfig(setup({ METRICS_PORT: '9464', METRICS_HOST: 'http://0.0.0.0/' })));
    expect(error.issues.map((i) => i.key)).toEqual(['METRICS_HOST']);
  });
});

describe('the config of sharding (SHARD_COUNT, SHARD_IDS)', () => {
  test('is absent unless SHARD_COUNT is set: one unsharded connection, as without sharding', () => {
    expect(loadConfig(setup()).sharding).toBeUndefined();
    expect(loadConfig(setup({ SHARD_COUNT: '' }), { requireDiscord: false }).sharding).toBeUndefined();
  });

  test('runs every shard in this process when SHARD_IDS is unset', () => {
    expect(loadConfig(setup({ SHARD_COUNT: '1' })).sharding).toEqual({ count: 1, ids: [0] });
    expect(loadConfig(setup({ SHARD_COUNT: '3' })).sharding).toEqual({ count: 3, ids: [0, 1, 2] });
  });

  test.each([
    ['0', 2, [0]],
    ['1', 2, [1]],
    ['2, 0', 4, [2, 0]],
    ['0,1,2,3', 4, [0, 1, 2, 3]],
  ])('runs only the shards SHARD_IDS=%j names, of SHARD_COUNT', (ids, count, expected) => {
    expect(loadConfig(setup({ SHARD_COUNT: String(count), SHARD_IDS: ids })).sharding).toEqual({ count, ids: expected });
  });

  test.each(['0', '-1', 'two', '1.5', '2 shards', '100001'])('refuses SHARD_COUNT=%j in one line', (value) => {
    const error = configError(() => loadConfig(setup({ SHARD_COUNT: value })));
    expect(error.issues).toEqual([{ key: 'SHARD_COUNT', message: expect.stringContaining('expected the total number of shards, a whole number from 1') }]);
  });

  test.each([
    ['an id that is no number', 'zero', 'not ids: "zero"'],
    ['a negative id', '-1', 'not ids: "-1"'],
    ['an empty place in the list', '0,,1', 'not ids: ""'],
    ['an id given twice', '1,0,1', 'repeated: 1'],
    ['an id of a shard that does not exist', '0,2,3', 'below SHARD_COUNT (2), so from 0 to 1; got 2, 3'],
  ])('refuses SHARD_IDS with %s, in one line', (_case, ids, why) => {
    const error = configError(() => loadConfig(setup({ SHARD_COUNT: '2', SHARD_IDS: ids })));
    expect(error.issues).toEqual([{ key: 'SHARD_IDS', message: expect.stringContaining(why) }]);
  });

  test('refuses SHARD_IDS without SHARD_COUNT, which every process must be given', () => {
    const error = configError(() => loadConfig(setup({ SHARD_IDS: '0' })));
    expect(error.issues).toEqual([{ key: 'SHARD_IDS', message: expect.stringContaining('needs SHARD_COUNT') }]);
  });

  test('lists a bad SHARD_IDS beside the other problems, all at once', () => {
    const error = configError(() => loadConfig({ LOG_LEVEL: 'loud', SHARD_COUNT: '2', SHARD_IDS: '5' }));
    expect(error.issues.map((issue) => issue.key)).toEqual(['DISCORD_TOKEN', 'DISCORD_CLIENT_ID', 'LOG_LEVEL', 'SHARD_IDS']);
  });

  test('says a malformed SHARD_COUNT once, not again as a problem of SHARD_IDS', () => {
    const error = configError(() => loadConfig(setup({ SHARD_COUNT: 'x', SHARD_IDS: '0' })));
    expect(error.issues.map((issue) => issue.key)).toEqual(['SHARD_COUNT']);
  });

  // discord.js reads SHARD_COUNT from the environment itself and throws at a blank one, so the bot refuses it first.
  test.each(['', '  '])('refuses a blank SHARD_COUNT=%j for the bot, saying to remove the line', (value) => {
    const error = configError(() => loadConfig(setup({ SHARD_COUNT: value })));
    expect(error.issues).toEqual([{ key: 'SHARD_COUNT', message: expect.stringContaining('set but blank; remove the line') }]);
  });
});
