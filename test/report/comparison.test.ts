// A compared run in the console and in Markdown: each listed test with both sides' evidence, the
// five counts with the false-alarm rate, and the JSON that carries it valid against the schema.
// The intervals in the fixtures are Wilson's, worked by hand: for p = k/n and z = 1.96,
// (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatConsoleReport } from '../../src/report/console.js';
import { toJson } from '../../src/report/json.js';
import { toMarkdown } from '../../src/report/markdown.js';
import type { ComparisonSummary, RunReport, TestComparison, TestResult } from '../../src/types.js';
import { buildReport, failingTest, flakyTest, passingTest } from './fixtures.js';

// 7/10: 0.3968–0.8922; 2/10: 0.0567–0.5098; 10/10: 0.7225–1; 4/10: 0.1682–0.6873; 0/10: 0–0.2775.
const SEVEN_OF_TEN = { passed: 7, samples: 10, interval: { low: 0.3968, high: 0.8922 } };
const TWO_OF_TEN = { passed: 2, samples: 10, interval: { low: 0.0567, high: 0.5098 } };
const TEN_OF_TEN = { passed: 10, samples: 10, interval: { low: 0.7225, high: 1 } };
const FOUR_OF_TEN = { passed: 4, samples: 10, interval: { low: 0.1682, high: 0.6873 } };
const NONE_OF_TEN = { passed: 0, samples: 10, interval: { low: 0, high: 0.2775 } };

function compared(result: TestResult, comparison: TestComparison): TestResult {
  return { ...result, comparison };
}

const SUMMARY: ComparisonSummary = {
  regression: 1,
  improvement: 1,
  unchanged: 1,
  inconclusive: 1,
  new: 0,
  falseAlarmRate: 0.05,
  maxSamples: 24,
  calls: 412,
  budget: 1200,
};

function comparedReport(): RunReport {
  const report = buildReport();
  const [passing, failing, flaky, errored] = report.results;
  report.results = [
    compared(passing!, { change: 'improvement', base: NONE_OF_TEN, head: TEN_OF_TEN, pValue: 0.0004, stopped: 'significant' }),
    compared(failing!, { change: 'regression', base: SEVEN_OF_TEN, head: TWO_OF_TEN, pValue: 0.03, stopped: 'significant' }),
    compared(flaky!, { change: 'inconclusive', base: SEVEN_OF_TEN, head: FOUR_OF_TEN, pValue: 0.2, stopped: 'ceiling' }),
    compared(errored!, { change: 'unchanged', base: TEN_OF_TEN, head: TEN_OF_TEN, pValue: 1, stopped: 'identical' }),
  ];
  report.summary.comparison = SUMMARY;
  return report;
}

describe('a compared run in the console', () => {
  const text = formatConsoleReport(comparedReport(), { color: false, comparedWith: 'main (1a2b3c4)' });

  it('says what it was compared with, the five counts, the false-alarm rate and the calls', () => {
    expect(text).toContain(
      'Compared with main (1a2b3c4): 1 regression, 1 improvement, 1 unchanged, 1 inconclusive, 0 new · false-alarm rate 5% · 412 calls (budget 1,200)',
    );
  });

  it('lists regressions, then improvements, then inconclusive tests, each with both sides and aligned', () => {
    const lines = text.split('\n').filter((line) => /^ {2}(regression|improvement|inconclusive) /.test(line));
    expect(lines).toEqual([
      '  regression    7/10 (40–89%) → 2/10 (6–51%)    prompts/refund.prompt.yaml:16  Refund policy › answers without apologising',
      '  improvement   0/10 (0–28%) → 10/10 (72–100%)  prompts/refund.prompt.yaml:12  Refund policy › mentions the refund window',
      '  inconclusive  7/10 (40–89%) → 4/10 (17–69%)   prompts/summary.prompt.yml:9  Summaries › starts with Summary',
    ]);
    expect(text).toContain('inconclusive: not decided by the samples taken (at most 24 a side, within the call budget); never counted as a regression');
  });

  it('does not list unchanged tests, and says nothing of a comparison for a run without one', () => {
    expect(text).not.toMatch(/unchanged +10\/10/);
    expect(formatConsoleReport(buildReport(), { color: false })).not.toContain('Compared with');
  });

  it('says what the base side took, which the totals leave out', () => {
    const base = buildReport().summary;
    const withBase = formatConsoleReport(comparedReport(), { color: false, comparedWith: 'main', baseSummary: base });
    expect(withBase).toContain(`the base side took ${base.requests} requests, ${base.cacheHits} cache hit`);
  });

  it('shows a side with no evaluated sample as such, not as 0/0', () => {
    const report = comparedReport();
    report.results[1] = compared(failingTest(), {
      change: 'inconclusive',
      base: SEVEN_OF_TEN,
      head: { passed: 0, samples: 0, interval: { low: 0, high: 1 } },
      pValue: 1,
      stopped: 'no-evidence',
    });
    expect(formatConsoleReport(report, { color: false })).toContain('7/10 (40–89%) → no evaluated sample');
  });

  it('cuts a long list and says where the rest is', () => {
    const report = comparedReport();
    report.results = Array.from({ length: 60 }, (_, index) =>
      compared(flakyTest({ test: `t${index}`, testIndex: index }), { change: 'inconclusive', base: SEVEN_OF_TEN, head: FOUR_OF_TEN, pValue: 0.3, stopped: 'budget' }),
    );
    report.summary.comparison = { ...SUMMARY, regression: 0, improvement: 0, unchanged: 0, inconclusive: 60 };
    const long = formatConsoleReport(report, { color: false });
    expect(long.split('\n').filter((line) => line.startsWith('  inconclusive  '))).toHaveLength(50);
    expect(long).toContain('… 10 more tests (the JSON report has them all)');
  });
});

