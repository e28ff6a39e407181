// The CLI end to end with graded assertions and cost: dist/cli.js in a child process, the model
// double as both the model under test and the judge.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../support/model-server.js';
import { runCli, scratchProject } from './run-cli.js';

const isRubricJudge = (request: ReceivedRequest) =>
  (request.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name === 'llm_rubric_verdict';

let server: ModelServer;
let project: string;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      {
        match: isRubricJudge,
        reply: (request) =>
          /<answer>[\s\S]*30 days/.test(request.body.messages.map((m) => m.content).join('\n'))
            ? '{"reason":"States the policy.","pass":true,"score":1}'
            : '{"reason":"The refund window is missing.","pass":false,"score":0.1}',
      },
      { match: /I bought boots three weeks ago/, reply: 'Yes, you can return them within 30 days of delivery for a full refund.' },
      { match: /jacket I bought four months ago/, reply: 'Sorry, returns are only accepted within 30 days of delivery.' },
      { match: /boots/, reply: 'You can return them within 30 days.' },
      { match: /sandals/, reply: 'Sure, anytime.' },
    ],
  });
  project = await scratchProject();
  await writeFile(
    join(project, 'support.prompt.yaml'),
    [
      'name: support',
      'model: shop-model',
      'messages:',
      '  - role: user',
      '    content: "Can I return my {{item}}?"',
      'assert:',
      '  - llm-rubric: States the 30-day refund window',
      'tests:',
      '  - vars: { item: boots }',
      '  - vars: { item: sandals }',
      '',
    ].join('\n'),
  );
  await writeFile(join(project, 'promptgate.config.yaml'), 'prices:\n  shop-model: { input: 1, output: 2 }\n  judge-model: { input: 1, output: 1 }\n');
});
afterAll(async () => {
  await server.close();
  await rm(project, { recursive: true, force: true });
});

const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-cli-graded-1234' });

describe('the graded example suite', () => {
  it('validates, and passes against a model that follows the policy, judged and embedded on the same endpoint', async () => {
    const dir = await scratchProject({ 'prompts/graded': 'prompts/graded' });
    try {
      const result = await runCli(['run', 'prompts/graded', '--no-cache', '--judge-model', 'judge-model', '-o', 'out.json'], { cwd: dir, env: env() });
      expect(result.stderr).not.toMatch(/error|warning/);
      expect(result.code).toBe(0);
      const report = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'));
      expect(report.summary).toMatchObject({ total: 2, passed: 2, requests: 2, judge: { calls: 3, requests: 3 } });
      expect(report.results[0].assertions.map((a: { type: string }) => a.type)).toEqual(['cost', 'llm-rubric', 'similar']);
      expect(report.summary.cost).toBeGreaterThan(0);
      // The judge and the embeddings were needed, and asked on the model's endpoint.
      const endpoint = server.url.replace(/\/$/, '');
      expect(report.endpoints).toEqual({ model: endpoint, judge: endpoint, embeddings: endpoint });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('promptgate run with graded assertions', () => {
  it('fails the test the judge fails, with its reason, and reports judge calls and cost apart', async () => {
    const seen = server.requests.length;
    const result = await runCli(['run', '--no-cache', '--judge-model', 'judge-model', '-o', 'out.json'], { cwd: project, env: env() });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('The refund window is missing.');
    const report = JSON.parse(await readFile(join(project, 'out.json'), 'utf8'));
    expect(report.results.map((r: { status: string }) => r.status)).toEqual(['passed', 'failed']);
    expect(report.summary.requests).toBe(2);
    expect(report.summary.judge).toMatchObject({ calls: 2, requests: 2, cacheHits: 0 });
    expect(server.requests.slice(seen).filter(isRubricJudge).map((request) => request.body.model)).toEqual(['judge-model', 'judge-model']);
    expect(report.summary.cost).toBeGreaterThan(0);
    expect(report.summary.judge.cost).toBeGreaterThan(0);
  });

  it('a judge on another endpoint without its key stops before any call, exit 2', async () => {
    const before = server.stats.requests;
    const result = await runCli(['run', '--no-cache', '--judge-base-url', 'https://api.openai.com/v1'], { cwd: project, env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no API key for the judge endpoint https://api.openai.com/v1: set PROMPTGATE_JUDGE_API_KEY');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(server.stats.requests).toBe(before);
  });

  it('a cost assertion on a model without a price is refused at its line before any call', async () => {
    await writeFile(
      join(project, 'cost.prompt.yaml'),
      ['name: cost', 'model: unpriced-model', 'messages:', '  - role: user', '    content: hi', 'tests:', '  - name: t', '    assert:', '      - cost: 0.01', ''].join('\n'),
    );
    try {
      const before = server.stats.requests;
      const result = await runCli(['run', 'cost.prompt.yaml', '--no-cache'], { cwd: project, env: env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('cost.prompt.yaml:9:9');
      expect(result.stderr).toContain('cost needs a price for the model "unpriced-model"');
      expect(server.stats.requests).toBe(before);
    } finally {
      await rm(join(project, 'cost.prompt.yaml'));
    }
  });
});
