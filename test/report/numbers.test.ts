import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatPercent, formatUsd, plural } from '../../src/report/numbers.js';

describe('report number formatting', () => {
  it('groups thousands the same on every locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('pluralises', () => {
    expect(plural(1, 'cache hit')).toBe('1 cache hit');
    expect(plural(2000, 'request')).toBe('2,000 requests');
  });

  it('never rounds a rate with a failure up to 100%', () => {
    expect(formatPercent(1999 / 2000)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('formats durations for people', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(4200)).toBe('4.2s');
    expect(formatDuration(125_000)).toBe('2m 05s');
  });
});

describe('formatUsd', () => {
  it('shows zero as $0 and a tiny non-zero cost as below a hundredth of a cent', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.00003)).toBe('<$0.0001');
    expect(formatUsd(0.0001)).toBe('$0.0001');
  });

  it('keeps four decimals below a dollar and cents above', () => {
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(0.012345)).toBe('$0.0123');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(1.23)).toBe('$1.23');
    expect(formatUsd(1.235)).toBe('$1.24');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });
});
