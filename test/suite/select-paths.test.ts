// selectPaths runs discovery's rules over a list of paths, without the disk. The reference is
// discovery itself over a tree of empty stand-in files holding just those paths (what the Action
// did before): for every input below, both must select the same files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverPromptFiles } from '../../src/suite/discover.js';
import { selectPaths } from '../../src/suite/select-paths.js';

const PATHS = [
  'prompts/support.prompt.yaml',
  'prompts/new.prompt.yml',
  'prompts/deep/er/still.prompt.yaml',
  'prompts/notes.md',
  '.github/prompts/bot.prompt.yml',
  'node_modules/pkg/dep.prompt.yaml',
  'app/node_modules/x.prompt.yaml',
  '.promptgate/cache.prompt.yaml',
  'a b/with space.prompt.yaml',
  'brackets/[x].prompt.yaml',
  'b/one.prompt.yaml',
  'top.prompt.yaml',
  'README.md',
];

const INPUTS = [
  '.',
  './',
  'prompts',
  'prompts/',
  './prompts',
  'prompts/support.prompt.yaml',
  'prompts/notes.md',
  'prompts/*.prompt.yml',
  'prompts/**/*.prompt.yaml',
  'prompts/**',
  '**/*.prompt.yaml',
  '**/*.yml',
  '*.prompt.yaml',
  '*',
  '**',
  '{prompts,b}/*.prompt.yaml',
  '.github',
  '.github/**/*.yml',
  'node_modules',
  'node_modules/**/*.prompt.yaml',
  'app',
  '.promptgate',
  'a b',
  'a b/*.yaml',
  'brackets',
  'brackets/[x].prompt.yaml',
  'brackets/\\[x\\].prompt.yaml',
  'prompts/deep',
  'prompts/deep/**/still.*',
  'missing',
  'missing/**',
  'nowhere/',
  '../outside',
  'prompts/../b',
  '!(prompts)/**',
];

let root: string;

async function standIn(inputs: string[]): Promise<string[]> {
  const { files } = await discoverPromptFiles(inputs, root);
  return files.filter((file) => PATHS.includes(file)).sort();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'promptgate-select-'));
  for (const path of PATHS) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), '');
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('selectPaths', () => {
  for (const input of INPUTS) {
    it(`selects what discovery would for ${JSON.stringify(input)}`, async () => {
      expect([...(await selectPaths([input], PATHS))].sort()).toEqual(await standIn([input]));
    });
  }

  it('selects something for most inputs, so the comparison is not of empty lists', async () => {
    const selecting = [];
    for (const input of INPUTS) if ((await selectPaths([input], PATHS)).size > 0) selecting.push(input);
    expect(selecting.length).toBeGreaterThan(INPUTS.length / 2);
  });

  // Not compared with discovery on disk: that would crawl /etc and the shared temporary directory.
  it('finds listed files through a pattern that climbs out and back in, and nothing by another absolute path', async () => {
    const prompts = ['a b/with space.prompt.yaml', 'b/one.prompt.yaml', 'brackets/[x].prompt.yaml', 'prompts/deep/er/still.prompt.yaml', 'prompts/support.prompt.yaml', 'top.prompt.yaml'];
    expect([...(await selectPaths(['../**/*.prompt.yaml'], PATHS))].sort()).toEqual(prompts);
    expect([...(await selectPaths(['..'], PATHS))].sort()).toEqual([...prompts, '.github/prompts/bot.prompt.yml', 'prompts/new.prompt.yml'].sort());
    expect([...(await selectPaths(['/etc', '/etc/**/*.prompt.yaml', '/tmp'], PATHS))]).toEqual([]);
  });

  it('takes several inputs at once, each file once', async () => {
    expect([...(await selectPaths(['prompts', 'prompts/support.prompt.yaml', 'b'], PATHS))].sort()).toEqual([
      'b/one.prompt.yaml',
      'prompts/deep/er/still.prompt.yaml',
      'prompts/new.prompt.yml',
      'prompts/support.prompt.yaml',
    ]);
  });
});
