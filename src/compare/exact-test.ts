// Is the head worse than the base? Fisher's exact test on two pass counts, one-sided. The
// statistic conditions on the total number of passes, so under "no change" its p-value is exact
// whatever the common pass rate is — the property a verdict on a flaky test needs, since the true
// rate is never known. (Boschloo's test, which is more powerful, orders outcomes by this same
// p-value and maximises over the unknown rate.)

/** Pass counts of one side of a comparison. */
export interface PassCount {
  passed: number;
  samples: number;
}

/**
 * P(head passes this few or fewer | the passes on both sides together, no change): small when the
 * head passes markedly less often than the base. 1 when either side has no samples.
 */
export function fisherWorsePValue(base: PassCount, head: PassCount): number {
  checkCount(base, 'base');
  checkCount(head, 'head');
  const total = base.samples + head.samples;
  const passes = base.passed + head.passed;
  if (base.samples === 0 || head.samples === 0) return 1;
  // Head's passes follow a hypergeometric law: `passes` drawn from `total`, of which `head.samples` are the head's.
  const lowest = Math.max(0, passes - base.samples);
  const logDenominator = logChoose(total, passes);
  let p = 0;
  for (let k = lowest; k <= head.passed; k++) {
    p += Math.exp(logChoose(head.samples, k) + logChoose(base.samples, passes - k) - logDenominator);
  }
  // Rounding can carry a sum of probabilities past 1 in its last bits.
  return Math.min(1, p);
}

/** The same test in the other direction: small when the head passes markedly more often. */
export function fisherBetterPValue(base: PassCount, head: PassCount): number {
  return fisherWorsePValue(
    { passed: base.samples - base.passed, samples: base.samples },
    { passed: head.samples - head.passed, samples: head.samples },
  );
}

function checkCount(count: PassCount, side: string): void {
  if (!Number.isInteger(count.passed) || !Number.isInteger(count.samples) || count.passed < 0 || count.passed > count.samples) {
    throw new RangeError(`${side}: ${count.passed} passed of ${count.samples} samples is not a pass count`);
  }
}

// log(n!) for the counts a comparison meets (samples per side are bounded by `repeat`, at most
// 1,000), kept as the table grows: sums of logs are exact enough here and need no gamma function.
const logFactorials: number[] = [0];

function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}
