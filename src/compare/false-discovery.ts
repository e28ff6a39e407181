// A run compares dozens of tests at once; at a 5% level each, a change that alters nothing would
// still be blamed for about one in twenty. Benjamini–Hochberg bounds the expected share of false
// alarms among the tests called changed, which is what a reviewer reading the list cares about.

/**
 * Which of `pValues` are discoveries at false-discovery rate `q` (Benjamini–Hochberg): the indices,
 * in their original order. Valid for independent tests, and for the positive dependence a shared
 * prompt change gives.
 */
export function benjaminiHochberg(pValues: readonly number[], q: number): number[] {
  if (!(q > 0 && q < 1)) throw new RangeError(`the false-discovery rate must be between 0 and 1, got ${q}`);
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  let largest = -1;
  for (let rank = 0; rank < order.length; rank++) {
    if (order[rank]!.p <= ((rank + 1) / order.length) * q) largest = rank;
  }
  return order
    .slice(0, largest + 1)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
}
