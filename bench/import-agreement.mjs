// Does an imported suite give the verdicts promptfoo gives? Runs promptfoo's example configs
// (../shared/fixtures/promptfoo-examples) through promptfoo and, after `promptgate import`, through
// promptgate, both against the same scripted model double, and compares every test's pass/fail.
//
// Not part of CI: promptfoo is a 1.6 GB install and needs Node >= 22. To run it:
//   npm i -g promptfoo            (or set PROMPTFOO="npx promptfoo@<version>")
//   npm run build && node bench/import-agreement.mjs
// Prints one line per example (tests, agreeing, disagreeing) and each disagreement; exits 1 on any.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const examples = resolve(root, '../shared/fixtures/promptfoo-examples');
const PROMPTFOO = (process.env.PROMPTFOO ?? 'promptfoo').split(' ');
const work = await mkdtemp(join(tmpdir(), 'promptgate-import-agreement-'));

// The double in this process: both tools see the very same answers.
const serverModule = join(work, 'model-server.mjs');
await build({ entryPoints: [join(root, 'test/support/model-server.ts')], bundle: true, platform: 'node', format: 'esm', outfile: serverModule, logLevel: 'warning' });
const { startModelServer } = await import(pathToFileURL(serverModule).href);
// A grader's request, promptgate's (its JSON-schema response format) or promptfoo's (its rubric
// prompt asks for {reason, pass, score}): both get a passing verdict in the shape they parse.
const isGrader = (request) =>
  request.body.response_format?.json_schema?.name === 'llm_rubric_verdict' ||
  request.body.messages.some((message) => typeof message.content === 'string' && /<Rubric>|"pass"\s*:|grade the output/i.test(message.content));
const server = await startModelServer({
  rules: [
    { match: isGrader, reply: '{"reason":"Meets the rubric.","pass":true,"score":1}' },
    { match: /English to French: Hello world|Translate to French: Hello world/, reply: 'Bonjour le monde' },
    { match: /Spanish: Where is the library/, reply: '¿DÓNDE ESTÁ LA BIBLIOTECA?' },
    { match: /come alive with wind/, reply: 'You are an echo.' },
  ],
  defaultReply: 'I am not sure.',
});
const env = { ...process.env, OPENAI_BASE_URL: server.url, OPENAI_API_BASE_URL: server.url, OPENAI_API_KEY: 'sk-bench-import', PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_UPDATE: '1', PROMPTFOO_CACHE_ENABLED: 'false' };

const key = (model, vars) => `${model} ${JSON.stringify(Object.fromEntries(Object.entries(vars).sort()))}`;
let disagreements = 0;
try {
  for (const example of ['getting-started', 'simple-cli', 'gpt-4o-vs-4o-mini']) {
    const config = join(examples, example, 'promptfooconfig.yaml');
    const promptfooOut = join(work, `${example}.promptfoo.json`);
    await run(PROMPTFOO[0], [...PROMPTFOO.slice(1), 'eval', '-c', config, '-o', promptfooOut, '--no-cache', '--no-progress-bar'], { env, cwd: join(examples, example) }).catch((error) => {
      if (error.code === 'ENOENT') throw new Error('promptfoo is not installed: npm i -g promptfoo (Node >= 22), or set PROMPTFOO');
      // promptfoo exits 100 when a test fails; its results file is still written.
    });
    const theirs = new Map();
    for (const result of JSON.parse(await readFile(promptfooOut, 'utf8')).results.results) {
      const model = String(result.provider?.id ?? '').split(':').pop();
      theirs.set(`${result.promptIdx} ${key(model, result.vars ?? result.testCase?.vars ?? {})}`, result.success);
    }

    const out = join(work, example);
    const cli = join(root, 'dist/cli.js');
    await run(process.execPath, [cli, 'import', config, '--out', out], { env }).catch((error) => {
      if (error.code !== 1) throw error;
    });
    const oursOut = join(work, `${example}.promptgate.json`);
    await run(process.execPath, [cli, 'run', out, '--no-cache', '-q', '-o', oursOut], { env }).catch((error) => {
      if (error.code !== 1) throw error;
    });
    const ours = new Map();
    // `model` is in a result only when a run has several; otherwise it is the imported file's own.
    const fileModel = async (file) => /^model: (.+)$/m.exec(await readFile(resolve(out, '..', file), 'utf8').catch(() => readFile(file, 'utf8')))?.[1];
    for (const result of JSON.parse(await readFile(oursOut, 'utf8')).results) {
      const prompt = Number(/-prompt(\d+)/.exec(result.file)?.[1] ?? 1) - 1;
      ours.set(`${prompt} ${key(result.model ?? (await fileModel(result.file)), result.vars ?? {})}`, result.status === 'passed');
    }

    let agree = 0;
    const differ = [];
    for (const [id, passed] of theirs) {
      if (ours.get(id) === passed) agree += 1;
      else differ.push(`  ${id}: promptfoo ${passed ? 'pass' : 'fail'}, promptgate ${ours.has(id) ? (ours.get(id) ? 'pass' : 'fail') : 'missing'}`);
    }
    disagreements += differ.length;
    console.log(`${example}: ${theirs.size} tests, ${agree} agree, ${differ.length} differ${ours.size !== theirs.size ? ` (promptgate ran ${ours.size})` : ''}`);
    for (const line of differ) console.log(line);
  }
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
process.exitCode = disagreements > 0 ? 1 : 0;
