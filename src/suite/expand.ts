// Turns a validated suite into the model calls to make: every test × every sample, in file order.
import type { Case, Suite, TestDefinition } from '../types.js';
import { renderTemplate, renderValue } from '../template.js';

export type ExpandOptions = ModelsToCall & {
  /** `--repeat`: replaces every test's own repeat when given. */
  repeat?: number;
  /**
   * The samples to plan for a test, `from` included and `to` not; the test is left out when this
   * gives nothing. Replaces `repeat`: a comparison takes a test's samples in rounds.
   */
  samples?: (test: TestDefinition) => { from: number; to: number } | undefined;
};

/** The model to call, already resolved by the caller (`--model`, the file's `model`, or a default); or several, each planned for every test. */
type ModelsToCall = { model: string } | { models: readonly string[] };

/** Kinds whose value is a template the grader fills (with the answer among the vars), not the loader. */
const RENDERED_WHEN_GRADED = new Set(['llm-evaluator']);

export function expandSuite(suite: Suite, options: ExpandOptions): Case[] {
  const cases: Case[] = [];
  const models = 'models' in options ? options.models : [options.model];
  for (const declared of suite.tests) {
    const window = options.samples ? options.samples(declared) : { from: 0, to: options.repeat ?? declared.repeat };
    if (!window || window.to <= window.from) continue;
    // One object per test, shared by its samples, so results can be grouped by identity as well as by index.
    const test: TestDefinition = options.repeat === undefined ? declared : { ...declared, repeat: options.repeat };
    // Rendered once per test: samples (and models) differ only in their index, and 20,000 cases should not mean 20,000 copies.
    const messages = suite.messages.map((message) => ({ role: message.role, content: renderTemplate(message.content, test.vars) }));
    const assert = test.assert.map((assertion) =>
      'value' in assertion && !RENDERED_WHEN_GRADED.has(assertion.baseType)
        ? { ...assertion, value: renderValue(assertion.value, test.vars) }
        : { ...assertion },
    );
    // A test's cases for one model, then the next: each model's result is final as soon as its samples are in.
    for (const model of models) {
      for (let sample = window.from; sample < window.to; sample++) {
        cases.push({ suite, test, sample, model, messages, parameters: suite.modelParameters, assert });
      }
    }
  }
  return cases;
}
