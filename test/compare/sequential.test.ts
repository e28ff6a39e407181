// The group-sequential comparison (src/compare/sequential.ts with the default design): single tests
// worked by hand, then the design's claims checked by seeded simulation on the pure functions: few
// false alarms when nothing changed, and most real drops caught within the call budget.
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE_SETTINGS, designOf } from '../../src/compare/design.js';
import { decide, stopDiscoveries, TestSequence, type SideEvidence } from '../../src/compare/sequential.js';
import { seededRandom } from '../feedback/random-texts.js';

const design = designOf(DEFAULT_COMPARE_SETTINGS);
const flaky = (passed: number, samples: number): SideEvidence => ({ passed, samples, sameOutput: false });
const steady = (passed: number, samples: number): SideEvidence => ({ passed, samples, sameOutput: true });

describe('one test, worked by hand', () => {
  it('the default design looks at 4, 8, 12, 16 and 24 samples a side', () => {
    const sequence = new TestSequence(design);
    const looks: number[] = [];
    // 4/4 → 3/4, 8/8 → 5/8, …: always leaning towards worse, never far enough to stop.
    for (let next = sequence.nextSamples(); next !== undefined; next = sequence.nextSamples()) {
      looks.push(next);
      sequence.observe(flaky(next, next), flaky(next - 1 - Math.floor(next / 4), next));
    }
    expect(looks).toEqual([4, 8, 12, 16, 24]);
    expect(sequence.stopped).toBe('ceiling');
  });

  it('stops after the first look, unchanged, when both sides answered one steady text with one verdict', () => {
    const sequence = new TestSequence(design);
    sequence.observe(steady(4, 4), steady(4, 4));
    expect(sequence.stopped).toBe('identical');
    expect(sequence.nextSamples()).toBeUndefined();
    expect(decide([sequence], design)).toEqual(['unchanged']);
  });

  it('goes on after a steady 4/4 → 0/4 flip, which four samples cannot prove, and calls it a regression at 8/8 → 0/8', () => {
    const sequence = new TestSequence(design);
    sequence.observe(steady(4, 4), steady(0, 4));
    // One table in C(8,4) = 70 is as extreme: p = 1/70, counted as 1/70 ÷ 0.05 (the first look's share) = 0.286.
    expect(sequence.lastWorse).toBeCloseTo(1 / 70, 12);
    expect(sequence.worse).toBeCloseTo(1 / 70 / 0.05, 12);
    expect(sequence.stopped).toBeUndefined();
    expect(sequence.nextSamples()).toBe(8);

    sequence.observe(steady(8, 8), steady(0, 8));
    // p = 1/C(16,8) = 1/12,870, ÷ 0.1 = 0.00078: a discovery whatever else the run holds.
    expect(sequence.worse).toBeCloseTo(1 / 12_870 / 0.1, 12);
    stopDiscoveries([sequence], design);
    expect(sequence.stopped).toBe('significant');
    expect(decide([sequence], design)).toEqual(['regression']);
  });

  it('stops for futility, unchanged, once the lean towards worse is weaker than the bound', () => {
    const sequence = new TestSequence(design);
    // 4/4 → 3/4: of the C(8,7) = 8 ways to place 7 passes, 4 give the head 3 → p = 0.5, under the first bound (0.8).
    sequence.observe(flaky(4, 4), flaky(3, 4));
    expect(sequence.lastWorse).toBeCloseTo(0.5, 12);
    expect(sequence.stopped).toBeUndefined();
    // 8/8 → 7/8: 8 of the 16 ways to place 15 passes give the head 7 → p = 0.5, over the second bound (0.4).
    sequence.observe(flaky(8, 8), flaky(7, 8));
    expect(sequence.lastWorse).toBeCloseTo(0.5, 12);
    expect(sequence.stopped).toBe('no-change');
    expect(decide([sequence], design)).toEqual(['unchanged']);
  });

  it('calls a test stopped by the budget while still leaning towards worse inconclusive, never a regression', () => {
    const sequence = new TestSequence(design);
    sequence.observe(flaky(4, 4), flaky(0, 4));
    sequence.stopForBudget();
    expect(sequence.stopped).toBe('budget');
    expect(decide([sequence], design)).toEqual(['inconclusive']);
  });
});

