// Number formatting shared by the reporters; locale-independent so reports read the same on every machine.

/** 12345 → "12,345". */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 error`, `2 errors`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/**
 * 0.7143 → "71.4%". Rounds down so that a run with one failure never reads "100%"; whole
 * numbers drop the decimal.
 */
export function formatPercent(rate: number): string {
  const tenths = Math.floor(rate * 1000 + 1e-9);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

/** 850 → "850ms", 4200 → "4.2s", 125000 → "2m 05s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

// Reports round harder than assertion reasons (src/cost/usd.ts): four decimals tell runs apart.
const USD_CENTS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const USD_SMALL = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const SMALLEST_SHOWN_USD = 0.0001;

/** 0 → "$0", 0.00003 → "<$0.0001", 0.01234 → "$0.0123", 0.5 → "$0.50", 1234.5 → "$1,234.50". */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  // "$0.0000" would read as free; a tiny non-zero cost is still a cost.
  if (amount < SMALLEST_SHOWN_USD) return `<$${SMALLEST_SHOWN_USD}`;
  return amount < 1 ? USD_SMALL.format(amount) : USD_CENTS.format(amount);
}
