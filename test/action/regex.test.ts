// A pattern that keeps a backtracking engine busy for years, through the built Action: the run
// finishes with its outputs and results file instead of being killed with neither.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runAction, useActionHarness, workspaceWith } from './support/run-action.js';

const harness = useActionHarness();
let model: ModelServer | undefined;
afterEach(async () => {
  await model?.close();
});

const ANSWER = 'The quick brown fox jumps over the lazy dog, twice over.';

const HOSTILE_SUITE = `model: test-model
messages:
  - role: user
    content: say something
tests:
  - name: hostile pattern
    assert:
      - regex: "^(.|.)*\\\\x00$"
      - json-schema: {type: string, pattern: "^(.|.)*\\\\x00$"}
`;

describe('the action with a hostile regex', () => {
  it('evaluates it in linear time: outputs, results file and a failed verdict', async () => {
    model = await startModelServer({ rules: [{ match: /say something/, reply: JSON.stringify(ANSWER) }] });
    const workspace = await workspaceWith({ 'prompts/hostile.prompt.yaml': HOSTILE_SUITE });
    const result = await runAction({
      node: harness.node,
      eventName: 'push',
      payload: { ref: 'refs/heads/main', repository: { name: 'storefront', full_name: 'acme/storefront', owner: { login: 'acme' } } },
      workspace,
      inputs: { 'api-key': 'sk-test-regex', 'base-url': model.url },
    });
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ total: '1', passed: '0', failed: '1', errored: '0' });
    const report = JSON.parse(await readFile(result.outputs['results-file']!, 'utf8'));
    expect(report.results[0].assertions).toMatchObject([
      { pass: false, reason: `expected output to match /^(.|.)*\\x00$/, got ${JSON.stringify(JSON.stringify(ANSWER))}` },
      { pass: false, reason: 'expected output to match the JSON schema, got (root) must match pattern "^(.|.)*\\x00$"' },
    ]);
  });
});
