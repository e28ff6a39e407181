/**
 * Cosine of the angle between two vectors: 1 for the same direction, 0 for unrelated, -1 for
 * opposite. Returns NaN, never throws, when no angle exists: the lengths differ, a vector is empty
 * or all zeros, a value is not finite, or values are so large or small that their squares overflow
 * or underflow. The caller reports NaN as an errored result, not as a score.
 */
export function cosineSimilarity(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) return NaN;
  let dot = 0;
  let squaresA = 0;
  let squaresB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    squaresA += x * x;
    squaresB += y * y;
  }
  if (squaresA === 0 || squaresB === 0) return NaN;
  const cosine = dot / (Math.sqrt(squaresA) * Math.sqrt(squaresB));
  // Rounding can put parallel vectors a hair past ±1; a threshold check must not see 1.0000000002.
  // Math.min/max keep NaN (from a non-finite value) as NaN.
  return Math.min(1, Math.max(-1, cosine));
}
