// A `cost` assertion on a model without a price could only ever fail; say so before paying for the
// calls, at the assertion, with the line to add.
import type { Case, Problem } from '../types.js';
import { findPrice, type Price } from './prices.js';

export function checkCostAssertionPrices(cases: readonly Case[], prices: Readonly<Record<string, Price>>): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const testCase of cases) {
    for (const assertion of testCase.assert) {
      if (assertion.baseType !== 'cost' || findPrice(testCase.model, prices)) continue;
      const line = assertion.span?.start.line ?? testCase.test.span?.start.line ?? 1;
      const column = assertion.span?.start.column ?? 1;
      const key = `${testCase.suite.file}:${line}:${column}:${testCase.model}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push({
        file: testCase.suite.file,
        line,
        column,
        severity: 'error',
        message: `cost needs a price for the model "${testCase.model}", and promptgate has none; add it to promptgate.config.yaml, in USD per million tokens: prices: { "${testCase.model}": { input: 0.15, output: 0.6 } }`,
      });
    }
  }
  return problems;
}
