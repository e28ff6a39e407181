// What `npm install -D promptgate` puts on a user's disk: `npm pack` of this checkout holds what the
// CLI needs at run time and nothing else, and the CLI runs from the unpacked package outside this
// repository, finding its own judge prompts there.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli } from './support/built.js';
import { startModelServer, type ModelServer, type ReceivedRequest } from './support/model-server.js';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..');

interface PackResult {
  filename: string;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

let scratch: string;
let packed: PackResult;
/** The unpacked tarball: what node_modules/promptgate holds after an install. */
let installed: string;

beforeAll(async () => {
  builtCli(); // dist/ as src/ builds it now, or this fails with why
  scratch = await mkdtemp(join(tmpdir(), 'promptgate-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  packed = (JSON.parse(stdout) as PackResult[])[0]!;
  await run('tar', ['-xzf', join(scratch, packed.filename), '-C', scratch]);
  installed = join(scratch, 'package');
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(repoRoot, dir), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

describe('the npm package', () => {
  it('holds the CLI, every bundled prompt it reads at run time, the schemas for editors, and the documents', async () => {
    const paths = packed.files.map((file) => file.path);
    const needed = [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/cli.js',
      'dist/licenses.txt',
      'schema/promptgate.schema.json',
      'schema/config.schema.json',
      'schema/results.schema.json',
      // The judges and the editor are read from ../prompts/promptgate/ beside dist/ (src/suite/bundled-prompt.ts).
      'prompts/promptgate/judges/llm-rubric.prompt.yaml',
      'prompts/promptgate/suggest-edit.prompt.yaml',
      ...(await filesUnder('prompts/promptgate')),
    ];
    expect(needed.filter((path) => !paths.includes(path))).toEqual([]);
  });

  it('holds nothing else: no sources, tests, the Action bundle or sourcemaps', () => {
    const allowed = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/cli\.js|dist\/licenses\.txt|schema\/[\w-]+\.schema\.json|prompts\/promptgate\/[\w/-]+\.prompt\.yaml)$/;
    expect(packed.files.map((file) => file.path).filter((path) => !allowed.test(path))).toEqual([]);
  });

  it('names its repository, homepage and issue tracker (npm provenance checks the repository against the one that built it)', async () => {
    const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    // The repository the README's `uses:` line names, the one the release workflow runs in.
    const readme = await readFile(join(installed, 'README.md'), 'utf8');
    const usedRepos = new Set([...readme.matchAll(/uses: ([\w.-]+\/[\w.-]+)@v\d+\b/g)].map((match) => match[1]).filter((repo) => !repo!.startsWith('actions/')));
    expect([...usedRepos]).toEqual(['promptgate/promptgate']);
    const actionRepo = [...usedRepos][0];
    expect(pkg.repository).toEqual({ type: 'git', url: `git+https://github.com/${actionRepo}.git` });
    expect(pkg.homepage).toBe(`https://github.com/${actionRepo}#readme`);
    expect(pkg.bugs).toEqual({ url: `https://github.com/${actionRepo}/issues` });
    expect(pkg.license).toBe('MIT');
    expect(await readFile(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the promptgate authors\n/);
  });

  it("passes on the licence of every package bundled into the CLI, as the bundle's sourcemap lists them", async () => {
    // The map, kept in the repository, names every bundled source file; the package's licences file is built from esbuild's metafile.
    const map = JSON.parse(await readFile(join(repoRoot, 'dist/cli.js.map'), 'utf8')) as { sources: string[] };
    const bundled = new Set(map.sources.flatMap((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(source)?.[1] ?? []));
    expect(bundled.size).toBeGreaterThan(5);
    const licenses = await readFile(join(installed, 'dist/licenses.txt'), 'utf8');
    const listed = new Set([...licenses.matchAll(/^((?:@[^/\s]+\/)?[^/\s]+) \d+\.\d+\.\d+\S*\n\S+\n/gm)].map((match) => match[1]));
    expect([...bundled].filter((name) => !listed.has(name)).sort()).toEqual([]);
    expect(licenses).toMatch(/^openai \d+\.\d+\.\d+\nApache-2\.0\n\s*Apache License\n/m);
  });

  it('has its bin pointing at a file in the package that Node runs as a script', async () => {
    const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ promptgate: 'dist/cli.js' });
    const firstLine = (await readFile(join(installed, pkg.bin.promptgate), 'utf8')).split('\n', 1)[0];
    expect(firstLine).toBe('#!/usr/bin/env node');
  });
});

describe('the CLI run from the unpacked package, in a project of its own', () => {
  let server: ModelServer;
  let project: string;
  const cli = () => join(installed, 'dist/cli.js');
  const isRubricJudge = (request: ReceivedRequest) =>
    (request.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name === 'llm_rubric_verdict';

  beforeAll(async () => {
    server = await startModelServer({
      rules: [
        { match: isRubricJudge, reply: '{"reason":"States the refund window.","pass":true,"score":1}' },
        { match: /boots/, reply: 'You can return them within 30 days.' },
      ],
    });
    // Outside this repository and beside no prompts/ folder: the judge prompt can only come from the package.
    project = join(scratch, 'project');
    await mkdir(project);
    await writeFile(
      join(project, 'support.prompt.yaml'),
      [
        `# yaml-language-server: $schema=${relative(project, join(installed, 'schema/promptgate.schema.json'))}`,
        'name: support',
        'model: shop-model',
        'messages:',
        '  - role: user',
        '    content: "Can I return my {{item}}?"',
        'tests:',
        '  - vars: { item: boots }',
        '    assert:',
        '      - contains: 30 days',
        '      - llm-rubric: States the refund window',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const runInstalled = (args: string[]) =>
    run(process.execPath, [cli(), ...args], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '', HOME: project, CI: 'true', OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-package-1234' },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);

  it("says package.json's version", async () => {
    const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    const result = await runInstalled(['--version']);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('validates a prompt file and runs it, judged with the rubric prompt the package ships', async () => {
    const validated = await runInstalled(['validate', 'support.prompt.yaml']);
    expect(validated.stderr).toBe('');
    expect('code' in validated ? validated.code : 0).toBe(0);

    const judgedBefore = server.requests.filter(isRubricJudge).length;
    const result = await runInstalled(['run', 'support.prompt.yaml', '--quiet', '--no-cache', '--judge-model', 'judge-model']);
    expect(result.stderr).toBe('');
    expect('code' in result ? result.code : 0).toBe(0);
    expect(server.requests.filter(isRubricJudge).length - judgedBefore).toBe(1);
  });
});
