import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledEditorPromptCandidates } from '../../src/suggest/index.js';
import { checkEditorPrompt } from '../../src/suggest/editor-prompt.js';
import { executeCases, loadSuites, planCases } from '../../src/pipeline.js';
import { createOpenAIProvider } from '../../src/provider/openai.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { editorAnswer } from './support.js';

const repoRoot = join(import.meta.dirname, '../..');
const EDITOR_PROMPT = 'prompts/promptgate/suggest-edit.prompt.yaml';

const GOOD_ANSWERS = {
  refund: editorAnswer(
    {
      edits: [{ find: 'Answer in at most three sentences.', replace: 'Customers may return items within 30 days of delivery.\n      Answer in at most three sentences.' }],
      rationale: 'States the refund window the test expects.',
      assertion: { contains: '30 days' },
    },
    {
      edits: [{ find: 'You are the support assistant for Acme Outfitters.', replace: 'You are the support assistant for Acme Outfitters. Refunds: 30 days.' }],
      rationale: 'Same fact, on the first line.',
      assertion: null,
    },
  ),
  length: editorAnswer({
    edits: [{ find: 'Tell the customer everything we sell.', replace: 'Greet the customer in one short sentence.' }],
    rationale: 'The instruction to list everything is what makes greetings long.',
    assertion: { 'max-words': 15 },
  }),
  passing: editorAnswer(
    {
      edits: [{ find: 'support desk.', replace: 'support desk. State the refund policy: a full refund within 30 days.' }],
      rationale: 'The answer never mentions a refund.',
      assertion: { icontains: 'refund' },
    },
    { edits: [{ find: 'support desk.', replace: 'support desk. Answer in two sentences.' }], rationale: 'Shorter.', assertion: { 'max-words': 40 } },
  ),
};

const BAD_ANSWERS = {
  // Line numbers copied into find, and an edit of the test's assertion.
  refund: editorAnswer({ edits: [{ find: '15 |       - contains: "30 days"', replace: '- contains: "contact"' }], rationale: 'Loosen the test.' }),
  length: '```json\n' + editorAnswer({ edits: [{ find: 'hello', replace: 'hi' }], rationale: 'x' }) + '\n```',
  // "Be brief." with nothing that tests the critique: the targeted test already passes, so nothing would show it.
  passing: editorAnswer(
    { edits: [{ find: 'support desk.', replace: 'support desk. Be brief.' }], rationale: 'Shorter.', assertion: null },
    { edits: [{ find: 'support desk.', replace: 'support desk. Mention refunds.' }], rationale: 'Refunds.', assertion: { icontains: 'refund' } },
  ),
};

let answers = GOOD_ANSWERS;
let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      { match: /Too long, and it forgets the refund policy/, reply: () => answers.passing },
      { match: /forgets the refund policy/, reply: () => answers.refund },
      { match: /Way too long/, reply: () => answers.length },
    ],
  });
});
afterAll(() => server.close());

async function runEditorPromptSuite() {
  const { suites, problems } = await loadSuites([EDITOR_PROMPT], repoRoot);
  expect(problems).toEqual([]);
  const plan = planCases(suites, { tests: [] });
  expect(plan.problems).toEqual([]);
  return executeCases(plan.cases, {
    provider: createOpenAIProvider({ baseURL: server.url, apiKey: 'sk-test', timeoutMs: 5000 }),
    concurrency: 2,
    timeoutMs: 5000,
    maxRetryTimeMs: 0,
    version: 'test',
  });
}

describe('the editor prompt file', () => {
  it('sends the same schema as schema/suggestions.schema.json (without $schema and $id)', async () => {
    const file = parse(await readFile(join(repoRoot, EDITOR_PROMPT), 'utf8')) as { modelParameters: { responseFormat: { schema: unknown } } };
    const { $schema, $id, ...schema } = JSON.parse(await readFile(join(repoRoot, 'schema/suggestions.schema.json'), 'utf8')) as Record<string, unknown>;
    expect([$schema, $id]).toEqual([
      'http://json-schema.org/draft-07/schema#',
      'https://raw.githubusercontent.com/promptgate/promptgate/main/schema/suggestions.schema.json',
    ]);
    expect(file.modelParameters.responseFormat.schema).toEqual(schema);
  });

  it('passes its own tests when the editor answers well', async () => {
    answers = GOOD_ANSWERS;
    const report = await runEditorPromptSuite();
    const failures = report.results.flatMap((result) => result.assertions.filter((assertion) => !assertion.pass).map((assertion) => assertion.reason));
    expect(failures).toEqual([]);
    expect(report.summary).toMatchObject({ total: 3, passed: 3, failed: 0, errored: 0 });
    expect(server.requests[0]?.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'suggested_edits', strict: false } });
  });

  it('fails its own tests when the editor copies line numbers, edits the tests, fences its JSON or leaves a candidate untestable', async () => {
    answers = BAD_ANSWERS;
    try {
      const report = await runEditorPromptSuite();
      const failed = Object.fromEntries(
        report.results.map((result) => [result.test, result.assertions.filter((assertion) => !assertion.pass).map((assertion) => assertion.name ?? assertion.type)]),
      );
      expect(failed).toEqual({
        'forgets the refund policy': ['no line numbers in find', 'a find quotes the system prompt', 'leaves the tests alone'],
        'answers are too long': ['is-json', 'json-schema', 'no code fence', 'a find quotes the system prompt', 'proposes an assertion for the length'],
        'the targeted test already passes': ['every candidate proposes an assertion'],
      });
    } finally {
      answers = GOOD_ANSWERS;
    }
  });

  it('is found next to the bundles (dist/cli.js, dist/index.js) before a folder above the package', () => {
    expect(bundledEditorPromptCandidates('file:///opt/app/node_modules/promptgate/dist/cli.js')).toEqual([
      '/opt/app/node_modules/promptgate/prompts/promptgate/suggest-edit.prompt.yaml',
      '/opt/app/node_modules/prompts/promptgate/suggest-edit.prompt.yaml',
    ]);
    expect(bundledEditorPromptCandidates()).toContain(join(repoRoot, EDITOR_PROMPT));
  });

  it('rejects an editor prompt that uses a placeholder suggest does not fill', () => {
    const text = 'model: m\nmessages:\n  - role: user\n    content: "{{critique}} {{diffOfTheWorld}}"\nvars: { critique: c, diffOfTheWorld: d }\n';
    expect(checkEditorPrompt('mine.prompt.yaml', text)).toEqual({
      ok: false,
      reason:
        'the editor prompt mine.prompt.yaml uses {{diffOfTheWorld}}, which suggest does not fill; it fills {{file}}, {{numberedPrompt}}, {{critique}}, {{focus}}, {{targets}}, {{mustKeep}}, {{candidates}}',
    });
  });
});
