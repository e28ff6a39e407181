import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

const OUTPUT = 'You can return it for a refund or an exchange.';

describe('contains-any / icontains-any', () => {
  it('passes when at least one is present', () => {
    expect(check('contains-any', ['refund', 'credit'], OUTPUT)).toEqual({
      pass: true,
      score: 1,
      reason: 'expected output to contain at least one of "refund", "credit"',
    });
    expect(check('contains-any', ['credit', 'voucher'], OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output to contain at least one of "credit", "voucher", got "You can return it for a refund or an exchange."',
    });
  });

  it('negated: none may be present, and says which was found', () => {
    expect(check('not-contains-any', ['credit', 'voucher'], OUTPUT)).toEqual({
      pass: true,
      score: 1,
      reason: 'expected output to contain none of "credit", "voucher"',
    });
    expect(check('not-contains-any', ['credit', 'refund', 'exchange'], OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output to contain none of "credit", "refund", "exchange", found "refund", "exchange"',
    });
  });

  it('icontains-any ignores case in both polarities', () => {
    expect(check('icontains-any', ['REFUND'], OUTPUT)).toEqual({
      pass: true,
      score: 1,
      reason: 'expected output to contain at least one of "REFUND" (ignoring case)',
    });
    expect(check('contains-any', ['REFUND'], OUTPUT).pass).toBe(false);
    expect(check('not-icontains-any', ['Exchange'], OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output to contain none of "Exchange" (ignoring case), found "Exchange"',
    });
  });
});

describe('contains-all / icontains-all', () => {
  it('passes only when every one is present and names the missing ones', () => {
    expect(check('contains-all', ['refund', 'exchange'], OUTPUT)).toEqual({
      pass: true,
      score: 1,
      reason: 'expected output to contain all of "refund", "exchange"',
    });
    expect(check('contains-all', ['refund', 'receipt', 'store'], OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output to contain all of "refund", "receipt", "store", missing "receipt", "store"',
    });
  });

  it('negated: fails only when every one is present', () => {
    expect(check('not-contains-all', ['refund', 'receipt'], OUTPUT)).toEqual({
      pass: true,
      score: 1,
      reason: 'expected output not to contain all of "refund", "receipt"',
    });
    expect(check('not-contains-all', ['refund', 'exchange'], OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output not to contain all of "refund", "exchange", found every one',
    });
  });

  it('icontains-all ignores case', () => {
    expect(check('icontains-all', ['YOU', 'Refund'], OUTPUT).pass).toBe(true);
    expect(check('contains-all', ['YOU', 'Refund'], OUTPUT).pass).toBe(false);
    expect(check('not-icontains-all', ['YOU', 'Refund'], OUTPUT).pass).toBe(false);
    expect(check('not-icontains-all', ['YOU', 'receipt'], OUTPUT)).toEqual({
      pass: true,
      score: 1,
      reason: 'expected output not to contain all of "YOU", "receipt" (ignoring case)',
    });
  });

  it('shortens long lists in reasons', () => {
    expect(check('contains-all', ['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'xyz').reason).toBe(
      'expected output to contain all of "a", "b", "c", "d", "e" and 2 more, missing "a", "b", "c", "d", "e" and 2 more',
    );
  });
});
