// Reading files at a git ref for `run --against`, against real repositories made with git in a
// temporary directory.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFilesAtRef, refProblem, resolveRef } from '../../src/cli/git-ref.js';
import { git as gitIn, gitEnv as env } from './git-repo.js';

const git = (cwd: string, ...args: string[]) => gitIn(cwd, cwd, ...args);

let root: string;
let commit: string;
// Bytes that are not UTF-8, to show they come back as they are (decoding is the caller's business).
const LATIN1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'promptgate-git-'));
  git(root, 'init', '-q');
  await mkdir(join(root, 'sub/prompts/dir'), { recursive: true });
  await writeFile(join(root, 'sub/prompts/a.prompt.yaml'), 'name: a\n');
  await writeFile(join(root, 'sub/prompts/with space é.prompt.yaml'), 'name: spaced\n');
  await writeFile(join(root, 'sub/prompts/latin1.prompt.yaml'), LATIN1);
  await writeFile(join(root, 'sub/prompts/dir/inner.yaml'), 'x\n');
  await writeFile(join(root, 'top.prompt.yaml'), 'name: top\n');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'tag', 'base');
  commit = git(root, 'rev-parse', 'HEAD');
  // The working tree moves on; the ref must still give the committed versions.
  await writeFile(join(root, 'sub/prompts/a.prompt.yaml'), 'name: a, edited\n');
});

describe('refProblem', () => {
  it('refuses what git would read as an option, an empty ref and control characters', () => {
    expect(refProblem('-x')).toContain('"-x" starts with "-", which git would read as an option');
    expect(refProblem('--output=/tmp/x')).toContain('starts with "-"');
    expect(refProblem(' ')).toContain('got an empty value');
    expect(refProblem('main\nHEAD')).toContain('control character');
    expect(refProblem('origin/main')).toBeUndefined();
    expect(refProblem('HEAD~2')).toBeUndefined();
  });
});

describe('resolveRef', () => {
  it('finds the commit a tag names, and where the working directory sits in the repository', async () => {
    const found = await resolveRef(join(root, 'sub'), 'base', env(root));
    expect(found).toEqual({ ok: true, at: { ref: 'base', commit, label: `base (${commit.slice(0, 7)})` }, prefix: 'sub/' });
  });

  it('shows a hash as its short form alone', async () => {
    const found = await resolveRef(root, commit.slice(0, 10), env(root));
    expect(found).toMatchObject({ ok: true, at: { commit, label: commit.slice(0, 7) }, prefix: '' });
  });

  it('says so when no commit has the name', async () => {
    const found = await resolveRef(root, 'no-such-branch', env(root));
    expect(found).toEqual({ ok: false, message: expect.stringContaining('--against no-such-branch: no commit of that name in this repository') });
    // A path in the tree is not a commit either.
    expect(await resolveRef(root, 'base:top.prompt.yaml', env(root))).toMatchObject({ ok: false });
  });

  it('says so outside a git repository, and when git is missing', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'promptgate-nogit-'));
    const notRepo = await resolveRef(outside, 'main', env(outside));
    expect(notRepo).toEqual({ ok: false, message: expect.stringMatching(/^--against main: git cannot use this directory as a repository \(not a git repository/) });
    const noGit = await resolveRef(root, 'main', { ...env(root), PATH: outside });
    expect(noGit).toEqual({ ok: false, message: expect.stringMatching(/^--against main: git is not installed \(or not on PATH\)/) });
  });
});

describe('readFilesAtRef', () => {
  it('gives each file as committed, relative to the working directory, whatever its name or bytes', async () => {
    const cwd = join(root, 'sub');
    const files = await readFilesAtRef({ cwd, env: env(root) }, { commit, prefix: 'sub/' }, [
      'prompts/a.prompt.yaml',
      'prompts/with space é.prompt.yaml',
      'prompts/latin1.prompt.yaml',
      '../top.prompt.yaml',
      'prompts/./dir/../a.prompt.yaml',
    ]);
    if (!files.ok) throw new Error(files.message);
    expect(Object.fromEntries([...files.files].map(([file, found]) => [file, found.kind === 'bytes' ? found.bytes.toString('latin1') : found]))).toEqual({
      'prompts/a.prompt.yaml': 'name: a\n',
      'prompts/with space é.prompt.yaml': 'name: spaced\n',
      'prompts/latin1.prompt.yaml': LATIN1.toString('latin1'),
      '../top.prompt.yaml': 'name: top\n',
      'prompts/./dir/../a.prompt.yaml': 'name: a\n',
    });
  });

  it('tells a file absent at the ref from a directory there and from a path outside the repository', async () => {
    const files = await readFilesAtRef({ cwd: root, env: env(root) }, { commit, prefix: '' }, ['sub/prompts/new.prompt.yaml', 'sub/prompts/dir', '../elsewhere.yaml']);
    expect(files.ok && Object.fromEntries(files.files)).toEqual({
      'sub/prompts/new.prompt.yaml': { kind: 'absent' },
      'sub/prompts/dir': { kind: 'unusable', reason: 'it is a directory there' },
      '../elsewhere.yaml': { kind: 'unusable', reason: 'it is outside the git repository' },
    });
  });
});
