// Checks gates against a run and its baseline. Each outcome carries the measured figure and the
// limit as they should be read, so every reporter says the same thing about a gate.
import { formatPercent, plural } from '../report/numbers.js';
import type { RunReport, TestResult } from '../types.js';
import type { Gate, GateOutcome, GateScope } from './gate.js';
import { costPerSample, latencyPercentile, signedChange } from './usage-figures.js';

/** Tests a failed gate names at most; the report has the rest. */
const BLAMED = 10;

export function checkGates(gates: readonly Gate[], head: RunReport, base?: RunReport): GateOutcome[] {
  return gates.map((gate) => checkGate(gate, head, base));
}

function checkGate(gate: Gate, head: RunReport, base: RunReport | undefined): GateOutcome {
  const name = nameOf(gate);
  const tests = head.results.filter((result) => inScope(result, gate));
  const baseTests = base?.results.filter((result) => inScope(result, gate)) ?? [];
  const skipped = (why: string): GateOutcome => ({ gate, name, status: 'skipped', measured: why, limit: limitOf(gate) });
  switch (gate.kind) {
    case 'no-regression': {
      if (!tests.some((test) => test.comparison && test.comparison.change !== 'new')) return skipped('nothing compared');
      const regressed = tests.filter((test) => test.comparison?.change === 'regression');
      return outcome(gate, name, regressed.length === 0, plural(regressed.length, 'regression'), regressed);
    }
    case 'no-lost-pass': {
      if (!base) return skipped('no baseline');
      const now = new Map(tests.map((test) => [keyOf(test), test]));
      const lost = baseTests.filter((was) => was.status === 'passed' && now.get(keyOf(was))?.status !== 'passed').map((was) => now.get(keyOf(was)) ?? was);
      return outcome(gate, name, lost.length === 0, plural(lost.length, 'pass', 'passes') + ' lost', lost);
    }
    case 'min-pass-rate': {
      const evaluated = tests.filter((test) => test.status !== 'errored');
      if (evaluated.length === 0) return skipped('no test evaluated');
      const rate = evaluated.filter((test) => test.status === 'passed').length / evaluated.length;
      return outcome(gate, name, rate + 1e-9 >= gate.limit, formatPercent(rate), evaluated.filter((test) => test.status === 'failed'));
    }
    case 'max-errored': {
      const errored = tests.filter((test) => test.status === 'errored');
      return outcome(gate, name, errored.length <= gate.limit, plural(errored.length, 'test') + ' errored', errored);
    }
    case 'max-cost-increase': {
      if (!base) return skipped('no baseline');
      const now = costPerSample(tests);
      const was = costPerSample(baseTests);
      if (now === undefined || was === undefined || was === 0) return skipped('no priced samples on both sides');
      const increase = now / was - 1;
      return outcome(gate, name, increase <= gate.limit + 1e-9, signedPercent(increase));
    }
    case 'max-latency-increase': {
      if (!base) return skipped('no baseline');
      const now = latencyPercentile(tests, gate.percentile);
      const was = latencyPercentile(baseTests, gate.percentile);
      if (now === undefined || was === undefined || was === 0) return skipped('no answers on both sides');
      const increase = now / was - 1;
      return outcome(gate, name, increase <= gate.limit + 1e-9, `${signedPercent(increase)} (${Math.round(was)} → ${Math.round(now)} ms)`);
    }
  }
}

function outcome(gate: Gate, name: string, passed: boolean, measured: string, blamed: TestResult[] = []): GateOutcome {
  const result: GateOutcome = { gate, name, status: passed ? 'passed' : 'failed', measured, limit: limitOf(gate) };
  if (!passed && blamed.length > 0) result.blamed = blamed.slice(0, BLAMED).map((test) => `${test.file} › ${test.test}`);
  return result;
}

function nameOf(gate: Gate): string {
  const what = {
    'no-regression': 'no regression',
    'no-lost-pass': 'no lost pass',
    'min-pass-rate': 'pass rate',
    'max-errored': 'errored tests',
    'max-cost-increase': 'cost per sample',
    'max-latency-increase': `p${gate.kind === 'max-latency-increase' ? gate.percentile : ''} latency`,
  }[gate.kind];
  return `${what}${scopeText(gate)}`;
}

function limitOf(gate: Gate): string {
  switch (gate.kind) {
    case 'no-regression':
    case 'no-lost-pass':
      return '0';
    case 'min-pass-rate':
      return `≥ ${formatPercent(gate.limit)}`;
    case 'max-errored':
      return `≤ ${gate.limit}`;
    case 'max-cost-increase':
    case 'max-latency-increase':
      return `≤ ${signedPercent(gate.limit)}`;
  }
}

function scopeText(scope: GateScope): string {
  if (scope.tag !== undefined) return ` (tag ${scope.tag})`;
  if (scope.file !== undefined) return ` (${scope.file})`;
  return '';
}

function inScope(result: TestResult, scope: GateScope): boolean {
  if (scope.tag !== undefined && !(result.tags ?? []).includes(scope.tag)) return false;
  if (scope.file !== undefined && result.file !== scope.file) return false;
  return true;
}

function keyOf(result: TestResult): string {
  return `${result.file}\u0000${result.test}`;
}

function signedPercent(fraction: number): string {
  return signedChange(fraction, formatPercent);
}
