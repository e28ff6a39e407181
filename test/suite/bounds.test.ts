// Every number a prompt file, the config file or a flag can set has a largest value (src/limits.ts),
// refused with the place it was written and before any model call.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAssertionValue } from '../../src/assert/index.js';
import { parseCommandLine } from '../../src/cli/args.js';
import { parseProjectConfig } from '../../src/settings/config.js';
import { urlProblem } from '../../src/settings/endpoint.js';
import { UsageError } from '../../src/cli/usage-error.js';
import * as limits from '../../src/limits.js';
import { planCases } from '../../src/pipeline.js';
import { loadSuite } from '../../src/suite/load.js';
import type { Suite } from '../../src/types.js';

/** `file:line:column: message` for each error, as the CLI prints them. */
function errorsOf(text: string): string[] {
  return loadSuite('p.prompt.yaml', text)
    .problems.filter((problem) => problem.severity === 'error')
    .map((problem) => `${problem.line}:${problem.column}: ${problem.message}`);
}

const HEAD = 'model: m\nmessages:\n  - { role: user, content: hi }\n';

describe('prompt file numbers', () => {
  it('accepts every bound itself', () => {
    const text =
      HEAD +
      'modelParameters: { maxTokens: 1000000, seed: 9007199254740991, temperature: 2, topP: 1 }\n' +
      'repeat: 1000\n' +
      'tests:\n' +
      '  - assert:\n' +
      '      - { type: llm-rubric, value: Polite, threshold: 1 }\n' +
      '      - { type: cost, threshold: 1000 }\n' +
      '      - { max-length: 10000000 }\n' +
      '      - { max-words: 1000000 }\n' +
      '      - { latency: 86400000 }\n' +
      '      - { max-tokens: 1000000 }\n';
    expect(errorsOf(text)).toEqual([]);
  });

  it('refuses repeat, maxTokens and seed past their bounds at their line and column', () => {
    const text =
      HEAD +
      'modelParameters: { maxTokens: 1000001, seed: 9007199254740992 }\n' +
      'repeat: 100000000\n' +
      'tests:\n' +
      '  - { name: a, repeat: 1001 }\n';
    expect(errorsOf(text)).toEqual([
      '4:31: maxTokens must be at most 1000000, got 1000001',
      '4:46: seed must be at most 9007199254740991, got 9007199254740992',
      '5:9: repeat must be at most 1000, got 100000000 (how many times each test is sampled)',
      '7:24: repeat must be at most 1000, got 1001 (how many times each test is sampled)',
    ]);
  });

  it('refuses a score threshold above 1 for graded kinds, and a cost above 1000 dollars', () => {
    const text =
      HEAD +
      'tests:\n' +
      '  - assert:\n' +
      '      - { type: llm-rubric, value: Polite, threshold: 80 }\n' +
      '      - { type: not-similar, value: rude, threshold: 1.5 }\n' +
      '      - { type: cost, threshold: 5000 }\n' +
      '      - { cost: 1001 }\n';
    expect(errorsOf(text)).toEqual([
      '6:55: threshold must be at most 1, got 80 (a score from 0 to 1)',
      '7:54: threshold must be at most 1, got 1.5 (a score from 0 to 1)',
      '8:34: cost takes at most 1000 US dollars per call, got 5000; write e.g. `cost: 0.002`',
      '9:17: cost takes at most 1000 US dollars per call, got 1001; write e.g. `cost: 0.002`',
    ]);
  });

  it('refuses size, latency and token limits past their bounds', () => {
    expect(checkAssertionValue('max-length', 10_000_001)).toBe('max-length takes at most 10000000 characters, got 10000001; write e.g. max-length: 280');
    expect(checkAssertionValue('min-length', 1e300)).toMatch(/^min-length takes at most 10000000 characters, got 1e\+300/);
    expect(checkAssertionValue('max-words', 1_000_001)).toBe('max-words takes at most 1000000 words, got 1000001; write e.g. max-words: 50');
    expect(checkAssertionValue('latency', 2 ** 31)).toBe('latency takes at most 86400000 milliseconds, got 2147483648; write e.g. latency: 2000');
    expect(checkAssertionValue('max-tokens', 1_000_001)).toBe('max-tokens takes at most 1000000 completion tokens, got 1000001; write e.g. max-tokens: 500');
  });

  it('refuses a GitHub Models file whose rows × repeat exceed 100,000 calls, and an llm choice scored above 1', () => {
    const rows = Array.from({ length: 201 }, (_, index) => `  - { input: "q${index}" }`).join('\n');
    const text =
      'model: m\nmessages:\n  - { role: user, content: "{{input}}" }\nrepeat: 500\n' +
      'evaluators:\n  - name: judged\n    llm: { prompt: "Rate {{completion}}", choices: [{ choice: good, score: 2 }] }\n' +
      `testData:\n${rows}\n`;
    const errors = errorsOf(text);
    expect(errors).toContain(
      "4:9: this file's 201 tests × 500 samples make 100,500 model calls a run; at most 100,000 are allowed: lower `repeat`, or split the tests over several files",
    );
    expect(errors).toContain('7:76: score must be at most 1, got 2');
  });

  it('counts each test with its own repeat, and points at the largest', () => {
    const tests = (others: number) => Array.from({ length: 101 }, (_, index) => `  - { name: "t${index}", repeat: ${index === 42 ? 1000 : others} }`).join('\n');
    // 100 × 990 + 1000 is exactly the limit.
    expect(errorsOf(`${HEAD}tests:\n${tests(990)}\n`)).toEqual([]);
    expect(errorsOf(`${HEAD}tests:\n${tests(991)}\n`)).toEqual([
      "47:28: this file's 101 tests with their repeats make 100,100 model calls a run; at most 100,000 are allowed: lower `repeat`, or split the tests over several files",
    ]);
  });
});

