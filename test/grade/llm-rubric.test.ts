import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type ModelServerOptions, type ReceivedRequest } from '../support/model-server.js';
import { API_KEY, isRubricJudge, judgedText, runGraded, withTempDir } from './support.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ModelServerOptions): Promise<ModelServer> {
  server = await startModelServer({ apiKey: API_KEY, ...options });
  return server;
}

const SUPPORT = `
name: support
model: gpt-test
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: refund
    vars: { question: "Can I return my shoes?" }
    assert:
      - type: llm-rubric
        value: Mentions the 30-day refund policy
`;

/** The judge's verdict depends on whether the answer it is shown mentions "30 days". */
function judgeByContent(request: ReceivedRequest): string {
  const mentions = /<answer>[\s\S]*30 days[\s\S]*<\/answer>/.test(judgedText(request));
  return JSON.stringify(
    mentions ? { reason: 'States the 30-day policy.', pass: true, score: 0.9 } : { reason: 'Does not mention the refund window.', pass: false, score: 0.2 },
  );
}

describe('llm-rubric', () => {
  it('passes when the judge says so, and shows the judge the rubric, the question and the answer', async () => {
    const model = await start({
      rules: [
        { match: isRubricJudge, reply: judgeByContent },
        { match: /shoes/, reply: 'Yes, within 30 days of delivery.' },
      ],
    });
    const report = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url });
    expect(report.results[0]!.status).toBe('passed');
    expect(report.results[0]!.assertions).toEqual([
      { type: 'llm-rubric', pass: true, score: 0.9, reason: 'expected output to meet the rubric "Mentions the 30-day refund policy" (score 0.9)', line: 11 },
    ]);
    const judge = model.requests.find(isRubricJudge)!;
    const shown = judgedText(judge);
    expect(shown).toContain('Mentions the 30-day refund policy');
    expect(shown).toContain('Can I return my shoes?');
    expect(shown).toContain('Yes, within 30 days of delivery.');
    // The bundled judge prompt names its model; the model under test is not asked to grade itself.
    expect(judge.body.model).toBe('gpt-4o-mini');
    expect(judge.body.temperature).toBe(0);
  });

  it('fails with the judge\'s reason when it says the rubric is not met', async () => {
    const model = await start({ rules: [{ match: isRubricJudge, reply: judgeByContent }], defaultReply: 'Sure, send them back whenever.' });
    const report = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url });
    expect(report.results[0]!.status).toBe('failed');
    expect(report.results[0]!.assertions[0]!.reason).toBe(
      'expected output to meet the rubric "Mentions the 30-day refund policy"; the judge: Does not mention the refund window. (score 0.2)',
    );
  });

  it('with a threshold, the score decides, whatever the judge\'s pass says', async () => {
    const file = SUPPORT.replace('value: Mentions the 30-day refund policy', 'value: Mentions the 30-day refund policy\n        threshold: 0.95');
    const model = await start({ rules: [{ match: isRubricJudge, reply: judgeByContent }], defaultReply: 'Within 30 days.' });
    const report = await runGraded({ 'support.prompt.yaml': file }, { baseURL: model.url });
    expect(report.results[0]!.assertions[0]).toMatchObject({ pass: false, score: 0.9 });
    expect(report.results[0]!.assertions[0]!.reason).toContain('(score 0.9, needs 0.95)');
  });

  it.each([
    ['prose instead of JSON', 'It passes, I think.', "the judge's answer is not a usable verdict: it is not JSON"],
    ['a score outside 0..1', '{"reason":"ok","pass":true,"score":9}', 'its "score" must be a number from 0 to 1, got 9'],
  ])('a judge answering %s makes the test errored, never passed or failed', async (_label, answer, expected) => {
    const model = await start({ rules: [{ match: isRubricJudge, reply: answer }], defaultReply: 'Within 30 days.' });
    const report = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url });
    const result = report.results[0]!;
    expect(result.status).toBe('errored');
    expect(result.pass).toBe(false);
    expect(result.error).toContain(`llm-rubric: `);
    expect(result.error).toContain(expected);
    expect(result.assertions[0]).toMatchObject({ errored: true, pass: false });
    expect(report.summary).toMatchObject({ passed: 0, failed: 0, errored: 1 });
  });

  it('a definite failure outranks a missing verdict: the test failed, whatever the judge would have said', async () => {
    const file = SUPPORT.replace('      - type: llm-rubric', '      - contains: "30 days"\n      - type: llm-rubric');
    const model = await start({ rules: [{ match: isRubricJudge, reply: 'garbage' }], defaultReply: 'Send them back whenever.' });
    const report = await runGraded({ 'support.prompt.yaml': file }, { baseURL: model.url });
    const result = report.results[0]!;
    expect(result.status).toBe('failed');
    expect(result.error).toBeUndefined();
    expect(result.assertions.map(({ type, pass, errored }) => ({ type, pass, errored }))).toEqual([
      { type: 'contains', pass: false, errored: undefined },
      { type: 'llm-rubric', pass: false, errored: true },
    ]);
    expect(report.summary).toMatchObject({ failed: 1, errored: 0 });
  });

  it('a judge that keeps failing makes the test errored with the endpoint\'s message, after retries', async () => {
    const model = await start({
      rules: [{ match: isRubricJudge, fail: { kind: 'status', status: 503, message: 'judge overloaded' } }],
      defaultReply: 'Within 30 days.',
    });
    const report = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url });
    expect(report.results[0]!.status).toBe('errored');
    expect(report.results[0]!.error).toMatch(/^llm-rubric: the judge \(gpt-4o-mini\) could not be asked: .*503.*judge overloaded/);
    // Retried like any call, and counted as the judge's, not the model under test's.
    expect(report.summary.requests).toBe(1);
    expect(report.summary.judge!.requests).toBeGreaterThan(1);
  });

  it('counts judge calls apart, and a re-run takes both answers from the cache', async () => {
    await withTempDir(async (cacheDir) => {
      const model = await start({ rules: [{ match: isRubricJudge, reply: judgeByContent }], defaultReply: 'Within 30 days.' });
      const first = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, cacheDir });
      expect(first.summary).toMatchObject({ requests: 1, cacheHits: 0, judge: { requests: 1, cacheHits: 0, calls: 1 } });
      const second = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, cacheDir });
      expect(second.summary).toMatchObject({ requests: 0, cacheHits: 1, judge: { requests: 0, cacheHits: 1, calls: 1 } });
      expect(second.results[0]!.assertions).toEqual(first.results[0]!.assertions);
      expect(model.stats.completions).toBe(2);
    });
  });

  it('a garbage verdict is not cached: the next run asks the judge again', async () => {
    await withTempDir(async (cacheDir) => {
      const model = await start({ rules: [{ match: isRubricJudge, reply: 'no idea' }], defaultReply: 'Within 30 days.' });
      const first = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, cacheDir });
      const second = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, cacheDir });
      expect([first.results[0]!.status, second.results[0]!.status]).toEqual(['errored', 'errored']);
      // The model under test's answer was fine and is reused; the judge is asked each time.
      expect(second.summary).toMatchObject({ requests: 0, cacheHits: 1, judge: { requests: 1, cacheHits: 0 } });
    });
  });

  it('judge calls share the run\'s concurrency limit', async () => {
    const tests = Array.from({ length: 8 }, (_, i) => `  - name: t${i}\n    vars: { question: "q${i}" }`).join('\n');
    const file = `name: many\nmodel: gpt-test\nmessages:\n  - role: user\n    content: "{{question}}"\nassert:\n  - type: llm-rubric\n    value: Is short\ntests:\n${tests}\n`;
    const model = await start({ rules: [{ match: isRubricJudge, reply: '{"reason":"short","pass":true,"score":1}' }], latencyMs: 30 });
    const report = await runGraded({ 'many.prompt.yaml': file }, { baseURL: model.url, concurrency: 2 });
    expect(report.summary).toMatchObject({ passed: 8, requests: 8, judge: { requests: 8 } });
    expect(model.stats.peakInFlight).toBeLessThanOrEqual(2);
  });

  it('judge.model and its parameters from the config apply to every judge call', async () => {
    const model = await start({ rules: [{ match: isRubricJudge, reply: judgeByContent }], defaultReply: 'Within 30 days.' });
    await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, config: 'judge:\n  model: big-judge\n  temperature: 0.2\n  maxTokens: 300\n' });
    const judge = model.requests.find(isRubricJudge)!;
    expect(judge.body).toMatchObject({ model: 'big-judge', temperature: 0.2, max_tokens: 300 });
  });

  it('judge.rubricPrompt replaces the bundled judge prompt, read from the project directory', async () => {
    await withTempDir(async (project) => {
      await writeFile(
        join(project, 'my-judge.prompt.yaml'),
        'name: my judge\nmodel: house-judge\nmessages:\n  - role: user\n    content: "HOUSE RULES {{rubric}} ANSWER {{output}}"\n',
      );
      const model = await start({ rules: [{ match: /^HOUSE RULES/, reply: '{"reason":"house says yes","pass":true,"score":1}' }], defaultReply: 'Within 30 days.' });
      const report = await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, cwd: project, config: 'judge:\n  rubricPrompt: my-judge.prompt.yaml\n' });
      expect(report.results[0]!.status).toBe('passed');
      const judge = model.requests.find((request) => request.lastUserMessage.startsWith('HOUSE RULES'))!;
      expect(judge.body.model).toBe('house-judge');
      expect(judge.lastUserMessage).toBe('HOUSE RULES Mentions the 30-day refund policy ANSWER Within 30 days.');
    });
  });

  it('a replacement judge prompt with a placeholder nobody fills is refused before any call', async () => {
    await withTempDir(async (project) => {
      await writeFile(join(project, 'bad.prompt.yaml'), 'name: bad\nmessages:\n  - role: user\n    content: "{{rubric}} {{output}} {{answer}}"\n');
      const model = await start({ defaultReply: 'x' });
      await expect(runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, cwd: project, config: 'judge:\n  rubricPrompt: bad.prompt.yaml\n' })).rejects.toThrow(
        `the llm-rubric judge prompt ${join(project, 'bad.prompt.yaml')} uses {{answer}}, which llm-rubric does not fill; it fills {{rubric}}, {{output}}, {{input}}`,
      );
      expect(model.stats.requests).toBe(0);
    });
  });

  it('a replacement judge prompt that never shows the judge the output is refused', async () => {
    await withTempDir(async (project) => {
      await writeFile(join(project, 'blind.prompt.yaml'), 'name: blind\nmessages:\n  - role: user\n    content: "Does it meet {{rubric}}?"\n');
      const model = await start({ defaultReply: 'x' });
      await expect(runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, cwd: project, config: 'judge:\n  rubricPrompt: blind.prompt.yaml\n' })).rejects.toThrow(
        `the llm-rubric judge prompt ${join(project, 'blind.prompt.yaml')} never uses {{output}}, so it could not see what it must judge; add it to its messages`,
      );
      expect(model.stats.requests).toBe(0);
    });
  });

  it('--model replaces the judge prompt\'s model too, unless a judge model is set', async () => {
    const model = await start({ rules: [{ match: isRubricJudge, reply: judgeByContent }], defaultReply: 'Within 30 days.' });
    await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, overrides: { modelOverride: 'local-llama' } });
    await runGraded({ 'support.prompt.yaml': SUPPORT }, { baseURL: model.url, overrides: { modelOverride: 'local-llama' }, config: 'judge:\n  model: big-judge\n' });
    expect(model.requests.filter(isRubricJudge).map((request) => request.body.model)).toEqual(['local-llama', 'big-judge']);
  });

  it('a judge on another endpoint gets its own key, never the main one', async () => {
    const model = await start({ defaultReply: 'Within 30 days.' });
    const judgeServer = await startModelServer({ apiKey: 'sk-judge-only-77aa', rules: [{ match: isRubricJudge, reply: judgeByContent }] });
    try {
      const report = await runGraded(
        { 'support.prompt.yaml': SUPPORT },
        { baseURL: model.url, config: `judge:\n  baseUrl: ${judgeServer.url}\n`, env: { PROMPTGATE_JUDGE_API_KEY: 'sk-judge-only-77aa' } },
      );
      expect(report.results[0]!.status).toBe('passed');
      expect(judgeServer.requests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-judge-only-77aa']);
      expect(model.requests.filter(isRubricJudge)).toEqual([]);
    } finally {
      await judgeServer.close();
    }
  });
});
