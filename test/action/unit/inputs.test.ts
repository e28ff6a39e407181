// getInputs reads INPUT_* variables as the runner sets them; run in-process with a scratch environment.
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/action/input-error.js';
import { getInputs } from '../../../src/action/inputs.js';
import { actionMetadata, inputVariable } from '../support/run-action.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** action.yml's defaults, as the runner would set them, with `overrides` by input name. */
function setInputs(overrides: Record<string, string> = {}): void {
  for (const [name, input] of Object.entries(actionMetadata().inputs)) {
    const fallback = input.default === '${{ github.token }}' ? 'ghs_token_for_tests' : (input.default ?? '');
    process.env[inputVariable(name)] = overrides[name] ?? fallback;
  }
}

describe('getInputs', () => {
  it('reads action.yml defaults into typed settings', () => {
    setInputs();
    expect(getInputs()).toEqual({
      prompts: ['.'],
      apiKey: '',
      baseUrl: undefined,
      model: undefined,
      githubToken: 'ghs_token_for_tests',
      failOn: 'failure',
      comment: 'review',
      maxComments: 30,
      concurrency: undefined,
      repeat: undefined,
      cacheDir: '.promptgate/cache',
      minPassRate: undefined,
      judgeModel: undefined,
      judgeBaseUrl: undefined,
      judgeApiKey: '',
    });
  });

  it('splits prompts on newlines and commas and reads numbers, choices and rates', () => {
    setInputs({
      prompts: 'prompts/\n  .github/prompts , extra/*.prompt.yml\n',
      'fail-on': 'Regression',
      comment: 'summary',
      'max-comments': '0',
      concurrency: '4',
      repeat: '3',
      'cache-dir': '',
      'min-pass-rate': '90%',
      'base-url': 'http://localhost:11434/v1',
    });
    expect(getInputs()).toMatchObject({
      prompts: ['prompts/', '.github/prompts', 'extra/*.prompt.yml'],
      failOn: 'regression',
      comment: 'summary',
      maxComments: 0,
      concurrency: 4,
      repeat: 3,
      cacheDir: undefined,
      minPassRate: 0.9,
      baseUrl: 'http://localhost:11434/v1',
    });
  });

  it.each([
    ['fail-on', 'sometimes', 'input "fail-on" is "sometimes"; expected one of: failure, regression, never'],
    ['comment', 'loud', 'input "comment" is "loud"; expected one of: review, summary, none'],
    ['concurrency', '0', 'input "concurrency" is "0"; expected a whole number of at least 1'],
    ['repeat', '2.5', 'input "repeat" is "2.5"; expected a whole number of at least 1'],
    ['repeat', '100000000', 'input "repeat" is 100000000; expected at most 1000'],
    ['concurrency', '1025', 'input "concurrency" is 1025; expected at most 1024'],
    ['max-comments', '1001', 'input "max-comments" is 1001; expected at most 1000'],
    ['min-pass-rate', '1.5', 'input "min-pass-rate" is "1.5"; expected a fraction from 0 to 1 (such as 0.9) or a percentage (such as 90%)'],
    ['base-url', 'localhost:11434', 'input "base-url" must be an http(s) URL, not localhost:'],
    ['base-url', 'not a url', 'input "base-url" is not a URL; expected something like https://api.openai.com/v1'],
    ['judge-base-url', 'ftp://judge.example/v1', 'input "judge-base-url" must be an http(s) URL, not ftp:'],
    ['judge-base-url', 'judge endpoint', 'input "judge-base-url" is not a URL; expected something like https://api.openai.com/v1'],
  ])('refuses %s = %j with a clear message', (name, value, message) => {
    setInputs({ [name]: value });
    expect(() => getInputs()).toThrow(new InputError(message));
  });
});
