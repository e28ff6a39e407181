// `promptgate init`: a new project's starter files, which validate without a warning and pass with
// the echo model and no key; nothing that exists is written over, and .gitignore is only appended to.
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from './run-cli.js';

const STARTER_FILES = ['prompts/example.prompt.yaml', 'promptgate.config.yaml', '.github/workflows/promptgate.yml'];

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function emptyProject(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'promptgate-init-'));
  return dir;
}

/** No key, no endpoint: what a newcomer has. */
const init = (cwd: string, args: string[] = []) => runMain(['init', ...args], { cwd, env: {} });

describe('promptgate init in an empty folder', () => {
  it('creates the starter files and a .gitignore that ignores .promptgate/', async () => {
    const cwd = await emptyProject();
    const result = await init(cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const path of STARTER_FILES) expect(result.stdout).toContain(`Created ${path}\n`);
    expect(result.stdout).toContain('Created .gitignore (ignores .promptgate/)');
    expect(result.stdout).toMatch(/npx promptgate run --model echo/);
    expect(await readFile(join(cwd, '.gitignore'), 'utf8')).toMatch(/^\.promptgate\/$/m);
  });

  it('writes files that validate without a problem or a warning', async () => {
    const cwd = await emptyProject();
    await init(cwd);
    const result = await runMain(['validate'], { cwd, env: {} });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('1 file valid, 2 tests.\n');
    expect(result.code).toBe(0);
  });

  it('writes tests that pass with the echo model, with no key, no cache left behind', async () => {
    const cwd = await emptyProject();
    await init(cwd);
    const result = await runMain(['run', '--model', 'echo', '-o', 'results.json'], { cwd, env: {} });
    expect(result.stderr + result.stdout).toMatch(/2 passed, 0 failed, 0 errored/);
    expect(result.code).toBe(0);
    const results = JSON.parse(await readFile(join(cwd, 'results.json'), 'utf8'));
    expect(results.results.map((test: { samples: { output: string }[] }) => test.samples[0]!.output)).toEqual([
      'Can I return the boots I bought three weeks ago?',
      'Where is my order A-1042?',
    ]);
    expect((await readdir(cwd)).sort()).toEqual(['.github', '.gitignore', 'promptgate.config.yaml', 'prompts', 'results.json']);
  });

  it('writes a workflow that runs the action on the starter prompts with the key from a secret', async () => {
    const cwd = await emptyProject();
    await init(cwd);
    const workflow = parse(await readFile(join(cwd, '.github/workflows/promptgate.yml'), 'utf8'));
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const step = workflow.jobs.promptgate.steps.find((candidate: { uses?: string }) => candidate.uses?.startsWith('promptgate/promptgate@'));
    expect(step).toEqual({ uses: 'promptgate/promptgate@v1', with: { prompts: 'prompts/', 'api-key': '${{ secrets.OPENAI_API_KEY }}' } });
  });
});

describe('promptgate init where files exist', () => {
  it('leaves every existing file as it was and says so', async () => {
    const cwd = await emptyProject();
    await mkdir(join(cwd, 'prompts'));
    await writeFile(join(cwd, 'prompts/example.prompt.yaml'), 'mine\n');
    await writeFile(join(cwd, 'promptgate.config.yaml'), 'model: my-model\n');
    const result = await init(cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created .github/workflows/promptgate.yml');
    expect(result.stdout).toContain('Left alone, as they exist: prompts/example.prompt.yaml, promptgate.config.yaml\n');
    expect(await readFile(join(cwd, 'prompts/example.prompt.yaml'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(cwd, 'promptgate.config.yaml'), 'utf8')).toBe('model: my-model\n');
  });

  it('leaves a link in a file’s place alone, even one that leads nowhere', async () => {
    const cwd = await emptyProject();
    await symlink(join(cwd, 'missing.yaml'), join(cwd, 'promptgate.config.yaml'));
    const result = await init(cwd);
    expect(result.stdout).toContain('Left alone, as they exist: promptgate.config.yaml\n');
    expect(await readdir(cwd)).not.toContain('missing.yaml');
  });

  it('appends the entry to a .gitignore that lacks it, keeping its bytes and its line endings', async () => {
    const cwd = await emptyProject();
    // No newline at the end, CRLF line endings and a byte that is not UTF-8.
    const original = Buffer.concat([Buffer.from('node_modules/\r\ncaf'), Buffer.from([0xe9]), Buffer.from('/\r\ndist')]);
    await writeFile(join(cwd, '.gitignore'), original);
    const result = await init(cwd);
    expect(result.stdout).toContain('Added .promptgate/ to .gitignore');
    const after = await readFile(join(cwd, '.gitignore'));
    expect(after.subarray(0, original.length).equals(original)).toBe(true);
    expect(after.subarray(original.length).toString()).toBe("\r\n# promptgate's cache of model answers\r\n.promptgate/\r\n");
  });

  it.each(['.promptgate/', '.promptgate', '/.promptgate/', '**/.promptgate/**', '  .promptgate/  '])('leaves a .gitignore that has %j untouched', async (line) => {
    const cwd = await emptyProject();
    const original = `node_modules/\n${line}\n`;
    await writeFile(join(cwd, '.gitignore'), original);
    const result = await init(cwd);
    expect(result.stdout).toContain('.gitignore already ignores .promptgate/');
    expect(await readFile(join(cwd, '.gitignore'), 'utf8')).toBe(original);
  });

  it('adds the entry when only a folder inside .promptgate is ignored', async () => {
    const cwd = await emptyProject();
    await writeFile(join(cwd, '.gitignore'), '.promptgate/cache/\n');
    await init(cwd);
    expect(await readFile(join(cwd, '.gitignore'), 'utf8')).toBe(".promptgate/cache/\n# promptgate's cache of model answers\n.promptgate/\n");
  });

  it('creates what it can and exits 2 when a file stands where a folder is needed', async () => {
    const cwd = await emptyProject();
    await writeFile(join(cwd, 'prompts'), 'a file, not a folder\n');
    const result = await init(cwd);
    expect(result.stderr).toBe('promptgate: cannot create prompts/example.prompt.yaml: a file is in the way of a folder on its path\n');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Created promptgate.config.yaml');
    expect(await readFile(join(cwd, 'prompts'), 'utf8')).toBe('a file, not a folder\n');
  });
});

describe('promptgate init usage', () => {
  it.each([
    [['somewhere'], /^promptgate: `promptgate init` takes no paths; it writes the starter files in the current directory \(got "somewhere"\)\n$/],
    [['--model', 'gpt-4o'], /^promptgate: --model is not an option of `promptgate init`, which takes none\n$/],
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const cwd = await emptyProject();
    const result = await init(cwd, args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('has its own help', async () => {
    const cwd = await emptyProject();
    const result = await runMain(['help', 'init'], { cwd, env: {} });
    expect(result.stdout).toMatch(/^Usage: promptgate init\n/);
    expect(result.stdout).toContain('A file that exists is left alone');
  });
});
