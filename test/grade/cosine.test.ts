import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../src/grade/cosine.js';

describe('cosineSimilarity', () => {
  it('is 1 for vectors pointing the same way, whatever their lengths', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([0.5], [7])).toBe(1);
  });

  it('is 0 for orthogonal vectors and -1 for opposite ones', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 0, 0], [-3, 0, 0])).toBe(-1);
  });

  it('gives the known angles in between', () => {
    // 45 degrees: cos = 1/sqrt(2)
    expect(cosineSimilarity([1, 1], [1, 0])).toBeCloseTo(0.70710678, 8);
    // (3,4)·(4,3) = 24, both norms 5
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(0.96, 12);
    // (1,2,2)·(2,-1,2) = 4, norms 3 and 3
    expect(cosineSimilarity([1, 2, 2], [2, -1, 2])).toBeCloseTo(4 / 9, 12);
  });

  it('never goes past 1 through rounding for a vector against itself', () => {
    const awkward = [0.1, 0.2, 0.3, 0.7, 1e-3, 123.456, -0.3333333333];
    const score = cosineSimilarity(awkward, awkward);
    expect(score).toBeLessThanOrEqual(1);
    expect(score).toBeGreaterThan(0.9999999);
  });

  it('is NaN when the lengths differ', () => {
    expect(cosineSimilarity([1, 2, 3], [1, 2])).toBeNaN();
  });

  it('is NaN for empty and all-zero vectors', () => {
    expect(cosineSimilarity([], [])).toBeNaN();
    expect(cosineSimilarity([0, 0], [1, 1])).toBeNaN();
    expect(cosineSimilarity([1, 1], [0, 0])).toBeNaN();
  });

  it('is NaN when a value is not finite', () => {
    expect(cosineSimilarity([1, NaN], [1, 1])).toBeNaN();
    expect(cosineSimilarity([1, Infinity], [1, 1])).toBeNaN();
    expect(cosineSimilarity([1, 1], [-Infinity, 1])).toBeNaN();
  });
});
