// Internal kind: the loader maps evaluators we cannot run (e.g. GitHub Models LLM graders) here
// so they show up in reports as skipped instead of silently disappearing.
import { defineHandler, type AssertionHandler, type Parsed } from './verdict.js';

function parseEvaluator(value: unknown): Parsed<string> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const evaluator = (value as { evaluator?: unknown }).evaluator;
    if (typeof evaluator === 'string' && evaluator !== '') return { ok: true, value: evaluator };
  }
  return { ok: false, message: 'unsupported needs {evaluator: "<name>"}' };
}

export const unsupported: AssertionHandler = defineHandler({
  negatable: false,
  parse: parseEvaluator,
  evaluate(evaluator) {
    return { kind: 'skipped', reason: `${evaluator} is not supported yet; skipped` };
  },
});
