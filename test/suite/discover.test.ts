import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discoverPromptFiles } from '../../src/suite/discover.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'promptgate-discover-'));
  const files = [
    'prompts/refund.prompt.yaml',
    'prompts/nested/deep/greet.prompt.yml',
    'prompts/notes.yaml',
    'prompts/README.md',
    '.github/prompts/gh.prompt.yml',
    'node_modules/pkg/x.prompt.yaml',
    'prompts/node_modules/y.prompt.yaml',
    '.git/z.prompt.yaml',
    '.promptgate/cache.prompt.yaml',
    'other/special.yml',
    'empty/readme.txt',
  ];
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'messages: []\n');
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('discoverPromptFiles', () => {
  test('a directory yields every prompt file below it, skipping dependencies, git and the cache', async () => {
    expect(await discoverPromptFiles(['.'], root)).toEqual({
      files: ['.github/prompts/gh.prompt.yml', 'prompts/nested/deep/greet.prompt.yml', 'prompts/refund.prompt.yaml'],
      problems: [],
    });
  });

  test('a file named outright is taken whatever its name', async () => {
    expect(await discoverPromptFiles(['other/special.yml', 'prompts/notes.yaml'], root)).toEqual({
      files: ['other/special.yml', 'prompts/notes.yaml'],
      problems: [],
    });
  });

  test('globs are expanded; overlapping inputs are listed once, sorted', async () => {
    expect(await discoverPromptFiles(['prompts/**/*.yml', 'prompts', 'prompts/refund.prompt.yaml'], root)).toEqual({
      files: ['prompts/nested/deep/greet.prompt.yml', 'prompts/refund.prompt.yaml'],
      problems: [],
    });
  });

  test('paths are relative to cwd even when given absolute, or reached through ..', async () => {
    const cwd = join(root, 'prompts');
    expect(await discoverPromptFiles([join(root, 'other', 'special.yml'), '../.github'], cwd)).toEqual({
      files: ['../.github/prompts/gh.prompt.yml', '../other/special.yml'],
      problems: [],
    });
  });

  test('inputs that match nothing are errors that say what to do; the others still count', async () => {
    const result = await discoverPromptFiles(['missing.prompt.yaml', 'prompts/*.json', 'empty', 'prompts/refund.prompt.yaml'], root);
    expect(result.files).toEqual(['prompts/refund.prompt.yaml']);
    expect(result.problems).toEqual([
      {
        file: 'missing.prompt.yaml',
        line: 0,
        column: 0,
        severity: 'error',
        message: '"missing.prompt.yaml" does not exist; check the path, or pass a directory or a glob such as "prompts/**/*.prompt.yaml"',
      },
      {
        file: 'prompts/*.json',
        line: 0,
        column: 0,
        severity: 'error',
        message: 'the pattern "prompts/*.json" matches no files; check it, and quote it so your shell does not expand it first',
      },
      {
        file: 'empty',
        line: 0,
        column: 0,
        severity: 'error',
        message: 'no *.prompt.yaml or *.prompt.yml files under "empty"; name prompt files like "refund.prompt.yaml", or pass the files themselves',
      },
    ]);
  });
});
