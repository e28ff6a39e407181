// When to stop sampling a compared test, and what it is at the end. A flaky test needs many
// samples to show a change and a steady one needs few, so samples are taken in rounds ("looks") and
// a test gets the next round only while its evidence is undecided.
//
// Looking more than once would inflate the false-alarm rate if each look were tested at the full
// level, so the level is split across the looks in advance (Bonferroni spending): at look k the
// test's p-value counts as p ÷ share[k], and the smallest such value over the looks taken is a valid
// p-value however the looks were chosen. Stopping early because a change is unlikely (futility)
// never adds false alarms; it only spends fewer samples. The run's tests are then decided together
// with Benjamini–Hochberg, once per direction.
import { fisherBetterPValue, fisherWorsePValue, type PassCount } from './exact-test.js';
import { benjaminiHochberg } from './false-discovery.js';

export type { ComparisonChange } from '../types.js';
import type { ComparisonChange } from '../types.js';

export interface SequentialDesign {
  /** Samples a side after each look, ascending; the last is the ceiling. */
  looks: readonly number[];
  /** Share of the false-alarm rate spent at each look; they add up to 1. */
  shares: readonly number[];
  /**
   * A test goes on past look k only while its smaller one-sided p-value at that look is at most
   * `futility[k]`: past it, more samples would rarely make a change significant.
   */
  futility: readonly number[];
  /** Expected share of false alarms among the tests called changed, per direction. */
  falseAlarmRate: number;
}

export type Direction = 'worse' | 'better' | 'both';

/** Why a test stopped taking samples. */
export type StopReason =
  | 'significant' // certain to be called a change whatever the other tests show
  | 'no-change' // its evidence stopped pointing at a change (the futility bound)
  | 'identical' // every sample on both sides gave the same verdict from steady outputs
  | 'ceiling' // the design's last look
  | 'budget' // the run's call budget ran out before its next look
  | 'interrupted' // the run was stopped (a signal, an endpoint that stopped answering) before its next look
  | 'no-evidence'; // a side had no evaluated sample (every call errored, or no base)

/** One side's evaluated samples, and whether every answer was the same text. */
export interface SideEvidence extends PassCount {
  /** Every evaluated sample answered the very same text (a model that is deterministic here). */
  sameOutput: boolean;
}

/** The sequential state of one compared test. */
export class TestSequence {
  /** Looks taken so far. */
  looks = 0;
  /** p-values adjusted for the looks taken: valid at any stop. */
  worse = 1;
  better = 1;
  /** One-sided p-values at the last look, unadjusted: what the futility bound reads. */
  lastWorse = 1;
  lastBetter = 1;
  stopped: StopReason | undefined;

  /**
   * `watch`: the direction worth samples. A pull request looks for regressions; a suggested edit
   * must show its targeted test improved. The other direction is still tested on the samples taken.
   */
  constructor(
    private readonly design: SequentialDesign,
    private readonly watch: Direction = 'worse',
  ) {}

  /** Samples a side the next look needs; undefined once stopped. */
  nextSamples(): number | undefined {
    return this.stopped ? undefined : this.design.looks[this.looks];
  }

  /** Takes in both sides after a look. */
  observe(base: SideEvidence, head: SideEvidence): void {
    const look = this.looks++;
    if (base.samples === 0 || head.samples === 0) {
      this.stopped = 'no-evidence';
      return;
    }
    this.lastWorse = fisherWorsePValue(base, head);
    this.lastBetter = fisherBetterPValue(base, head);
    const share = this.design.shares[look] ?? 0;
    if (share > 0) {
      this.worse = Math.min(this.worse, this.lastWorse / share);
      this.better = Math.min(this.better, this.lastBetter / share);
    }
    if (steadyAndAlike(base, head)) this.stopped = 'identical';
    else if (this.leaning() > (this.design.futility[look] ?? 0)) this.stopped = 'no-change';
    else if (this.looks >= this.design.looks.length) this.stopped = 'ceiling';
  }

  /** The last look's p-value in the watched direction: small while the evidence leans towards a change. */
  leaning(): number {
    if (this.watch === 'worse') return this.lastWorse;
    if (this.watch === 'better') return this.lastBetter;
    return Math.min(this.lastWorse, this.lastBetter);
  }

  /** The adjusted p-value in the watched direction: the smaller, the more a further look is worth. */
  promise(): number {
    if (this.watch === 'worse') return this.worse;
    if (this.watch === 'better') return this.better;
    return Math.min(this.worse, this.better);
  }

  /** Already a discovery, which more samples cannot undo: no more looks. */
  stopAsSignificant(): void {
    this.stopped = 'significant';
  }

  /** The run stopped: no more looks. */
  stopAsInterrupted(): void {
    this.stopped ??= 'interrupted';
  }

  /** Out of budget: no more looks. */
  stopForBudget(): void {
    this.stopped ??= 'budget';
  }
}

/**
 * Both sides gave one verdict every time from one unchanging answer each: more samples would repeat
 * them. Different verdicts are left to the test, which needs only a few steady samples to decide.
 */
function steadyAndAlike(base: SideEvidence, head: SideEvidence): boolean {
  const verdict = (side: SideEvidence) => (side.passed === side.samples ? 'pass' : side.passed === 0 ? 'fail' : 'mixed');
  return base.sameOutput && head.sameOutput && verdict(base) !== 'mixed' && verdict(base) === verdict(head);
}

/**
 * Stops the tests that are discoveries already. A test's adjusted p-value only falls as it takes
 * looks, and Benjamini–Hochberg never withdraws a discovery when p-values fall, so a test called
 * changed now is called changed at the end, whatever the other tests still show: its further
 * samples would be spent for nothing.
 */
export function stopDiscoveries(sequences: readonly TestSequence[], design: SequentialDesign): void {
  const { regressions, improvements } = discoveries(sequences, design);
  for (const index of [...regressions, ...improvements]) if (!sequences[index]!.stopped) sequences[index]!.stopAsSignificant();
}

function discoveries(sequences: readonly TestSequence[], design: SequentialDesign): { regressions: Set<number>; improvements: Set<number> } {
  const compared = sequences.map((sequence, index) => ({ sequence, index })).filter(({ sequence }) => sequence.stopped !== 'no-evidence');
  const found = (pValues: number[]) => new Set(benjaminiHochberg(pValues, design.falseAlarmRate).map((i) => compared[i]!.index));
  return { regressions: found(compared.map(({ sequence }) => sequence.worse)), improvements: found(compared.map(({ sequence }) => sequence.better)) };
}

/**
 * The verdict of every compared test, together: Benjamini–Hochberg over the adjusted p-values,
 * regressions and improvements each at the design's false-alarm rate. A test that is neither is
 * `unchanged` when its evidence settled (no-change, identical, or a ceiling reached without a lean
 * past the last futility bound) and `inconclusive` when it was still undecided where it stopped.
 */
export function decide(sequences: readonly TestSequence[], design: SequentialDesign): ComparisonChange[] {
  const { regressions, improvements } = discoveries(sequences, design);
  const lastFutility = design.futility[design.looks.length - 1] ?? 0;
  return sequences.map((sequence, index) => {
    if (regressions.has(index)) return 'regression';
    if (improvements.has(index)) return 'improvement';
    switch (sequence.stopped) {
      case 'no-change':
      case 'identical':
        return 'unchanged';
      case 'ceiling':
        return sequence.leaning() > lastFutility ? 'unchanged' : 'inconclusive';
      default:
        return 'inconclusive';
    }
  });
}
