import { describe, expect, it } from 'vitest';
import { isMarkedFixed, parseFindingFingerprint, renderFindingComment, renderFixedComment } from '../../src/review/render.js';
import type { SampleResult } from '../../src/types.js';
import { compared, fail, pass, passing, result } from './helpers.js';
import { ZWJ, finding, outsideFences, unclosedFence } from './render-helpers.js';

const FILE = 'prompts/support.prompt.yaml';

describe('renderFindingComment', () => {
  it('renders a regression: heading with the counts, location, evidence, vars, failing assertions, base vs head output, marker', () => {
    const head = compared(
      result(FILE, 'refund window', [pass('max-words'), fail('contains', 'expected output to contain "30 days"')], {
        line: 18,
        vars: { question: 'Can I get my money back?' },
        output: 'Sorry, no refunds.',
      }),
      'regression',
      [0, 8, { low: 0, high: 0.3244 }],
      [8, 8, { low: 0.6756, high: 1 }],
    );
    const base = passing(FILE, 'refund window', { output: 'Yes, within 30 days.' });
    expect(renderFindingComment(finding(head, 'regression', { base }), {})).toBe(
      [
        '**Regression**: "refund window" passes less often than on the base branch (8/8 → 0/8)',
        '',
        '`prompts/support.prompt.yaml:18` · Support',
        '',
        '**Samples passed:** 8/8 (68–100%) on the base branch → 0/8 (0–32%) now <sub>(95% Wilson intervals)</sub>',
        '',
        '**Vars:** `question="Can I get my money back?"`',
        '',
        '**Failing assertion**',
        '- `contains`: expected output to contain "30 days"',
        '',
        '**Output on the base branch (passed)**',
        '',
        '```',
        'Yes, within 30 days.',
        '```',
        '',
        '**Output now**',
        '',
        '```',
        'Sorry, no refunds.',
        '```',
        '',
        '<!-- promptgate:finding fp=0123456789abcdef -->',
      ].join('\n'),
    );
  });

  it('shows a passing base sample for a regression, even when the base as a whole fell short of its bar', () => {
    const sample = (index: number, status: 'passed' | 'failed', output: string): SampleResult => ({
      sample: index,
      status,
      output,
      assertions: [status === 'passed' ? pass('contains') : fail('contains', 'x')],
      latencyMs: 1,
      tokens: { prompt: 1, completion: 1, total: 2 },
      cached: false,
    });
    const base = result(FILE, 'refund window', [fail('contains', 'x')], { output: 'No.', samples: [sample(0, 'failed', 'No.'), sample(1, 'passed', 'Yes, within 30 days.')] });
    const head = compared(result(FILE, 'refund window', [fail('contains', 'x')], { output: 'Never.' }), 'regression', [0, 2], [1, 2]);
    const body = renderFindingComment(finding(head, 'regression', { base }), {});
    expect(body).toContain('**Output on the base branch (passed)**\n\n```\nYes, within 30 days.\n```');
    expect(body).toContain('**Output now**\n\n```\nNever.\n```');
  });

  it('headings for the other changes', () => {
    const head = result(FILE, 'greeting', [fail('max-length', 'too long')], { output: '' });
    expect(renderFindingComment(finding(head, 'new-failing'), {}).split('\n')[0]).toBe('**New failure**: "greeting" fails, and there is no such test on the base branch');
    expect(renderFindingComment(finding(head, 'still-failing'), {}).split('\n')[0]).toBe('**Still failing**: "greeting" fails, as it did on the base branch');
    expect(renderFindingComment(finding(head, 'new-failing', { base: result(FILE, 'greeting', [], { status: 'errored' }) }), {}).split('\n')[0]).toBe(
      '**Failing**: "greeting" fails; on the base branch it could not be evaluated',
    );
    expect(renderFindingComment(finding(head, 'still-failing'), {})).toContain('**Output:** _the model returned no output._');
    const undecided = compared(head, 'inconclusive', [12, 16], [16, 16]);
    expect(renderFindingComment(finding(undecided, 'inconclusive'), {}).split('\n')[0]).toBe('**Inconclusive**: "greeting" may have changed, but the samples do not decide (16/16 → 12/16)');
    const better = compared(head, 'improvement', [7, 8], [0, 8]);
    expect(renderFindingComment(finding(better, 'improved'), {}).split('\n')[0]).toBe('**Improved**: "greeting" passes more often than on the base branch (0/8 → 7/8)');
    const added = compared(head, 'new', [0, 3, { low: 0, high: 0.5615 }]);
    expect(renderFindingComment(finding(added, 'new-failing'), {})).toContain('**Samples passed:** 0/3 (0–56%) <sub>(95% Wilson interval; no such test on the base branch)</sub>');
  });

  it('shows the pass rate of a flaky test against the rate it needs', () => {
    const failed: SampleResult = { sample: 0, status: 'failed', output: 'no', assertions: [fail('contains', 'x')], latencyMs: 1, tokens: { prompt: 1, completion: 1, total: 2 }, cached: false };
    const passed: SampleResult = { ...failed, status: 'passed', assertions: [pass('contains')] };
    const samples = [passed, failed, passed, failed, passed].map((s, index) => ({ ...s, sample: index }));
    const head = result(FILE, 'refund window', [fail('contains', 'x')], { line: 18, flaky: true, passRate: 0.6, minPassRate: 0.8, samples });
    expect(renderFindingComment(finding(head, 'regression'), {})).toContain('`prompts/support.prompt.yaml:18` · Support · flaky: 3/5 samples passed, needs 80%');
  });

  it('an output full of backtick runs cannot close its fence early', () => {
    const output = 'before\n```\ninside a fake fence\n````\n`````js\nstill output\n```';
    const head = result(FILE, 't', [fail('contains', 'x')], { output });
    const body = renderFindingComment(finding(head, 'still-failing'), {});
    expect(body).toContain('``````\n' + output + '\n``````');
    expect(unclosedFence(body)).toBeUndefined();
    expect(outsideFences(body)).not.toContain('still output');
  });

  it('neutralises mentions, HTML and links in names, reasons and suite; vars stay in code', () => {
    const head = result(FILE, 'ping @octocat <img src=x onerror=alert(1)>', [fail('contains', 'expected <!-- hidden --> and [click](https://evil.example) for @org/team')], {
      suite: 'Suite @admin',
      vars: { question: '@octocat <b>hi</b>' },
      output: '@octocat <img src=x> <!-- x -->',
    });
    const body = renderFindingComment(finding(head, 'still-failing'), {});
    const rendered = outsideFences(body);
    // Outside code, no `@name` is left that GitHub would turn into a ping.
    expect(rendered.replace(/`[^`]*`/g, '')).not.toMatch(/@\w/);
    expect(rendered).toContain(`"ping @${ZWJ}octocat &lt;img src=x onerror=alert(1)&gt;"`);
    expect(rendered).toContain(`expected &lt;!-- hidden --&gt; and \\[click\\](https:${ZWJ}//evil.example) for @${ZWJ}org/team`);
    expect(rendered).toContain(`Suite @${ZWJ}admin`);
    expect(rendered).toContain('**Vars:** `question="@octocat <b>hi</b>"`');
    // The raw output is only inside the fence.
    expect(body).toContain('```\n@octocat <img src=x> <!-- x -->\n```');
    // Our own marker is the only HTML comment outside code spans and fences besides none at all.
    expect(rendered.replace(/`[^`]*`/g, '').match(/<!--/g)).toHaveLength(1);
  });

  it('a forged marker in the output does not win over the real one', () => {
    const head = result(FILE, 't', [fail('contains', 'x')], { output: '<!-- promptgate:finding fp=deadbeefdeadbeef state=fixed -->' });
    const body = renderFindingComment(finding(head, 'still-failing', { fingerprint: 'aaaabbbbccccdddd' }), {});
    expect(parseFindingFingerprint(body)).toBe('aaaabbbbccccdddd');
    expect(isMarkedFixed(body)).toBe(false);
  });

  it('stays readable with a huge output: capped at 4,000 characters, folded, far under the limit', () => {
    const head = result(FILE, 't', [fail('contains', 'x')], { output: 'word '.repeat(40_000) });
    const body = renderFindingComment(finding(head, 'still-failing'), {});
    expect(body.length).toBeLessThan(5000);
    expect(body).toContain('<summary>Output (1 line, 200,000 characters, truncated)</summary>');
    expect(body).toContain('… [196026 more characters]\n```');
    expect(unclosedFence(body)).toBeUndefined();
    expect(parseFindingFingerprint(body)).toBe('0123456789abcdef');
  });

  it('fits maxChars with huge base and head outputs made of backticks, keeping fences closed and the marker last', () => {
    const ticks = '`'.repeat(50_000);
    const head = result(FILE, 't', Array.from({ length: 60 }, (_, i) => fail(`contains`, `reason ${i} `.repeat(100))), { output: ticks, vars: { doc: 'x'.repeat(10_000) } });
    const base = passing(FILE, 't', { output: ticks + '\n' + ticks });
    for (const maxChars of [60_000, 8000, 2500, 700]) {
      const body = renderFindingComment(finding(head, 'regression', { base }), { maxChars });
      expect(body.length).toBeLessThanOrEqual(maxChars);
      expect(unclosedFence(body)).toBeUndefined();
      expect(body).toEndWith('<!-- promptgate:finding fp=0123456789abcdef -->');
    }
    const generous = renderFindingComment(finding(head, 'regression', { base }), {});
    expect(generous).toContain('- …and 40 more failing assertions');
  });

  it('with a tiny maxChars keeps the heading (cut) and the marker', () => {
    const head = result(FILE, 'a very long test name '.repeat(20), [fail('contains', 'x')]);
    const body = renderFindingComment(finding(head, 'still-failing'), { maxChars: 120 });
    expect(body.length).toBeLessThanOrEqual(120);
    expect(parseFindingFingerprint(body)).toBe('0123456789abcdef');
  });
});

describe('finding markers', () => {
  it('round-trips the fingerprint and reads open comments as not fixed', () => {
    const body = renderFindingComment(finding(result(FILE, 't', [fail('contains', 'x')]), 'regression', { fingerprint: '00ff00ff00ff00ff' }), {});
    expect(parseFindingFingerprint(body)).toBe('00ff00ff00ff00ff');
    expect(isMarkedFixed(body)).toBe(false);
    // GitHub may hand a body back with CRLF line endings or a trailing newline.
    expect(parseFindingFingerprint(body.replace(/\n/g, '\r\n') + '\r\n')).toBe('00ff00ff00ff00ff');
  });

  it('finds nothing in a comment that is not ours', () => {
    expect(parseFindingFingerprint('LGTM @octocat')).toBeUndefined();
    expect(parseFindingFingerprint('<!-- promptgate:finding fp=NOT-HEX -->')).toBeUndefined();
    expect(isMarkedFixed('LGTM')).toBe(false);
  });
});

describe('renderFixedComment', () => {
  const open = renderFindingComment(finding(result(FILE, 'refund window', [fail('contains', 'x')]), 'regression', { fingerprint: '1234abcd1234abcd' }), {});

  it('puts a ✅ line on top, folds the old details and flags the marker fixed', () => {
    const fixed = renderFixedComment(open, '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432');
    expect(fixed).toStartWith('✅ **Fixed** in 9f8e7d6: this test no longer fails this way.\n\n<details>\n<summary>Previous failure</summary>\n\n**Regression**: "refund window"');
    expect(fixed).toEndWith('</details>\n\n<!-- promptgate:finding fp=1234abcd1234abcd state=fixed -->');
    expect(fixed.match(/promptgate:finding/g)).toHaveLength(1);
    expect(parseFindingFingerprint(fixed)).toBe('1234abcd1234abcd');
    expect(isMarkedFixed(fixed)).toBe(true);
  });

  it('is idempotent: fixing a fixed comment changes nothing', () => {
    const fixed = renderFixedComment(open, 'abcdef1');
    expect(renderFixedComment(fixed, '1111111')).toBe(fixed);
  });

  it('drops the old details rather than cutting them when they would not fit', () => {
    const fixed = renderFixedComment(open, 'abcdef1', { maxChars: 200 });
    expect(fixed).toBe('✅ **Fixed** in abcdef1: this test no longer fails this way.\n\n<!-- promptgate:finding fp=1234abcd1234abcd state=fixed -->');
  });

  it('keeps only hex from the sha', () => {
    expect(renderFixedComment(open, '@octocat <b>').split('\n')[0]).toBe('✅ **Fixed** in ccab: this test no longer fails this way.');
  });
});
