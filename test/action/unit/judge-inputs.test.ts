// The judge's inputs (judge-model, judge-base-url, judge-api-key), how they become the engine's
// grading settings, what a job that cannot grade says, and the verdict's words for ungraded tests.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../src/action/engine.js';
import { InputError } from '../../../src/action/input-error.js';
import { getInputs, type ActionInputs } from '../../../src/action/inputs.js';
import { resolveEngineSettings } from '../../../src/action/run-settings.js';
import { secretsOf } from '../../../src/settings/secrets.js';
import { decideVerdict } from '../../../src/action/verdict.js';
import { loadSuite } from '../../../src/suite/load.js';
import type { AssertionResult, RunReport, Suite, TestResult } from '../../../src/types.js';
import { startModelServer } from '../../support/model-server.js';
import { actionMetadata, inputVariable } from '../support/run-action.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  vi.restoreAllMocks();
});

function setInputs(overrides: Record<string, string> = {}): void {
  for (const [name, input] of Object.entries(actionMetadata().inputs)) {
    const fallback = input.default === '${{ github.token }}' ? 'ghs_token_for_tests' : (input.default ?? '');
    process.env[inputVariable(name)] = overrides[name] ?? fallback;
  }
}

const JUDGE_KEY = 'sk-judge-7c1e93b04d2a';
const MAIN_KEY = 'sk-main-5b8f20e6a1c4';
const MAIN_URL = 'http://127.0.0.1:9/v1';

describe('the judge inputs', () => {
  it('reads judge-model, judge-base-url and judge-api-key, masking the key before anything else is read', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    setInputs({ 'judge-model': 'gpt-4.1-mini', 'judge-base-url': 'https://judge.example.com/v1', 'judge-api-key': JUDGE_KEY, 'min-pass-rate': 'lots' });

    expect(() => getInputs()).toThrow(InputError);
    // Masked even though a later input was refused: the key never shows in a log line after this.
    expect(written).toContain(`::add-mask::${JUDGE_KEY}\n`);

    written.length = 0;
    process.env[inputVariable('min-pass-rate')] = '';
    expect(getInputs()).toMatchObject({ judgeModel: 'gpt-4.1-mini', judgeBaseUrl: 'https://judge.example.com/v1', judgeApiKey: JUDGE_KEY });
  });

  it('leaves all three unset by default and masks nothing for an empty key', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    setInputs({ 'github-token': '' });
    expect(getInputs()).toMatchObject({ judgeModel: undefined, judgeBaseUrl: undefined, judgeApiKey: '' });
    expect(written.filter((line) => line.startsWith('::add-mask::'))).toEqual([]);
  });
});

function inputs(overrides: Partial<ActionInputs> = {}): ActionInputs {
  return {
    prompts: ['.'],
    apiKey: MAIN_KEY,
    baseUrl: MAIN_URL,
    githubToken: 'ghs_token_for_tests',
    failOn: 'failure',
    comment: 'review',
    maxComments: 30,
    judgeApiKey: '',
    ...overrides,
  };
}

