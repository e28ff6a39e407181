import { describe, expect, it } from 'vitest';
import type { ComparedTest } from '../../src/review/classify.js';
import { SUMMARY_MARKER, renderSummaryComment } from '../../src/review/render.js';
import type { TestResult } from '../../src/types.js';
import { compared, errored, fail, failing, passing, report, result } from './helpers.js';

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
  // Intervals by hand (Wilson, 95%): 8/8 → 67.6–100%, 0/8 → 0–32.4%, 0/1 → 0–79.3%, 5/8 → 30.6–86.3%,
  // 16/16 → 80.6–100%, 12/16 → 50.5–89.8%.
  const eightOfEight = { low: 0.6756, high: 1 };
  const noneOfEight = { low: 0, high: 0.3244 };
  const fiveOfEight = { low: 0.3057, high: 0.8632 };
  const regression = compared(failing(B, 'refund window', { line: 18 }), 'regression', [0, 8, noneOfEight], [8, 8, eightOfEight]);
  const newFailure = compared(
    result(A, 'greeting', [fail('max-length', 'expected at most 300 characters, got 912'), fail('contains', 'x')], { line: 30 }),
    'new',
    [0, 1, { low: 0, high: 0.7935 }],
  );
  const still = compared(failing(A, 'tone', { line: 12 }), 'unchanged', [5, 8, fiveOfEight], [5, 8, fiveOfEight]);
  const undecided = compared(failing(A, 'length', { line: 35 }), 'inconclusive', [12, 16, { low: 0.505, high: 0.8982 }], [16, 16, { low: 0.8064, high: 1 }]);
  const broken = compared(errored(A, 'summary', 'HTTP 401: bad key for @octocat <script>alert(1)</script>'), 'inconclusive', [0, 0], [4, 4]);
  const fixed = compared(passing(A, 'escalation', { line: 40 }), 'improvement', [8, 8, eightOfEight], [0, 8, noneOfEight]);
  const fine = compared(passing(A, 'policy', { line: 50 }), 'unchanged', [4, 4], [4, 4]);
  const entries = [
    compare('regression', regression, passing(B, 'refund window')),
    compare('new-failing', newFailure),
    compare('still-failing', still, failing(A, 'tone')),
    compare('inconclusive', undecided, passing(A, 'length')),
    compare('errored', broken),
    compare('improved', fixed, failing(A, 'escalation')),
    compare('passing', fine, passing(A, 'policy')),
  ];
  const head = report(
    [regression, newFailure, still, undecided, broken, fixed, fine].map((r) => ({ ...r, latencyMs: r.status === 'errored' ? 0 : 1000 })),
    {
      total: 7,
      passed: 2,
      failed: 4,
      errored: 1,
      flaky: 0,
      passRate: 1 / 3,
      tokens: { prompt: 1200, completion: 340, total: 1540 },
      requests: 6,
      cacheHits: 0,
      comparison: { regression: 1, improvement: 1, unchanged: 2, inconclusive: 2, new: 1, falseAlarmRate: 0.05, maxSamples: 24, calls: 120, budget: 120 },
    },
  );
  const base = report([passing(B, 'refund window'), failing(A, 'tone'), passing(A, 'length'), failing(A, 'escalation'), passing(A, 'policy')], {
    total: 5,
    passed: 3,
    failed: 2,
    passRate: 0.6,
    tokens: { prompt: 800, completion: 200, total: 1000 },
    requests: 1,
    cacheHits: 3,
  });

  it('renders the whole comment', () => {
    const body = renderSummaryComment({
      compared: entries,
      head,
      base,
      headSha: SHA,
      runUrl: 'https://github.com/acme/shop/actions/runs/42',
      notes: ['Base run used cached answers @octocat', 'two\nlines'],
    });
    expect(body).toBe(
      [
        SUMMARY_MARKER,
        '## ❌ promptgate: 1 regression, 3 other failing',
        '',
        '> [!NOTE]',
        '> Base run used cached answers @\u200Doctocat',
        '>',
        '> two',
        '> lines',
        '',
        '|  | Tests | Passed | Failed | Errored | Flaky | Pass rate | Regressions | Improved | Inconclusive |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| This PR | 7 | 2 | 4 | 1 | 0 | 33.3% of 6 evaluated | 1 | 1 | 1 |',
        '| Base | 5 | 3 | 2 | 0 | 0 | 60% | – | – | – |',
        '',
        "<sub>Counts are passing samples of those evaluated at the base → at the head, with 95% Wilson intervals. Each of the 6 compared tests was sampled until the evidence decided, up to 24 samples a side (120 model calls of a budget of 120); regressions and improvements are called by Fisher's exact test with a false-alarm rate of 5% (Benjamini–Hochberg, each direction). Inconclusive: still undecided at the limit — not counted as a regression.</sub>",
        '',
        '### Regressions (1)',
        '',
        '| File | Test | Samples passed: base → head | What broke |',
        '| --- | --- | --- | --- |',
        '| `prompts/b.prompt.yaml:18` | refund window | 8/8 (68–100%) → 0/8 (0–32%) | `contains`: expected output to contain "30 days" |',
        '',
        '### New failures (1)',
        '',
        '| File | Test | Samples passed | What fails |',
        '| --- | --- | --- | --- |',
        '| `prompts/a.prompt.yaml:30` | greeting | 0/1 (0–79%) (new) | `max-length`: expected at most 300 characters, got 912 (+1 more) |',
        '',
        '### Inconclusive (1)',
        '',
        '| File | Test | Samples passed: base → head |',
        '| --- | --- | --- |',
        '| `prompts/a.prompt.yaml:35` | length | 16/16 (81–100%) → 12/16 (51–90%) |',
        '',
        '### Still failing (1)',
        '',
        '| File | Test | Samples passed: base → head | What fails |',
        '| --- | --- | --- | --- |',
        '| `prompts/a.prompt.yaml:12` | tone | 5/8 (31–86%) → 5/8 (31–86%) | `contains`: expected output to contain "30 days" |',
        '',
        '### Errored (1)',
        '',
        '| File | Test | Error |',
        '| --- | --- | --- |',
        '| `prompts/a.prompt.yaml:1` | summary | HTTP 401: bad key for @\u200Doctocat &lt;script&gt;alert(1)&lt;/script&gt; |',
        '',
        '### Improved (1)',
        '',
        '| File | Test | Samples passed: base → head |',
        '| --- | --- | --- |',
        '| `prompts/a.prompt.yaml:40` | escalation | 0/8 (0–32%) → 8/8 (68–100%) |',
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
        '| `prompts/a.prompt.yaml` | 6 | 250 |',
        '| **Total** | 7 | 1,540 |',
        '',
        '<sub>promptgate on 9f8e7d6 · [workflow run](https://github.com/acme/shop/actions/runs/42)</sub>',
      ].join('\n'),
    );
  });

  it('without a base run: no base row or column', () => {
    const body = renderSummaryComment({ compared: [compare('new-failing', newFailure)], head: report([newFailure], { total: 1, failed: 1, passRate: 0 }), headSha: SHA });
    expect(body).toContain('| This PR | 1 | 0 | 1 | 0 | 0 | 0% | 0 | 0 | 0 |\n\n');
    expect(body).not.toContain('| Base |');
    expect(body).toContain('|  | This PR |\n| --- | ---: |\n| Prompt tokens | 0 |');
    expect(body.split('\n')[1]).toBe('## ❌ promptgate: 1 failing test');
  });

  it('titles for all passing, errored only and nothing run', () => {
    const allPass = renderSummaryComment({ compared: [compare('improved', fixed), compare('passing', fine)], head: report([fixed, fine], { total: 2, passed: 2 }), headSha: SHA });
    expect(allPass.split('\n')[1]).toBe('## ✅ promptgate: all 2 tests pass (1 improved)');
    const onlyErrored = renderSummaryComment({ compared: [compare('errored', broken)], head: report([broken], { total: 1, errored: 1 }), headSha: SHA });
    expect(onlyErrored.split('\n')[1]).toBe('## ⚠️ promptgate: 1 test could not be evaluated');
    expect(onlyErrored).toContain('| This PR | 1 | 0 | 0 | 1 | 0 | n/a | 0 | 0 | 0 |');
    expect(onlyErrored).toContain('| Mean latency | n/a |');
    const nothing = renderSummaryComment({ compared: [], head: report([]), headSha: SHA, notes: ['fork PR: secrets are unavailable, no model calls were made'] });
    expect(nothing).toStartWith(`${SUMMARY_MARKER}\n## promptgate: no prompt tests ran\n\n> [!NOTE]\n> fork PR: secrets are unavailable, no model calls were made\n\n`);
  });

  it('escapes pipes in names and paths so the table keeps its columns', () => {
    const piped = compared(failing('prompts/a|b.prompt.yaml', 'yes | no', { line: 3 }), 'regression', [0, 4], [4, 4]);
    const body = renderSummaryComment({ compared: [compare('regression', piped)], head: report([piped]), headSha: SHA });
    expect(body).toContain('| `prompts/a\\|b.prompt.yaml:3` | yes \\| no | 4/4 (0–100%) → 0/4 (0–100%) | `contains`');
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
