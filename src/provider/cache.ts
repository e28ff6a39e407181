// A content-addressed cache of model answers on disk, so a re-run of unchanged prompts costs no
// requests. The cache is an optimisation: every disk problem degrades to a miss or to no cache,
// never to a failed run.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Case, Completion } from '../types.js';

export interface CompletionCache {
  get(key: string): Promise<Completion | undefined>;
  set(key: string, completion: Completion): Promise<void>;
}

/** Bump when the key's inputs or the entry's shape change, so old entries stop matching. */
const CACHE_FORMAT_VERSION = 1;

/**
 * sha256 of everything that can change the answer. `providerId` must not hold secrets (the
 * provider's id is its base URL without credentials); the API key is deliberately not an input,
 * so rotating a key keeps the cache.
 */
export function cacheKey(providerId: string, testCase: Case): string {
  const identity = {
    version: CACHE_FORMAT_VERSION,
    provider: providerId,
    model: testCase.model,
    messages: testCase.messages.map((message) => ({ role: message.role, content: message.content })),
    parameters: testCase.parameters,
    sample: testCase.sample,
  };
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}

/** JSON with object keys sorted and undefined members left out, so equal content hashes equally. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((name) => (value as Record<string, unknown>)[name] !== undefined)
    .map((name) => `${JSON.stringify(name)}:${canonicalJson((value as Record<string, unknown>)[name])}`);
  return `{${members.join(',')}}`;
}

interface CacheEntry {
  version: number;
  output: string;
  latencyMs: number;
  finishReason?: string;
  usage?: { prompt: number; completion: number; total: number };
}

export interface DiskCacheOptions {
  /** Told once when the cache cannot be written; writing stops for the rest of the run. */
  warn?: (message: string) => void;
}

/** Entries live at `<dir>/<first 2 hex of key>/<key>.json`, so no directory grows past ~1/256 of them. */
export function createDiskCache(dir: string, options: DiskCacheOptions = {}): CompletionCache {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`promptgate: warning: ${message}\n`));
  const readyDirs = new Set<string>();
  let disabled = false;
  let tempCounter = 0;

  const entryPath = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);

  return {
    // Reads go on after writes fail: a read-only cache (restored in CI, say) still saves requests.
    async get(key) {
      let text: string;
      try {
        text = await readFile(entryPath(key), 'utf8');
      } catch {
        return undefined;
      }
      return parseEntry(text);
    },

    async set(key, completion) {
      if (disabled) return;
      const shard = join(dir, key.slice(0, 2));
      // Same directory as the entry, so the rename is atomic; pid and counter keep parallel writers apart.
      const temp = join(shard, `${key}.json.${process.pid}.${tempCounter++}.tmp`);
      try {
        if (!readyDirs.has(shard)) {
          await mkdir(shard, { recursive: true });
          readyDirs.add(shard);
        }
        await writeFile(temp, JSON.stringify(toEntry(completion)));
        await rename(temp, entryPath(key));
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        if (!disabled) {
          disabled = true;
          warn(`cannot write the response cache in ${dir} (${describeError(error)}); answers from this run will not be cached`);
        }
      }
    },
  };
}

function toEntry(completion: Completion): CacheEntry {
  // Only the answer is kept: nothing from the request (headers, key) can end up on disk.
  const entry: CacheEntry = { version: CACHE_FORMAT_VERSION, output: completion.output, latencyMs: completion.latencyMs };
  if (completion.finishReason !== undefined) entry.finishReason = completion.finishReason;
  if (completion.usage !== undefined) entry.usage = completion.usage;
  return entry;
}

/** A corrupt, truncated or foreign file is a miss: the next successful call overwrites it. */
function parseEntry(text: string): Completion | undefined {
  let entry: Partial<CacheEntry>;
  try {
    entry = JSON.parse(text) as Partial<CacheEntry>;
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  if (entry.version !== CACHE_FORMAT_VERSION || typeof entry.output !== 'string' || typeof entry.latencyMs !== 'number') return undefined;
  if (entry.finishReason !== undefined && typeof entry.finishReason !== 'string') return undefined;
  if (entry.usage !== undefined && !isUsage(entry.usage)) return undefined;
  const completion: Completion = { output: entry.output, latencyMs: entry.latencyMs, cached: true };
  if (entry.finishReason !== undefined) completion.finishReason = entry.finishReason;
  if (entry.usage !== undefined) completion.usage = entry.usage;
  return completion;
}

function isUsage(value: unknown): value is CacheEntry['usage'] {
  if (typeof value !== 'object' || value === null) return false;
  const usage = value as Record<string, unknown>;
  return typeof usage['prompt'] === 'number' && typeof usage['completion'] === 'number' && typeof usage['total'] === 'number';
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
