// Several models side by side in the console and Markdown reports: each model's figures, and the
// tests by model — all of them when few, else those the models disagree on, with the rest counted.
import { describe, expect, it } from 'vitest';
import { formatConsoleReport } from '../../src/report/console.js';
import { toMarkdown } from '../../src/report/markdown.js';
import type { RunReport, TestResult } from '../../src/types.js';
import { buildReport, failingTest, passingTest } from './fixtures.js';

/** Test `index` as `model` ran it: passed or failed. */
function ran(index: number, model: string, pass: boolean): TestResult {
  const base = pass ? passingTest() : failingTest();
  return { ...base, test: `test ${index}`, testIndex: index, line: 10 + index, model, cost: 0.01, latencyMs: pass ? 400 : 600 };
}

/** `verdicts[i]`: test i's [with a, with b]. */
function report(verdicts: [boolean, boolean][]): RunReport {
  return buildReport(verdicts.flatMap(([a, b], index) => [ran(index, 'model-a', a), ran(index, 'model-b', b)]));
}

describe('models side by side', () => {
  it('gives each model its counts, pass rate, cost and latency', () => {
    const text = formatConsoleReport(report([[true, true], [true, false], [false, false]]), { color: false });
    const block = text.slice(text.indexOf('Models side by side:'));
    expect(block.split('\n').slice(0, 4)).toEqual([
      'Models side by side:',
      '  model    tests  passed  failed  errored  pass rate  tokens   cost  latency',
      // A passing fixture uses 70 tokens, a failing one 85; a passed 2 in 400 ms and failed 1 in 600 ms
      // (one sample each): 1,400 / 3 ms. Pass rates round down, as everywhere.
      '  model-a      3       2       1        0      66.6%     225  $0.03    467ms',
      '  model-b      3       1       2        0      33.3%     240  $0.03    533ms',
    ]);
  });

  it('lists every test by model when there are few, and says which model a failure was with', () => {
    const text = formatConsoleReport(report([[true, true], [true, false]]), { color: false });
    expect(text).toContain(
      '  model-a  model-b\n  pass     pass     prompts/refund.prompt.yaml:10  Refund policy › test 0\n  pass     FAIL     prompts/refund.prompt.yaml:11  Refund policy › test 1',
    );
    expect(text).toContain('FAIL  prompts/refund.prompt.yaml:11  Refund policy › test 1  [model-b]');
  });

  it('lists only the tests the models disagree on when there are many, and counts the rest', () => {
    // 40 tests: 35 passed by both, 2 failed by both, 3 on which they disagree.
    const verdicts: [boolean, boolean][] = Array.from({ length: 40 }, (_, index) => (index < 35 ? [true, true] : index < 37 ? [false, false] : [index % 2 === 0, index % 2 === 1]));
    const built = report(verdicts);
    const text = formatConsoleReport(built, { color: false });
    const rows = text.split('\n').filter((line) => /^ {2}(pass|FAIL) /.test(line));
    expect(rows.map((line) => line.replace(/ +/g, ' '))).toEqual([
      ' FAIL pass prompts/refund.prompt.yaml:47 Refund policy › test 37',
      ' pass FAIL prompts/refund.prompt.yaml:48 Refund policy › test 38',
      ' FAIL pass prompts/refund.prompt.yaml:49 Refund policy › test 39',
    ]);
    expect(text).toContain('  … and 37 tests with the same verdict from every model (35 passed, 2 failed)');

    const markdown = toMarkdown(built);
    expect(markdown).toContain('| Refund policy › test 38 · `prompts/refund.prompt.yaml:48` | ✅ | ❌ |\n| Refund policy › test 39');
    expect(markdown).not.toContain('test 34 ·');
    expect(markdown).toContain('_Not listed: 37 tests with the same verdict from every model (35 passed, 2 failed)._');
  });

  it('caps the tests they disagree on, saying how many more there are', () => {
    const verdicts: [boolean, boolean][] = Array.from({ length: 45 }, () => [true, false]);
    const text = formatConsoleReport(report(verdicts), { color: false });
    expect(text.split('\n').filter((line) => /^ {2}pass +FAIL /.test(line))).toHaveLength(30);
    expect(text).toContain('  … 15 more tests the models disagree on (the JSON report has them all)');
  });

  it('shows nothing of the kind for a run of one model', () => {
    const built = buildReport([ran(0, 'model-a', true), ran(1, 'model-a', false)]);
    expect(formatConsoleReport(built, { color: false })).not.toContain('side by side');
    expect(formatConsoleReport(built, { color: false })).not.toContain('[model-a]');
    expect(toMarkdown(built)).not.toContain('side by side');
  });
});
