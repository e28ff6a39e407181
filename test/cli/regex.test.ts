// Patterns from a pull request, through the built CLI: one that would keep JavaScript's own engine
// busy for years finishes with a verdict and a results file; one RE2 cannot run stops the run at
// its line, before any model call.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, scratchProject } from './run-cli.js';

const ANSWER = 'The quick brown fox jumps over the lazy dog, twice over.';

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ rules: [{ match: /say something/, reply: ANSWER }] });
});
afterAll(() => server.close());

function modelEnv() {
  return { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-secret-1234' };
}

const HOSTILE_SUITE = `model: test-model
messages:
  - role: user
    content: say something
tests:
  - name: hostile pattern
    assert:
      - regex: "^(.|.)*\\\\x00$"
  - name: hostile pattern, negated
    assert:
      - not-regex: "^(.|.)*\\\\x00$"
`;

describe('regex patterns from a pull request', () => {
  it('runs a pattern that backtracks exponentially to a verdict and writes the results file', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'hostile.prompt.yaml'), HOSTILE_SUITE);
    const result = await runCli(['run', '.', '--no-cache', '--output', 'results.json'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
    expect(report.summary).toMatchObject({ total: 2, passed: 1, failed: 1, errored: 0 });
    const [positive, negated] = report.results;
    expect(positive.samples[0].output).toBe(ANSWER);
    expect(positive.assertions).toMatchObject([{ pass: false, reason: `expected output to match /^(.|.)*\\x00$/, got "${ANSWER}"` }]);
    expect(negated.assertions).toMatchObject([{ pass: true, reason: 'expected output not to match /^(.|.)*\\x00$/' }]);
  });

  it('refuses a lookahead at its line and column, before any model call', async () => {
    const dir = await scratchProject();
    await writeFile(join(dir, 'lookahead.prompt.yaml'), HOSTILE_SUITE.replace('regex: "^(.|.)*\\\\x00$"', 'regex: "^(?!.*sorry)"'));
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--no-cache'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'lookahead.prompt.yaml:8:16: error: invalid regex "^(?!.*sorry)": a lookahead (?!…) is not supported (promptgate matches patterns with RE2, ' +
        'which runs in time linear in the output, without lookaround); match the text itself, or check what must not appear with a separate not-regex assertion',
    );
    expect(server.stats.requests).toBe(requestsBefore);
  });
});
