import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

describe('regex', () => {
  it('matches a plain pattern in both polarities', () => {
    expect(check('regex', '\\d{3}-\\d{4}', 'Call 555-1234 now')).toEqual({ pass: true, score: 1, reason: 'expected output to match /\\d{3}-\\d{4}/' });
    expect(check('regex', '^\\d+$', 'abc')).toEqual({ pass: false, score: 0, reason: 'expected output to match /^\\d+$/, got "abc"' });
    expect(check('not-regex', '^\\d+$', 'abc')).toEqual({ pass: true, score: 1, reason: 'expected output not to match /^\\d+$/' });
    expect(check('not-regex', '\\d{3}-\\d{4}', 'Call 555-1234 now')).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output not to match /\\d{3}-\\d{4}/, matched "555-1234"',
    });
  });

  it('accepts /pattern/flags', () => {
    expect(check('regex', '/refund/i', 'REFUND policy')).toEqual({ pass: true, score: 1, reason: 'expected output to match /refund/i' });
    expect(check('regex', 'refund', 'REFUND policy').pass).toBe(false);
    expect(check('regex', '/^end$/m', 'first\nend\nlast').pass).toBe(true);
    expect(check('regex', '^end$', 'first\nend\nlast').pass).toBe(false);
  });

  it('does not mistake a pattern that merely starts with a slash for the flags form', () => {
    expect(check('regex', '^/api/', '/api/v1').pass).toBe(true);
  });

  it('gives the same answer every time with the g and y flags (no leftover lastIndex)', () => {
    expect(check('regex', '/a/g', 'a').pass).toBe(true);
    expect(check('regex', '/a/g', 'a').pass).toBe(true);
    expect(check('regex', '/a/y', 'ab').pass).toBe(true);
    expect(check('regex', '/a/y', 'ab').pass).toBe(true);
  });

  it('supports unicode patterns', () => {
    expect(check('regex', '/^\\p{Lu}/u', 'Élan').pass).toBe(true);
    expect(check('regex', '/^\\p{Lu}/u', 'élan').pass).toBe(false);
  });

  it('an invalid regex is a failing result in both polarities, not an exception', () => {
    // The engine's own wording sits in the middle; it can change between Node versions.
    const result = check('regex', '(unclosed', 'anything');
    expect(result).toMatchObject({ pass: false, score: 0 });
    expect(result.reason).toMatch(
      /^invalid assertion value: invalid regex "\(unclosed": Invalid regular expression: .*Unterminated group; escape special characters such as \( \[ \+ \? with a backslash$/,
    );
    expect(check('not-regex', '(unclosed', 'anything').pass).toBe(false);
    expect(check('regex', '/x/zz', 'x').reason).toMatch(
      /^invalid assertion value: invalid regex "\/x\/zz": Invalid flags.*; after the closing \/ use only the flags d g i m s u y$/,
    );
  });

  it('answers a pattern that makes a backtracking engine run for years, on a 40-character output', () => {
    // JavaScript's own engine tries 2^40 ways to split the x's between the two dots before giving up.
    const hostile = '^(.|.)*\\x00$';
    const output = 'x'.repeat(40);
    expect(check('regex', hostile, output)).toEqual({ pass: false, score: 0, reason: `expected output to match /^(.|.)*\\x00$/, got "${output}"` });
    expect(check('not-regex', hostile, output)).toEqual({ pass: true, score: 1, reason: 'expected output not to match /^(.|.)*\\x00$/' });
    expect(check('regex', hostile, `${output}\0`).pass).toBe(true);
    expect(check('regex', '^(a+)+$', `${'a'.repeat(40)}!`).pass).toBe(false);
  });

  it('refuses what cannot run in linear time as an invalid value, in both polarities', () => {
    const result = check('regex', '^(?!.*sorry)', 'fine');
    expect(result).toEqual({
      pass: false,
      score: 0,
      reason:
        'invalid assertion value: invalid regex "^(?!.*sorry)": a lookahead (?!…) is not supported (promptgate matches patterns with RE2, ' +
        'which runs in time linear in the output, without lookaround); match the text itself, or check what must not appear with a separate not-regex assertion',
    });
    expect(check('not-regex', '(\\w)\\1', 'aa').reason).toMatch(/^invalid assertion value: invalid regex "\(\\\\w\)\\\\1": a backreference \\1 is not supported /);
  });

  it('names the leftmost match, as JavaScript finds it', () => {
    expect(check('not-regex', '/\\bsorry\\b/i', 'We are SORRY, so sorry.').reason).toBe('expected output not to match /\\bsorry\\b/i, matched "SORRY"');
    expect(check('not-regex', '<.+?>', 'a <b> <c>').reason).toBe('expected output not to match /<.+?>/, matched "<b>"');
  });
});

describe('regex work budget', () => {
  // About 2,000 RE2 instructions: 2,000 characters fit within 5,000,000 instructions × characters, 3,000 do not.
  const LENGTH_LIMIT = '^[\\s\\S]{0,1000}$';

  it('runs a large pattern on an output it can match quickly', () => {
    expect(check('regex', LENGTH_LIMIT, 'a'.repeat(2_000))).toMatchObject({ pass: false, reason: expect.stringMatching(/^expected output to match / ) });
    expect(check('regex', LENGTH_LIMIT, 'a'.repeat(900)).pass).toBe(true);
  });

  it('is errored in both polarities (no verdict), with the reason, rather than run long on a longer one', () => {
    const reason = /^the pattern \/\^\[\\s\\S\]\{0,1000\}\$\/ could take seconds on this text \(2,0\d\d RE2 instructions × 3,000 characters is more than the 5,000,000 promptgate allows\); use a smaller pattern, or max-length for a length limit$/;
    expect(check('regex', LENGTH_LIMIT, 'a'.repeat(3_000))).toMatchObject({ pass: false, score: 0, errored: true, reason: expect.stringMatching(reason) });
    expect(check('not-regex', LENGTH_LIMIT, 'a'.repeat(3_000))).toMatchObject({ pass: false, score: 0, errored: true, reason: expect.stringMatching(reason) });
  });
});
