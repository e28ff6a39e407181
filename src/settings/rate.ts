// A rate as a person writes one, read the same way by both edges (the CLI's --min-pass-rate, the
// Action's min-pass-rate input): a fraction from 0 to 1 (`0.9`) or a percentage (`90%`).

/** What a rate may look like, for the edges' messages. */
export const RATE_EXPECTED = 'a fraction from 0 to 1 (such as 0.9) or a percentage (such as 90%)';

/** The rate `text` says (0..1), or undefined when it is neither a fraction from 0 to 1 nor a percentage from 0% to 100%. */
export function parseRate(text: string): number | undefined {
  const trimmed = text.trim();
  // Plain decimals only: Number() would also take '', '0x1' and '1e-1', none of them a rate anyone writes.
  const match = /^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(trimmed);
  if (!match) return undefined;
  const value = match[2] === '%' ? Number(match[1]) / 100 : Number(match[1]);
  return value <= 1 ? value : undefined;
}