describe('the grading settings from the inputs', () => {
  it('shares the main endpoint and key by default; a judge-api-key alone replaces only the key', () => {
    const shared = resolveEngineSettings(inputs(), {}, '/work', {});
    expect(shared.grading.judge.endpoint).toEqual({ baseURL: MAIN_URL, apiKey: MAIN_KEY });
    expect(shared.grading.judge.model).toBeUndefined();

    const ownKey = resolveEngineSettings(inputs({ judgeApiKey: JUDGE_KEY }), {}, '/work', {});
    expect(ownKey.grading.judge.endpoint).toEqual({ baseURL: MAIN_URL, apiKey: JUDGE_KEY });
    expect(secretsOf(ownKey)).toEqual([MAIN_KEY, JUDGE_KEY]);
  });

  it('sends a separate judge endpoint its own key: the input, else the environment variable, never the main key', () => {
    const judgeUrl = 'http://127.0.0.1:10/v1';
    const fromInput = resolveEngineSettings(inputs({ judgeBaseUrl: judgeUrl, judgeApiKey: JUDGE_KEY }), {}, '/work', { PROMPTGATE_JUDGE_API_KEY: 'sk-from-env-0a9b8c7d' });
    expect(fromInput.grading.judge.endpoint).toEqual({ baseURL: judgeUrl, apiKey: JUDGE_KEY });

    const fromEnv = resolveEngineSettings(inputs({ judgeBaseUrl: judgeUrl }), {}, '/work', { PROMPTGATE_JUDGE_API_KEY: 'sk-from-env-0a9b8c7d' });
    expect(fromEnv.grading.judge.endpoint).toEqual({ baseURL: judgeUrl, apiKey: 'sk-from-env-0a9b8c7d' });
    expect(secretsOf(fromEnv)).toEqual([MAIN_KEY, 'sk-from-env-0a9b8c7d']);

    // A local judge needs no key at all.
    expect(resolveEngineSettings(inputs({ judgeBaseUrl: judgeUrl }), {}, '/work', {}).grading.judge.endpoint).toEqual({ baseURL: judgeUrl, apiKey: '' });

    const hosted = resolveEngineSettings(inputs({ judgeBaseUrl: 'https://api.openai.com/v1' }), {}, '/work', {});
    expect(hosted.grading.judge.endpoint).toEqual({ problem: 'no API key for the judge endpoint https://api.openai.com/v1: set PROMPTGATE_JUDGE_API_KEY' });
  });

  it('lets the inputs win over promptgate.config.yaml, and takes its prices', () => {
    const config = { judge: { model: 'config-judge', baseUrl: 'http://127.0.0.1:11/v1' }, prices: { 'house-model': { input: 1, output: 2 } } };
    const fromConfig = resolveEngineSettings(inputs(), config, '/work', {});
    expect(fromConfig.grading.judge.model).toBe('config-judge');
    expect(fromConfig.grading.judge.endpoint).toEqual({ baseURL: 'http://127.0.0.1:11/v1', apiKey: '' });
    expect(fromConfig.grading.prices['house-model']).toEqual({ input: 1, output: 2 });

    const fromInputs = resolveEngineSettings(inputs({ judgeModel: 'input-judge', judgeBaseUrl: 'http://127.0.0.1:12/v1' }), config, '/work', {});
    expect(fromInputs.grading.judge.model).toBe('input-judge');
    expect(fromInputs.grading.judge.endpoint).toEqual({ baseURL: 'http://127.0.0.1:12/v1', apiKey: '' });
  });
});

const RUBRIC_FILE = `name: Greeting
model: test-model
messages:
  - role: user
    content: Say hello.
tests:
  - name: warm
    assert:
      - llm-rubric: Greets the reader warmly
`;

const PLAIN_FILE = `name: Greeting
model: test-model
messages:
  - role: user
    content: Say hello.
tests:
  - name: short
    assert:
      - max-length: 100
`;

function suiteOf(text: string): Suite {
  const { suite } = loadSuite('prompts/greeting.prompt.yaml', text);
  if (!suite) throw new Error('the fixture does not load');
  return suite;
}

