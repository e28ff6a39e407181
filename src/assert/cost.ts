// `cost`: the call's price in USD, from its token usage and the price table, at most a limit.
// promptfoo writes the limit as `threshold:`; the loader hands it to the handler as the value.
import { preciseUsd } from '../cost/usd.js';
import { MAX_COST_USD } from '../limits.js';
import type { AssertionContext } from './context.js';
import { defineHandler, type AssertionHandler, type Parsed } from './verdict.js';

function maxUsdValue(value: unknown): Parsed<number> {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    if (value <= MAX_COST_USD) return { ok: true, value };
    return { ok: false, message: `cost takes at most ${MAX_COST_USD} US dollars per call, got ${value}; write e.g. \`cost: 0.002\`` };
  }
  return {
    ok: false,
    message:
      `cost needs a non-negative number of US dollars per call, got ${describe(value)}; ` +
      'write e.g. `cost: 0.002`, or `type: cost` with `threshold: 0.002`',
  };
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'no limit';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

export const cost: AssertionHandler = defineHandler({
  parse: maxUsdValue,
  evaluate(maxUsd, _output, ctx) {
    // As max-tokens: without usage there is nothing to price, and guessing would pass or fail on made-up numbers.
    if (!ctx.usage) return { kind: 'skipped', reason: `the provider returned no token usage for ${ctx.model === undefined ? 'the model' : `model "${ctx.model}"`}, so the cost could not be checked; skipped` };
    // A model without a price is refused before the run; should one get here, it fails visibly.
    if (ctx.costUsd === undefined) return { kind: 'invalid', reason: whyNoCost(ctx) };
    return {
      kind: 'checked',
      pass: ctx.costUsd <= maxUsd,
      positive: `a cost of at most ${preciseUsd(maxUsd)}`,
      negative: `a cost of more than ${preciseUsd(maxUsd)}`,
      detail: `got ${preciseUsd(ctx.costUsd)}`,
    };
  },
});

function whyNoCost(ctx: AssertionContext): string {
  const model = ctx.model === undefined ? 'the model' : `model "${ctx.model}"`;
  const example = `${ctx.model ?? 'my-model'}: { input: 0.15, output: 0.6 }`;
  return (
    `cost could not be checked: ${model} has no price; add it under \`prices:\` in promptgate.config.yaml ` +
    `(USD per 1M tokens), e.g. \`${example}\``
  );
}
