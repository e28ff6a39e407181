// Which release gates a run checks, and what of each result they need kept until the end.
import { DEFAULT_GATES, type Gate } from '../gates/gate.js';
import type { TestResult } from '../types.js';
import type { RunSettings } from './settings.js';

/** The config's gates; with a comparison and none declared, no regression (what --fail-on regression judged before gates). */
export function gatesOfRun(settings: Pick<RunSettings, 'gates'>, compared: boolean): Gate[] {
  if (settings.gates.length > 0) return settings.gates.map((declared) => declared.gate);
  return compared ? [...DEFAULT_GATES] : [];
}

/**
 * A result without what no gate reads (outputs, assertions, vars): a run that streams its results
 * to disk keeps this much of every test for the gates, however many tests it has.
 */
export function gateFacts(result: TestResult): TestResult {
  return {
    ...result,
    output: '',
    vars: {},
    assertions: [],
    samples: result.samples.map(({ error: _error, judge: _judge, ...sample }) => ({ ...sample, output: '', assertions: [] })),
  };
}