describe('an engine whose judge cannot be used', () => {
  it('stops with an input error before any model call, also when only the base needs the judge', async () => {
    const model = await startModelServer({ defaultReply: 'Hello there!' });
    try {
      const settings = resolveEngineSettings(inputs({ baseUrl: model.url, judgeBaseUrl: 'https://api.openai.com/v1' }), {}, '/work', {});
      const engine = createEngine(settings, (text) => text, () => {});
      const head = engine.plan([suiteOf(PLAIN_FILE)]);
      engine.plan([suiteOf(RUBRIC_FILE)]);

      await expect(engine.execute(head.cases)).rejects.toThrow(
        new InputError(
          'the model-graded assertions (llm-rubric, similar, GitHub Models evaluators) cannot be checked: ' +
            'no API key for the judge endpoint https://api.openai.com/v1: set PROMPTGATE_JUDGE_API_KEY. ' +
            'The judge is set by the judge-model, judge-base-url and judge-api-key inputs and by the judge and embeddings sections of promptgate.config.yaml; nothing was sent to the model.',
        ),
      );
      expect(model.requests).toEqual([]);
    } finally {
      await model.close();
    }
  });

  it('runs a job that grades nothing without ever looking at the judge', async () => {
    const model = await startModelServer({ defaultReply: 'Hello there!' });
    try {
      const settings = resolveEngineSettings(inputs({ baseUrl: model.url, judgeBaseUrl: 'https://api.openai.com/v1' }), { prices: { 'test-model': { input: 1000, output: 2000 } } }, '/work', {});
      const engine = createEngine(settings, (text) => text, () => {});
      const report = await engine.execute(engine.plan([suiteOf(PLAIN_FILE)]).cases);
      expect(report.summary).toMatchObject({ total: 1, passed: 1, requests: 1 });
      // "Say hello." is 2 words in, "Hello there!" 2 words out: 2 × $0.001 + 2 × $0.002.
      expect(report.summary.cost).toBeCloseTo(0.006, 10);
      expect(report.summary.judge).toBeUndefined();
    } finally {
      await model.close();
    }
  });
});

function erroredResult(assertions: AssertionResult[]): TestResult {
  return {
    file: 'prompts/greeting.prompt.yaml',
    suite: 'Greeting',
    test: 'warm',
    testIndex: 0,
    line: 7,
    vars: {},
    status: 'errored',
    pass: false,
    flaky: false,
    passRate: 0,
    minPassRate: 1,
    output: '',
    assertions,
    samples: [],
    latencyMs: 0,
    tokens: { prompt: 0, completion: 0, total: 0 },
  };
}

function erroredReport(results: TestResult[]): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: 'test' },
    startedAt: '2024-05-01T12:00:00.000Z',
    summary: { total: results.length, passed: 0, failed: 0, errored: results.length, flaky: 0, passRate: 1, tokens: { prompt: 0, completion: 0, total: 0 }, requests: 0, cacheHits: 0, durationMs: 0 },
    results,
  };
}

describe('the verdict on tests the judge could not grade', () => {
  const ungraded = erroredResult([{ type: 'llm-rubric', pass: false, score: 0, reason: 'the judge answered garbage', errored: true }]);
  const unreachable = erroredResult([]);
  const verdict = (report: RunReport, failOn: 'failure' | 'regression' = 'failure') =>
    decideVerdict({ failOn, report, regressions: 0, comparedWithBase: true, invalidFiles: 0 });

  it('names the judge, the endpoint, or both', () => {
    expect(verdict(erroredReport([ungraded]))).toEqual({ failed: true, message: '1 test could not be graded: the judge gave no usable verdict (see the job summary for why)' });
    expect(verdict(erroredReport([unreachable, unreachable]))).toEqual({
      failed: true,
      message: '2 tests could not be run: the model endpoint kept failing (see the job summary for its answers)',
    });
    expect(verdict(erroredReport([ungraded, unreachable]), 'regression')).toEqual({
      failed: true,
      message: '2 tests could not be run or graded: the model endpoint kept failing, or the judge gave no usable verdict (see the job summary for why)',
    });
  });
});

describe('the engine\'s plan', () => {
  it('refuses a cost limit on a model without a price before any call, as the CLI does', () => {
    const settings = resolveEngineSettings(inputs(), { prices: { 'priced-model': { input: 1, output: 1 } } }, '/work', {});
    const engine = createEngine(settings, (text) => text, () => {});
    const text = 'name: c\nmessages:\n  - role: user\n    content: hi\ntests:\n  - name: t\n    assert:\n      - cost: 0.01\n';
    const suiteFor = (model: string): Suite => loadSuite(`${model}.prompt.yaml`, `model: ${model}\n${text}`).suite!;
    expect(engine.plan([suiteFor('priced-model')]).problems).toEqual([]);
    expect(engine.plan([suiteFor('secret-model')]).problems.map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.severity}`)).toEqual([
      'secret-model.prompt.yaml:9:9 error',
    ]);
  });
});