describe('a compared run in Markdown', () => {
  const markdown = toMarkdown(comparedReport(), {
    comparison: {
      against: 'main (1a2b3c4)',
      notes: ['the version at main of prompts/old.prompt.yaml could not be run: 3:1: no model; its tests count as new'],
    },
  });

  it('has a comparison section with a row per listed test, before the failures', () => {
    expect(markdown).toContain('### Compared with `main (1a2b3c4)`');
    expect(markdown).toContain('1 regression, 1 improvement, 1 unchanged, 1 inconclusive, 0 new · false-alarm rate 5% · 412 calls (budget 1,200)');
    expect(markdown).toContain(
      [
        '| Change | Test | Base | Head |',
        '| --- | --- | ---: | ---: |',
        '| 🔻 regression | Refund policy › answers without apologising · `prompts/refund.prompt.yaml:16` | 7/10 (40–89%) | 2/10 (6–51%) |',
        '| 🔺 improvement | Refund policy › mentions the refund window · `prompts/refund.prompt.yaml:12` | 0/10 (0–28%) | 10/10 (72–100%) |',
        '| ❔ inconclusive | Summaries › starts with Summary · `prompts/summary.prompt.yml:9` | 7/10 (40–89%) | 4/10 (17–69%) |',
      ].join('\n'),
    );
    expect(markdown.indexOf('### Compared')).toBeLessThan(markdown.indexOf('### Failures'));
  });

  it('says what the verdicts guarantee, and shows the notes', () => {
    expect(markdown).toContain('with at most 5% of the tests called changed expected to be false alarms');
    expect(markdown).toContain('> ⚠️ The version at main of prompts/old.prompt.yaml could not be run: 3:1: no model; its tests count as new');
  });

  it('has no comparison section for a run without one, nor unless asked (the pull request places its own)', () => {
    expect(toMarkdown(buildReport(), { comparison: { against: 'main' } })).not.toContain('Compared');
    expect(toMarkdown(comparedReport())).not.toContain('Compared');
  });
});

describe('a compared run in JSON', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schema/results.schema.json', import.meta.url), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);

  it('validates against the schema, comparison, pass^k and a new test included', () => {
    const report = comparedReport();
    report.results.push(compared(passingTest({ test: 'added', testIndex: 5 }), { change: 'new', head: TEN_OF_TEN }));
    report.results[0]!.passAll = true;
    report.summary.comparison = { ...SUMMARY, new: 1 };
    expect(validate(JSON.parse(toJson(report))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a change outside the five, a compared test without its base, and a new test with one', () => {
    const document = JSON.parse(toJson(comparedReport())) as { results: { comparison: Record<string, unknown> }[] };
    const unknownChange = structuredClone(document);
    unknownChange.results[0]!.comparison.change = 'fixed';
    expect(validate(unknownChange)).toBe(false);
    const noBase = structuredClone(document);
    delete noBase.results[1]!.comparison.base;
    expect(validate(noBase)).toBe(false);
    const newWithBase = structuredClone(document);
    newWithBase.results[1]!.comparison.change = 'new';
    expect(validate(newWithBase)).toBe(false);
  });
});