describe('a run adds up its files', () => {
  function suiteOf(file: string, tests: number, repeat = 1): Suite {
    const { suite } = loadSuite(file, `${HEAD}repeat: ${repeat}\ntests:\n${Array.from({ length: tests }, (_, i) => `  - name: "t${i}"`).join('\n')}\n`);
    return suite!;
  }

  it('plans up to 100,000 calls, and refuses one more before planning any', () => {
    const suites = [suiteOf('a.prompt.yaml', 100, 600), suiteOf('b.prompt.yaml', 100, 400)];
    expect(planCases(suites, { tests: [] }).cases).toHaveLength(100_000);
    const plan = planCases([...suites, suiteOf('c.prompt.yaml', 1)], { tests: [] });
    expect(plan.cases).toEqual([]);
    expect(plan.problems.map((problem) => problem.message)).toEqual([
      'this run would make 100,001 model calls (a.prompt.yaml: 60,000, b.prompt.yaml: 40,000, c.prompt.yaml: 1); at most 100,000 are allowed in one run: select fewer files or tests, or sample fewer times (repeat)',
    ]);
  });

  it('counts --repeat instead of the files\' own, and only the selected tests', () => {
    const suites = [suiteOf('a.prompt.yaml', 200)];
    expect(planCases(suites, { tests: [], repeat: 500 }).cases).toHaveLength(100_000);
    expect(planCases(suites, { tests: [], repeat: 501 }).problems[0]?.message).toMatch(/^this run would make 100,200 model calls/);
    expect(planCases(suites, { tests: ['t1'], repeat: 1000 }).cases).toHaveLength(1000);
  });
});

describe('config file numbers', () => {
  it('refuses timeouts past 24 hours, token and price limits, at their line and column', () => {
    const { problems } = parseProjectConfig(
      'promptgate.config.yaml',
      'timeout: 2147483648\nmaxRetryTime: 86400001\njudge: { maxTokens: 1000001 }\nprices: { m: { input: 10000001, output: 1 } }\nrepeat: 1001\nconcurrency: 1025\n',
    );
    expect(problems.map((problem) => `${problem.line}:${problem.column}: ${problem.message}`)).toEqual([
      '1:10: timeout must be at most 86400000, got 2147483648 (milliseconds: 86400000 is 24 hours)',
      '2:15: maxRetryTime must be at most 86400000, got 86400001 (milliseconds: 86400000 is 24 hours)',
      '3:21: maxTokens must be at most 1000000, got 1000001',
      '4:23: input must be at most 10000000, got 10000001',
      '5:9: repeat must be at most 1000, got 1001 (how many times each test is sampled)',
      '6:14: concurrency must be at most 1024, got 1025',
    ]);
  });
});

