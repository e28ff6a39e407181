// Why an errored test has no verdict: its model call failed, or it was answered and a judge (or
// the embeddings) could not grade the answer. The step's message and annotations say which, so
// nobody goes looking at a healthy endpoint when the judge was the problem.
import type { TestResult } from '../types.js';

export function erroredByGrading(result: TestResult): boolean {
  return result.status === 'errored' && result.assertions.some((assertion) => assertion.errored === true);
}
