// What the offline embeddings for `similar` cost and how well they separate meanings: install size,
// model load time, time per embedding, peak memory, and cosine scores for hand-picked pairs.
//
//   node bench/embeddings.mjs          prints one JSON object
//
// It runs promptgate's own provider (src/provider/local-embeddings.ts) and cosine, bundled here with
// esbuild as bench/run.mjs bundles its helpers, so nothing is duplicated and what is measured is
// what ships. It needs the devDependencies only, not `npm run build`.
import { readdir, stat, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools/bench');
await mkdir(tools, { recursive: true });
const bundled = join(tools, 'local-embeddings.mjs');
await build({
  stdin: {
    contents: "export * from './src/provider/local-embeddings.ts'; export * from './src/grade/cosine.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundled,
  logLevel: 'warning',
});
const rssBeforeLoad = process.memoryUsage().rss;
const { createLocalEmbeddingProvider, cosineSimilarity, LOCAL_EMBEDDING_MODEL, LOCAL_EMBEDDING_PACKAGES } = await import(
  pathToFileURL(bundled).href
);

let peakSampledRss = rssBeforeLoad;
const sampler = setInterval(() => {
  peakSampledRss = Math.max(peakSampledRss, process.memoryUsage().rss);
}, 5);

let loadMs;
const provider = createLocalEmbeddingProvider({ searchFrom: [root], onLoad: (info) => (loadMs = info.ms) });
const signal = new AbortController().signal;
async function embed(input) {
  const attempt = await provider.embed({ model: LOCAL_EMBEDDING_MODEL, input }, signal);
  if (!attempt.ok) throw new Error(attempt.message);
  return attempt.vectors;
}

const firstCallStarted = performance.now();
await embed(['Warm up.']);
const firstCallMs = performance.now() - firstCallStarted;

const subjects = ['The report', 'My neighbour', 'The new manager', 'A small bakery', 'The train', 'Our team', 'The city council', 'This laptop', 'The old bridge', 'A stray dog'];
const predicates = ['was finished late on Tuesday.', 'asked for a refund.', 'opened a second shop downtown.', 'is slower than expected.', 'won the regional award.', 'needs a software update.', 'closed for repairs last week.', 'seems happier these days.', 'was featured in the local paper.', 'broke down near the station.'];
const batch = subjects.flatMap((subject) => predicates.map((predicate) => `${subject} ${predicate}`));
const batchTimings = [];
for (let round = 0; round < 3; round++) {
  const started = performance.now();
  const vectors = await embed(batch);
  batchTimings.push(performance.now() - started);
  if (vectors.length !== batch.length) throw new Error('a vector went missing');
}

const pairs = [
  ['paraphrase', 'The meeting has been moved to Friday afternoon.', 'We rescheduled the meeting for Friday afternoon.'],
  ['paraphrase', 'How do I reset my password?', 'What are the steps to change my password?'],
  ['paraphrase', 'The package will arrive in three days.', 'Your parcel should be delivered within three days.'],
  ['paraphrase', 'Refunds are processed within five business days.', 'You will get your money back in about five working days.'],
  ['contradicting', 'The restaurant is open on Sundays.', 'The restaurant is closed on Sundays.'],
  ['contradicting', 'The medication should be taken with food.', 'The medication must never be taken with food.'],
  ['contradicting', 'I love this product.', 'I hate this product.'],
  ['contradicting', 'The stock price rose sharply today.', 'The stock price fell sharply today.'],
  ['unrelated', 'The meeting has been moved to Friday afternoon.', 'Bananas are rich in potassium.'],
  ['unrelated', 'How do I reset my password?', 'The volcano erupted last night.'],
  ['unrelated', 'The package will arrive in three days.', 'She plays the violin beautifully.'],
  ['unrelated', 'Refunds are processed within five business days.', 'Penguins live in the Southern Hemisphere.'],
];
const pairVectors = await embed(pairs.flatMap(([, a, b]) => [a, b]));
const quality = pairs.map(([category, a, b], i) => ({
  category,
  a,
  b,
  cosine: round(cosineSimilarity(pairVectors[2 * i], pairVectors[2 * i + 1]), 4),
}));
const meanByCategory = {};
for (const category of new Set(pairs.map(([category]) => category))) {
  const scores = quality.filter((row) => row.category === category).map((row) => row.cosine);
  meanByCategory[category] = round(scores.reduce((sum, x) => sum + x, 0) / scores.length, 4);
}

clearInterval(sampler);
peakSampledRss = Math.max(peakSampledRss, process.memoryUsage().rss);

console.log(
  JSON.stringify(
    {
      node: process.version,
      model: LOCAL_EMBEDDING_MODEL,
      installBytes: await installSizes(),
      loadMs: round(loadMs, 1),
      firstCallMs: round(firstCallMs, 1),
      batch: {
        texts: batch.length,
        msPerBatch: batchTimings.map((ms) => round(ms, 1)),
        msPerEmbedding: round(Math.min(...batchTimings) / batch.length, 2),
      },
      memoryMB: {
        rssBeforeLoad: mb(rssBeforeLoad),
        peakRssSampled: mb(peakSampledRss),
        peakRssVmHWM: await vmHwmMB(),
      },
      quality,
      meanByCategory,
    },
    null,
    2,
  ),
);

/** The three packages, and the dependencies the core brings along, as a user's install would have them. */
async function installSizes() {
  const fromRoot = createRequire(join(root, 'noop.js'));
  const sizes = {};
  for (const name of LOCAL_EMBEDDING_PACKAGES) sizes[name] = await folderBytes(dirname(fromRoot.resolve(`${name}/package.json`)));
  const fromCore = createRequire(fromRoot.resolve('@energetic-ai/core/package.json'));
  for (const name of ['long', 'seedrandom', 'node-fetch', 'whatwg-url', 'tr46', 'webidl-conversions']) {
    try {
      sizes[name] = await folderBytes(dirname(fromCore.resolve(`${name}/package.json`)));
    } catch {
      // node-fetch's own dependencies resolve from node-fetch; flat installs find them here too.
    }
  }
  sizes.total = Object.values(sizes).reduce((sum, x) => sum + x, 0);
  return sizes;
}

async function folderBytes(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath ?? entry.path, entry.name))).size;
  }
  return total;
}

async function vmHwmMB() {
  try {
    const { readFile } = await import('node:fs/promises');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(await readFile('/proc/self/status', 'utf8'));
    return match ? round(Number(match[1]) / 1024, 1) : null;
  } catch {
    return null; // not Linux
  }
}

function mb(bytes) {
  return round(bytes / 1024 / 1024, 1);
}

function round(x, digits) {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