describe('flags', () => {
  const usageError = (argv: string[]) => {
    try {
      parseCommandLine(argv);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
    return undefined;
  };

  it('refuses durations Node cannot time, and counts past their bounds', () => {
    expect(usageError(['run', '--timeout', '2147483648'])).toBe('--timeout takes a whole number from 1 to 86400000 ms (24 hours); got "2147483648"');
    expect(usageError(['run', '--timeout', '86400001'])).toMatch(/^--timeout takes/);
    expect(usageError(['run', '--max-retry-time', '1e10'])).toMatch(/^--max-retry-time takes a whole number from 0 to 86400000 ms \(24 hours\)/);
    expect(usageError(['suggest', '--max-time', '2147483648'])).toMatch(/^--max-time takes a whole number from 1 to 86400000 ms/);
    expect(usageError(['suggest', '--max-calls', '100001'])).toBe('--max-calls takes a whole number from 1 to 100000; got "100001"');
    expect(usageError(['run', '--repeat', '1001'])).toBe('--repeat takes a whole number from 1 to 1000; got "1001"');
    expect(usageError(['run', '--concurrency', '1025'])).toBe('--concurrency takes a whole number from 1 to 1024; got "1025"');
    expect(usageError(['suggest', '--lines', '99999999999999999999'])).toMatch(/^--lines takes a line or a range/);
  });

  it('accepts the bounds themselves', () => {
    expect(parseCommandLine(['run', '--timeout', '86400000', '--max-retry-time', '86400000', '--repeat', '1000', '--concurrency', '1024'])).toMatchObject({
      timeoutMs: 86_400_000,
      maxRetryTimeMs: 86_400_000,
      repeat: 1000,
      concurrency: 1024,
    });
  });
});

describe('endpoints', () => {
  it('takes only http and https', () => {
    expect(urlProblem('https://api.example/v1', 'the base URL')).toBeUndefined();
    expect(urlProblem('http://localhost:11434/v1', 'the base URL')).toBeUndefined();
    expect(urlProblem('ftp://models.example/v1', 'the base URL')).toBe(
      'the base URL "ftp://models.example/v1" must be an http:// or https:// URL, not ftp:; expected something like http://localhost:11434/v1',
    );
    expect(urlProblem('file:///etc/passwd', 'the base URL')).toMatch(/not file:/);
    expect(urlProblem('localhost:11434', 'the base URL')).toMatch(/not localhost:/);
    expect(urlProblem('not a url', 'the base URL')).toBe('the base URL "not a url" is not a URL; expected something like http://localhost:11434/v1');
  });
});

describe('the schemas state the same bounds as src/limits.ts', () => {
  const promptFile = JSON.parse(readFileSync('schema/promptgate.schema.json', 'utf8'));
  const config = JSON.parse(readFileSync('schema/config.schema.json', 'utf8'));

  it('for prompt files', () => {
    expect(promptFile.definitions.repeat.maximum).toBe(limits.MAX_REPEAT);
    expect(promptFile.definitions.modelParameters.properties.maxTokens.maximum).toBe(limits.MAX_TOKENS);
    expect(promptFile.definitions.modelParameters.properties.seed.maximum).toBe(limits.MAX_SEED);
    expect(promptFile.definitions.longAssertion.else.properties.threshold.maximum).toBe(1);
  });

  it('for the config file', () => {
    expect(config.properties.timeout.maximum).toBe(limits.MAX_DURATION_MS);
    expect(config.properties.maxRetryTime.maximum).toBe(limits.MAX_DURATION_MS);
    expect(config.properties.repeat.maximum).toBe(limits.MAX_REPEAT);
    expect(config.properties.concurrency.maximum).toBe(limits.MAX_CONCURRENCY);
    expect(config.properties.judge.properties.maxTokens.maximum).toBe(limits.MAX_TOKENS);
    expect(config.properties.prices.additionalProperties.properties.input.maximum).toBe(limits.MAX_PRICE_PER_MILLION_USD);
    expect(config.properties.prices.additionalProperties.properties.output.maximum).toBe(limits.MAX_PRICE_PER_MILLION_USD);
  });
});

describe('a URL that cannot be an endpoint', () => {
  it('is shown without the credentials, query or fragment it carries', () => {
    const message = urlProblem('ftp://user:hunter2-secret@models.example/v1?key=sk-query-secret#frag', 'the base URL');
    expect(message).toBe('the base URL "ftp://models.example/v1" must be an http:// or https:// URL, not ftp:; expected something like http://localhost:11434/v1');
  });

  it('describes a long value instead of quoting it: a key pasted where the URL goes', () => {
    // 8 + 10 + 26 + 8 = 52 characters.
    const pastedKey = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
    expect(urlProblem(pastedKey, 'the base URL')).toBe('the base URL (52 characters starting "sk-p") is not a URL; expected something like http://localhost:11434/v1');
  });
});
