// Does an imported suite give the verdicts promptfoo gives? Runs promptfoo's example configs
// (../shared/fixtures/promptfoo-examples) through promptfoo and, after `promptgate import`, through
// promptgate, both against the same scripted model double, and compares every test's pass/fail
// (a promptfoo error and a promptgate `errored` both count as not passed).
//
// Not part of CI: promptfoo is a 2 GB install (827 packages for 0.123.1) and needs Node >= 22. To
// run it, with Node >= 22 first on PATH, install promptfoo outside the project and point at it:
//   (mkdir -p /tmp/promptfoo-bench && cd /tmp/promptfoo-bench && npm init -y && npm install promptfoo@latest)
//   npm run build && PROMPTFOO=/tmp/promptfoo-bench/node_modules/.bin/promptfoo node bench/import-agreement.mjs
// (or `npm i -g promptfoo` and leave PROMPTFOO unset, or PROMPTFOO="npx promptfoo@<version>").
// Prints one line per example (tests, agreeing, disagreeing) and each disagreement with both tools'
// reasons; exits 1 on any. PROMPTGATE_BENCH_KEEP=1 keeps both tools' results and the imported files.
// Measured 2026-12-05, promptfoo 0.123.1 on Node 24: 46 of 46 tests agree (8, 8 and 30; 10 fail in both).
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
// prompt, "You are grading output according to a user-specified rubric", puts the rubric in
// <Rubric> tags and asks for {reason, pass, score}): both get a verdict in the shape they parse.
// Both are counted, so a run where one tool's grader went unrecognised (and got the default answer) shows.
const graderRequests = { promptgate: 0, promptfoo: 0 };
const isGrader = (request) => {
  const tool =
    request.body.response_format?.json_schema?.name === 'llm_rubric_verdict' ? 'promptgate'
    : request.body.messages.some((message) => typeof message.content === 'string' && /<Rubric>|grading output according to a user-specified rubric/i.test(message.content)) ? 'promptfoo'
    : undefined;
  if (tool) graderRequests[tool] += 1;
  return tool !== undefined;
};
const text = (request) => request.body.messages.map((message) => message.content).join('\n');
// The answers are chosen so that every kind of assertion in the examples both passes and fails
// somewhere, not only passes: a rubric the judge rejects, icontains over accented capitals and
// against an answer without the accents, a cost over the limit on one model's prices only (250
// completion tokens: $0.0025 at gpt-5's $10/M, $0.0005 at gpt-5-mini's $2/M), a latency over the
// limit, and a request the endpoint refuses (an error is a failure in both tools).
const server = await startModelServer({
  rules: [
    {
      match: isGrader,
      reply: (request) =>
        /married/.test(text(request)) ? '{"reason":"It does not explain that.","pass":false,"score":0}' : '{"reason":"Meets the rubric.","pass":true,"score":1}',
    },
    { match: /English to French: Hello world|Translate to French: Hello world/, reply: 'Bonjour le monde' },
    { match: (request) => request.body.model === 'o4-mini' && /Spanish: Where is the library/.test(text(request)), reply: 'donde esta la biblioteca?' },
    { match: /Spanish: Where is the library/, reply: '¿DÓNDE ESTÁ LA BIBLIOTECA?' },
    { match: /come alive with wind/, reply: 'You are an echo.' },
    { match: /I have space but no room/, reply: `A keyboard.${' Indeed'.repeat(248)}` },
    { match: /Snap, Crackle/, reply: 'David.', latencyMs: 3300 },
    { match: /conversational Pirate: I'm hungry/, fail: { kind: 'status', status: 400, message: 'refused by the bench' } },
  ],
  defaultReply: 'I am not sure.',
});
const env = { ...process.env, OPENAI_BASE_URL: server.url, OPENAI_API_BASE_URL: server.url, OPENAI_API_KEY: 'sk-bench-import', PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_UPDATE: '1', PROMPTFOO_CACHE_ENABLED: 'false' };

// A test is found by the model and the messages it sent, placeholders filled: promptfoo's `promptIdx`
// counts prompt x provider columns and promptgate's files are named by the importer, but both
// record what went over the wire (promptfoo's `prompt.raw` is the rendered text, or the rendered
// chat JSON for chat prompts).
const key = (model, messages) => `${model} ${JSON.stringify(messages.map(({ role, content }) => [role, content]))}`;
const promptfooMessages = (raw) => {
  try {
    const parsed = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed;
  } catch {}
  return [{ role: 'user', content: raw }];
};
const put = (map, id, value) => {
  if (map.has(id)) throw new Error(`two tests sent the same messages to the same model, so they cannot be told apart: ${id}`);
  map.set(id, value);
};
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
      const why = result.error ?? result.gradingResult?.reason ?? '';
      put(theirs, key(model, promptfooMessages(result.prompt.raw)), { passed: result.success, why });
    }

    const out = join(work, example);
    const cli = join(root, 'dist/cli.js');
    await run(process.execPath, [cli, 'import', config, '--out', out], { env }).catch((error) => {
      if (error.code !== 1) throw error;
    });
    const oursOut = join(work, `${example}.promptgate.json`);
    await run(process.execPath, [cli, 'run', out, '--no-cache', '-q', '-o', oursOut], { env }).catch((error) => {
      // 1: a test failed, 3: a test errored; the results file is written either way.
      if (error.code !== 1 && error.code !== 3) throw error;
    });
    const ours = new Map();
    for (const result of JSON.parse(await readFile(oursOut, 'utf8')).results) {
      const why = result.error ?? result.assertions?.filter((assertion) => !assertion.pass).map((assertion) => `${assertion.type}: ${assertion.reason}`).join('; ') ?? '';
      put(ours, key(result.model, result.messages), { passed: result.status === 'passed', why });
    }

    let agree = 0;
    const differ = [];
    const verdict = (side) => (side ? `${side.passed ? 'pass' : 'fail'}${side.why ? ` (${side.why})` : ''}` : 'missing');
    for (const [id, theirVerdict] of theirs) {
      const ourVerdict = ours.get(id);
      if (ourVerdict?.passed === theirVerdict.passed) agree += 1;
      else differ.push(`  ${id}\n    promptfoo ${verdict(theirVerdict)}\n    promptgate ${verdict(ourVerdict)}`);
    }
    disagreements += differ.length;
    console.log(`${example}: ${theirs.size} tests, ${agree} agree, ${differ.length} differ${ours.size !== theirs.size ? ` (promptgate ran ${ours.size})` : ''}`);
    for (const line of differ) console.log(line);
  }
  console.log(`grader requests recognised: promptfoo ${graderRequests.promptfoo}, promptgate ${graderRequests.promptgate}`);
} finally {
  await server.close();
  // PROMPTGATE_BENCH_KEEP=1 leaves both tools' results and the imported files for a look.
  if (process.env.PROMPTGATE_BENCH_KEEP) console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
process.exitCode = disagreements > 0 ? 1 : 0;
