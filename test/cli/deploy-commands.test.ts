import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

const deploy = (env: Record<string, string>) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/deploy-commands.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, DISCORD_TOKEN: 'simulated-token', DISCORD_CLIENT_ID: sim.applicationId, DISCORD_API_URL: sim.apiUrl, ...env },
  });

describe('npm run deploy-commands', () => {
  test('registers every command in one guild through DISCORD_API_URL, without starting the bot', async () => {
    const guildId = sim.guildId('Test Guild');
    const { stdout } = await deploy({ DISCORD_GUILD_ID: guildId });
    expect(stdout).toContain(`Registered 4 command(s) in guild ${guildId}`);
    expect(sim.commands(guildId).map((c) => c.name).sort()).toEqual(['Add as FAQ', 'Answer with FAQ', 'ask', 'faq']);
    expect(sim.sessions).toHaveLength(0);
  });

  test('registers globally without DISCORD_GUILD_ID', async () => {
    await deploy({});
    expect(sim.commands().map((c) => c.name)).toContain('ask');
  });

  test('refuses a missing token with a clear message', async () => {
    await expect(deploy({ DISCORD_TOKEN: '' })).rejects.toMatchObject({ stderr: expect.stringContaining('DISCORD_TOKEN: required') });
  });
});
