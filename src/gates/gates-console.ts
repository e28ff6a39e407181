// The gates as a terminal or CI log shows them: one line each with its status, its figure and its
// limit, and under a failed gate the tests it names. Test names come from prompt files and may hold
// anything, so they are made terminal-safe.
import { showControlChars } from '../report/control-chars.js';
import { formatCount } from '../report/numbers.js';
import { createPaint } from '../report/style.js';
import type { GateOutcome } from './gate.js';

const INDENT = '  ';
const MARKS = { passed: ['pass', 'green'], failed: ['FAIL', 'red'], skipped: ['skip', 'gray'] } as const;

/**
 * ```
 * Gates: 1 failed, 1 passed, 1 skipped
 *   FAIL  no regression       2 regressions            limit 0
 *         prompts/support.prompt.yaml › says yes
 *   pass  pass rate (safety)  100%                     limit ≥ 95%
 *   skip  p95 latency         skipped (no baseline)
 * ```
 */
export function formatGatesForConsole(gates: readonly GateOutcome[], options: { color: boolean }): string {
  const paint = createPaint(options.color);
  const count = (status: GateOutcome['status']) => gates.filter((gate) => gate.status === status).length;
  const counts = (['failed', 'passed', 'skipped'] as const).filter((status) => count(status) > 0).map((status) => `${formatCount(count(status))} ${status}`);
  const heading = paint(count('failed') > 0 ? 'red' : 'bold', `Gates: ${counts.join(', ')}`);
  const nameWidth = Math.max(...gates.map((gate) => safe(gate.name).length));
  const measuredWidth = Math.max(...gates.map((gate) => measuredText(gate).length));
  const lines = [heading];
  for (const gate of gates) {
    const [mark, color] = MARKS[gate.status];
    const limit = gate.status === 'skipped' ? '' : `limit ${gate.limit}`;
    lines.push(`${INDENT}${paint(color, mark)}  ${safe(gate.name).padEnd(nameWidth)}  ${measuredText(gate).padEnd(measuredWidth)}  ${limit}`.trimEnd());
    if (gate.status === 'failed') for (const test of gate.blamed ?? []) lines.push(`${INDENT}      ${safe(test)}`);
  }
  return lines.join('\n');
}

function measuredText(gate: GateOutcome): string {
  return gate.status === 'skipped' ? `skipped (${gate.measured})` : gate.measured;
}

function safe(text: string): string {
  return showControlChars(text).replace(/\n/g, ' ');
}
