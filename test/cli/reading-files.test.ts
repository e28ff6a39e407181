// What the CLI reads, end to end through dist/cli.js: nothing outside the project directory
// through a link (prompt files, the cache, the config file, the judge prompt), only UTF-8 text,
// and no YAML built to exhaust the reader. Each is refused with a message, never an internal error.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { builtCli } from '../support/built.js';
import { runCli, type CliResult } from './run-cli.js';

/** Key names and a value of a file outside the project, which must never show up anywhere. */
const SECRET_FILE = 'aws_secret_access_key: wJalrXUtnFEMI-K7MDENG\ndatabase_password: hunter2\n';
const SECRETS = [/aws_secret_access_key/, /wJalrXUtnFEMI/, /database_password/, /hunter2/];

const GREETING = `name: Greeting
model: test-model
messages:
  - role: user
    content: Say hello
tests:
  - name: says hello
    assert:
      - contains: Hello
`;

let server: ModelServer;
/** Removed afterwards: links to / and /proc are best not left lying around in the temp directory. */
const scratches: string[] = [];

beforeAll(async () => {
  server = await startModelServer({ rules: [{ match: /Say hello/, reply: 'Hello there!' }] });
});
afterAll(async () => {
  await server.close();
  // rm does not follow links: only the links themselves go.
  await Promise.all(scratches.map((dir) => rm(dir, { recursive: true, force: true })));
});

const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-1234' });

/** A scratch project holding `files`, and a directory beside it (outside it) holding a secret file. */
async function projectAndOutside(files: Record<string, string | Uint8Array>): Promise<{ project: string; outside: string }> {
  const scratch = await realpath(await mkdtemp(join(tmpdir(), 'promptgate-reading-')));
  scratches.push(scratch);
  const project = join(scratch, 'project');
  const outside = join(scratch, 'outside');
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'secret.prompt.yaml'), SECRET_FILE);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(project, path, '..'), { recursive: true });
    await writeFile(join(project, path), content);
  }
  return { project, outside };
}

function expectNoSecrets(...texts: string[]): void {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toMatch(secret);
}

function expectBadInput(result: CliResult): void {
  expect(result.code).toBe(2);
  expect(result.stderr).not.toMatch(/internal error|please report it|\n\s+at /);
}

/** runCli with a deadline below the test's own: a hang is killed here, not left spinning after the test gives up. */
function runCliWithin(ms: number, args: string[], cwd: string): Promise<CliResult & { killed: boolean }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [builtCli(), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', ...env() }, timeout: ms, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const killed = Boolean(error && (error as { killed?: boolean }).killed);
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr, killed });
      },
    );
  });
}

describe('links out of the project', () => {
  it('skips a directory link to / with a warning, and runs only the real prompt files', async () => {
    const { project } = await projectAndOutside({ 'prompts/greeting.prompt.yaml': GREETING });
    await symlink('/', join(project, 'prompts/root'));

    const result = await runCliWithin(10_000, ['run', 'prompts', '--output', 'report.json', '--no-cache'], project);

    expect(result.killed).toBe(false);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `prompts/root: warning: is a link to /, outside the project directory ${project}; promptgate does not follow links out of the project, so nothing under it was searched`,
    );
    const report = JSON.parse(await readFile(join(project, 'report.json'), 'utf8'));
    expect(report.results.map((test: { file: string }) => test.file)).toEqual(['prompts/greeting.prompt.yaml']);
  });

  it('skips a prompt file linked to a file outside, without reading it', async () => {
    const { project, outside } = await projectAndOutside({ 'prompts/greeting.prompt.yaml': GREETING });
    await symlink(join(outside, 'secret.prompt.yaml'), join(project, 'prompts/leak.prompt.yaml'));

    const validated = await runCli(['validate', 'prompts'], { cwd: project, env: env() });
    const ran = await runCli(['run', 'prompts', '--output', 'report.json', '--no-cache'], { cwd: project, env: env() });

    expect(validated.code).toBe(0);
    expect(validated.stderr).toContain(`prompts/leak.prompt.yaml: warning: is a link to ${join(outside, 'secret.prompt.yaml')}, outside the project directory`);
    expect(ran.code).toBe(0);
    const report = await readFile(join(project, 'report.json'), 'utf8');
    expect(JSON.parse(report).results).toHaveLength(1);
    expectNoSecrets(validated.stdout, validated.stderr, ran.stdout, ran.stderr, report);
  });

  it('refuses the linked file when it is named outright', async () => {
    const { project, outside } = await projectAndOutside({});
    await mkdir(join(project, 'prompts'), { recursive: true });
    await symlink(join(outside, 'secret.prompt.yaml'), join(project, 'prompts/leak.prompt.yaml'));

    const result = await runCli(['validate', 'prompts/leak.prompt.yaml'], { cwd: project, env: env() });

    expectBadInput(result);
    expect(result.stderr).toContain('prompts/leak.prompt.yaml: error: leads through a link to');
    expectNoSecrets(result.stdout, result.stderr);
  });

  it('runs without a cache, with a warning, when .promptgate leads out of the project', async () => {
    const { project, outside } = await projectAndOutside({ 'greeting.prompt.yaml': GREETING });
    await symlink(outside, join(project, '.promptgate'));

    const result = await runCli(['run', 'greeting.prompt.yaml'], { cwd: project, env: env() });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `promptgate: warning: the cache directory .promptgate/cache leads through a link to ${join(outside, 'cache')}, outside the project directory ${project}, so this run does not use a cache`,
    );
    // Nothing was written there.
    expect(await readdir(outside)).toEqual(['secret.prompt.yaml']);
  });

  it.skipIf(!existsSync('/proc/self'))('does not hang when .promptgate is a link to /proc', async () => {
    const { project } = await projectAndOutside({ 'greeting.prompt.yaml': GREETING });
    await symlink('/proc', join(project, '.promptgate'));

    const result = await runCliWithin(10_000, ['run', 'greeting.prompt.yaml'], project);

    expect(result.killed).toBe(false);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the cache directory .promptgate/cache leads through a link to /proc/cache');
  });

  it('refuses a config file that is a link out of the project', async () => {
    const { project, outside } = await projectAndOutside({ 'greeting.prompt.yaml': GREETING });
    await symlink(join(outside, 'secret.prompt.yaml'), join(project, 'promptgate.config.yaml'));

    const result = await runCli(['validate', 'greeting.prompt.yaml'], { cwd: project, env: env() });

    expectBadInput(result);
    expect(result.stderr).toContain('promptgate.config.yaml: error: leads through a link to');
    expectNoSecrets(result.stdout, result.stderr);
  });

  it('reads judge.rubricPrompt only from inside the project', async () => {
    const judged = GREETING.replace('      - contains: Hello', '      - contains: Hello\n      - llm-rubric: Greets the user');
    const { project } = await projectAndOutside({ 'greeting.prompt.yaml': judged });
    await writeFile(join(project, 'promptgate.config.yaml'), 'judge:\n  rubricPrompt: ../outside/secret.prompt.yaml\n');

    const requestsBefore = server.requests.length;

    const result = await runCli(['run', 'greeting.prompt.yaml', '--no-cache'], { cwd: project, env: env() });

    expectBadInput(result);
    expect(result.stderr).toContain(`judge.rubricPrompt ../outside/secret.prompt.yaml is outside the project directory ${project}`);
    expectNoSecrets(result.stdout, result.stderr);
    expect(server.requests.slice(requestsBefore)).toEqual([]);
  });
});

