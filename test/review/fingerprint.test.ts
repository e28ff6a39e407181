import { describe, expect, it } from 'vitest';
import type { ComparedTest } from '../../src/review/classify.js';
import { parsePatch } from '../../src/review/diff.js';
import { fingerprintOf, planFindings } from '../../src/review/findings.js';
import type { SampleResult } from '../../src/types.js';
import { fail, pass, result } from './helpers.js';
import { SUPPORT_FILE, SUPPORT_TEXT, loadFixture, supportSuite } from './suite-fixture.js';

const FILE = 'prompts/support.prompt.yaml';
const containsFails = fail('contains', 'expected output to contain "30 days", got 41 characters', { line: 22 });

describe('fingerprintOf', () => {
  const original = result(FILE, 'refund window', [pass('max-words', { line: 15 }), containsFails], { output: 'Sorry, no refunds.', line: 18 });

  it('is 16 hex digits', () => {
    expect(fingerprintOf(FILE, 'refund window', original)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not change with the output, the reason wording, latency or line numbers', () => {
    const resampled = result(
      FILE,
      'refund window',
      [pass('max-words', { line: 40 }), fail('contains', 'expected output to contain "30 days", got 97 characters', { line: 47 })],
      { output: 'Unfortunately we cannot refund that.', line: 43, latencyMs: 9000 },
    );
    expect(fingerprintOf(FILE, 'refund window', resampled)).toBe(fingerprintOf(FILE, 'refund window', original));
  });

  it('does not depend on the order the failing assertions are listed in', () => {
    const a = result(FILE, 't', [fail('contains', 'x'), fail('max-words', 'y')]);
    const b = result(FILE, 't', [fail('max-words', 'y'), fail('contains', 'x')]);
    expect(fingerprintOf(FILE, 't', a)).toBe(fingerprintOf(FILE, 't', b));
  });

  it('differs when a different assertion fails, or the file or test differs', () => {
    const other = result(FILE, 'refund window', [fail('max-words', 'expected at most 80 words'), pass('contains')]);
    const both = result(FILE, 'refund window', [fail('max-words', 'expected at most 80 words'), containsFails]);
    const prints = new Set([
      fingerprintOf(FILE, 'refund window', original),
      fingerprintOf(FILE, 'refund window', other),
      fingerprintOf(FILE, 'refund window', both),
      fingerprintOf('prompts/other.prompt.yaml', 'refund window', original),
      fingerprintOf(FILE, 'greeting', original),
    ]);
    expect(prints.size).toBe(5);
  });

  it('with repeats, uses every failed sample, so which sample failed first does not matter', () => {
    const failsContains: SampleResult = { sample: 0, status: 'failed', output: 'a', assertions: [fail('contains', 'x'), pass('max-words')], latencyMs: 1, tokens: { prompt: 1, completion: 1, total: 2 }, cached: false };
    const failsWords: SampleResult = { ...failsContains, sample: 1, assertions: [pass('contains'), fail('max-words', 'y')] };
    const passes: SampleResult = { ...failsContains, sample: 2, status: 'passed', assertions: [pass('contains'), pass('max-words')] };
    const run1 = result(FILE, 't', failsContains.assertions, { samples: [failsContains, failsWords, passes], flaky: true });
    const run2 = result(FILE, 't', failsWords.assertions, { samples: [passes, failsWords, failsContains], flaky: true });
    expect(fingerprintOf(FILE, 't', run1)).toBe(fingerprintOf(FILE, 't', run2));
  });
});

describe('fingerprints from planFindings', () => {
  const head = (line: number) =>
    result(SUPPORT_FILE, 'refund window', [pass('max-words', { line: 15 }), pass('not-icontains', { line: 16 }), fail('contains', 'missing', { line: line + 4 }), pass('icontains-any', { line: line + 5 })], {
      line,
      output: `output ${line}`,
    });
  const planOne = (text: string, line: number): string => {
    const compared: ComparedTest = { file: SUPPORT_FILE, test: 'refund window', change: 'regression', head: head(line) };
    return planFindings([compared], new Map([[SUPPORT_FILE, loadFixture(SUPPORT_FILE, text)]]), new Map([[SUPPORT_FILE, parsePatch(undefined)]]))[0]!.fingerprint;
  };

  it('stays the same when lines above the test move it down', () => {
    const moved = SUPPORT_TEXT.replace('  shop: Acme\n', '  shop: Acme\n  tone: friendly\n  region: EU\n');
    expect(moved).not.toBe(SUPPORT_TEXT);
    expect(planOne(moved, 20)).toBe(planOne(SUPPORT_TEXT, 18));
  });

  it('changes when the failing assertion’s value changes (two `contains` are told apart by value)', () => {
    const edited = SUPPORT_TEXT.replace('- contains: "30 days"', '- contains: "thirty days"');
    expect(edited).not.toBe(SUPPORT_TEXT);
    expect(planOne(edited, 18)).not.toBe(planOne(SUPPORT_TEXT, 18));
  });

  it('is what the finding carries', () => {
    const compared: ComparedTest = { file: SUPPORT_FILE, test: 'refund window', change: 'regression', head: head(18) };
    const [finding] = planFindings([compared], new Map([[SUPPORT_FILE, supportSuite()]]), new Map());
    expect(finding!.fingerprint).toBe(planOne(SUPPORT_TEXT, 18));
    expect(finding!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});
