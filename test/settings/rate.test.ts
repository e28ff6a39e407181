// One reading of a rate for both edges: the CLI's --min-pass-rate and the Action's min-pass-rate input.
import { describe, expect, it } from 'vitest';
import { parseRate } from '../../src/settings/rate.js';

describe('parseRate', () => {
  it('reads a fraction from 0 to 1 and a percentage from 0% to 100%', () => {
    expect(['0.9', '90%', '90 %', ' 0.95 ', '1', '100%', '0', '0%', '.5', '12.5%'].map(parseRate)).toEqual([0.9, 0.9, 0.9, 0.95, 1, 1, 0, 0, 0.5, 0.125]);
  });

  it('reads nothing else', () => {
    expect(['', ' ', '90', '1.5', '101%', '-0.1', '0x1', '1e-1', 'ninety', '%', '0.9%%', 'NaN', 'Infinity'].map(parseRate)).toEqual(Array(13).fill(undefined));
  });
});
