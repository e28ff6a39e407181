// Dollar amounts in assertion reasons, where a limit like $0.002 is compared with a call that cost
// $0.000123: small amounts keep three significant digits so the two can be told apart. (Reports
// use the rounder formatUsd in src/report/numbers.ts.)

// A fixed locale so a reason reads the same on every machine.
const SMALL = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });
const LARGE = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** 0.000123 → "$0.000123", 0.002 → "$0.002", 0 → "$0", 1.5 → "$1.50", 1234.5 → "$1,234.50". */
export function preciseUsd(amount: number): string {
  return Math.abs(amount) < 1 ? SMALL.format(amount) : LARGE.format(amount);
}
