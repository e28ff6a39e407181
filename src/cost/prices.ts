// Looking up what a model costs, and what one call cost. A wrong price is worse than none (a
// budget check would pass or fail on it), so lookups only ever drop parts of a name that are known
// not to change the price, and never match one model name by the prefix of another.
import type { TokenUsage } from '../types.js';
import { DEFAULT_PRICES, type Price } from './price-table.js';

export type { Price } from './price-table.js';

// A dated snapshot at the end of a name: `-2024-08-06` (OpenAI) or `-20241022` (Anthropic). The
// four-digit `-0125` of old gpt-3.5/gpt-4 snapshots is left alone on purpose: those were priced
// differently from today's alias.
const DATE_SNAPSHOT = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * The price of `model`: the exact name first, then without a provider prefix (`openai/gpt-4o`, as
 * GitHub Models files write it), then without a dated snapshot suffix; each step also tried
 * ignoring case. Undefined when none matches.
 */
export function findPrice(model: string, table: Readonly<Record<string, Price>>): Price | undefined {
  // Asked once per answer, mostly for the same few models: remember the answer per table.
  let known = lookups.get(table);
  if (!known) lookups.set(table, (known = new Map()));
  if (known.has(model)) return known.get(model);
  const price = lookUp(model, table);
  known.set(model, price);
  return price;
}

const lookups = new WeakMap<object, Map<string, Price | undefined>>();

function lookUp(model: string, table: Readonly<Record<string, Price>>): Price | undefined {
  for (const name of candidateNames(model)) {
    if (Object.hasOwn(table, name)) return table[name];
  }
  const lowerCased = new Map(Object.entries(table).map(([name, price]) => [name.toLowerCase(), price]));
  for (const name of candidateNames(model.toLowerCase())) {
    const price = lowerCased.get(name);
    if (price) return price;
  }
  return undefined;
}

function candidateNames(model: string): string[] {
  const withoutProvider = model.slice(model.lastIndexOf('/') + 1);
  const withoutDate = withoutProvider.replace(DATE_SNAPSHOT, '');
  return [...new Set([model, withoutProvider, withoutDate])];
}

/** The built-in prices with the config's `prices:` entries on top (they win, and may add models). */
export function mergePrices(overrides: Record<string, Price> | undefined): Record<string, Price> {
  return { ...DEFAULT_PRICES, ...overrides };
}

/**
 * USD for one call. Cached-input discounts are not applied (the usage we get does not say how many
 * prompt tokens were cached), so this can overstate a call's cost but never understate it.
 */
export function costOf(usage: TokenUsage, price: Price): number {
  return (usage.prompt * price.input + usage.completion * price.output) / 1_000_000;
}

/** USD for `usage` of `model` at the table's price; undefined when the model has none. */
export function priceUsage(model: string, usage: TokenUsage, table: Readonly<Record<string, Price>>): number | undefined {
  const price = findPrice(model, table);
  return price ? costOf(usage, price) : undefined;
}
