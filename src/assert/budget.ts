// Cost limits of the call itself: latency and completion tokens.
import { MAX_DURATION_MS, MAX_TOKENS } from '../limits.js';
import { nonNegativeIntegerValue } from './values.js';
import { defineHandler, type AssertionHandler } from './verdict.js';

export const latency: AssertionHandler = defineHandler({
  parse: nonNegativeIntegerValue('latency', 'milliseconds', 2000, MAX_DURATION_MS),
  evaluate(maxMs, _output, ctx) {
    return {
      kind: 'checked',
      pass: ctx.latencyMs <= maxMs,
      positive: `latency of at most ${maxMs} ms`,
      negative: `latency of more than ${maxMs} ms`,
      detail: `got ${Math.round(ctx.latencyMs)} ms`,
    };
  },
});

export const maxTokens: AssertionHandler = defineHandler({
  parse: nonNegativeIntegerValue('max-tokens', 'completion tokens', 500, MAX_TOKENS),
  evaluate(max, _output, ctx) {
    // Estimating from the text would pass or fail tests on a guess; say we could not check.
    if (!ctx.usage) return { kind: 'skipped', reason: 'the provider returned no token usage, so completion tokens could not be checked; skipped' };
    const used = ctx.usage.completion;
    return {
      kind: 'checked',
      pass: used <= max,
      positive: `at most ${max} completion tokens`,
      negative: `more than ${max} completion tokens`,
      detail: `got ${used}`,
    };
  },
});
