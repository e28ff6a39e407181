// Builds Case values for provider and runner tests: only the fields a model call reads matter here.
import type { Case, Suite, TestDefinition } from '../../src/types.js';

const suite: Suite = {
  file: 'prompts/support.prompt.yaml',
  format: 'promptgate',
  name: 'support',
  modelParameters: {},
  messages: [],
  tests: [],
};

export function makeCase(userMessage: string, overrides: Partial<Case> = {}): Case {
  const test: TestDefinition = { index: 0, name: userMessage, vars: {}, assert: [], repeat: 1, minPassRate: 1 };
  return {
    suite,
    test,
    sample: 0,
    model: 'gpt-test',
    messages: [{ role: 'user', content: userMessage }],
    parameters: {},
    assert: [],
    ...overrides,
  };
}

export function makeCases(count: number, prefix = 'question'): Case[] {
  return Array.from({ length: count }, (_, index) => makeCase(`${prefix} ${index}`));
}
