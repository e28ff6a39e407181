import { describe, expect, it } from 'vitest';
import type { GateOutcome } from '../../src/gates/gate.js';
import { formatGatesForConsole } from '../../src/gates/gates-console.js';

describe('formatGatesForConsole', () => {
  it('shows each gate with its figure and limit in columns, and under a failed gate the tests it names, made terminal-safe', () => {
    const gates: GateOutcome[] = [
      { gate: { kind: 'no-regression' }, name: 'no regression', status: 'failed', measured: '2 regressions', limit: '0', blamed: ['prompts/a.yml › refunds', 'prompts/a.yml › tone \u001b[2J'] },
      { gate: { kind: 'min-pass-rate', limit: 0.95, tag: 'safety' }, name: 'pass rate (tag safety)', status: 'passed', measured: '100%', limit: '≥ 95%' },
      { gate: { kind: 'max-latency-increase', limit: 0.1, percentile: 95 }, name: 'p95 latency', status: 'skipped', measured: 'no baseline', limit: '≤ +10%' },
    ];
    expect(formatGatesForConsole(gates, { color: false })).toBe(
      [
        'Gates: 1 failed, 1 passed, 1 skipped',
        '  FAIL  no regression           2 regressions          limit 0',
        '        prompts/a.yml › refunds',
        '        prompts/a.yml › tone \\x1b[2J',
        '  pass  pass rate (tag safety)  100%                   limit ≥ 95%',
        '  skip  p95 latency             skipped (no baseline)',
      ].join('\n'),
    );
  });
});
