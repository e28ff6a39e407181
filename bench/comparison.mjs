// How well the comparison of a pull request's head with its base tells a real change from noise,
// with default settings, against a model whose pass rates are known (the model double's
// `pass-rate:` marker; see test/support/model-server.ts, `randomAnswers`).
//
//   node bench/comparison.mjs          prints one JSON object
//
// The scenario (issue 11): one prompt file reworded without changing what it does, its 60 tests
// passing 70% of the time on both sides; another whose 20 tests drop from 95% to 40% (and, for
// the power curve, to 80% and 60%); 10 steady tests that answer the same text every time and pass
// on both sides. Each seed runs promptgate's engine (src/engine/engine.ts, bundled here with
// esbuild, so what is measured is what ships) against the model double in a process of its own,
// over HTTP, with no cache. The global null (only the 60 noisy tests, reworded, nothing else) needs
// many seeds to measure a rate near 5%: it runs the same engine with the same random answers in
// process, without HTTP, as does a fixed 10-samples-a-side design for reference.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { precompiledSchemasPlugin } from '../scripts/precompile-schemas.mjs';
import { startServer as startServerProcess } from './server-process.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools/bench');
await mkdir(tools, { recursive: true });
const bundled = join(tools, 'comparison-engine.mjs');
const serverScript = join(tools, 'model-server-random.mjs');
await build({
  stdin: {
    contents: [
      "export { createEngine } from './src/engine/engine.ts';",
      "export { loadSuite } from './src/suite/load.ts';",
      "export { resolveGradingSettings } from './src/settings/grading.ts';",
      "export { compareSettingsOf } from './src/settings/engine.ts';",
      "export { createRedactor } from './src/redact.ts';",
      "export { randomAnswers } from './test/support/model-server.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  // As scripts/build.mjs bundles dist/: its schema plugin, and require() for the CommonJS dependencies.
  absWorkingDir: root,
  plugins: [await precompiledSchemasPlugin(root)],
  banner: { js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);" },
  define: { PROMPTGATE_VERSION: '"bench"' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundled,
  logLevel: 'warning',
});
await build({ entryPoints: [join(root, 'test/support/model-server-main.ts')], bundle: true, platform: 'node', format: 'esm', outfile: serverScript, logLevel: 'warning' });
const { createEngine, loadSuite, resolveGradingSettings, compareSettingsOf, createRedactor, randomAnswers } = await import(pathToFileURL(bundled).href);

const SEEDS = 20;
const CURVE_SEEDS = Number(process.env.COMPARISON_CURVE_SEEDS ?? 100);
const NULL_SEEDS = Number(process.env.COMPARISON_NULL_SEEDS ?? 400);
const API_KEY = 'sk-bench-comparison';
const NOISY = 60;
const DROPPED = 20;
const STEADY = 10;

// --- the scenario ------------------------------------------------------------------------------

/** A prompt file of `count` tests, each asking its own question, test i passing when the answer contains `assertion(i)`. */
function promptFile(name, system, count, assertion) {
  const tests = Array.from({ length: count }, (_, i) => `  - name: ${name} ${i}\n    vars: { question: "${name} question ${i}" }\n    assert:\n      - contains: ${JSON.stringify(assertion(i))}`);
  const messages = system === undefined ? '' : `  - role: system\n    content: ${JSON.stringify(system)}\n`;
  return `name: ${name}\nmodel: bench-model\nmessages:\n${messages}  - role: user\n    content: "{{question}}"\ntests:\n${tests.join('\n')}\n`;
}

function suiteOf(file, text) {
  const { suite, problems } = loadSuite(file, text);
  if (!suite) throw new Error(`${file}: ${problems.map((problem) => problem.message).join('; ')}`);
  return suite;
}

/** Base and head suites: the 60 reworded and, unless `nullOnly`, the 20 that drop from 95% to `dropTo` and the 10 steady. */
function scenario({ dropTo, nullOnly = false }) {
  const pass = () => 'PASS';
  const base = [suiteOf('prompts/noisy.prompt.yaml', promptFile('noisy', 'You answer support questions. pass-rate: 0.7', NOISY, pass))];
  const head = [suiteOf('prompts/noisy.prompt.yaml', promptFile('noisy', 'You answer customer support questions, politely. pass-rate: 0.7', NOISY, pass))];
  if (!nullOnly) {
    base.push(suiteOf('prompts/dropped.prompt.yaml', promptFile('dropped', 'You summarise tickets. pass-rate: 0.95', DROPPED, pass)));
    head.push(suiteOf('prompts/dropped.prompt.yaml', promptFile('dropped', `You summarise tickets in one line. pass-rate: ${dropTo}`, DROPPED, pass)));
    // No marker: the double echoes the question, the same text on every call and on both sides.
    for (const side of [base, head]) side.push(suiteOf('prompts/steady.prompt.yaml', promptFile('steady', undefined, STEADY, (i) => `steady question ${i}`)));
  }
  return { base, head };
}

function engineFor(baseURL, repeat) {
  const grading = resolveGradingSettings({}, {}, {}, { baseURL, apiKey: API_KEY });
  // Default comparison settings, no cache (each seed starts cold); concurrency only sets the pace.
  const settings = { baseURL, apiKey: API_KEY, concurrency: 32, timeoutMs: 60_000, maxRetryTimeMs: 120_000, grading, compare: compareSettingsOf({}) };
  if (repeat !== undefined) settings.repeat = repeat;
  return createEngine(settings, { cwd: root, redact: createRedactor([API_KEY]), version: 'bench' });
}

/** The random answers in process: the same draws the double makes, without a socket in between. */
function inProcessProvider(seed) {
  const answer = randomAnswers(seed);
  return {
    id: 'bench:random',
    async attempt(request) {
      const user = request.messages.findLast((message) => message.role === 'user')?.content ?? '';
      return { ok: true, completion: { output: answer(request.model, request.messages) ?? `echo: ${user}`, latencyMs: 0 } };
    },
  };
}

/** Each group's changes, why the drops that were not caught stopped, and the calls the comparison made. */
function tally(result) {
  const groups = { noisy: {}, dropped: {}, steady: {} };
  const missed = {};
  const evidence = [];
  for (const test of result.head.results) {
    const group = test.test.split(' ')[0];
    const { change, stopped, base, head } = test.comparison;
    groups[group][change] = (groups[group][change] ?? 0) + 1;
    if (group === 'dropped' && change !== 'regression') missed[`${change} (${stopped})`] = (missed[`${change} (${stopped})`] ?? 0) + 1;
    evidence.push(`${test.test}: ${base.passed}/${base.samples} → ${head.passed}/${head.samples} ${change}`);
  }
  return { groups, missed, evidence, calls: result.head.summary.comparison.calls };
}

// --- runs --------------------------------------------------------------------------------------

async function overHttp(seed, dropTo) {
  const server = await startServer(seed);
  try {
    const result = await engineFor(`${server.url}/v1`).compare(scenario({ dropTo }));
    const { completions } = await server.stats();
    return { ...tally(result), served: completions };
  } finally {
    await server.stop();
  }
}

async function inProcess(seed, options, repeat) {
  const result = await engineFor('http://127.0.0.1:9/v1', repeat).compare(scenario(options), { provider: inProcessProvider(seed) });
  return tally(result);
}

const stats = (values) => ({ min: Math.min(...values), max: Math.max(...values), mean: values.reduce((sum, value) => sum + value, 0) / values.length });
const count = (runs, group, change) => runs.map((run) => run.groups[group][change] ?? 0);
function sumOf(tallies) {
  const sum = {};
  for (const tally of tallies) for (const [key, value] of Object.entries(tally)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

const started = performance.now();
const output = { seeds: SEEDS, curveSeeds: CURVE_SEEDS, nullSeeds: NULL_SEEDS };

const runs = [];
for (let seed = 1; seed <= SEEDS; seed++) runs.push(await overHttp(seed, 0.4));
const falseRegressions = count(runs, 'noisy', 'regression');
output.scenario = {
  falseRegressions: { ...stats(falseRegressions), seedsWithAny: falseRegressions.filter((value) => value > 0).length },
  noisyInconclusive: stats(count(runs, 'noisy', 'inconclusive')),
  caught: stats(count(runs, 'dropped', 'regression')),
  missedDrops: sumOf(runs.map((run) => run.missed)),
  steadyUnchanged: stats(count(runs, 'steady', 'unchanged')),
  calls: stats(runs.map((run) => run.calls)),
  // What the double answered: with no cache and no retries, the planned calls, all made.
  served: stats(runs.map((run) => run.served)),
};
output.httpSeconds = (performance.now() - started) / 1000;

// The same engine and the same draws without sockets: it must reach the very same verdicts, which
// is what lets the figures below over many more seeds stand for the engine over HTTP.
let same = 0;
for (let seed = 1; seed <= SEEDS; seed++) {
  const run = await inProcess(seed, { dropTo: 0.4 });
  if (JSON.stringify(run.evidence) === JSON.stringify(runs[seed - 1].evidence) && run.calls === runs[seed - 1].calls) same++;
}
output.inProcessSameAsHttp = same;

output.powerCurve = {};
for (const dropTo of [0.8, 0.6, 0.4]) {
  const curveRuns = [];
  for (let seed = 1; seed <= CURVE_SEEDS; seed++) curveRuns.push(await inProcess(seed, { dropTo }));
  const caught = count(curveRuns, 'dropped', 'regression');
  output.powerCurve[`0.95→${dropTo}`] = { caughtShare: caught.reduce((sum, value) => sum + value, 0) / (CURVE_SEEDS * DROPPED), caught: stats(caught) };
}

const nullRuns = [];
for (let seed = 1; seed <= NULL_SEEDS; seed++) nullRuns.push(await inProcess(1000 + seed, { nullOnly: true }));
const nullRegressions = count(nullRuns, 'noisy', 'regression');
output.globalNull = { seedsWithAny: nullRegressions.filter((value) => value > 0).length, regressions: stats(nullRegressions), calls: stats(nullRuns.map((run) => run.calls)) };

const fixedRuns = [];
for (let seed = 1; seed <= CURVE_SEEDS; seed++) fixedRuns.push(await inProcess(seed, { dropTo: 0.4 }, 10));
output.fixedTen = { caught: stats(count(fixedRuns, 'dropped', 'regression')), falseRegressions: stats(count(fixedRuns, 'noisy', 'regression')), calls: stats(fixedRuns.map((run) => run.calls)) };
output.seconds = (performance.now() - started) / 1000;

process.stdout.write(`${JSON.stringify(output)}\n`);

// --- the double ----------------------------------------------------------------------------------

function startServer(seed) {
  return startServerProcess(serverScript, ['--random-seed', String(seed)], { stderr: 'ignore' });
}
