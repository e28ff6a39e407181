// --env-file: the key, the endpoint and the variable the config's apiKeyEnv names can come from a
// dotenv file. Variables already set win, a later file wins over an earlier one, and a file that
// cannot be read is exit 2 with its name, before anything is sent.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, runMain, scratchProject } from './run-cli.js';

const API_KEY = 'sk-env-file-test-0a9b8c7d6e5f4321';
const SUITE = `name: From the env file
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: answers
    vars: { question: How long do refunds take? }
    assert:
      - contains: "30 days"
`;

let model: ModelServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await Promise.all([model?.close(), dir ? rm(dir, { recursive: true, force: true }) : undefined]);
  model = dir = undefined;
});

/** A project whose model double takes only API_KEY: a run passes only if the right key was read. */
async function project(files: Record<string, string> = {}): Promise<string> {
  model = await startModelServer({ apiKey: API_KEY, defaultReply: 'Refunds take 30 days.' });
  dir = await scratchProject();
  await writeFile(join(dir, 'suite.prompt.yaml'), SUITE);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text.replaceAll('MODEL_URL', model.url));
  return dir;
}

const run = (cwd: string, args: string[], env: Record<string, string> = {}) => runMain(['run', 'suite.prompt.yaml', '--no-cache', ...args], { cwd, env });

describe('--env-file', () => {
  it('reads the key and the endpoint from a dotenv file (quotes, export and comments)', async () => {
    const cwd = await project({ '.env': `# the team's settings\nexport OPENAI_API_KEY="${API_KEY}"\nOPENAI_BASE_URL='MODEL_URL' # the double\n` });
    const result = await run(cwd, ['--env-file', '.env']);
    expect(result.stderr + result.stdout).toMatch(/1 passed/);
    expect(result.code).toBe(0);
    expect(model!.requests).toHaveLength(1);
  });

  it('skips a line that is not KEY=value and still reads the next one', async () => {
    const cwd = await project({ '.env': `this line is a mistake\nOPENAI_API_KEY=${API_KEY}\nOPENAI_BASE_URL=MODEL_URL\n` });
    const result = await run(cwd, ['--env-file', '.env']);
    expect(result.code).toBe(0);
  });

  it('reads the variable the config file names with apiKeyEnv', async () => {
    const cwd = await project({ 'secrets.env': `TEAM_LLM_KEY=${API_KEY}\n`, 'promptgate.config.yaml': 'baseUrl: MODEL_URL\napiKeyEnv: TEAM_LLM_KEY\n' });
    const result = await run(cwd, ['--env-file', 'secrets.env']);
    expect(result.code).toBe(0);
  });

  it('lets a variable already set win over the file, as node --env-file does', async () => {
    const cwd = await project({ '.env': 'OPENAI_API_KEY=sk-stale-key-from-the-file\nOPENAI_BASE_URL=MODEL_URL\n' });
    const result = await run(cwd, ['--env-file', '.env'], { OPENAI_API_KEY: API_KEY });
    expect(result.code).toBe(0);
  });

  it('lets a later file win over an earlier one', async () => {
    const cwd = await project({ 'team.env': 'OPENAI_API_KEY=sk-team-default\nOPENAI_BASE_URL=MODEL_URL\n', 'mine.env': `OPENAI_API_KEY=${API_KEY}\n` });
    const result = await run(cwd, ['--env-file', 'team.env', '--env-file', 'mine.env']);
    expect(result.code).toBe(0);
  });

  it('refuses a missing file with exit 2 and its name, writes the report asked for, and sends nothing', async () => {
    const cwd = await project();
    const result = await run(cwd, ['--env-file', 'nope.env', '-o', 'results.json'], { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: model!.url });
    expect(result.stderr).toContain(`promptgate: --env-file nope.env: no such file (looked for ${join(cwd, 'nope.env')})\n`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(2);
    expect(model!.requests).toHaveLength(0);
    expect(await readFile(join(cwd, 'results.json'), 'utf8')).toContain('--env-file nope.env: no such file');
  });

  it('refuses a directory with exit 2', async () => {
    const cwd = await project();
    await mkdir(join(cwd, 'config'));
    const result = await run(cwd, ['--env-file', 'config/']);
    expect(result.stderr).toBe('promptgate: --env-file config/ is a directory; give the dotenv file in it, such as config/.env\n');
    expect(result.code).toBe(2);
  });

  it('works in the built CLI, and prints no value of the file', async () => {
    const cwd = await project({ '.env': `OPENAI_API_KEY=${API_KEY}\nOPENAI_BASE_URL=MODEL_URL\nDATABASE_PASSWORD=pw-never-shown-8d1f\n` });
    const result = await runCli(['run', 'suite.prompt.yaml', '--no-cache', '--env-file', '.env'], { cwd });
    expect(result.stderr + result.stdout).toMatch(/1 passed/);
    expect(result.code).toBe(0);
    expect(result.stderr + result.stdout).not.toMatch(/pw-never-shown|sk-env-file-test/);
  });
});
