// The statistics a comparison rests on: exact values worked by hand, and the error rates they claim
// checked by simulation with a seeded generator (the same draws every run).
import { describe, expect, it } from 'vitest';
import { fisherBetterPValue, fisherWorsePValue } from '../../src/compare/exact-test.js';
import { benjaminiHochberg } from '../../src/compare/false-discovery.js';
import { wilsonInterval } from '../../src/compare/wilson.js';
import { seededRandom as seeded } from '../feedback/random-texts.js';

function passes(random: () => number, rate: number, samples: number): number {
  let passed = 0;
  for (let i = 0; i < samples; i++) if (random() < rate) passed++;
  return passed;
}

describe("Fisher's exact test, one-sided", () => {
  it('gives the hypergeometric tail worked by hand', () => {
    // 10/10 → 0/10: the one table of 20 choose 10 = 184,756 that is this extreme.
    expect(fisherWorsePValue({ passed: 10, samples: 10 }, { passed: 0, samples: 10 })).toBeCloseTo(1 / 184_756, 12);
    // 7/10 → 2/10: 9 passes in all; head with 0, 1 or 2 of them: (10 + 450 + 5,400) / (20 choose 9 = 167,960).
    expect(fisherWorsePValue({ passed: 7, samples: 10 }, { passed: 2, samples: 10 })).toBeCloseTo(5_860 / 167_960, 12);
    // 5/10 → 5/10: the sum of (10 choose k)² for k ≤ 5 over 184,756.
    expect(fisherWorsePValue({ passed: 5, samples: 10 }, { passed: 5, samples: 10 })).toBeCloseTo(124_130 / 184_756, 12);
  });

  it('reads the other direction for an improvement', () => {
    expect(fisherBetterPValue({ passed: 2, samples: 10 }, { passed: 7, samples: 10 })).toBeCloseTo(5_860 / 167_960, 12);
    expect(fisherBetterPValue({ passed: 7, samples: 10 }, { passed: 2, samples: 10 })).toBeGreaterThan(0.99);
  });

  it('is 1 when a side has no samples, and refuses counts that are not counts', () => {
    expect(fisherWorsePValue({ passed: 0, samples: 0 }, { passed: 0, samples: 5 })).toBe(1);
    expect(() => fisherWorsePValue({ passed: 6, samples: 5 }, { passed: 0, samples: 5 })).toThrow('base: 6 passed of 5 samples is not a pass count');
  });

  it('calls no change worse in at most 5% of comparisons at p ≤ 0.05, whatever the common pass rate (20,000 simulated each)', () => {
    const random = seeded(11);
    for (const rate of [0.3, 0.7, 0.95]) {
      let alarms = 0;
      for (let i = 0; i < 20_000; i++) {
        const base = { passed: passes(random, rate, 10), samples: 10 };
        const head = { passed: passes(random, rate, 10), samples: 10 };
        if (fisherWorsePValue(base, head) <= 0.05) alarms++;
      }
      // Exact and conditional, so conservative: the rate stays under the level, not merely near it.
      expect(alarms / 20_000).toBeLessThanOrEqual(0.05);
    }
  });
});

describe("Wilson's 95% interval", () => {
  it('matches the published values', () => {
    const seven = wilsonInterval({ passed: 7, samples: 10 });
    expect(seven.low).toBeCloseTo(0.3968, 4);
    expect(seven.high).toBeCloseTo(0.8922, 4);
    expect(wilsonInterval({ passed: 0, samples: 10 })).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
    expect(wilsonInterval({ passed: 10, samples: 10 })).toEqual({ low: expect.closeTo(0.7225, 4), high: 1 });
    expect(wilsonInterval({ passed: 0, samples: 0 })).toEqual({ low: 0, high: 1 });
  });

  it('covers the true rate about 95% of the time for the sample counts tests have (10,000 simulated per cell)', () => {
    const random = seeded(29);
    const coverages: number[] = [];
    for (const samples of [5, 10, 20, 40]) {
      for (const rate of [0.1, 0.3, 0.5, 0.7, 0.9, 0.97]) {
        let covered = 0;
        for (let i = 0; i < 10_000; i++) {
          const interval = wilsonInterval({ passed: passes(random, rate, samples), samples });
          if (interval.low <= rate && rate <= interval.high) covered++;
        }
        coverages.push(covered / 10_000);
      }
    }
    // Coverage of a discrete interval oscillates with n and p; Wilson's stays near its level on average.
    const mean = coverages.reduce((sum, value) => sum + value, 0) / coverages.length;
    expect(mean).toBeGreaterThan(0.93);
    expect(mean).toBeLessThan(0.975);
    expect(Math.min(...coverages)).toBeGreaterThan(0.83);
  });
});

describe('Benjamini–Hochberg', () => {
  it('keeps the p-values under their step-up line, in their original order', () => {
    // Thresholds for 4 tests at q = 0.05: 0.0125, 0.025, 0.0375, 0.05.
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.5], 0.05)).toEqual([0]);
    expect(benjaminiHochberg([0.04, 0.01, 0.03, 0.02], 0.05)).toEqual([0, 1, 2, 3]);
    // The step-up: 0.04 is over its own rank's line (0.0375 at rank 3 of 4) but 0.045 at rank 4 is under 0.05.
    expect(benjaminiHochberg([0.045, 0.04, 0.9, 0.001], 0.05)).toEqual([3]);
    expect(benjaminiHochberg([0.045, 0.04, 0.046, 0.001], 0.05)).toEqual([0, 1, 2, 3]);
    expect(benjaminiHochberg([], 0.05)).toEqual([]);
  });

  it('raises a false alarm on 60 unchanged tests in at most 5% of runs (4,000 simulated runs)', () => {
    const random = seeded(47);
    let runsWithAlarm = 0;
    for (let run = 0; run < 4_000; run++) {
      const pValues = Array.from({ length: 60 }, () => random());
      if (benjaminiHochberg(pValues, 0.05).length > 0) runsWithAlarm++;
    }
    // Under no change at all the false-discovery rate is the chance of any alarm: q, up to sampling error (±0.7%).
    expect(runsWithAlarm / 4_000).toBeLessThanOrEqual(0.057);
  });

  it('refuses a rate outside (0, 1)', () => {
    expect(() => benjaminiHochberg([0.1], 1)).toThrow('the false-discovery rate must be between 0 and 1, got 1');
  });
});
