// The summary comment's usage part: cost and judge rows for head and base, the head's usage per
// file, the models without a price, and what gives way first when the comment is too long.
import { describe, expect, it } from 'vitest';
import type { ComparedTest } from '../../src/review/classify.js';
import { renderSummaryComment } from '../../src/review/render.js';
import type { TestResult } from '../../src/types.js';
import { failing, passing, report } from './helpers.js';

const A = 'prompts/a.prompt.yaml';
const B = 'prompts/b.prompt.yaml';
const SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

const compare = (change: ComparedTest['change'], head: TestResult): ComparedTest => ({ file: head.file, test: head.test, change, head });

describe('renderSummaryComment usage', () => {
  const graded = passing(A, 'polite', { cost: 0.01, judge: { calls: 1, tokens: { prompt: 100, completion: 20, total: 120 }, cost: 0.002 } });
  const plain = passing(A, 'short', { testIndex: 1, cost: 0.01 });
  const other = passing(B, 'refund', { cost: 0.005, judge: { calls: 2, tokens: { prompt: 150, completion: 150, total: 300 }, cost: 0.003 } });
  const head = report([graded, plain, other], {
    total: 3,
    passed: 3,
    tokens: { prompt: 120, completion: 30, total: 150 },
    cost: 0.025,
    unpricedModels: ['local-llama'],
    requests: 3,
    judge: { calls: 3, tokens: { prompt: 250, completion: 170, total: 420 }, cost: 0.005, requests: 3, cacheHits: 0 },
  });
  const base = report([passing(A, 'polite', { cost: 0.01 })], {
    total: 1,
    passed: 1,
    tokens: { prompt: 40, completion: 10, total: 50 },
    cost: 0.01,
    unpricedModels: ['gpt-x'],
    requests: 1,
  });

  it('shows cost and judge rows for both runs, the head per file, and the unpriced models of both', () => {
    const body = renderSummaryComment({ compared: [compare('passing', graded), compare('passing', plain), compare('passing', other)], head, base, headSha: SHA });
    expect(body).toContain(
      [
        '### Tokens and speed',
        '',
        '|  | This PR | Base |',
        '| --- | ---: | ---: |',
        '| Prompt tokens | 120 | 40 |',
        '| Completion tokens | 30 | 10 |',
        '| Total tokens | 150 | 50 |',
        '| Cost | \\$0.025 | \\$0.01 |',
        '| Mean latency | 500ms | 500ms |',
        '| Requests | 3 | 1 |',
        '| Cache hits | 0 | 0 |',
        '| Judge calls | 3 | 0 |',
        '| Judge tokens | 420 | 0 |',
        '| Judge cost | \\$0.005 | \\$0 |',
        '',
        '#### By file (this PR)',
        '',
        '| File | Tests | Tokens | Cost | Judge tokens | Judge cost |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        '| `prompts/a.prompt.yaml` | 2 | 100 | \\$0.02 | 120 | \\$0.002 |',
        '| `prompts/b.prompt.yaml` | 1 | 50 | \\$0.005 | 300 | \\$0.003 |',
        '| **Total** | 3 | 150 | \\$0.025 | 420 | \\$0.005 |',
        '',
        'Cost leaves out `gpt-x`, `local-llama`: no price; add them under `prices:` in promptgate.config.yaml.',
        '',
        '<sub>promptgate on 9f8e7d6</sub>',
      ].join('\n'),
    );
  });

  it('leaves out the judge cost row when no judge had a price, and the per-file table for one file', () => {
    const judged = passing(A, 'polite', { judge: { calls: 1, tokens: { prompt: 80, completion: 20, total: 100 } } });
    const body = renderSummaryComment({
      compared: [compare('passing', judged)],
      head: report([judged], {
        total: 1,
        passed: 1,
        tokens: { prompt: 40, completion: 10, total: 50 },
        requests: 1,
        unpricedModels: ['judge-llama', 'local-llama'],
        judge: { calls: 1, tokens: { prompt: 80, completion: 20, total: 100 }, requests: 1, cacheHits: 0 },
      }),
      headSha: SHA,
    });
    expect(body).toContain(
      [
        '| Total tokens | 50 |',
        '| Mean latency | 500ms |',
        '| Requests | 1 |',
        '| Cache hits | 0 |',
        '| Judge calls | 1 |',
        '| Judge tokens | 100 |',
        '',
        'Cost leaves out `judge-llama`, `local-llama`: no price; add them under `prices:` in promptgate.config.yaml.',
      ].join('\n'),
    );
    expect(body).not.toContain('| Cost |');
    expect(body).not.toContain('Judge cost');
    expect(body).not.toContain('By file');
  });

  it('gives up the per-file table before any failing test is left out', () => {
    const failures = Array.from({ length: 40 }, (_, i) => failing(i % 2 === 0 ? A : B, `test ${i}`, { line: i + 1, testIndex: i }));
    const input = {
      compared: failures.map((result) => compare('new-failing', result)),
      head: report(failures, { total: 40, failed: 40, passRate: 0, tokens: { prompt: 1600, completion: 400, total: 2000 }, requests: 40 }),
      headSha: SHA,
    };
    const roomy = renderSummaryComment(input);
    expect(roomy).toContain('#### By file (this PR)');

    const tight = renderSummaryComment(input, { maxChars: roomy.length - 1 });
    expect(tight.length).toBeLessThan(roomy.length);
    expect(tight).not.toContain('#### By file (this PR)');
    expect(tight).toContain('### New failures (40)');
    expect(tight).toContain('| `prompts/b.prompt.yaml:40` | test 39 |');
    expect(tight).not.toContain('more');
  });
});
