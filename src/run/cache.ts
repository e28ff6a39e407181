// Content-addressed caches of model answers and embeddings on disk, so a re-run of unchanged
// prompts costs no requests. A cache is an optimisation: every disk problem degrades to a miss or
// to no cache, never to a failed run.
import { createHash } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { isRealDirectory, readRegularFileSync } from '../fs/regular-file.js';
import { join } from 'node:path';
import { noRedaction, type Redactor } from '../redact.js';
import type { Case, Completion } from '../types.js';

export interface CompletionCache {
  get(key: string): Promise<Completion | undefined>;
  set(key: string, completion: Completion): Promise<void>;
}

export interface EmbeddingCache {
  get(key: string): Promise<number[] | undefined>;
  set(key: string, vector: number[]): Promise<void>;
}

/** Bump when the key's inputs or the entry's shape change, so old entries stop matching. */
const CACHE_FORMAT_VERSION = 1;
/** Kept apart from the completions' version so either can change without invalidating the other. */
const EMBEDDING_FORMAT_VERSION = 1;

/**
 * sha256 of everything that can change the answer. `providerId` must not hold secrets (the
 * provider's id is its base URL without credentials); the API key is deliberately not an input,
 * so rotating a key keeps the cache. `redact` hides the run's secrets in the texts that are: a
 * hash of a key is a way to check guesses of it, and a rotated key then keeps the cache too.
 */
export function cacheKey(
  providerId: string,
  testCase: Pick<Case, 'model' | 'messages' | 'parameters' | 'sample'>,
  redact: Redactor = noRedaction,
): string {
  const identity = {
    version: CACHE_FORMAT_VERSION,
    provider: redact(providerId),
    model: testCase.model,
    messages: testCase.messages.map((message) => ({ role: message.role, content: redact(message.content) })),
    parameters: testCase.parameters,
    sample: testCase.sample,
  };
  return sha256(canonicalJson(identity));
}

/**
 * sha256 of one text's embedding identity. The `kind` member (absent from completion identities)
 * keeps the two key spaces apart, so both caches can share one directory.
 */
export function embeddingCacheKey(providerId: string, model: string, text: string, redact: Redactor = noRedaction): string {
  return sha256(canonicalJson({ version: EMBEDDING_FORMAT_VERSION, kind: 'embedding', provider: redact(providerId), model, text: redact(text) }));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
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

interface CompletionEntry {
  version: number;
  output: string;
  latencyMs: number;
  finishReason?: string;
  usage?: { prompt: number; completion: number; total: number };
}

interface EmbeddingEntry {
  version: number;
  kind: 'embedding';
  vector: number[];
}

export interface DiskCacheOptions {
  /** Told once when the cache cannot be written; writing stops for the rest of the run. */
  warn?: (message: string) => void;
}

export function createDiskCache(dir: string, options: DiskCacheOptions = {}): CompletionCache {
  const store = createShardedStore(dir, 'response cache', 'answers', options);
  return {
    async get(key) {
      const text = await store.read(key);
      return text === undefined ? undefined : parseCompletionEntry(text);
    },
    set: (key, completion) => store.write(key, JSON.stringify(toCompletionEntry(completion))),
  };
}

export function createDiskEmbeddingCache(dir: string, options: DiskCacheOptions = {}): EmbeddingCache {
  const store = createShardedStore(dir, 'embedding cache', 'embeddings', options);
  return {
    async get(key) {
      const text = await store.read(key);
      return text === undefined ? undefined : parseEmbeddingEntry(text);
    },
    set(key, vector) {
      const entry: EmbeddingEntry = { version: EMBEDDING_FORMAT_VERSION, kind: 'embedding', vector };
      return store.write(key, JSON.stringify(entry));
    },
  };
}

interface ShardedStore {
  /** The entry's text, or undefined when there is none or it cannot be read. */
  read(key: string): Promise<string | undefined>;
  /** Never throws: the first failure is reported and turns writing off. */
  write(key: string, text: string): Promise<void>;
}

/**
 * Largest entry read back. An answer is at most a million tokens, about 4 MB of text; anything
 * larger was not written by promptgate.
 */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

/** Tells concurrent writers' temp files apart, across every store in this process. */
let tempCounter = 0;

/** Entries live at `<dir>/<first 2 hex of key>/<key>.json`, so no directory grows past ~1/256 of them. */
function createShardedStore(dir: string, name: string, contents: string, options: DiskCacheOptions): ShardedStore {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`promptgate: warning: ${message}\n`));
  const readyDirs = new Set<string>();
  let disabled = false;

  const entryPath = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  // The cache folder itself is checked to stay in the project; a shard folder or an entry inside it
  // that is a link (which a checkout or a restored cache can carry) would lead reads and writes
  // anywhere, so neither is followed.
  const realShards = new Set<string>();
  const isRealShard = (shard: string): boolean => {
    if (realShards.has(shard)) return true;
    if (!isRealDirectory(shard)) return false;
    realShards.add(shard);
    return true;
  };

  return {
    // Reads go on after writes fail: a read-only cache (restored in CI, say) still saves requests.
    // Synchronous on purpose: an entry is a few hundred bytes, read in microseconds, while the
    // promise API spends four trips through libuv's four-thread pool on it (open, stat, read,
    // close). A cached re-run of 2,000 cases took 0.93 s that way and 0.66 s this way.
    async read(key) {
      if (!isRealShard(join(dir, key.slice(0, 2)))) return undefined;
      return readRegularFileSync(entryPath(key), MAX_ENTRY_BYTES);
    },

    async write(key, text) {
      if (disabled) return;
      const shard = join(dir, key.slice(0, 2));
      // Same directory as the entry, so the rename is atomic; pid and counter keep parallel writers apart.
      const temp = join(shard, `${key}.json.${process.pid}.${tempCounter++}.tmp`);
      try {
        if (!readyDirs.has(shard)) {
          await mkdir(shard, { recursive: true });
          if (!isRealShard(shard)) throw new Error(`${shard} is a symbolic link, which the cache does not follow`);
          readyDirs.add(shard);
        }
        await writeFile(temp, text);
        await rename(temp, entryPath(key));
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        if (!disabled) {
          disabled = true;
          warn(`cannot write the ${name} in ${dir} (${describeError(error)}); ${contents} from this run will not be cached`);
        }
      }
    },
  };
}