// --- simulation ---------------------------------------------------------------------------------

/** A compared test: its true pass rate on each side; `steady` ones answer one text every time. */
interface TrueRates {
  base: number;
  head: number;
  steady?: boolean;
}

/**
 * One comparison run, scheduled as compareSides schedules it: every test gets the first look; after
 * that, the tests still undecided get their next look, most promising first, while the budget
 * (20 calls a test, both sides) lasts; discoveries stop as soon as they are certain.
 */
function simulateRun(tests: TrueRates[], random: () => number) {
  const sequences = tests.map(() => new TestSequence(design));
  const counts = tests.map(() => ({ base: 0, head: 0, samples: 0 }));
  const budget = DEFAULT_COMPARE_SETTINGS.budgetPerTest * tests.length;
  let calls = 0;
  for (let round = 1; ; round++) {
    const wanting = tests.map((_, index) => index).filter((index) => sequences[index]!.nextSamples() !== undefined);
    if (round > 1) wanting.sort((a, b) => sequences[a]!.promise() - sequences[b]!.promise());
    const looking: number[] = [];
    for (const index of wanting) {
      const cost = 2 * (sequences[index]!.nextSamples()! - counts[index]!.samples);
      if (round > 1 && calls + cost > budget) sequences[index]!.stopForBudget();
      else {
        calls += cost;
        looking.push(index);
      }
    }
    if (looking.length === 0) break;
    for (const index of looking) {
      const test = tests[index]!;
      const count = counts[index]!;
      const to = sequences[index]!.nextSamples()!;
      for (; count.samples < to; count.samples++) {
        if (test.steady ? test.base === 1 : random() < test.base) count.base++;
        if (test.steady ? test.head === 1 : random() < test.head) count.head++;
      }
      const side = test.steady ? steady : flaky;
      sequences[index]!.observe(side(count.base, count.samples), side(count.head, count.samples));
    }
    stopDiscoveries(sequences, design);
  }
  return { changes: decide(sequences, design), calls };
}

const NOISY: TrueRates[] = Array.from({ length: 60 }, () => ({ base: 0.7, head: 0.7 }));

describe('the default design, simulated (seeded)', () => {
  it('calls any of 60 unchanged tests at 70% a regression in at most about 5% of 400 runs', () => {
    const random = seededRandom(2024);
    let runsWithRegression = 0;
    for (let run = 0; run < 400; run++) {
      if (simulateRun(NOISY, random).changes.includes('regression')) runsWithRegression++;
    }
    // Under the global null, Benjamini–Hochberg at 5% bounds the chance of any regression by 5%: 20
    // of 400 runs expected at worst. A design exactly at 5% gives 20 ± 4.4 (one standard error),
    // so the bound allows three standard errors over it (33, 8%): it fails a design at 10% (40 ± 6)
    // nearly always, but not a correct one for an unlucky seed.
    expect(runsWithRegression).toBeLessThanOrEqual(33);
  });

  it('catches at least 16 of 20 drops from 95% to 40% on average, beside 60 noisy tests and 10 steady ones, within 1,800 calls', () => {
    const tests: TrueRates[] = [
      ...NOISY,
      ...Array.from({ length: 20 }, () => ({ base: 0.95, head: 0.4 })),
      ...Array.from({ length: 10 }, () => ({ base: 1, head: 1, steady: true })),
    ];
    const random = seededRandom(7);
    const runs = Array.from({ length: 100 }, () => simulateRun(tests, random));
    const caught = runs.map(({ changes }) => changes.slice(60, 80).filter((change) => change === 'regression').length);
    expect(caught.reduce((sum, value) => sum + value, 0) / runs.length).toBeGreaterThanOrEqual(16);
    expect(Math.max(...runs.map(({ calls }) => calls))).toBeLessThanOrEqual(1_800);
    expect(runs.flatMap(({ changes }) => changes.slice(80)).filter((change) => change !== 'unchanged')).toEqual([]);
  });
});
