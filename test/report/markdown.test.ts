import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../src/report/markdown.js';
import type { TestResult } from '../../src/types.js';
import { buildCostedReport, buildReport, erroredTest, failingTest, flakyTest, passingTest } from './fixtures.js';

const ZWJ = '\u200D';

/** Checks every backtick fence is closed, the way CommonMark pairs them: a closer is at least as long and has no info string. */
function unclosedFence(markdown: string): string | undefined {
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const run = /^ {0,3}(`{3,})(.*)$/.exec(line);
    if (!run) continue;
    if (open === undefined) open = run[1];
    else if (run[1]!.length >= open.length && run[2]!.trim() === '') open = undefined;
  }
  return open;
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('toMarkdown', () => {
  const markdown = toMarkdown(buildReport());

  it('starts with a title and a totals table', () => {
    expect(markdown).toStartWith(
      [
        '## ❌ promptgate: 2 failed, 1 errored of 4 tests',
        '',
        '| Tests | Passed | Failed | Errored | Flaky | Pass rate | Tokens | Requests | Cache hits | Duration |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| 4 | 1 | 2 | 1 | 1 | 33.3% of 3 evaluated | 505 | 7 | 1 | 4.2s |',
        '',
        '### Failures (3)',
      ].join('\n'),
    );
  });

  it('shows each failure with its name, location, failing reasons and fenced output', () => {
    expect(markdown).toContain(
      [
        '#### ❌ Refund policy › answers without apologising',
        '',
        '`prompts/refund.prompt.yaml:16` · failed',
        '',
        'Vars: `question="Refund?", orderId=12345`',
        '',
        '- `contains`: expected output to contain "30 days"',
        '- `not-icontains "no apology"`: expected output not to contain "sorry" (case-insensitive)',
        '',
        '**Output**',
        '',
        '```',
        "I'm sorry, I can't help with returns.",
        'Please contact support.',
        '```',
      ].join('\n'),
    );
    expect(markdown).toContain('`prompts/summary.prompt.yml:9` · failed · flaky 3/5 passed, needs 80%');
    expect(markdown).toContain('#### ⚠️ Summaries › handles an empty document\n\n`prompts/summary.prompt.yml:21` · errored');
    expect(markdown).toContain('**Error:** HTTP 429: rate limit exceeded (after 3 attempts)');
    expect(markdown).not.toContain('mentions the refund window');
  });

  it('sizes the fence so output holding ``` and ```` runs cannot break out', () => {
    const output = 'before\n```\n</details> @everyone\n````\nafter';
    const text = toMarkdown(buildReport([failingTest({ output })]));
    expect(text).toContain(`\`\`\`\`\`\n${output}\n\`\`\`\`\``);
    expect(unclosedFence(text)).toBeUndefined();
  });

  it('neutralises mentions, HTML and references in names, reasons and errors', () => {
    const text = toMarkdown(
      buildReport([
        failingTest({
          test: 'cc @octocat <img src=x>',
          assertions: [{ type: 'equals', pass: false, score: 0, reason: 'expected "fixes #12 <!-- x -->" [ok](https://evil.example)' }],
        }),
        erroredTest({ error: '@admin please <b>approve</b>' }),
      ]),
    );
    expect(text).toContain(`#### ❌ Refund policy › cc @${ZWJ}octocat &lt;img src=x&gt;`);
    expect(text).toContain(`- \`equals\`: expected "fixes #${ZWJ}12 &lt;!-- x --&gt;" \\[ok\\](https:${ZWJ}//evil.example)`);
    expect(text).toContain(`**Error:** @${ZWJ}admin please &lt;b&gt;approve&lt;/b&gt;`);
    expect(text).not.toMatch(/@(octocat|admin)/);
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<!--');
  });

  it('folds long output into <details> with a blank line before the fence', () => {
    // 9 × "line N" (6) + 21 × "line NN" (7) + 29 line breaks = 230 characters.
    const output = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n');
    const text = toMarkdown(buildReport([failingTest({ output })]));
    expect(text).toContain(`<details>\n<summary>Output (30 lines, 230 characters)</summary>\n\n\`\`\`\nline 1\n`);
    expect(text).toContain('line 30\n```\n\n</details>');
  });

  it('says when everything passed and lists no failures', () => {
    const report = buildReport([passingTest()]);
    report.summary = { ...report.summary, total: 1, passed: 1, failed: 0, errored: 0, flaky: 0, passRate: 1 };
    const text = toMarkdown(report);
    expect(text.split('\n')[0]).toBe('## ✅ promptgate: all 1 test passed');
    expect(text).not.toContain('### Failures');
  });

  it('places extra sections (such as regressions) between the totals and the failures', () => {
    const text = toMarkdown(buildReport(), { extraSections: ['### Regressions\n\nnone'] });
    expect(text).toContain('| 4 | 1 | 2 | 1 | 1 | 33.3% of 3 evaluated | 505 | 7 | 1 | 4.2s |\n\n### Regressions\n\nnone\n\n### Failures (3)');
  });

  describe('with 500 large failures', () => {
    const failures: TestResult[] = Array.from({ length: 500 }, (_, index) =>
      failingTest({ test: `case ${index + 1}`, testIndex: index, line: index + 10, output: `answer ${index + 1}\n` + 'x'.repeat(10_000) }),
    );
    const report = buildReport(failures);
    report.summary = { ...report.summary, total: 500, passed: 0, failed: 500, errored: 0, flaky: 0, passRate: 0 };

    it('stays under the default 60,000 characters', () => {
      const text = toMarkdown(report);
      expect(text.length).toBeLessThanOrEqual(60_000);
      expect(text.length).toBeGreaterThan(50_000);
    });

    it('truncates outputs, lists the rest one line each, then says how many were left out', () => {
      const text = toMarkdown(report);
      expect(text).toContain('#### ❌ Refund policy › case 1\n');
      expect(text).toContain('<summary>Output (2 lines, 10,010 characters, truncated)</summary>');
      expect(text).toContain('\nNot shown in full:\n\n- ❌ **Refund policy › case ');
      expect(text).toMatch(/- ❌ \*\*Refund policy › case \d+\*\* · `prompts\/refund\.prompt\.yaml:\d+` · `contains`: expected output to contain "30 days"\n/);
      // The usage table (here only a total: one file) still closes the document.
      expect(text).toMatch(/_…and \d+ more failing tests not shown here, to stay within GitHub's size limit\._\n\n### Usage\n\n/);
      expect(text).toEndWith('| **Total** | 500 | 505 |\n');
      expect(count(text, '<details>')).toBe(count(text, '</details>'));
      expect(unclosedFence(text)).toBeUndefined();
    });

    it('keeps every failure accounted for: in full, in the list, or in the count left out', () => {
      const text = toMarkdown(report);
      const full = count(text, '#### ❌');
      const listed = count(text, '\n- ❌ ');
      const omitted = Number(/_…and (\d+) more failing tests/.exec(text)?.[1]);
      expect(full).toBeGreaterThan(0);
      expect(listed).toBeGreaterThan(0);
      expect(full + listed + omitted).toBe(500);
    });

    it('respects a smaller maxChars too', () => {
      const text = toMarkdown(report, { maxChars: 5_000 });
      expect(text.length).toBeLessThanOrEqual(5_000);
      expect(unclosedFence(text)).toBeUndefined();
    });
  });

  describe('usage', () => {
    it('closes the document with tokens and cost per file and a total from the summary, the judge apart', () => {
      const text = toMarkdown(buildCostedReport());
      expect(text).toEndWith(
        [
          '**Error:** HTTP 429: rate limit exceeded (after 3 attempts)',
          '',
          '### Usage',
          '',
          '| File | Tests | Tokens | Cost | Judge tokens | Judge cost |',
          '| --- | ---: | ---: | ---: | ---: | ---: |',
          '| `prompts/refund.prompt.yaml` | 2 | 155 | \\$0.0015 | 320 | <\\$0.0001 |',
          '| `prompts/summary.prompt.yml` | 2 | 350 | \\$0.002 | 0 | \\$0 |',
          '| **Total** | 4 | 505 | \\$0.0035 | 320 | <\\$0.0001 |',
          '',
        ].join('\n'),
      );
    });

    it('takes the total row from the summary rather than adding up the files', () => {
      const report = buildCostedReport();
      report.summary = { ...report.summary, tokens: { prompt: 1, completion: 1, total: 999 }, cost: 1.5 };
      expect(toMarkdown(report)).toContain('| **Total** | 4 | 999 | \\$1.50 | 320 | <\\$0.0001 |');
    });

    it('leaves out columns that would only say n/a, and shows only the total for one file', () => {
      const report = buildReport([passingTest({ cost: 0.0012 })]);
      report.summary = { ...report.summary, total: 1, passed: 1, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 50, completion: 20, total: 70 } };
      expect(toMarkdown(report)).toEndWith('### Usage\n\n| File | Tests | Tokens |\n| --- | ---: | ---: |\n| **Total** | 1 | 70 |\n');
    });

    it('says n/a for a file without a price, and names the unpriced models', () => {
      const report = buildReport([passingTest({ cost: 0.25 }), flakyTest()]);
      report.summary = { ...report.summary, cost: 0.25, unpricedModels: ['acme/llm-9', 'local-model'] };
      const text = toMarkdown(report);
      expect(text).toContain('| `prompts/summary.prompt.yml` | 1 | 350 | n/a |');
      expect(text).toEndWith(
        '| **Total** | 4 | 505 | \\$0.25 |\n\nCost leaves out `acme/llm-9`, `local-model`: no price; add them under `prices:` in promptgate.config.yaml.\n',
      );
    });

    it('shows nothing about usage when no tokens were used and nothing was priced', () => {
      const report = buildReport([erroredTest()]);
      report.summary = { ...report.summary, total: 1, passed: 0, failed: 0, errored: 1, flaky: 0, tokens: { prompt: 0, completion: 0, total: 0 } };
      expect(toMarkdown(report)).not.toContain('Usage');
    });

    it('folds the table away past five files, with the totals in its summary line', () => {
      const results = Array.from({ length: 6 }, (_, index) => passingTest({ file: `prompts/p${index + 1}.prompt.yaml`, cost: 0.001 }));
      const report = buildReport(results);
      report.summary = { ...report.summary, total: 6, passed: 6, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 300, completion: 120, total: 420 }, cost: 0.006 };
      const text = toMarkdown(report);
      expect(text).toContain('### Usage\n\n<details>\n<summary>By file (6 files): 420 tokens · &#36;0.006</summary>\n\n| File | Tests | Tokens | Cost |\n');
      expect(text).toContain('| `prompts/p6.prompt.yaml` | 1 | 70 | \\$0.001 |\n| **Total** | 6 | 420 | \\$0.006 |\n\n</details>\n');
    });

    it('lists at most 30 files, says how many more there are, and stays within a small budget', () => {
      const results = Array.from({ length: 40 }, (_, index) => passingTest({ file: `prompts/p${index + 1}.prompt.yaml` }));
      const report = buildReport(results);
      report.summary = { ...report.summary, total: 40, passed: 40, failed: 0, errored: 0, flaky: 0, passRate: 1 };
      const text = toMarkdown(report);
      expect(text).toContain('| `prompts/p30.prompt.yaml` | 1 | 70 |\n| _…and 10 more files (the JSON report has them all)_ |  |  |\n| **Total** | 40 | 505 |');
      expect(text).not.toContain('p31.prompt.yaml');
      // Too little room for the usage section: it is left out rather than cut mid-table.
      const small = toMarkdown(report, { maxChars: 2_000 });
      expect(small.length).toBeLessThanOrEqual(2_000);
      expect(small).not.toContain('Usage');
      expect(count(small, '<details>')).toBe(count(small, '</details>'));
    });
  });
});
