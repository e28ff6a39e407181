import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../src/cost/price-table.js';
import { costOf, findPrice, mergePrices } from '../../src/cost/prices.js';
import { preciseUsd } from '../../src/cost/usd.js';

const TABLE = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o-2024-05-13': { input: 5, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'openai/special': { input: 1, output: 1 },
  special: { input: 2, output: 2 },
};

describe('findPrice', () => {
  it('finds an exact name', () => {
    expect(findPrice('gpt-4o-mini', TABLE)).toEqual({ input: 0.15, output: 0.6 });
  });

  it('drops a provider prefix, as GitHub Models files write model names', () => {
    expect(findPrice('openai/gpt-4o', TABLE)).toEqual({ input: 2.5, output: 10 });
    expect(findPrice('openai/gpt-4o-mini', TABLE)).toEqual({ input: 0.15, output: 0.6 });
  });

  it('prefers an exact prefixed entry over the bare name', () => {
    expect(findPrice('openai/special', TABLE)).toEqual({ input: 1, output: 1 });
    expect(findPrice('azure/special', TABLE)).toEqual({ input: 2, output: 2 });
  });

  it('drops a dated snapshot suffix in both styles', () => {
    expect(findPrice('gpt-4o-2024-08-06', TABLE)).toEqual({ input: 2.5, output: 10 });
    expect(findPrice('gpt-4o-mini-2024-07-18', TABLE)).toEqual({ input: 0.15, output: 0.6 });
    expect(findPrice('claude-3-5-haiku-20241022', TABLE)).toEqual({ input: 0.8, output: 4 });
    expect(findPrice('openai/gpt-4o-mini-2024-07-18', TABLE)).toEqual({ input: 0.15, output: 0.6 });
  });

  it('uses a snapshot-specific entry before the date-stripped one', () => {
    expect(findPrice('gpt-4o-2024-05-13', TABLE)).toEqual({ input: 5, output: 15 });
  });

  it('never matches by loose prefix', () => {
    expect(findPrice('gpt-4o-mini-search', TABLE)).toBeUndefined();
    expect(findPrice('gpt-4', TABLE)).toBeUndefined();
    expect(findPrice('gpt-4o-realtime-preview', TABLE)).toBeUndefined();
    expect(findPrice('my-gpt-4o', TABLE)).toBeUndefined();
  });

  it('leaves four-digit snapshots alone: they were priced differently', () => {
    expect(findPrice('gpt-3.5-turbo-1106', TABLE)).toBeUndefined();
  });

  it('ignores case', () => {
    expect(findPrice('OpenAI/GPT-4o', TABLE)).toEqual({ input: 2.5, output: 10 });
  });

  it('returns undefined for an unknown model', () => {
    expect(findPrice('llama-3.3-70b', TABLE)).toBeUndefined();
  });

  it('does not mistake inherited object keys for prices', () => {
    expect(findPrice('constructor', TABLE)).toBeUndefined();
    expect(findPrice('__proto__', TABLE)).toBeUndefined();
  });
});

describe('DEFAULT_PRICES', () => {
  it('prices the common OpenAI models, per 1M tokens', () => {
    expect(findPrice('gpt-4o-mini', DEFAULT_PRICES)).toEqual({ input: 0.15, output: 0.6 });
    expect(findPrice('openai/gpt-4.1-nano', DEFAULT_PRICES)).toEqual({ input: 0.1, output: 0.4 });
    expect(findPrice('gpt-5-2025-08-07', DEFAULT_PRICES)).toEqual({ input: 1.25, output: 10 });
    expect(findPrice('text-embedding-3-small', DEFAULT_PRICES)).toEqual({ input: 0.02, output: 0 });
  });

  it('keeps the first gpt-4o snapshot at its own price', () => {
    expect(findPrice('gpt-4o-2024-05-13', DEFAULT_PRICES)).toEqual({ input: 5, output: 15 });
    expect(findPrice('gpt-4o-2024-11-20', DEFAULT_PRICES)).toEqual({ input: 2.5, output: 10 });
  });

  it('has only finite, non-negative prices', () => {
    const bad = Object.entries(DEFAULT_PRICES).filter(
      ([, price]) => !(Number.isFinite(price.input) && price.input >= 0 && Number.isFinite(price.output) && price.output >= 0),
    );
    expect(bad).toEqual([]);
  });
});

describe('mergePrices', () => {
  it('lets config entries win and add models', () => {
    const merged = mergePrices({ 'gpt-4o-mini': { input: 1, output: 2 }, 'my-model': { input: 3, output: 4 } });
    expect(merged['gpt-4o-mini']).toEqual({ input: 1, output: 2 });
    expect(merged['my-model']).toEqual({ input: 3, output: 4 });
    expect(merged['gpt-4o']).toEqual({ input: 2.5, output: 10 });
  });

  it('is the defaults without overrides, and never changes them', () => {
    expect(mergePrices(undefined)['gpt-4.1']).toEqual({ input: 2, output: 8 });
    mergePrices({ 'gpt-4.1': { input: 9, output: 9 } });
    expect(DEFAULT_PRICES['gpt-4.1']).toEqual({ input: 2, output: 8 });
  });
});

describe('costOf', () => {
  it('prices prompt and completion tokens separately, per million', () => {
    // 1,000 × $0.15/M + 500 × $0.60/M = $0.00015 + $0.0003
    expect(costOf({ prompt: 1000, completion: 500, total: 1500 }, { input: 0.15, output: 0.6 })).toBeCloseTo(0.00045, 12);
    // 2M × $2.50/M + 1M × $10/M
    expect(costOf({ prompt: 2_000_000, completion: 1_000_000, total: 3_000_000 }, { input: 2.5, output: 10 })).toBe(15);
    expect(costOf({ prompt: 0, completion: 0, total: 0 }, { input: 2.5, output: 10 })).toBe(0);
  });
});

describe('preciseUsd', () => {
  it('keeps three significant digits below a dollar and cents above', () => {
    expect(preciseUsd(0)).toBe('$0');
    expect(preciseUsd(0.000123)).toBe('$0.000123');
    expect(preciseUsd(0.002)).toBe('$0.002');
    expect(preciseUsd(0.00212345)).toBe('$0.00212');
    expect(preciseUsd(0.00000001)).toBe('$0.00000001');
    expect(preciseUsd(1.5)).toBe('$1.50');
    expect(preciseUsd(1234.5)).toBe('$1,234.50');
  });
});
