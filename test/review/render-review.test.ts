import { describe, expect, it } from 'vitest';
import { REVIEW_MARKER, renderReviewBody } from '../../src/review/render.js';
import { compared, fail, result } from './helpers.js';
import { finding, outsideFences, unclosedFence } from './render-helpers.js';

const FILE = 'prompts/support.prompt.yaml';
const SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
const RUN = 'https://github.com/acme/shop/actions/runs/42';

const failingTest = (name: string, line: number, reason = 'expected output to contain "30 days"') =>
  result(FILE, name, [fail('contains', reason)], { line, output: `output of ${name}` });

describe('renderReviewBody', () => {
  const inDiff = finding(failingTest('refund window', 18), 'regression', { fingerprint: 'a1' });
  const onFile = finding(failingTest('greeting', 24), 'new-failing', { fingerprint: 'a2', anchor: { kind: 'file', path: FILE } });
  const elsewhere = finding(
    compared(result('prompts/other.prompt.yaml', 'tone', [fail('icontains', 'expected "thanks"')], { line: 7, output: 'ok' }), 'regression', [0, 8, { low: 0, high: 0.3244 }], [8, 8, { low: 0.6756, high: 1 }]),
    'regression',
    { fingerprint: 'a3', anchor: { kind: 'body' } },
  );
  const overflowOne = finding(compared(failingTest('late one', 40), 'regression', [0, 4], [4, 4]), 'regression', { fingerprint: 'a4' });

  it('gives the counts, shows unanchored findings as blocks and overflow as one line each', () => {
    const body = renderReviewBody({ findings: [inDiff, onFile, elsewhere, overflowOne], inline: 2, overflow: [overflowOne], headSha: SHA, runUrl: RUN });
    expect(body).toStartWith(
      [
        REVIEW_MARKER,
        '### ❌ promptgate: 4 failing tests',
        '',
        '3 regressions · 1 new failure',
        '',
        '2 inline comments in this review; 1 outside the diff, shown below; 1 more over the inline-comment limit, listed below.',
        '',
        '#### Outside this PR’s diff',
        '',
        '**Regression**: "tone" passes less often than on the base branch (8/8 → 0/8)',
        '',
        '`prompts/other.prompt.yaml:7` · Support',
        '',
        '**Samples passed:** 8/8 (68–100%) on the base branch → 0/8 (0–32%) now <sub>(95% Wilson intervals)</sub>',
      ].join('\n'),
    );
    expect(body).toContain('```\nok\n```');
    expect(body).toContain(
      '#### Not commented inline\n\n- **Regression**: "late one" · `prompts/support.prompt.yaml:40` · 4/4 → 0/4 samples passed · `contains`: expected output to contain "30 days"',
    );
    expect(body).toEndWith('<sub>promptgate on 9f8e7d6 · [workflow run](https://github.com/acme/shop/actions/runs/42)</sub>');
    // Inline findings are not repeated in the body.
    expect(body).not.toContain('refund window');
    expect(body).not.toContain('greeting');
  });

  it('separates unanchored blocks with a rule and shows a finding that is both unanchored and overflow once', () => {
    const second = finding(failingTest('second', 30), 'new-failing', { fingerprint: 'a5', anchor: { kind: 'body' } });
    const body = renderReviewBody({ findings: [elsewhere, second], inline: 0, overflow: [second], headSha: SHA });
    expect(body).toContain('```\nok\n```\n\n---\n\n**New failure**: "second"');
    expect(body.split('"second"')).toHaveLength(2);
    expect(body).toContain('2 outside the diff, shown below.');
    expect(body).not.toContain('Not commented inline');
  });

  it('does not link a run URL that is not plain http(s)', () => {
    const body = renderReviewBody({ findings: [inDiff], inline: 1, overflow: [], headSha: SHA, runUrl: 'javascript:alert(1)' });
    expect(body).toEndWith('<sub>promptgate on 9f8e7d6</sub>');
    const withParen = renderReviewBody({ findings: [inDiff], inline: 1, overflow: [], headSha: SHA, runUrl: 'https://x.example/a)(b' });
    expect(withParen).not.toContain('](');
  });

  it('says so when there is nothing to report', () => {
    expect(renderReviewBody({ findings: [], inline: 0, overflow: [], headSha: SHA })).toBe(
      `${REVIEW_MARKER}\n### ✅ promptgate: no failing tests\n\n<sub>promptgate on 9f8e7d6</sub>`,
    );
  });

  it('neutralises names and reasons in the one-line list', () => {
    const sneaky = finding(failingTest('@octocat <img src=x>', 3, 'see [here](https://evil.example)'), 'regression', { fingerprint: 'b1' });
    const body = renderReviewBody({ findings: [sneaky], inline: 0, overflow: [sneaky], headSha: SHA });
    expect(body).toContain('"@\u200Doctocat &lt;img src=x&gt;"');
    expect(body).toContain('see \\[here\\](https:\u200D//evil.example)');
  });

  it('stays under maxChars with hundreds of huge unanchored findings, ending with how many were left out', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      finding(result(FILE, `test ${i}`, [fail('contains', 'r'.repeat(400))], { line: i + 1, output: '`'.repeat(5000) + 'x'.repeat(20_000) }), 'regression', {
        fingerprint: `f${i}`,
        anchor: { kind: 'body' },
      }),
    );
    const body = renderReviewBody({ findings: many, inline: 0, overflow: [], headSha: SHA, runUrl: RUN });
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toMatch(/_…and \d+ more findings not shown here, to stay within GitHub's size limit\._/);
    expect(unclosedFence(body)).toBeUndefined();
    expect(outsideFences(body)).toContain('[workflow run]');

    const small = renderReviewBody({ findings: many.slice(0, 3), inline: 0, overflow: [], headSha: SHA }, { maxChars: 3000 });
    expect(small.length).toBeLessThanOrEqual(3000);
    expect(unclosedFence(small)).toBeUndefined();
  });
});
