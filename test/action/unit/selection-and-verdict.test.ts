import { describe, expect, it } from 'vitest';
import { selectChangedPrompts } from '../../../src/action/changed-prompts.js';
import { createRedactor, redactDeep } from '../../../src/redact.js';
import { decideVerdict, type VerdictInput } from '../../../src/action/verdict.js';
import type { PullFile } from '../../../src/github/pull-files.js';
import type { RunReport } from '../../../src/types.js';

const FILES: PullFile[] = [
  { filename: 'prompts/support.prompt.yaml', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
  { filename: 'prompts/new.prompt.yml', status: 'added' },
  { filename: 'prompts/moved.prompt.yaml', status: 'renamed', previousFilename: 'old/moved.prompt.yaml' },
  { filename: 'prompts/gone.prompt.yaml', status: 'removed' },
  { filename: '.github/prompts/bot.prompt.yml', status: 'modified' },
  { filename: 'docs/readme.md', status: 'modified' },
];

describe('selectChangedPrompts', () => {
  it('keeps changed prompt files, skips removed ones, and knows where each was at the base', async () => {
    expect(await selectChangedPrompts(FILES, ['.'])).toEqual([
      { path: 'prompts/support.prompt.yaml', status: 'modified', basePath: 'prompts/support.prompt.yaml', patch: '@@ -1 +1 @@\n-a\n+b' },
      { path: 'prompts/new.prompt.yml', status: 'added' },
      { path: 'prompts/moved.prompt.yaml', status: 'renamed', basePath: 'old/moved.prompt.yaml' },
      { path: '.github/prompts/bot.prompt.yml', status: 'modified', basePath: '.github/prompts/bot.prompt.yml' },
    ]);
  });

  it('selects by directory, glob or file name, as the CLI discovers files', async () => {
    const paths = async (prompts: string[]) => (await selectChangedPrompts(FILES, prompts)).map((file) => file.path);
    expect(await paths(['.github'])).toEqual(['.github/prompts/bot.prompt.yml']);
    expect(await paths(['prompts/*.prompt.yml'])).toEqual(['prompts/new.prompt.yml']);
    expect(await paths(['prompts/support.prompt.yaml', 'nowhere/'])).toEqual(['prompts/support.prompt.yaml']);
    expect(await paths(['docs'])).toEqual([]);
  });

  it('refuses file names that climb out of the tree', async () => {
    expect(await selectChangedPrompts([{ filename: '../escape.prompt.yaml', status: 'added' }], ['.'])).toEqual([]);
  });
});

function report(summary: Partial<RunReport['summary']>): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: 'test' },
    startedAt: '2024-05-01T12:00:00.000Z',
    summary: { total: 4, passed: 4, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 0, completion: 0, total: 0 }, requests: 0, cacheHits: 0, durationMs: 0, ...summary },
    results: [],
  };
}

describe('decideVerdict', () => {
  const base: VerdictInput = { failOn: 'failure', report: report({}), regressions: 0, comparedWithBase: true, invalidFiles: 0 };

  it('fails on any failure with fail-on failure, and on errored tests', () => {
    expect(decideVerdict({ ...base, report: report({ passed: 3, failed: 1, passRate: 0.75 }) })).toEqual({ failed: true, message: '1 of 4 tests failed' });
    expect(decideVerdict({ ...base, report: report({ passed: 3, errored: 1 }) }).failed).toBe(true);
    expect(decideVerdict(base)).toEqual({ failed: false, message: '4 passed, 0 failed, 0 errored of 4 tests' });
  });

  it('fails only on regressions with fail-on regression on a pull request, but like failure elsewhere', () => {
    const failing = report({ passed: 3, failed: 1, passRate: 0.75 });
    expect(decideVerdict({ ...base, failOn: 'regression', report: failing }).failed).toBe(false);
    expect(decideVerdict({ ...base, failOn: 'regression', report: failing, regressions: 1 })).toEqual({
      failed: true,
      message: '1 regression: passes less often at the head than at the base commit',
    });
    expect(decideVerdict({ ...base, failOn: 'regression', report: failing, comparedWithBase: false }).failed).toBe(true);
  });

  it('with fail-on regression, passes over inconclusive tests and says how many there were', () => {
    const comparison = { regression: 0, improvement: 0, unchanged: 2, inconclusive: 2, new: 0, falseAlarmRate: 0.05, maxSamples: 24, calls: 80, budget: 80 };
    const undecided = report({ passed: 2, failed: 2, passRate: 0.5, comparison });
    expect(decideVerdict({ ...base, failOn: 'regression', report: undecided })).toEqual({
      failed: false,
      message: 'no regressions (2 inconclusive): 2 passed, 2 failed, 0 errored of 4 tests',
    });
  });

  it('applies min-pass-rate, and never fails with fail-on never', () => {
    const failing = report({ passed: 3, failed: 1, passRate: 0.75 });
    expect(decideVerdict({ ...base, report: failing, minPassRate: 0.7 }).failed).toBe(false);
    expect(decideVerdict({ ...base, report: failing, minPassRate: 0.8 })).toEqual({ failed: true, message: 'pass rate 75% is below min-pass-rate 80%' });
    expect(decideVerdict({ ...base, failOn: 'never', report: failing, invalidFiles: 2 }).failed).toBe(false);
    expect(decideVerdict({ ...base, invalidFiles: 2 }).message).toBe('2 problems in the prompt files; nothing was sent to the model (see the annotations)');
  });
});

describe('redaction', () => {
  it('replaces every secret in every string, keys included, and leaves short values alone', () => {
    const redact = createRedactor(['sk-abcdefgh1234', 'short']);
    expect(redactDeep({ a: ['x sk-abcdefgh1234 y'], 'sk-abcdefgh1234': 1, b: 'short' }, redact)).toEqual({
      a: ['x [redacted] y'],
      '[redacted]': 1,
      b: 'short',
    });
  });
});
