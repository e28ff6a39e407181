// Suggestions for prompt files with model-graded assertions: the runs that find the failing tests
// and verify an edit grade them with the job's judge, the judge's calls are paid from the same
// budget as the calls under test.
import { afterEach, describe, expect, it } from 'vitest';
import { CallAllowance } from '../../../src/action/comments/call-limit.js';
import { createSuggestEngine } from '../../../src/action/comments/suggest-engine.js';
import type { ActionInputs } from '../../../src/action/inputs.js';
import { resolveEngineSettings } from '../../../src/action/run-settings.js';
import { StepBudget } from '../../../src/suggest/budget.js';
import { createFileRunner, meteredGrading } from '../../../src/suggest/file-runner.js';
import { createMemoryCache } from '../../../src/action/comments/memory-cache.js';
import { loadSuite } from '../../../src/suite/load.js';
import type { Suite } from '../../../src/types.js';
import type { ModelServer } from '../../support/model-server.js';
import { GREETING_HEAD, GREETING_PATH, isJudgeRequest, startGradingModel } from '../support/grading-scenario.js';
import { API_KEY } from '../support/scenario.js';

let model: ModelServer | undefined;
afterEach(async () => {
  await model?.close();
  model = undefined;
});

const SUGGEST = { trigger: '/promptgate', candidates: 3, budget: 100 };
const PRICES = { prices: { 'shop-model': { input: 1000, output: 2000 }, 'judge-model': { input: 0, output: 1000 } } };

function inputs(overrides: Partial<ActionInputs>): ActionInputs {
  return { prompts: ['.'], apiKey: API_KEY, githubToken: 'ghs_token_for_tests', failOn: 'failure', comment: 'review', maxComments: 30, judgeApiKey: '', judgeModel: 'judge-model', ...overrides };
}

function greeting(): Suite {
  const { suite } = loadSuite(GREETING_PATH, GREETING_HEAD);
  if (!suite) throw new Error('the fixture does not load');
  return suite;
}

const FAILED_RUBRIC =
  'expected output to meet the rubric "Greets the customer warmly and offers help"; the judge: The reply does not offer any help. (score 0.2)';

describe("the suggestion engine's own run of a file", () => {
  it('grades llm-rubric with the job’s judge and counts the judge’s call against the allowance', async () => {
    model = await startGradingModel();
    const settings = resolveEngineSettings(inputs({ baseUrl: model.url, cacheDir: undefined }), PRICES, '/work', {});
    const engine = createSuggestEngine(settings, SUGGEST, (text) => text, () => {});
    const allowance = new CallAllowance(10);

    const run = await engine.runTests(greeting(), allowance);

    expect(run.cannotGrade).toBeUndefined();
    expect(run.report!.results.map((result) => [result.test, result.status])).toEqual([['warm welcome', 'failed']]);
    expect(run.report!.results[0]!.assertions[0]!.reason).toBe(FAILED_RUBRIC);
    // One call under test, one judge call: both spent from the request's allowance.
    expect(allowance.spent).toBe(2);
    expect(model.requests.filter(isJudgeRequest)).toHaveLength(1);
    // "Hi." after 12 prompt words: 12 × $0.001 + 1 × $0.002; the 7-word verdict at $0.001 a word.
    expect(run.report!.summary.cost).toBeCloseTo(0.014, 10);
    expect(run.report!.summary.judge?.cost).toBeCloseTo(0.007, 10);
  });

  it('refuses the judge call once the allowance is spent: the test is errored, not passed', async () => {
    model = await startGradingModel();
    const settings = resolveEngineSettings(inputs({ baseUrl: model.url, cacheDir: undefined }), PRICES, '/work', {});
    const engine = createSuggestEngine(settings, SUGGEST, (text) => text, () => {});
    const allowance = new CallAllowance(1);

    const run = await engine.runTests(greeting(), allowance);

    expect(run.report!.results[0]!.status).toBe('errored');
    expect(run.report!.results[0]!.error).toBe('llm-rubric: the judge (judge-model) could not be asked: not sent: the budget of 1 model calls is used up');
    expect(model.requests.filter(isJudgeRequest)).toHaveLength(0);
    expect(allowance.spent).toBe(1);
  });

  it('says why when the judge cannot be used, before any call', async () => {
    model = await startGradingModel();
    const settings = resolveEngineSettings(inputs({ baseUrl: model.url, cacheDir: undefined, judgeBaseUrl: 'https://api.openai.com/v1' }), PRICES, '/work', {});
    const engine = createSuggestEngine(settings, SUGGEST, (text) => text, () => {});

    const run = await engine.runTests(greeting(), new CallAllowance(10));
    expect(run).toEqual({ problems: [], cannotGrade: 'no API key for the judge endpoint https://api.openai.com/v1: set PROMPTGATE_JUDGE_API_KEY' });
    expect(await engine.optionsFor(greeting())).toEqual({ ok: false, reason: 'no API key for the judge endpoint https://api.openai.com/v1: set PROMPTGATE_JUDGE_API_KEY' });
    expect(model.requests).toHaveLength(0);
  });

  it('hands the suggestion step the same grading and the prices', async () => {
    model = await startGradingModel();
    const settings = resolveEngineSettings(inputs({ baseUrl: model.url, cacheDir: undefined }), PRICES, '/work', {});
    const engine = createSuggestEngine(settings, SUGGEST, (text) => text, () => {});

    const prepared = await engine.optionsFor(greeting());

    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.options.grading?.judge.model).toBe('judge-model');
    expect(prepared.options.grading?.judge.provider).toBe(engine.options.provider);
    expect(prepared.options.prices?.['shop-model']).toEqual({ input: 1000, output: 2000 });
  });
});

describe('a verification run with grading', () => {
  it('grades through the file runner and pays the judge from the step budget', async () => {
    model = await startGradingModel();
    const settings = resolveEngineSettings(inputs({ baseUrl: model.url, cacheDir: undefined }), PRICES, '/work', {});
    const engine = createSuggestEngine(settings, SUGGEST, (text) => text, () => {});
    const prepared = await engine.optionsFor(greeting());
    if (!prepared.ok || !prepared.options.grading) throw new Error('grading was not prepared');
    const budget = new StepBudget({ maxModelCalls: 10 });
    try {
      const runFile = createFileRunner({
        provider: budget.wrap(engine.options.provider),
        cache: createMemoryCache(),
        concurrency: 1,
        timeoutMs: 5000,
        maxRetryTimeMs: 0,
        signal: budget.signal,
        version: 'test',
        grading: meteredGrading(prepared.options.grading, (judge) => budget.wrap(judge)),
        prices: settings.grading.prices,
      });

      const run = await runFile(greeting());

      expect(run.ok).toBe(true);
      if (!run.ok) return;
      expect(run.report.results[0]!.assertions[0]!.reason).toBe(FAILED_RUBRIC);
      expect(budget.spent().modelCalls).toBe(2);
      expect(run.report.summary.judge?.cost).toBeCloseTo(0.007, 10);
    } finally {
      budget.dispose();
    }
  });
});
