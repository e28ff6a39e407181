import { describe, expect, it } from 'vitest';
import { MAX_STATE_CHARS } from '../../src/review/limits.js';
import { ReportedFilter } from '../../src/review/reported-filter.js';

const fingerprints = (count: number, offset = 0) => Array.from({ length: count }, (_, index) => (offset + index).toString(16).padStart(16, '0'));

function falseAnswers(filter: ReportedFilter, others: string[]): number {
  return others.filter((fingerprint) => filter.has(fingerprint)).length;
}

describe('ReportedFilter', () => {
  it('answers yes for every fingerprint it holds, after a round trip through its text', () => {
    const held = fingerprints(4_500);
    const filter = ReportedFilter.parse(ReportedFilter.of(held).serialise())!;
    expect(held.filter((fingerprint) => !filter.has(fingerprint))).toEqual([]);
  });

  it('rarely answers yes for one it does not hold: under 1 in 10,000 up to the size cap', () => {
    const others = fingerprints(100_000, 1_000_000);
    // Expected about 1 in 100,000 at 500 findings and 1 in 50,000 at 4,500 (past the cap).
    expect(falseAnswers(ReportedFilter.of(fingerprints(500)), others)).toBeLessThan(10);
    expect(falseAnswers(ReportedFilter.of(fingerprints(4_500)), others)).toBeLessThan(10);
  });

  it('takes about 4 characters per finding and never more than the cap', () => {
    expect(ReportedFilter.of(fingerprints(1_000)).serialise().length).toBeLessThanOrEqual(4_000 + 10);
    expect(ReportedFilter.of(fingerprints(50_000)).serialise().length).toBeLessThanOrEqual(MAX_STATE_CHARS - 90);
    expect(ReportedFilter.of([]).serialise()).toMatch(/^k=\d+ [A-Za-z0-9+/]+=*$/);
  });

  it('reads nothing from a damaged or foreign text', () => {
    for (const text of ['', 'k=3', 'k=0 AAAAAAAAAAA=', 'k=17 AAAAAAAAAAA=', 'k=3 AAAA', 'k=3 AAAAAAAAAAA= -->', 'fp1 fp2']) {
      expect(ReportedFilter.parse(text), text).toBeUndefined();
    }
  });
});
