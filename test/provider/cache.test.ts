import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, createDiskCache, createDiskEmbeddingCache, embeddingCacheKey } from '../../src/run/cache.js';
import type { Completion } from '../../src/types.js';
import { makeCase } from './cases.js';

const answer: Completion = {
  output: 'The refund window is 30 days.',
  usage: { prompt: 9, completion: 6, total: 15 },
  latencyMs: 812,
  finishReason: 'stop',
  cached: false,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promptgate-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cacheKey', () => {
  it('is the sha256 of a canonical JSON of version, provider, model, messages, parameters and sample', () => {
    const testCase = makeCase('hi', { parameters: { temperature: 0, maxTokens: undefined }, sample: 2 });
    const canonical =
      '{"messages":[{"content":"hi","role":"user"}],"model":"gpt-test","parameters":{"temperature":0},' +
      '"provider":"http://127.0.0.1:8080/v1","sample":2,"version":1}';
    expect(cacheKey('http://127.0.0.1:8080/v1', testCase)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on the order in which parameters were written', () => {
    const a = makeCase('hi', { parameters: { temperature: 0, seed: 1 } });
    const b = makeCase('hi', { parameters: { seed: 1, temperature: 0 } });
    expect(cacheKey('p', a)).toBe(cacheKey('p', b));
  });

  it('changes with each input that can change the answer', () => {
    const base = cacheKey('p', makeCase('hi'));
    const variants = [
      cacheKey('q', makeCase('hi')),
      cacheKey('p', makeCase('hi!')),
      cacheKey('p', makeCase('hi', { model: 'gpt-other' })),
      cacheKey('p', makeCase('hi', { sample: 1 })),
      cacheKey('p', makeCase('hi', { parameters: { temperature: 1 } })),
      cacheKey('p', makeCase('hi', { messages: [{ role: 'system', content: 'hi' }] })),
    ];
    expect(new Set([base, ...variants]).size).toBe(7);
  });
});

describe('createDiskCache', () => {
  const key = 'ab'.padEnd(64, '0');

  it('misses, then returns what was stored, marked as cached', async () => {
    const cache = createDiskCache(dir);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, answer);
    expect(await cache.get(key)).toEqual({ ...answer, cached: true });
  });

  it('stores an entry at <dir>/<first two hex>/<key>.json and leaves no temp file', async () => {
    const cache = createDiskCache(dir);
    await cache.set(key, answer);
    await cache.set(key, { ...answer, output: 'second' });
    expect(await readdir(dir)).toEqual(['ab']);
    expect(await readdir(join(dir, 'ab'))).toEqual([`${key}.json`]);
    expect(JSON.parse(await readFile(join(dir, 'ab', `${key}.json`), 'utf8'))).toEqual({
      version: 1,
      output: 'second',
      latencyMs: 812,
      finishReason: 'stop',
      usage: { prompt: 9, completion: 6, total: 15 },
    });
  });

  it('ignores the temp file a killed run left behind', async () => {
    await mkdir(join(dir, 'ab'));
    await writeFile(join(dir, 'ab', `${key}.json.4242.0.tmp`), '{"version":1,"output":"half');
    expect(await createDiskCache(dir).get(key)).toBeUndefined();
  });

  it.each([
    ['truncated JSON', '{"version":1,"output":"The ref'],
    ['the wrong shape', '{"version":1,"output":42,"latencyMs":1}'],
    ['an older format', '{"version":0,"output":"x","latencyMs":1}'],
    ['bad usage', '{"version":1,"output":"x","latencyMs":1,"usage":{"prompt":"9"}}'],
    ['not an object', 'null'],
  ])('treats an entry with %s as a miss and replaces it', async (_label, content) => {
    await mkdir(join(dir, 'ab'));
    await writeFile(join(dir, 'ab', `${key}.json`), content);
    const cache = createDiskCache(dir);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, answer);
    expect(await cache.get(key)).toEqual({ ...answer, cached: true });
  });

  it('warns once and goes on without writing when the directory cannot be created', async () => {
    const blocked = join(dir, 'not-a-dir');
    await writeFile(blocked, 'a file where the cache directory should be');
    const warnings: string[] = [];
    const cache = createDiskCache(blocked, { warn: (message) => warnings.push(message) });
    await cache.set(key, answer);
    await cache.set('cd'.padEnd(64, '1'), answer);
    expect(await cache.get(key)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`cannot write the response cache in ${blocked}`);
  });
});