function toCompletionEntry(completion: Completion): CompletionEntry {
  // Only the answer is kept: nothing from the request (headers, key) can end up on disk.
  const entry: CompletionEntry = { version: CACHE_FORMAT_VERSION, output: completion.output, latencyMs: completion.latencyMs };
  if (completion.finishReason !== undefined) entry.finishReason = completion.finishReason;
  if (completion.usage !== undefined) entry.usage = completion.usage;
  return entry;
}

/** A corrupt, truncated or foreign file is a miss: the next successful call overwrites it. */
function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseCompletionEntry(text: string): Completion | undefined {
  const entry = parseObject(text) as Partial<CompletionEntry> & { kind?: unknown } | undefined;
  if (entry === undefined || entry.kind !== undefined) return undefined;
  if (entry.version !== CACHE_FORMAT_VERSION || typeof entry.output !== 'string' || typeof entry.latencyMs !== 'number') return undefined;
  if (entry.finishReason !== undefined && typeof entry.finishReason !== 'string') return undefined;
  if (entry.usage !== undefined && !isUsage(entry.usage)) return undefined;
  const completion: Completion = { output: entry.output, latencyMs: entry.latencyMs, cached: true };
  if (entry.finishReason !== undefined) completion.finishReason = entry.finishReason;
  if (entry.usage !== undefined) completion.usage = entry.usage;
  return completion;
}

function parseEmbeddingEntry(text: string): number[] | undefined {
  const entry = parseObject(text) as Partial<EmbeddingEntry> | undefined;
  if (entry === undefined || entry.kind !== 'embedding' || entry.version !== EMBEDDING_FORMAT_VERSION) return undefined;
  const vector: unknown = entry.vector;
  if (!Array.isArray(vector) || vector.length === 0) return undefined;
  return vector.every((item) => typeof item === 'number' && Number.isFinite(item)) ? (vector as number[]) : undefined;
}

function isUsage(value: unknown): value is CompletionEntry['usage'] {
  if (typeof value !== 'object' || value === null) return false;
  const usage = value as Record<string, unknown>;
  return typeof usage['prompt'] === 'number' && typeof usage['completion'] === 'number' && typeof usage['total'] === 'number';
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
