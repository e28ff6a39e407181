// `promptgate suggest` on a file whose tests are graded by a judge: the verification runs ask the
// judge too, so an edit is verified against the same verdicts `promptgate run` would give.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../support/model-server.js';
import { runMain } from './run-cli.js';
import { MINIMAL_EDIT, SUPPORT_FILE, SUPPORT_PROMPT, editorAnswer, editorRule, supportModel } from '../feedback/support.js';

const GRADED_PROMPT = SUPPORT_PROMPT.replace('      - contains: "30 days"', '      - llm-rubric: Says that returns are accepted within 30 days');

const isJudge = (request: ReceivedRequest) =>
  (request.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name === 'llm_rubric_verdict';

let server: ModelServer;
let dir: string;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      {
        match: isJudge,
        reply: (request) =>
          /<answer>[\s\S]*30 days/.test(request.body.messages.map((message) => message.content).join('\n'))
            ? '{"reason":"Gives the 30-day window.","pass":true,"score":1}'
            : '{"reason":"Does not say how long returns are accepted.","pass":false,"score":0}',
      },
      editorRule('fix', editorAnswer({ edits: [MINIMAL_EDIT], rationale: 'State the refund window.' })),
    ],
    defaultReply: supportModel,
  });
  dir = await mkdtemp(join(tmpdir(), 'promptgate-suggest-graded-'));
  await mkdir(join(dir, 'prompts'));
  await writeFile(join(dir, SUPPORT_FILE), GRADED_PROMPT);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('promptgate suggest with llm-rubric tests', () => {
  it('verifies the edit with the judge: failing before, passing after, judge calls paid from the budget', async () => {
    // One call at a time, so that a verdict is remembered before the same question is asked again.
    const { code, stdout, stderr } = await runMain(
      ['suggest', SUPPORT_FILE, '--critique', '[fix] It forgets the refund policy.', '--no-cache', '-q', '-j', '1', '--editor-model', 'editor-model', '--judge-model', 'judge-model'],
      { cwd: dir, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test' } },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('+      Refunds: customers may return items within 30 days.');
    expect(stdout).toContain('targeted test "refund window": 0/8 → 8/8 (improvement, p < 0.001)');
    const verdicts = server.requests.filter(isJudge).map((request) => request.body.model);
    // The model answers the same every time, so the judge is asked two questions in the whole step,
    // each once, even without a disk cache: the old answer and the new one (the other tests have no
    // rubric). The file as it is, scored again in the comparison, reuses its verdict.
    expect(verdicts).toEqual(['judge-model', 'judge-model']);
    // Before-run: 3 tests × 4 answers + 1 verdict; the editor: 1; the comparison: 3 × 4 answers and
    // refund window's second look, 4 a side, + 1 verdict.
    expect(stdout).toContain(`Spent ${12 + 1 + 1 + 12 + 8 + 1} model calls,`);
  });
});