describe('embeddingCacheKey', () => {
  it('is the sha256 of a canonical JSON of kind, model, provider, text and version', () => {
    const canonical = '{"kind":"embedding","model":"text-embedding-3-small","provider":"http://127.0.0.1:8080/v1","text":"hi","version":1}';
    expect(embeddingCacheKey('http://127.0.0.1:8080/v1', 'text-embedding-3-small', 'hi')).toBe(
      createHash('sha256').update(canonical).digest('hex'),
    );
  });

  it('changes with the provider, the model and the text', () => {
    const keys = [
      embeddingCacheKey('p', 'm', 'hi'),
      embeddingCacheKey('q', 'm', 'hi'),
      embeddingCacheKey('p', 'n', 'hi'),
      embeddingCacheKey('p', 'm', 'hi!'),
    ];
    expect(new Set(keys).size).toBe(4);
  });

  it('never equals the completion key for the same provider, model and text', () => {
    const testCase = makeCase('hi', { model: 'm' });
    expect(embeddingCacheKey('p', 'm', 'hi')).not.toBe(cacheKey('p', testCase));
  });
});

describe('createDiskEmbeddingCache', () => {
  const key = 'ab'.padEnd(64, '0');
  const vector = [0.25, -1, 3e-8, 0.1];

  it('misses, then returns the stored vector exactly', async () => {
    const cache = createDiskEmbeddingCache(dir);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, vector);
    expect(await cache.get(key)).toEqual([0.25, -1, 3e-8, 0.1]);
  });

  it('stores {version, kind, vector} at <dir>/<first two hex>/<key>.json and leaves no temp file', async () => {
    const cache = createDiskEmbeddingCache(dir);
    await cache.set(key, vector);
    expect(await readdir(join(dir, 'ab'))).toEqual([`${key}.json`]);
    expect(JSON.parse(await readFile(join(dir, 'ab', `${key}.json`), 'utf8'))).toEqual({
      version: 1,
      kind: 'embedding',
      vector: [0.25, -1, 3e-8, 0.1],
    });
  });

  it('never reads a completion entry as an embedding, nor an embedding entry as a completion', async () => {
    const completions = createDiskCache(dir);
    const embeddings = createDiskEmbeddingCache(dir);
    const otherKey = 'cd'.padEnd(64, '0');
    await completions.set(key, answer);
    await embeddings.set(otherKey, vector);
    expect(await embeddings.get(key)).toBeUndefined();
    expect(await completions.get(otherKey)).toBeUndefined();
  });

  it('does not take a completion-shaped entry that also claims to be an embedding', async () => {
    await mkdir(join(dir, 'ab'));
    await writeFile(join(dir, 'ab', `${key}.json`), '{"version":1,"kind":"embedding","output":"x","latencyMs":1}');
    expect(await createDiskCache(dir).get(key)).toBeUndefined();
    expect(await createDiskEmbeddingCache(dir).get(key)).toBeUndefined();
  });

  it.each([
    ['truncated JSON', '{"version":1,"kind":"embedding","vector":[0.2'],
    ['no kind', '{"version":1,"vector":[0.2]}'],
    ['another kind', '{"version":1,"kind":"completion","vector":[0.2]}'],
    ['an older format', '{"version":0,"kind":"embedding","vector":[0.2]}'],
    ['an empty vector', '{"version":1,"kind":"embedding","vector":[]}'],
    ['a vector holding a string', '{"version":1,"kind":"embedding","vector":[0.2,"0.3"]}'],
    ['a vector holding null', '{"version":1,"kind":"embedding","vector":[null]}'],
    ['not an object', '[0.2]'],
  ])('treats an entry with %s as a miss and replaces it', async (_label, content) => {
    await mkdir(join(dir, 'ab'));
    await writeFile(join(dir, 'ab', `${key}.json`), content);
    const cache = createDiskEmbeddingCache(dir);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, vector);
    expect(await cache.get(key)).toEqual([0.25, -1, 3e-8, 0.1]);
  });

  it('warns once and goes on without writing when the directory cannot be created', async () => {
    const blocked = join(dir, 'not-a-dir');
    await writeFile(blocked, 'a file where the cache directory should be');
    const warnings: string[] = [];
    const cache = createDiskEmbeddingCache(blocked, { warn: (message) => warnings.push(message) });
    await cache.set(key, vector);
    await cache.set('cd'.padEnd(64, '1'), vector);
    expect(await cache.get(key)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`cannot write the embedding cache in ${blocked}`);
    expect(warnings[0]).toContain('embeddings from this run will not be cached');
  });

  it('still reads entries after writing has been turned off', async () => {
    await createDiskEmbeddingCache(dir).set(key, vector);
    // A file where the next shard directory would go makes every later write fail.
    await writeFile(join(dir, 'cd'), 'in the way');
    const warnings: string[] = [];
    const cache = createDiskEmbeddingCache(dir, { warn: (message) => warnings.push(message) });
    await cache.set('cd'.padEnd(64, '1'), vector);
    expect(warnings).toHaveLength(1);
    expect(await cache.get(key)).toEqual([0.25, -1, 3e-8, 0.1]);
  });
});
