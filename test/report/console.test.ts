import { describe, expect, it } from 'vitest';
import { formatConsoleReport } from '../../src/report/console.js';
import { buildCostedReport, buildReport, erroredTest, failingTest, flakyTest, passingTest } from './fixtures.js';

describe('formatConsoleReport', () => {
  const text = formatConsoleReport(buildReport(), { color: false });

  it('shows a failing test with its location, names, vars, failing assertions and indented output', () => {
    expect(text).toContain(
      [
        'FAIL  prompts/refund.prompt.yaml:16  Refund policy › answers without apologising',
        '  vars: question="Refund?", orderId=12345',
        '  ✗ contains (line 18): expected output to contain "30 days"',
        '  ✗ not-icontains "no apology" (line 19): expected output not to contain "sorry" (case-insensitive)',
        '  output:',
        "    I'm sorry, I can't help with returns.",
        '    Please contact support.',
      ].join('\n'),
    );
  });

  it('does not list passing assertions or passing tests', () => {
    expect(text).not.toContain('max-length');
    expect(text).not.toContain('mentions the refund window');
  });

  it('labels a flaky test with its sample pass rate and the rate it needs', () => {
    expect(text).toContain('FAIL  prompts/summary.prompt.yml:9  Summaries › starts with Summary  (flaky 3/5 passed, needs 80%)');
  });

  it('shows the error of an errored test', () => {
    expect(text).toContain(
      [
        'ERROR prompts/summary.prompt.yml:21  Summaries › handles an empty document',
        '  vars: document=""',
        '  error: HTTP 429: rate limit exceeded (after 3 attempts)',
      ].join('\n'),
    );
  });

  it('ends with one summary line of totals, pass rate, tokens, requests, cache hits and duration', () => {
    expect(text.split('\n').at(-1)).toBe(
      '4 tests: 1 passed, 2 failed, 1 errored · 1 flaky · pass rate 33.3% of 3 evaluated · 505 tokens · 7 requests · 1 cache hit · 4.2s',
    );
  });

  it('lists a flaky test that still passed on one line', () => {
    const flakyPass = flakyTest({ status: 'passed', pass: true, passRate: 0.8, minPassRate: 0.6 });
    const report = formatConsoleReport(buildReport([flakyPass]), { color: false });
    expect(report.split('\n')[0]).toBe('FLAKY prompts/summary.prompt.yml:9  Summaries › starts with Summary  (flaky 3/5 passed, needs 60%)');
  });

  it('only prints the summary when everything passed', () => {
    const report = buildReport([passingTest()]);
    report.summary = { ...report.summary, total: 1, passed: 1, failed: 0, errored: 0, flaky: 0, passRate: 1, durationMs: 850 };
    expect(formatConsoleReport(report, { color: false })).toBe(
      '1 test: 1 passed, 0 failed, 0 errored · pass rate 100% · 505 tokens · 7 requests · 1 cache hit · 850ms',
    );
  });

  it('says n/a for the pass rate when nothing could be evaluated', () => {
    const report = buildReport([erroredTest()]);
    report.summary = { ...report.summary, total: 1, passed: 0, failed: 0, errored: 1, flaky: 0, passRate: 1 };
    expect(formatConsoleReport(report, { color: false })).toContain('· pass rate n/a ·');
  });

  it('cuts long output and says how many lines were left out', () => {
    const output = Array.from({ length: 50 }, (_, index) => `line ${index + 1}`).join('\n');
    const report = formatConsoleReport(buildReport([failingTest({ output })]), { color: false });
    expect(report).toContain('    line 20\n    … 30 more lines');
    expect(report).not.toContain('line 21');
  });

  it('never passes escape codes through without color, even from model output', () => {
    const hostile = failingTest({ output: 'red \u001b[31mtext\u001b[0m\rover\u0007', test: 'bell\u0007name' });
    const report = formatConsoleReport(buildReport([hostile]), { color: false });
    expect(report).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    // A bare carriage return counts as a line break rather than rewinding the terminal line.
    expect(report).toContain('    red \\x1b[31mtext\\x1b[0m\n    over\\x07');
    expect(report).toContain('bell\\x07name');
  });

  it('shows bidi controls in output, test names and errors as escapes, so text reads as it is', () => {
    const hostile = failingTest({ output: 'access = "user\u202E \u2066// admin\u2069\u2066"', test: 'check\u200Fname' });
    const report = formatConsoleReport(buildReport([hostile]), { color: false });
    expect(report).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(report).toContain('    access = "user\\u202e \\u2066// admin\\u2069\\u2066"');
    expect(report).toContain('check\\u200fname');
  });

  it('adds color only when asked', () => {
    const colored = formatConsoleReport(buildReport(), { color: true });
    expect(colored).toContain('\u001b[31mFAIL \u001b[39m');
    expect(text).not.toContain('\u001b');
  });

  describe('usage', () => {
    it('ends with usage by file, the summary line with the cost, and a judge line', () => {
      const report = formatConsoleReport(buildCostedReport(), { color: false });
      expect(report).toEndWith(
        [
          '  error: HTTP 429: rate limit exceeded (after 3 attempts)',
          '',
          'Usage by file:',
          '  prompts/refund.prompt.yaml  2 tests  155 tokens  $0.0015  judge 320 tokens  <$0.0001',
          '  prompts/summary.prompt.yml  2 tests  350 tokens   $0.002',
          '',
          '4 tests: 1 passed, 2 failed, 1 errored · 1 flaky · pass rate 33.3% of 3 evaluated · 505 tokens · $0.0035 · 7 requests · 1 cache hit · 4.2s',
          'judge: 1 request, 1 cache hit, 320 tokens, <$0.0001',
        ].join('\n'),
      );
    });

    it('leaves the per-file table out when quiet', () => {
      const report = formatConsoleReport(buildCostedReport(), { color: false, quiet: true });
      expect(report).not.toContain('Usage by file');
      expect(report.split('\n').slice(-2)).toEqual([
        '4 tests: 1 passed, 2 failed, 1 errored · 1 flaky · pass rate 33.3% of 3 evaluated · 505 tokens · $0.0035 · 7 requests · 1 cache hit · 4.2s',
        'judge: 1 request, 1 cache hit, 320 tokens, <$0.0001',
      ]);
    });

    it('shows tokens per file even without prices, and no table for a single file', () => {
      expect(text).toContain(
        'Usage by file:\n  prompts/refund.prompt.yaml  2 tests  155 tokens\n  prompts/summary.prompt.yml  2 tests  350 tokens\n\n4 tests:',
      );
      expect(formatConsoleReport(buildReport([failingTest()]), { color: false })).not.toContain('Usage by file');
    });

    it('says which models have no price, on the one extra line', () => {
      const report = buildReport([passingTest({ cost: 0.25 })]);
      report.summary = { ...report.summary, total: 1, passed: 1, failed: 0, errored: 0, flaky: 0, passRate: 1, cost: 0.25, unpricedModels: ['acme/llm-9'] };
      expect(formatConsoleReport(report, { color: false })).toBe(
        '1 test: 1 passed, 0 failed, 0 errored · pass rate 100% · 505 tokens · $0.25 · 7 requests · 1 cache hit · 4.2s\n' +
          'cost leaves out acme/llm-9: no price; add it under prices: in promptgate.config.yaml',
      );
    });

    it('lists at most 20 files and says how many more there are', () => {
      const results = Array.from({ length: 25 }, (_, index) => passingTest({ file: `p${String(index + 1).padStart(2, '0')}.prompt.yaml` }));
      const report = formatConsoleReport(buildReport(results), { color: false });
      expect(report).toContain('  p20.prompt.yaml  1 test  70 tokens\n  … 5 more files (the JSON report has them all)\n\n');
      expect(report).not.toContain('p21.prompt.yaml');
    });
  });
});
