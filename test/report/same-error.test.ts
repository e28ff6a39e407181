// Tests that errored the same way are told once in the console and the Markdown report (the CLI's
// --markdown and the Action's job summary): the error, then the tests, never 300 copies of it.
import { describe, expect, it } from 'vitest';
import { formatConsoleReport } from '../../src/report/console.js';
import { toMarkdown } from '../../src/report/markdown.js';
import type { EndpointDown, RunReport, TestResult } from '../../src/types.js';
import { buildReport, erroredTest, failingTest } from './fixtures.js';

const REFUSED = 'could not reach http://127.0.0.1:4010/v1: connect ECONNREFUSED 127.0.0.1:4010';
const NOT_SENT = ' (not sent: the first calls to this endpoint and model all failed this way)';

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** 300 tests of one file that met one refused connection: a few sent (one retried), the rest not sent. */
function deadEndpointReport(down?: EndpointDown): RunReport {
  const results: TestResult[] = Array.from({ length: 300 }, (_, index) => {
    const error = index === 0 ? `${REFUSED} (gave up after 2 attempts in 0.3 s)` : index < 8 ? REFUSED : REFUSED + NOT_SENT;
    return erroredTest({ file: 'prompts/many.prompt.yaml', suite: 'Many', test: `case ${index}`, testIndex: index, line: 4 + index * 6, error });
  });
  const report = buildReport(results);
  report.summary = { ...report.summary, total: 300, passed: 0, failed: 0, errored: 300, flaky: 0, ...(down ? { endpointsDown: [down] } : {}) };
  return report;
}

describe('one error for many tests', () => {
  it('the console tells it once, then the tests by file, a few names and how many more', () => {
    const text = formatConsoleReport(deadEndpointReport(), { color: false });

    expect(count(text, 'ECONNREFUSED')).toBe(1);
    expect(text).toContain(
      [
        'ERROR the same error for 300 tests:',
        `  ${REFUSED}`,
        '  prompts/many.prompt.yaml: case 0, case 1, case 2, case 3, case 4, case 5, case 6, case 7, case 8, case 9',
        '  … and 290 more (the JSON report has them all)',
      ].join('\n'),
    );
    expect(text.split('\n').length).toBeLessThan(10);
  });

  it('the Markdown report tells it once under the failures, and the endpoint that was stopped above them', () => {
    const down: EndpointDown = { endpoint: 'http://127.0.0.1:4010/v1', model: 'gpt-test', error: REFUSED, failedAttempts: 8, notSent: 292 };
    const markdown = toMarkdown(deadEndpointReport(down));

    expect(count(markdown, 'ECONNREFUSED')).toBe(2);
    expect(markdown).toContain('### Failures (300)\n\n#### ⚠️ The same error for 300 tests\n\n**Error:** could not reach http:');
    expect(markdown).toContain('- `prompts/many.prompt.yaml`: case 0 · case 1 · case 2 · case 3 · case 4 · case 5 · case 6 · case 7 · case 8 · case 9\n- _…and 290 more (the JSON report has them all)_');
    expect(markdown).toMatch(/> ⚠️ The endpoint http:\S+\/\/127\.0\.0\.1:4010\/v1 failed every call for the model "gpt-test": 8 attempts, none succeeded; the other 292 calls were not sent\./);
    expect(markdown).toContain('> Check: that a server is running at http:');
    expect(markdown.length).toBeLessThan(2000);
  });

  it('counts the tests of groups left out to fit the size limit, not the groups', () => {
    // 40 errors, each met by 5 tests: 40 groups of 5, far more than 4,000 characters hold.
    const results = Array.from({ length: 200 }, (_, index) =>
      erroredTest({ test: `case ${index}`, testIndex: index, error: `HTTP 400: parameter number ${Math.floor(index / 5)} is not allowed here ${'x'.repeat(150)}` }),
    );
    const report = buildReport(results);
    report.summary = { ...report.summary, total: 200, passed: 0, failed: 0, errored: 200, flaky: 0 };
    const markdown = toMarkdown(report, { maxChars: 4_000 });

    expect(markdown.length).toBeLessThanOrEqual(4_000);
    const shownGroups = count(markdown, 'The same error for 5 tests');
    expect(shownGroups).toBeGreaterThan(0);
    expect(markdown).toContain(`_…and ${200 - shownGroups * 5} more failing tests not shown here, to stay within GitHub's size limit._`);
  });

  it('keeps each test of a group of two, and tests with other errors, in full and in their place', () => {
    const twice = [
      erroredTest({ test: 'first', error: 'HTTP 500: boom' }),
      failingTest(),
      erroredTest({ test: 'second', error: 'HTTP 500: boom' }),
      erroredTest({ test: 'other', error: 'HTTP 400: bad temperature' }),
    ];
    const text = formatConsoleReport(buildReport(twice), { color: false });

    expect(text).not.toContain('the same error');
    expect(text.match(/^(ERROR|FAIL ) .*$/gm)).toEqual([
      'ERROR prompts/summary.prompt.yml:21  Summaries › first',
      'FAIL  prompts/refund.prompt.yaml:16  Refund policy › answers without apologising',
      'ERROR prompts/summary.prompt.yml:21  Summaries › second',
      'ERROR prompts/summary.prompt.yml:21  Summaries › other',
    ]);
  });

  it('places a group where its first test was, among failures, and lists files in report order', () => {
    const mixed = [
      failingTest(),
      erroredTest({ file: 'a.prompt.yaml', test: 'a1', error: 'judge down' }),
      erroredTest({ file: 'a.prompt.yaml', test: 'a2', error: 'judge down' }),
      failingTest({ test: 'between' }),
      erroredTest({ file: 'b.prompt.yaml', test: 'b1', error: 'judge down' }),
    ];
    const text = formatConsoleReport(buildReport(mixed), { color: false });

    expect(text.match(/^(ERROR|FAIL ) .*$/gm)).toEqual([
      'FAIL  prompts/refund.prompt.yaml:16  Refund policy › answers without apologising',
      'ERROR the same error for 3 tests:',
      'FAIL  prompts/refund.prompt.yaml:16  Refund policy › between',
    ]);
    expect(text).toContain('  a.prompt.yaml: a1, a2\n  b.prompt.yaml: b1');
  });
});
