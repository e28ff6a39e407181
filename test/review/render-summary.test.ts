import { describe, expect, it } from 'vitest';
import type { ComparedTest } from '../../src/review/classify.js';
import { SUMMARY_MARKER, renderSummaryComment } from '../../src/review/render.js';
import type { TestResult } from '../../src/types.js';
import { errored, fail, failing, passing, report, result } from './helpers.js';

const A = 'prompts/a.prompt.yaml';
const B = 'prompts/b.prompt.yaml';
const SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

const compare = (change: ComparedTest['change'], head: TestResult, base?: TestResult): ComparedTest => ({
  file: head.file,
  test: head.test,
  change,
  head,
  ...(base ? { base } : {}),
});

describe('renderSummaryComment', () => {
  const regression = failing(B, 'refund window', { line: 18 });
  const newFailure = result(A, 'greeting', [fail('max-length', 'expected at most 300 characters, got 912'), fail('contains', 'x')], { line: 30 });
  const still = failing(A, 'tone', { line: 12 });
  const broken = errored(A, 'summary', 'HTTP 401: bad key for @octocat <script>alert(1)</script>');
  const fixed = passing(A, 'escalation', { line: 40 });
  const fine = passing(A, 'policy', { line: 50 });
  const compared = [
    compare('regression', regression, passing(B, 'refund window')),
    compare('new-failing', newFailure),
    compare('still-failing', still, failing(A, 'tone')),
    compare('errored', broken),
    compare('fixed', fixed, failing(A, 'escalation')),
    compare('passing', fine, passing(A, 'policy')),
  ];
  const head = report(
    [regression, newFailure, still, broken, fixed, fine].map((r) => ({ ...r, latencyMs: r.status === 'errored' ? 0 : 1000 })),
    { total: 6, passed: 2, failed: 3, errored: 1, flaky: 0, passRate: 0.4, tokens: { prompt: 1200, completion: 340, total: 1540 }, requests: 6, cacheHits: 0 },
  );
  const base = report([passing(B, 'refund window'), failing(A, 'tone'), failing(A, 'escalation'), passing(A, 'policy')], {
    total: 4,
    passed: 2,
    failed: 2,
    passRate: 0.5,
    tokens: { prompt: 800, completion: 200, total: 1000 },
    requests: 1,
    cacheHits: 3,
  });

  it('renders the whole comment', () => {
    const body = renderSummaryComment({
      compared,
      head,
      base,
      headSha: SHA,
      runUrl: 'https://github.com/acme/shop/actions/runs/42',
      notes: ['Base run used cached answers @octocat', 'two\nlines'],
    });
    expect(body).toBe(
      [
        SUMMARY_MARKER,
        '## ❌ promptgate: 1 regression, 2 other failing',
        '',
        '> [!NOTE]',
        '> Base run used cached answers @\u200Doctocat',
        '>',
        '> two',
        '> lines',
        '',
        '|  | Tests | Passed | Failed | Errored | Flaky | Pass rate | Regressions | Fixed |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| This PR | 6 | 2 | 3 | 1 | 0 | 40% | 1 | 1 |',
        '| Base | 4 | 2 | 2 | 0 | 0 | 50% | – | – |',
        '',
        '### Regressions (1)',
        '',
        '| File | Test | What broke |',
        '| --- | --- | --- |',
        '| `prompts/b.prompt.yaml:18` | refund window | `contains`: expected output to contain "30 days" |',
        '',
        '### New failures (1)',
        '',
        '| File | Test | What fails |',
        '| --- | --- | --- |',
        '| `prompts/a.prompt.yaml:30` | greeting | `max-length`: expected at most 300 characters, got 912 (+1 more) |',
        '',
        '### Still failing (1)',
        '',
        '| File | Test | What fails |',
        '| --- | --- | --- |',
        '| `prompts/a.prompt.yaml:12` | tone | `contains`: expected output to contain "30 days" |',
        '',
        '### Errored (1)',
        '',
        '| File | Test | Error |',
        '| --- | --- | --- |',
        '| `prompts/a.prompt.yaml:1` | summary | HTTP 401: bad key for @\u200Doctocat &lt;script&gt;alert(1)&lt;/script&gt; |',
        '',
        '### Fixed (1)',
        '',
        '| File | Test |',
        '| --- | --- |',
        '| `prompts/a.prompt.yaml:40` | escalation |',
        '',
        '### Tokens and speed',
        '',
        '|  | This PR | Base |',
        '| --- | ---: | ---: |',
        '| Prompt tokens | 1,200 | 800 |',
        '| Completion tokens | 340 | 200 |',
        '| Total tokens | 1,540 | 1,000 |',
        '| Mean latency | 1.0s | 500ms |',
        '| Requests | 6 | 1 |',
        '| Cache hits | 0 | 3 |',
        '',
        '#### By file (this PR)',
        '',
        '| File | Tests | Tokens |',
        '| --- | ---: | ---: |',
        '| `prompts/b.prompt.yaml` | 1 | 50 |',
        '| `prompts/a.prompt.yaml` | 5 | 200 |',
        '| **Total** | 6 | 1,540 |',
        '',
        '<sub>promptgate on 9f8e7d6 · [workflow run](https://github.com/acme/shop/actions/runs/42)</sub>',
      ].join('\n'),
    );
  });

  it('without a base run: no base row or column', () => {
    const body = renderSummaryComment({ compared: [compare('new-failing', newFailure)], head: report([newFailure], { total: 1, failed: 1, passRate: 0 }), headSha: SHA });
    expect(body).toContain('| This PR | 1 | 0 | 1 | 0 | 0 | 0% | 0 | 0 |\n\n');
    expect(body).not.toContain('| Base |');
    expect(body).toContain('|  | This PR |\n| --- | ---: |\n| Prompt tokens | 0 |');
    expect(body.split('\n')[1]).toBe('## ❌ promptgate: 1 failing test');
  });

  it('titles for all passing, errored only and nothing run', () => {
    const allPass = renderSummaryComment({ compared: [compare('fixed', fixed), compare('passing', fine)], head: report([fixed, fine], { total: 2, passed: 2 }), headSha: SHA });
    expect(allPass.split('\n')[1]).toBe('## ✅ promptgate: all 2 tests pass (1 fixed)');
    const onlyErrored = renderSummaryComment({ compared: [compare('errored', broken)], head: report([broken], { total: 1, errored: 1 }), headSha: SHA });
    expect(onlyErrored.split('\n')[1]).toBe('## ⚠️ promptgate: 1 test could not be evaluated');
    expect(onlyErrored).toContain('| This PR | 1 | 0 | 0 | 1 | 0 | n/a | 0 | 0 |');
    expect(onlyErrored).toContain('| Mean latency | n/a |');
    const nothing = renderSummaryComment({ compared: [], head: report([]), headSha: SHA, notes: ['fork PR: secrets are unavailable, no model calls were made'] });
    expect(nothing).toStartWith(`${SUMMARY_MARKER}\n## promptgate: no prompt tests ran\n\n> [!NOTE]\n> fork PR: secrets are unavailable, no model calls were made\n\n`);
  });

  it('escapes pipes in names and paths so the table keeps its columns', () => {
    const piped = failing('prompts/a|b.prompt.yaml', 'yes | no', { line: 3 });
    const body = renderSummaryComment({ compared: [compare('regression', piped)], head: report([piped]), headSha: SHA });
    expect(body).toContain('| `prompts/a\\|b.prompt.yaml:3` | yes \\| no | `contains`');
  });

  it('cuts long lists with "…and N more" to stay under maxChars, keeping the marker first', () => {
    const many = Array.from({ length: 3000 }, (_, i) => failing(A, `regressed test number ${i} ${'x'.repeat(80)}`, { line: i + 1 }));
    const body = renderSummaryComment({ compared: many.map((r) => compare('regression', r, passing(A, r.test))), head: report(many, { total: 3000, failed: 3000, passRate: 0 }), headSha: SHA });
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toStartWith(SUMMARY_MARKER + '\n');
    expect(body).toContain('### Regressions (3,000)');
    expect(body).toMatch(/\n…and 2,\d{3} more\n/);
    expect(body).toContain('### Tokens and speed');

    const tiny = renderSummaryComment({ compared: many.map((r) => compare('regression', r)), head: report(many), headSha: SHA }, { maxChars: 1500 });
    expect(tiny.length).toBeLessThanOrEqual(1500);
    expect(tiny).toStartWith(SUMMARY_MARKER);
  });
});
