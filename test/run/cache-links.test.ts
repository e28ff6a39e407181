// The cache folder is checked to stay inside the project, but what is inside it comes from a
// checkout or a restored cache: a shard folder linked elsewhere would take writes out of the
// project, and an entry linked to /dev/zero would be read without end. Neither is followed.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDiskCache } from '../../src/run/cache.js';
import type { Completion } from '../../src/types.js';

const answer: Completion = { output: 'Refunds take 30 days.', usage: { prompt: 3, completion: 5, total: 8 }, latencyMs: 10, finishReason: 'stop', cached: false };
const KEY = `3f${'0'.repeat(62)}`;

let root: string;
let cacheDir: string;
let elsewhere: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'promptgate-cache-links-'));
  cacheDir = join(root, 'project/.promptgate/cache');
  elsewhere = join(root, 'elsewhere');
  await mkdir(cacheDir, { recursive: true });
  await mkdir(elsewhere);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('does not write through a shard folder that is a link out of the cache, and says so once', async () => {
  await symlink(elsewhere, join(cacheDir, '3f'));
  const warnings: string[] = [];
  const cache = createDiskCache(cacheDir, { warn: (message) => warnings.push(message) });
  await cache.set(KEY, answer);
  expect(await readdir(elsewhere)).toEqual([]);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('is a symbolic link, which the cache does not follow');
});

it('does not read an entry through a shard folder that is a link', async () => {
  await mkdir(join(elsewhere, 'shard'));
  await writeFile(join(elsewhere, 'shard', `${KEY}.json`), JSON.stringify({ output: 'planted', usage: answer.usage, latencyMs: 1, finishReason: 'stop' }));
  await symlink(join(elsewhere, 'shard'), join(cacheDir, '3f'));
  expect(await createDiskCache(cacheDir).get(KEY)).toBeUndefined();
});

it.skipIf(!existsSync('/dev/zero'))('does not read an entry that is a link to a device, and stays usable', async () => {
  await mkdir(join(cacheDir, '3f'));
  await symlink('/dev/zero', join(cacheDir, '3f', `${KEY}.json`));
  const cache = createDiskCache(cacheDir);
  expect(await cache.get(KEY)).toBeUndefined();
  // Writing the entry replaces the link itself (rename does not follow it), and is read back.
  await cache.set(KEY, answer);
  expect(await cache.get(KEY)).toEqual({ ...answer, cached: true });
});
