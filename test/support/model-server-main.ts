// Runs the scripted model server in a process of its own, so a benchmark measures the client
// without the server competing for the same event loop.
//
//   npx esbuild test/support/model-server-main.ts --bundle --platform=node --format=esm --outfile=.tools/model-server.mjs
//   node .tools/model-server.mjs --latency 50 --rate-limit 50 --burst 50 --port 0
//
// Prints `listening http://127.0.0.1:PORT` on stdout once ready (the chat endpoint answers on both
// /v1/chat/completions and /chat/completions). `GET /__stats` returns the counters as JSON; on
// SIGTERM/SIGINT the final counters (and the server's CPU time) go to stderr. Every option also reads an environment
// variable: MODEL_SERVER_LATENCY, MODEL_SERVER_RATE_LIMIT, MODEL_SERVER_BURST, MODEL_SERVER_PORT,
// MODEL_SERVER_RANDOM_SEED. With --random-seed, prompts whose system message says `pass-rate: P`
// are answered PASS with probability P, FAIL otherwise (model-server.ts, `randomAnswers`).
// Requests from promptgate's llm-rubric judge get a passing verdict, so graded runs can be measured;
// /v1/embeddings answers too (bag-of-words vectors).
import { parseArgs } from 'node:util';
import { startModelServer, type ReceivedRequest } from './model-server.js';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: process.env['MODEL_SERVER_LATENCY'] ?? '0' },
    'rate-limit': { type: 'string', default: process.env['MODEL_SERVER_RATE_LIMIT'] },
    burst: { type: 'string', default: process.env['MODEL_SERVER_BURST'] },
    port: { type: 'string', default: process.env['MODEL_SERVER_PORT'] ?? '0' },
    'random-seed': { type: 'string', default: process.env['MODEL_SERVER_RANDOM_SEED'] },
  },
});

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`model-server: --${name} must be a non-negative number, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

function isRubricJudge(request: ReceivedRequest): boolean {
  const format = request.body.response_format as { json_schema?: { name?: string } } | undefined;
  return format?.json_schema?.name === 'llm_rubric_verdict';
}

const rateLimit = numberOption('rate-limit', values['rate-limit']);
const burst = numberOption('burst', values.burst);
const randomSeed = numberOption('random-seed', values['random-seed']);
const server = await startModelServer({
  latencyMs: numberOption('latency', values.latency) ?? 0,
  ...(rateLimit ? { rateLimit: { perSecond: rateLimit, burst: burst ?? rateLimit } } : {}),
  recordRequests: false,
  rules: [{ match: isRubricJudge, reply: '{"reason":"meets the rubric","pass":true,"score":1}' }],
  port: numberOption('port', values.port) ?? 0,
  ...(randomSeed !== undefined ? { randomPass: { seed: randomSeed } } : {}),
});
process.stdout.write(`listening ${server.url.replace(/\/v1$/, '')}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    const cpu = process.cpuUsage();
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    process.stderr.write(`model-server: ${JSON.stringify({ ...server.stats, cpuMs })}\n`);
    void server.close().then(() => process.exit(0));
  });
}