describe('text that is not UTF-8', () => {
  it('refuses a Windows-1252 prompt file at the line and column of its first bad byte', async () => {
    // `content: “Say hello”` saved as Windows-1252: the quotes are 0x93 and 0x94.
    const cp1252 = Buffer.concat([Buffer.from(GREETING.split('content: Say hello')[0]! + 'content: '), Buffer.from([0x93]), Buffer.from('Say hello'), Buffer.from([0x94]), Buffer.from(GREETING.split('content: Say hello')[1]!)]);
    const { project } = await projectAndOutside({ 'greeting.prompt.yaml': cp1252, 'models.prompt.yml': Buffer.from([...Buffer.from('messages:\n  - role: user\n    content: caf'), 0xe9, 0x0a]) });

    const requestsBefore = server.requests.length;

    const result = await runCli(['run', '.', '--no-cache'], { cwd: project, env: env() });

    expectBadInput(result);
    expect(result.stderr).toContain('greeting.prompt.yaml:5:14: error: byte 0x93 is not valid UTF-8: the file is in another encoding (often Windows-1252 or Latin-1); save it as UTF-8');
    expect(result.stderr).toContain('models.prompt.yml:3:17: error: byte 0xE9 is not valid UTF-8');
    expect(server.requests.slice(requestsBefore)).toEqual([]);
  });

  it('refuses a Windows-1252 config file at its line and column', async () => {
    const { project } = await projectAndOutside({ 'greeting.prompt.yaml': GREETING, 'promptgate.config.yaml': Buffer.from([...Buffer.from('model: gpt-4o\n# caf'), 0xe9, 0x0a]) });

    const result = await runCli(['validate', 'greeting.prompt.yaml'], { cwd: project, env: env() });

    expectBadInput(result);
    expect(result.stderr).toContain('promptgate.config.yaml:2:6: error: byte 0xE9 is not valid UTF-8');
  });
});

describe('YAML made to exhaust the reader', () => {
  it('refuses 10,000 nested brackets at their line, in a prompt file and a GitHub Models file', async () => {
    const { project } = await projectAndOutside({
      'deep.prompt.yaml': `messages: ${'['.repeat(10_000)}\n`,
      'deep.prompt.yml': `messages:\n  - role: user\n    content: hi\ntestData:\n  - input: ${'{a: '.repeat(10_000)}\n`,
    });

    const result = await runCli(['validate', '.'], { cwd: project, env: env() });

    expectBadInput(result);
    expect(result.stderr).toMatch(/^deep\.prompt\.yaml:1:110: error: lists and mappings nest more than 100 levels deep here/m);
    expect(result.stderr).toMatch(/^deep\.prompt\.yml:5:\d+: error: lists and mappings nest more than 100 levels deep here/m);
  });

  it('refuses a billion-laughs config file at its first alias, and deep nesting there too', async () => {
    const laughs = [
      'model: test-model',
      'x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      ...Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`),
    ].join('\n');
    const { project } = await projectAndOutside({ 'greeting.prompt.yaml': GREETING, 'promptgate.config.yaml': `${laughs}\n` });

    const bomb = await runCli(['run', 'greeting.prompt.yaml'], { cwd: project, env: env() });
    await writeFile(join(project, 'promptgate.config.yaml'), `model: ${'['.repeat(10_000)}\n`);
    const deep = await runCli(['run', 'greeting.prompt.yaml'], { cwd: project, env: env() });

    expectBadInput(bomb);
    expect(bomb.stderr).toContain('promptgate.config.yaml:3:10: error: the aliases (*name) in this file expand to too much data');
    expectBadInput(deep);
    expect(deep.stderr).toContain('promptgate.config.yaml:1:107: error: lists and mappings nest more than 100 levels deep here');
  });
});
