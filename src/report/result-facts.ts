// Facts about a test result that several reporters show the same way.
import type { AssertionResult, Summary, TestResult } from '../types.js';
import { formatCount, formatPercent } from './numbers.js';

/**
 * The run's pass rate as the reports show it: `80%`; `n/a` when nothing was evaluated; and, when
 * tests errored, `100% of 1 evaluated`, since the rate leaves them out and must not read as covering them.
 */
export function passRateText(summary: Pick<Summary, 'passed' | 'failed' | 'errored' | 'passRate'>): string {
  const evaluated = summary.passed + summary.failed;
  if (evaluated === 0) return 'n/a';
  const rate = formatPercent(summary.passRate);
  return summary.errored > 0 ? `${rate} of ${formatCount(evaluated)} evaluated` : rate;
}

/** Assertions that failed (skipped ones are neither passes nor failures). */
export function failingAssertions(result: TestResult): AssertionResult[] {
  return result.assertions.filter((assertion) => !assertion.pass && !assertion.skipped);
}

/** `contains`, or `contains "mentions refund window"` when the assertion has a name. */
export function assertionLabel(assertion: AssertionResult): string {
  return assertion.name ? `${assertion.type} "${assertion.name}"` : assertion.type;
}

/** `prompts/refund.prompt.yaml:12` */
export function testLocation(result: TestResult): string {
  return `${result.file}:${result.line}`;
}

/** `flaky 3/5 passed, needs 80%`, for a test whose samples disagreed. */
export function describeFlaky(result: TestResult): string {
  const passed = result.samples.filter((sample) => sample.status === 'passed').length;
  const evaluated = passed + result.samples.filter((sample) => sample.status === 'failed').length;
  const tally = evaluated > 0 ? `${passed}/${evaluated} passed` : `${formatPercent(result.passRate)} passed`;
  return `flaky ${tally}, needs ${formatPercent(result.minPassRate)}`;
}

/**
 * `customer="Ann", order=123`: one line, each value capped so a long document in a var does not
 * drown the report. Strings are JSON-quoted so line breaks and quotes stay visible.
 */
export function compactVars(vars: Record<string, unknown>, maxValueChars = 60): string {
  return Object.entries(vars)
    .map(([name, value]) => `${name}=${capped(jsonish(value), maxValueChars)}`)
    .join(', ');
}

function jsonish(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
    return text ?? String(value);
  } catch {
    // Circular structures cannot come from YAML, but a report must never throw over a var.
    return String(value);
  }
}

function capped(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const end = text.charCodeAt(maxChars - 2) >= 0xd800 && text.charCodeAt(maxChars - 2) <= 0xdbff ? maxChars - 2 : maxChars - 1;
  return `${text.slice(0, end)}…`;
}
