import { describe, expect, it } from 'vitest';
import { displayWidth, failureLine, fitWidth, formatElapsed, formatEstimate, statusLine } from '../../src/report/progress-text.js';
import { createPaint } from '../../src/report/style.js';
import { failingTest, flakyTest } from './fixtures.js';

const plain = createPaint(false);

describe('formatElapsed', () => {
  it('counts whole seconds, then minutes and hours', () => {
    expect([0, 999, 45_900, 65_000, 3_599_000, 3_725_000].map(formatElapsed)).toEqual(['0s', '0s', '45s', '1m 05s', '59m 59s', '1h 02m']);
  });
});

describe('formatEstimate', () => {
  it('rounds to what an estimate is worth, and never reads as done', () => {
    expect([0, 1_200, 23_000, 59_000, 200_000, 599_000, 840_000, 3_900_000].map(formatEstimate)).toEqual([
      '5s',
      '5s',
      '25s',
      '1m 00s',
      '3m 20s',
      '10m',
      '14m',
      '1h 05m',
    ]);
  });
});

describe('displayWidth and fitWidth', () => {
  it('count wide characters and emoji as two columns, and cut on a character', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('退款政策')).toBe(8);
    expect(displayWidth('ok 👍')).toBe(5);
    expect(fitWidth('退款政策 test', 6)).toBe('退款…');
    expect(fitWidth('👍👍👍', 4)).toBe('👍…');
    expect(fitWidth('short', 10)).toBe('short');
  });
});

describe('statusLine', () => {
  const facts = { done: 120, total: 300, unit: 'test' as const, tally: { passed: 98, failed: 3, errored: 1 }, elapsedMs: 65_000, remainingMs: 100_000 };

  it('says how far, the verdicts so far, the time spent and an estimate of the time left', () => {
    expect(statusLine(facts, plain)).toBe('120/300 tests (40%) · 98 passed, 3 failed, 1 errored · 1m 05s elapsed, about 1m 40s left');
  });

  it('leaves out the percentage, then the elapsed time, the estimate and the verdicts as the width shrinks', () => {
    expect(statusLine(facts, plain, 80)).toBe('120/300 tests · 98 passed, 3 failed, 1 errored · about 1m 40s left');
    expect(statusLine(facts, plain, 50)).toBe('120/300 tests · 98 passed, 3 failed, 1 errored');
    expect(statusLine(facts, plain, 20)).toBe('120/300 tests');
    expect(statusLine(facts, plain, 8)).toBe('120/300…');
  });
});

describe('failureLine', () => {
  it('names a flaky failure by its first failing assertion', () => {
    expect(failureLine(flakyTest(), plain)).toBe('FAIL  prompts/summary.prompt.yml:9  Summaries › starts with Summary — contains: expected output to contain "Summary:"');
  });

  it('gives a named assertion its name, and fits a wide-character test name to the width', () => {
    const result = failingTest({ test: '退款政策退款政策', assertions: [{ type: 'icontains', name: 'refund', pass: false, score: 0, reason: 'expected "30 天"' }] });
    expect(failureLine(result, plain)).toBe('FAIL  prompts/refund.prompt.yaml:16  Refund policy › 退款政策退款政策 — icontains "refund": expected "30 天"');
    const fitted = failureLine(result, plain, 60);
    expect(displayWidth(fitted)).toBeLessThanOrEqual(60);
    expect(fitted).toBe('FAIL  prompts/refund.prompt.yaml:16  Refund policy › 退款政…');
  });
});
