// Release gating against a model with known pass rates (the model double's `pass-rate:` marker; see
// test/support/model-server.ts, `randomAnswers`), through the built CLI as a release job runs it.
//
//   node bench/release.mjs          prints one JSON object (npm run bench -- release builds what it needs)
//
// Each seed: the last release's results written by `promptgate run --repeat R --output`, then two
// candidates compared with them by `run --baseline` with default settings: one whose 20 billing
// tests drop from 95% to 40% while 60 noisy support tests stay at 70%, and the same without the
// drop. Measured for a 10-sample baseline (the scenario) and a 20-sample one (what the
// README recommends): drops shown, noisy tests blamed, candidates without the drop that pass, and
// the calls a candidate takes. The model double runs in a process of its own, one per seed.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer as startServerProcess } from './server-process.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli.js');
// Built by bench/run.mjs before any workload.
const serverScript = join(root, '.tools/bench/model-server.mjs');

const SEEDS = Number(process.env.RELEASE_SEEDS ?? 10);
const REPEATS = [10, 20];
const DROPPED = 20;
const NOISY = 60;

function promptFile(name, rate, count) {
  const tests = Array.from({ length: count }, (_, i) => `  - name: ${name} ${i}\n    vars: { question: "${name} question ${i}" }\n    assert:\n      - contains: PASS\n`);
  return `name: ${name}\nmodel: release-model\nmessages:\n  - role: system\n    content: "You answer ${name} questions. pass-rate: ${rate}"\n  - role: user\n    content: "{{question}}"\ntests:\n${tests.join('')}`;
}

const started = performance.now();
const work = await mkdtemp(join(tmpdir(), 'promptgate-bench-release-'));
const byRepeat = {};
try {
  for (const repeat of REPEATS) {
    const seeds = [];
    for (let seed = 1; seed <= SEEDS; seed++) seeds.push(await oneSeed(seed, repeat));
    byRepeat[repeat] = {
      caught: stats(seeds.map((s) => s.dropped.caught)),
      droppedCalledUnchanged: stats(seeds.map((s) => s.dropped.billingUnchanged)),
      falseRegressions: stats(seeds.map((s) => s.dropped.blamed)),
      gateFailedOnDrop: seeds.filter((s) => s.dropped.code === 1).length,
      steadyPassed: seeds.filter((s) => s.steady.code === 0).length,
      steadyFalseRegressions: stats(seeds.map((s) => s.steady.blamed)),
      candidateCalls: stats(seeds.map((s) => s.dropped.calls)),
    };
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify({ seeds: SEEDS, byRepeat, seconds: (performance.now() - started) / 1000 }) + '\n');

async function oneSeed(seed, repeat) {
  const dir = join(work, `r${repeat}-s${seed}`);
  await mkdir(join(dir, 'prompts'), { recursive: true });
  const server = await startServer(['--random-seed', String(seed), '--latency', '0']);
  try {
    const env = { ...process.env, OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'bench', CI: 'true' };
    const cliRun = (args) => runCli([...args, '--no-cache', '--concurrency', '64', '--quiet'], dir, env);
    await writeFile(join(dir, 'prompts/billing.prompt.yaml'), promptFile('billing', 0.95, DROPPED));
    await writeFile(join(dir, 'prompts/support.prompt.yaml'), promptFile('support', 0.7, NOISY));
    await cliRun(['run', 'prompts', '--repeat', String(repeat), '--output', 'baseline.json']);
    const candidate = async (rate, name) => {
      await writeFile(join(dir, 'prompts/billing.prompt.yaml'), promptFile('billing', rate, DROPPED));
      const code = await cliRun(['run', 'prompts', '--baseline', 'baseline.json', '--output', `${name}.json`]);
      const report = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8'));
      const count = (file, change) => report.results.filter((entry) => entry.file === file && entry.comparison.change === change).length;
      return {
        code,
        caught: count('prompts/billing.prompt.yaml', 'regression'),
        billingUnchanged: count('prompts/billing.prompt.yaml', 'unchanged'),
        blamed: count('prompts/support.prompt.yaml', 'regression'),
        calls: report.summary.comparison.calls,
      };
    };
    return { dropped: await candidate(0.4, 'dropped'), steady: await candidate(0.95, 'steady') };
  } finally {
    await server.stop();
  }
}

function stats(values) {
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) };
}

function runCli(args, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env, cwd });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => (code === 0 || code === 1 ? resolve(code) : reject(new Error(`promptgate ${args.join(' ')} exited with ${code}:\n${stderr}`))));
  });
}

function startServer(args) {
  return startServerProcess(serverScript, args, { stderr: 'ignore' });
}
