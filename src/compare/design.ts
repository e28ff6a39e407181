// The comparison's defaults, chosen by simulation (bench/comparison.mjs, and the README's
// "Verdicts" section): 60 tests at 70% on both sides, 20 that drop from 95% to 40%, 10 steady
// ones. Looks at 4, 8, 12, 16 and 24 samples a side with these futility bounds catch about 18 of
// the 20 drops with about 1,700 calls, where 10 samples a side for every test (1,800 calls) catch
// about 7; fewer, later looks cost more calls for the same power, and earlier futility stops lose
// drops that start with a lucky sample.
import type { SequentialDesign } from './sequential.js';

/** The settings a user may change (`compare:` in promptgate.config.yaml). */
export interface CompareSettings {
  /** Expected share of false alarms among the tests called changed, per direction. */
  falseAlarmRate: number;
  /** Samples a side a test gets at most. */
  maxSamples: number;
  /** Model calls the comparison may make, on average per compared test, both sides together. */
  budgetPerTest: number;
}

export const DEFAULT_COMPARE_SETTINGS: CompareSettings = { falseAlarmRate: 0.05, maxSamples: 24, budgetPerTest: 20 };

const LOOKS = [4, 8, 12, 16, 24];
const SHARES = [0.05, 0.1, 0.2, 0.3, 0.35];
const FUTILITY = [0.8, 0.4, 0.2, 0.1, 0.1];

/**
 * The design for `settings`: the default looks below the ceiling, then the ceiling, which takes the
 * share of the looks it replaces. `fixedSamples` (`--repeat`) makes it one look of that many samples.
 */
export function designOf(settings: CompareSettings, fixedSamples?: number): SequentialDesign {
  if (fixedSamples !== undefined) {
    return { looks: [fixedSamples], shares: [1], futility: [FUTILITY.at(-1)!], falseAlarmRate: settings.falseAlarmRate };
  }
  const kept = LOOKS.map((look, index) => ({ look, index })).filter(({ look }) => look < settings.maxSamples);
  const spent = kept.reduce((sum, { index }) => sum + SHARES[index]!, 0);
  return {
    looks: [...kept.map(({ look }) => look), settings.maxSamples],
    shares: [...kept.map(({ index }) => SHARES[index]!), 1 - spent],
    futility: [...kept.map(({ index }) => FUTILITY[index]!), FUTILITY.at(-1)!],
    falseAlarmRate: settings.falseAlarmRate,
  };
}
