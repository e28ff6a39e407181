import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { toJson } from '../../src/report/json.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { API_KEY, isRubricJudge, runGraded } from './support.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Round prices so the sums can be done by hand: the double counts one token per word.
const PRICES = 'prices:\n  cheap-model: { input: 1000000, output: 2000000 }\n  judge-model: { input: 10, output: 20 }\n';

describe('cost', () => {
  it('prices each call from its tokens, checks the cost assertion, and keeps the judge\'s cost apart', async () => {
    server = await startModelServer({
      apiKey: API_KEY,
      rules: [{ match: isRubricJudge, reply: '{"reason":"fine","pass":true,"score":1}' }],
      defaultReply: 'three word answer',
    });
    const file = [
      'name: c',
      'model: cheap-model',
      'messages:',
      '  - role: user',
      '    content: "{{q}}"',
      'tests:',
      '  - name: under budget', // prompt 2 words, answer 3: 2 × $1 + 3 × $2 = $8
      '    vars: { q: "two words" }',
      '    assert:',
      '      - type: cost',
      '        threshold: 8',
      '  - name: over budget', // prompt 3 words: 3 × $1 + 3 × $2 = $9
      '    vars: { q: "three words here" }',
      '    assert:',
      '      - cost: 8.5',
      '  - name: judged',
      '    vars: { q: "two words" }',
      '    assert:',
      '      - llm-rubric: Is an answer',
    ].join('\n');
    const report = await runGraded({ 'c.prompt.yaml': file }, { baseURL: server.url, config: `${PRICES}judge:\n  model: judge-model\n` });
    expect(report.results.map((result) => [result.test, result.status, result.cost])).toEqual([
      ['under budget', 'passed', 8],
      ['over budget', 'failed', 9],
      ['judged', 'passed', 8],
    ]);
    expect(report.results[1]!.assertions[0]!.reason).toContain('$8.5');
    const judge = report.results[2]!.judge!;
    expect(judge.calls).toBe(1);
    expect(judge.cost).toBeCloseTo((judge.tokens.prompt * 10 + judge.tokens.completion * 20) / 1_000_000, 12);
    expect(report.summary.cost).toBe(25);
    expect(report.summary.judge).toMatchObject({ calls: 1, requests: 1, cacheHits: 0, cost: judge.cost, tokens: judge.tokens });
    expect(report.summary.unpricedModels).toBeUndefined();
    // What the pipeline really produces, graded and priced, is what the published schema describes.
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schema/results.schema.json', import.meta.url), 'utf8')) as object);
    validate(JSON.parse(toJson(report)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('names models without a price instead of counting them as free', async () => {
    server = await startModelServer({ apiKey: API_KEY, defaultReply: 'ok' });
    const file = 'name: c\nmodel: mystery-model\nmessages:\n  - role: user\n    content: hi\ntests:\n  - name: t\n';
    const report = await runGraded({ 'c.prompt.yaml': file }, { baseURL: server.url });
    expect(report.results[0]!.cost).toBeUndefined();
    expect(report.summary.cost).toBeUndefined();
    expect(report.summary.unpricedModels).toEqual(['mystery-model']);
  });

  it('a shipped price applies to a provider-prefixed name, as GitHub Models files write them', async () => {
    server = await startModelServer({ apiKey: API_KEY, defaultReply: 'one two' });
    const file = 'name: c\nmodel: openai/gpt-4o-mini\nmessages:\n  - role: user\n    content: hi there\ntests:\n  - name: t\n';
    const report = await runGraded({ 'c.prompt.yaml': file }, { baseURL: server.url });
    // gpt-4o-mini lists at $0.15 per million prompt tokens and $0.60 per million completion tokens.
    expect(report.results[0]!.cost).toBeCloseTo((2 * 0.15 + 2 * 0.6) / 1_000_000, 15);
  });
});
