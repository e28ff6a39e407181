import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../support/model-server.js';
import { repoRoot, runCli, scratchProject } from './run-cli.js';

const SUPPORT_REPLIES = [
  { match: /three weeks ago/, reply: 'Yes: you can return the boots within 30 days of delivery for a full refund.' },
  { match: /four months ago/, reply: 'Sorry, returns are only accepted within 30 days of delivery.' },
  { match: /^Hi!$/, reply: 'Hello! How can I help with your order today?' },
  { match: /A-1042/, reply: '{"orderId": "A-1042", "intent": "refund"}' },
  { match: /Where is my package/, reply: '{"orderId": null, "intent": "status"}' },
];

const FAILING_SUITE = `name: Failing suite
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: passes
    vars: { question: say yes }
    assert:
      - contains: "yes"
  - name: wants the policy
    vars: { question: say no }
    assert:
      - contains: "30 days"
`;

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({
    rules: [...SUPPORT_REPLIES, { match: /say yes/, reply: 'yes' }, { match: /say no/, reply: 'no' }],
  });
});
afterAll(() => server.close());

function modelEnv(extra: Record<string, string> = {}) {
  return { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-secret-1234', ...extra };
}

/** A judge call for a GitHub Models built-in evaluator: its JSON answer is named `<evaluator>_rating`. */
function isRatingRequest(request: ReceivedRequest): boolean {
  const format = request.body.response_format as { json_schema?: { name?: unknown } } | undefined;
  return typeof format?.json_schema?.name === 'string' && format.json_schema.name.endsWith('_rating');
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

describe('promptgate --version and help', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version'], { cwd: repoRoot });
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('answers an unknown flag with exit code 2 and no stack trace', async () => {
    const result = await runCli(['run', '--frobnicate'], { cwd: repoRoot });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--frobnicate'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a concurrency that is not a number', async () => {
    const result = await runCli(['run', '--concurrency', 'lots'], { cwd: repoRoot });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--concurrency takes a whole number from 1 to 1024; got "lots"');
  });
});

describe('promptgate validate', () => {
  it('accepts the example suites and GitHub Models files', async () => {
    const examples = await runCli(['validate', 'prompts/examples'], { cwd: repoRoot });
    expect(examples.code).toBe(0);
    const fixtures = (await readdir(join(repoRoot, 'test/fixtures/gh-models'))).filter((name) => name.endsWith('.yml'));
    const github = await runCli(['validate', ...fixtures.map((name) => `test/fixtures/gh-models/${name}`)], { cwd: repoRoot });
    expect(github.code).toBe(0);
    expect(github.stdout).toContain('6 files valid');
  });

  it('reports every problem as path:line:column with exit code 2', async () => {
    const dir = await scratchProject();
    await writeFile(
      join(dir, 'bad.prompt.yaml'),
      ['model: m', 'messages:', '  - role: user', '    content: "Hi {{name}}"', 'tests:', '  - name: one', '    assert:', '      - contians: x', ''].join('\n'),
    );
    const result = await runCli(['validate', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.prompt.yaml:4:18: error: test "one": {{name}} has no value');
    expect(result.stderr).toContain('bad.prompt.yaml:8:9: error: unknown assertion type "contians"; did you mean "contains"?');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('promptgate run', () => {
  it('runs the example suites: exit 0, JSON, JUnit and Markdown written, prompt files untouched', async () => {
    const dir = await scratchProject({ 'prompts/examples': 'prompts/examples' });
    const before = await sha256(join(dir, 'prompts/examples/support-reply.prompt.yaml'));
    const result = await runCli(['run', 'prompts', '--output', 'out/results.json', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md'], {
      cwd: dir,
      env: modelEnv(),
    });
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    expect(report.summary).toMatchObject({ total: 5, passed: 5, failed: 0, errored: 0, passRate: 1 });
    expect(report.results.map((r: { test: string }) => r.test)).toEqual([
      'refund with order number',
      'status without order number',
      'refund window',
      'outside the window',
      'greeting stays short',
    ]);
    expect(await readFile(join(dir, 'out/junit.xml'), 'utf8')).toContain('<testsuite');
    expect(await readFile(join(dir, 'out/summary.md'), 'utf8')).toContain('| 5 |');
    expect(await sha256(join(dir, 'prompts/examples/support-reply.prompt.yaml'))).toBe(before);
  });

  it('exits 1 on a failing assertion and shows the reason and the output', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
    const result = await runCli(['run', '.', '--no-cache'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('wants the policy');
    expect(result.stdout).toContain('expected output to contain "30 days"');
    expect(result.stdout).toMatch(/1 passed.*1 failed|1 failed.*1 passed/s);
  });

  it('sends nothing when a file is invalid', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'ok.prompt.yaml'), FAILING_SUITE);
    await writeFile(join(dir, 'broken.prompt.yaml'), 'model: m\nmessages: [\n');
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--no-cache'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.prompt\.yaml:\d+:\d+: error: YAML syntax error/);
    expect(server.stats.requests).toBe(requestsBefore);
  });

  it('exits 3 when the provider keeps failing, and never prints the API key', async () => {
    const strict = await startModelServer({ apiKey: 'the-right-key' });
    try {
      const dir = await scratchProject();
      await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
      const result = await runCli(['run', '.', '--no-cache', '--output', 'results.json'], {
        cwd: dir,
        env: { OPENAI_BASE_URL: strict.url, OPENAI_API_KEY: 'sk-wrong-secret-9876' },
      });
      expect(result.code).toBe(3);
      const report = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
      expect(report.summary).toMatchObject({ total: 2, passed: 0, failed: 0, errored: 2 });
      expect(report.results[0].error).toMatch(/401/);
      expect(result.stdout + result.stderr + JSON.stringify(report)).not.toContain('sk-wrong-secret-9876');
    } finally {
      await strict.close();
    }
  });

  it('answers a re-run from the cache without a single request', async () => {
    const dir = await scratchProject({ 'prompts/examples': 'prompts/examples' });
    const first = await runCli(['run', 'prompts'], { cwd: dir, env: modelEnv() });
    expect(first.code).toBe(0);
    const requestsBefore = server.stats.requests;
    const second = await runCli(['run', 'prompts', '--output', 'again.json'], { cwd: dir, env: modelEnv() });
    expect(second.code).toBe(0);
    expect(server.stats.requests).toBe(requestsBefore);
    const report = JSON.parse(await readFile(join(dir, 'again.json'), 'utf8'));
    expect(report.summary).toMatchObject({ requests: 0, cacheHits: 5 });
    const cacheFiles = await readdir(join(dir, '.promptgate/cache'), { recursive: true });
    for (const file of cacheFiles.filter((name) => name.endsWith('.json'))) {
      expect(await readFile(join(dir, '.promptgate/cache', file), 'utf8')).not.toContain('sk-test-secret-1234');
    }
  });

  it('runs a GitHub Models file unchanged: case-insensitive contains, and github/similarity graded by a judge that passes at 4 of 5', async () => {
    const dir = await scratchProject({ 'sample.prompt.yml': 'test/fixtures/gh-models/examples_sample_prompt.yml' });
    const greeting = await startModelServer({
      rules: [
        // The judge is asked on the same endpoint; its prompt asks for JSON named `<evaluator>_rating`.
        // GitHub passed any score above 0, so the 2 below would have passed there; here it fails.
        {
          match: isRatingRequest,
          reply: (request) =>
            request.lastUserMessage.includes('Nice to meet you')
              ? '{"reason": "A greeting, as the reference says; a little more than needed.", "rating": 4}'
              : '{"reason": "Says goodbye, but not the farewell the reference asks for.", "rating": 2}',
        },
        { match: /hello world/, reply: 'Hello! Nice to meet you.' },
        { match: /goodbye world/, reply: 'See you later!' },
      ],
    });
    try {
      const result = await runCli(['run', 'sample.prompt.yml', '--output', 'r.json', '--no-cache'], {
        cwd: dir,
        env: { OPENAI_BASE_URL: greeting.url, OPENAI_API_KEY: 'k' },
      });
      expect(result.code).toBe(1);
      const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
      const [hello, goodbye] = report.results;
      expect(hello).toMatchObject({ status: 'passed' });
      expect(hello.assertions).toEqual([
        { type: 'icontains', name: 'string evaluator', line: 20, pass: true, score: 1, reason: 'expected output to contain "hello" (ignoring case)' },
        { type: 'github-evaluator', name: 'similarity check', line: 23, pass: true, score: 0.75, reason: 'rated 4 of 5 for similarity, passing at 4' },
      ]);
      expect(goodbye).toMatchObject({ status: 'failed' });
      expect(goodbye.assertions[0]).toMatchObject({ type: 'icontains', pass: false });
      expect(goodbye.assertions[0].reason).toContain('"goodbye"');
      expect(goodbye.assertions[1]).toEqual({
        type: 'github-evaluator',
        name: 'similarity check',
        line: 23,
        pass: false,
        score: 0.25,
        reason: 'rated 2 of 5 for similarity, passing at 4; the judge: Says goodbye, but not the farewell the reference asks for.',
      });
      expect(report.results.flatMap((test: { assertions: { skipped?: boolean }[] }) => test.assertions).filter((a: { skipped?: boolean }) => a.skipped)).toEqual([]);

      const asked = greeting.requests.filter((request) => !isRatingRequest(request));
      expect(asked.map((request) => [request.body.model, request.body.max_tokens])).toEqual([
        ['openai/gpt-4o', 50],
        ['openai/gpt-4o', 50],
      ]);
      // One judge call per row, given the row's reference answer and the answer being rated.
      const judged = greeting.requests.filter(isRatingRequest).map((request) => request.body.messages.map((message) => message.content).join('\n'));
      expect(judged).toHaveLength(2);
      expect(judged.find((text) => text.includes('Nice to meet you'))).toContain('greeting response');
      expect(judged.find((text) => text.includes('See you later!'))).toContain('farewell response');
    } finally {
      await greeting.close();
    }
  });

  it('reads the endpoint and model from promptgate.config.yaml, and reports a bad one at its line', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE.replace('model: test-model\n', ''));
    await writeFile(join(dir, 'promptgate.config.yaml'), `baseUrl: ${server.url}\nmodel: configured-model\napiKeyEnv: MY_KEY\n`);
    const requestsBefore = server.requests.length;
    const result = await runCli(['run', '.', '--no-cache', '--test', 'passes'], { cwd: dir, env: { MY_KEY: 'k' } });
    expect(result.code).toBe(0);
    expect(server.requests.slice(requestsBefore).map((request) => request.body.model)).toEqual(['configured-model']);

    await writeFile(join(dir, 'promptgate.config.yaml'), 'model: m\nconcurrency: many\n');
    const bad = await runCli(['run', '.'], { cwd: dir, env: modelEnv() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('promptgate.config.yaml:2:14: error:');
  });

  it('refuses to run against api.openai.com without a key', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
    const result = await runCli(['run', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no API key for https://api.openai.com/v1: set OPENAI_API_KEY');
  });

  it('refuses an output path that would overwrite a prompt file', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
    const result = await runCli(['run', '.', '--output', 'policy.prompt.yaml'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(2);
    expect(await readFile(join(dir, 'policy.prompt.yaml'), 'utf8')).toBe(FAILING_SUITE);
  });

  it('judges the run by --min-pass-rate when given, and rejects an unknown --test', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
    expect((await runCli(['run', '.', '--min-pass-rate', '0.5'], { cwd: dir, env: modelEnv() })).code).toBe(0);
    expect((await runCli(['run', '.', '--min-pass-rate', '0.75'], { cwd: dir, env: modelEnv() })).code).toBe(1);
    const unknown = await runCli(['run', '.', '--test', 'nope'], { cwd: dir, env: modelEnv() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no test named "nope" in the selected files');
  });
});

describe('numbers and endpoints out of range: exit 2 before any model call', () => {
  /** A file of `tests` tests, each sampled `repeat` times (a file-level line 5 when given). */
  function sizedSuite(tests: number, repeat?: number): string {
    const lines = ['model: test-model', 'messages:', '  - role: user', '    content: "{{question}}"'];
    if (repeat !== undefined) lines.push(`repeat: ${repeat}`);
    lines.push('tests:');
    for (let i = 0; i < tests; i++) lines.push(`  - { name: "t${i}", vars: { question: say yes }, assert: [{ contains: "yes" }] }`);
    return `${lines.join('\n')}\n`;
  }

  it('refuses repeat: 100000000 in a file at its line and column, in validate and in run, and calls nothing', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'big.prompt.yaml'), sizedSuite(1, 100_000_000));
    const message = 'big.prompt.yaml:5:9: error: repeat must be at most 1000, got 100000000 (how many times each test is sampled)';
    const validated = await runCli(['validate', '.'], { cwd: dir });
    expect(validated.code).toBe(2);
    expect(validated.stderr).toContain(message);
    const requestsBefore = server.stats.requests;
    const ran = await runCli(['run', '.', '--no-cache'], { cwd: dir, env: modelEnv() });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
    expect(server.stats.requests).toBe(requestsBefore);
  });

  it("refuses a file whose tests × repeat exceed 100,000 calls, at the file's repeat", async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'wide.prompt.yaml'), sizedSuite(101, 1000));
    const result = await runCli(['validate', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "wide.prompt.yaml:5:9: error: this file's 101 tests × 1,000 samples make 101,000 model calls a run; at most 100,000 are allowed: lower `repeat`, or split the tests over several files",
    );
  });

  it('refuses a run whose files and --repeat add up to more than 100,000 calls, before any call', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'a.prompt.yaml'), sizedSuite(101));
    expect((await runCli(['validate', '.'], { cwd: dir })).code).toBe(0);
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--repeat', '1000', '--no-cache'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: this run would make 101,000 model calls (a.prompt.yaml: 101,000); at most 100,000 are allowed in one run: select fewer files or tests, or sample fewer times (repeat)',
    );
    expect(server.stats.requests).toBe(requestsBefore);
  });

  it('refuses --timeout 2147483648, which Node would turn into a 1 ms timer', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--timeout', '2147483648', '--no-cache'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('promptgate: --timeout takes a whole number from 1 to 86400000 ms (24 hours); got "2147483648"\n');
    const retry = await runCli(['run', '.', '--max-retry-time', '2147483648'], { cwd: dir, env: modelEnv() });
    expect(retry.code).toBe(2);
    expect(retry.stderr).toContain('--max-retry-time takes a whole number from 0 to 86400000 ms (24 hours)');
    expect(server.stats.requests).toBe(requestsBefore);
  });

  it('refuses the same timeout in promptgate.config.yaml, at its line and column', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
    await writeFile(join(dir, 'promptgate.config.yaml'), 'model: m\ntimeout: 2147483648\n');
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--no-cache'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'promptgate.config.yaml:2:10: error: timeout must be at most 86400000, got 2147483648 (milliseconds: 86400000 is 24 hours)',
    );
    expect(server.stats.requests).toBe(requestsBefore);
  });

  it('refuses an ftp:// base URL from the flag, the environment or for the judge, as bad input rather than a provider error', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'policy.prompt.yaml'), FAILING_SUITE);
    const flag = await runCli(['run', '.', '--base-url', 'ftp://models.example/v1'], { cwd: dir, env: { OPENAI_API_KEY: 'k' } });
    expect(flag).toMatchObject({
      code: 2,
      stderr:
        'promptgate: the base URL (--base-url) "ftp://models.example/v1" must be an http:// or https:// URL, not ftp:; expected something like http://localhost:11434/v1\n',
    });
    const env = await runCli(['run', '.'], { cwd: dir, env: { OPENAI_BASE_URL: 'ftp://models.example/v1', OPENAI_API_KEY: 'k' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('the base URL (OPENAI_BASE_URL) "ftp://models.example/v1" must be an http:// or https:// URL');
    const judge = await runCli(['run', '.', '--judge-base-url', 'ftp://judge.example/v1'], { cwd: dir, env: modelEnv() });
    expect(judge.code).toBe(2);
    expect(judge.stderr).toContain('the judge base URL (--judge-base-url) "ftp://judge.example/v1" must be an http:// or https:// URL');
  });
});
