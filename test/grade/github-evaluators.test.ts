import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../support/model-server.js';
import { API_KEY, judgedText, responseFormatName, runGraded } from './support.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fixture = (name: string) => readFile(new URL(`../fixtures/gh-models/${name}`, import.meta.url), 'utf8');

function rating(value: number, reason = 'scripted'): string {
  return JSON.stringify({ reason, rating: value });
}

const isRatingJudge = (request: ReceivedRequest) => /_rating$/.test(responseFormatName(request) ?? '');

describe('GitHub Models built-in evaluators', () => {
  it.each([
    [5, 'passed'],
    [4, 'passed'],
    // GitHub passed any score above zero, so this 2-of-5 answer would have passed there.
    [2, 'failed'],
  ])('GitHub\'s own single-evaluator file: fluency rated %i is %s at the default mark of 4 of 5', async (value, status) => {
    server = await startModelServer({ apiKey: API_KEY, rules: [{ match: isRatingJudge, reply: rating(value, 'Clunky in places.') }], defaultReply: 'ML learns from data.' });
    const report = await runGraded({ 'examples_test_single_evaluator.yml': await fixture('examples_test_single_evaluator.yml') }, { baseURL: server.url });
    expect(report.results[0]!.status).toBe(status);
    const judge = server.requests.find(isRatingJudge)!;
    expect(responseFormatName(judge)).toBe('fluency_rating');
    expect(judgedText(judge)).toContain('ML learns from data.');
    expect(report.results[0]!.assertions[0]).toMatchObject({ type: 'github-evaluator', name: 'fluency-test', score: (value - 1) / 4 });
  });

  it('names the rating and the pass mark, and the judge\'s reason on a failure', async () => {
    server = await startModelServer({ apiKey: API_KEY, rules: [{ match: isRatingJudge, reply: rating(3, 'Clunky in places.') }] });
    const report = await runGraded({ 'x.yml': await fixture('examples_test_single_evaluator.yml') }, { baseURL: server.url });
    expect(report.results[0]!.assertions[0]!.reason).toBe('rated 3 of 5 for fluency, passing at 4; the judge: Clunky in places.');
  });

  it('the pass mark is configurable: githubModelsPassScore 0.25 passes a 2', async () => {
    server = await startModelServer({ apiKey: API_KEY, rules: [{ match: isRatingJudge, reply: rating(2) }] });
    const report = await runGraded({ 'x.yml': await fixture('examples_test_single_evaluator.yml') }, { baseURL: server.url, config: 'githubModelsPassScore: 0.25\n' });
    expect(report.results[0]!.status).toBe('passed');
    expect(report.results[0]!.assertions[0]!.reason).toBe('rated 2 of 5 for fluency, passing at 2');
  });

  it('GitHub\'s sample file: the string evaluator and github/similarity, which sees the row\'s expected answer', async () => {
    server = await startModelServer({
      apiKey: API_KEY,
      rules: [
        { match: isRatingJudge, reply: rating(4) },
        { match: /hello world/, reply: 'Hello to you too!' },
        { match: /goodbye world/, reply: 'See you soon.' },
      ],
    });
    const report = await runGraded({ 'sample.yml': await fixture('examples_sample_prompt.yml') }, { baseURL: server.url });
    // Row 2's string evaluator wants "goodbye" (any case); the answer does not contain it.
    expect(report.results.map((result) => [result.test, result.status])).toEqual([
      ['hello world', 'passed'],
      ['goodbye world', 'failed'],
    ]);
    const judged = server.requests.filter(isRatingJudge).map(judgedText);
    expect(judged).toHaveLength(2);
    expect(judged[0]).toContain('greeting response');
    expect(judged[1]).toContain('farewell response');
    expect(responseFormatName(server.requests.find(isRatingJudge)!)).toBe('similarity_rating');
  });

});

describe('GitHub Models llm evaluators', () => {
  const file = [
    'name: x',
    'model: openai/gpt-4o',
    'messages:',
    '  - role: user',
    '    content: "{{input}}"',
    'testData:',
    '  - input: Tell a joke',
    'evaluators:',
    '  - name: funny',
    '    llm:',
    '      modelId: openai/gpt-4o-mini',
    '      systemPrompt: You grade jokes.',
    '      prompt: "Is this funny? {{completion}} (asked: {{input}})"',
    '      choices:',
    '        - choice: "yes"',
    '          score: 1',
    '        - choice: somewhat',
    '          score: 0.5',
    '        - choice: "no"',
    '          score: 0',
  ].join('\n');
  const isGrader = (request: ReceivedRequest) => request.body.messages[0]?.content === 'You grade jokes.';

  it('sends the evaluator\'s prompt with the answer as {{completion}} to its modelId, and scores by the chosen choice', async () => {
    server = await startModelServer({ apiKey: API_KEY, rules: [{ match: isGrader, reply: 'Yes' }], defaultReply: 'Why did the chicken…' });
    const report = await runGraded({ 'x.prompt.yml': file }, { baseURL: server.url });
    expect(report.results[0]!.assertions[0]).toMatchObject({ type: 'llm-evaluator', pass: true, score: 1 });
    const grader = server.requests.find(isGrader)!;
    expect(grader.body.model).toBe('openai/gpt-4o-mini');
    expect(grader.body.messages).toEqual([
      { role: 'system', content: 'You grade jokes.' },
      { role: 'user', content: 'Is this funny? Why did the chicken… (asked: Tell a joke)' },
    ]);
  });

  it('"somewhat" scores 0.5, below the default mark; --judge-model replaces the modelId', async () => {
    server = await startModelServer({ apiKey: API_KEY, rules: [{ match: isGrader, reply: 'somewhat' }] });
    const report = await runGraded({ 'x.prompt.yml': file }, { baseURL: server.url, overrides: { judgeModel: 'local-judge' } });
    expect(report.results[0]!.assertions[0]).toMatchObject({
      pass: false,
      score: 0.5,
      reason: 'the judge chose "somewhat", scoring 0.5; it passes at 0.75',
    });
    expect(server.requests.find(isGrader)!.body.model).toBe('local-judge');
  });

  it('an answer naming no choice is errored, not a fail', async () => {
    server = await startModelServer({ apiKey: API_KEY, rules: [{ match: isGrader, reply: 'I cannot grade humour.' }] });
    const report = await runGraded({ 'x.prompt.yml': file }, { baseURL: server.url });
    expect(report.results[0]!.status).toBe('errored');
    expect(report.results[0]!.error).toContain('it is not one of the choices "yes", "somewhat", "no", alone or on its last line');
  });
});
