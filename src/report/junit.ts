// JUnit XML, the format CI systems (GitHub test reporters, GitLab, Jenkins) read: one <testsuite>
// per prompt file, one <testcase> per test. Hand-written because it is small and the escaping is
// the part that matters.
import type { RunReport, TestResult } from '../types.js';
import { truncate } from './markdown-safe.js';
import { assertionLabel, compactVars, describeFlaky, failingAssertions } from './result-facts.js';
import { xmlAttr, xmlText } from './xml.js';

// CI tools show the message on one line and the body on demand; neither needs a whole novel.
const MESSAGE_MAX_CHARS = 1000;
const OUTPUT_MAX_CHARS = 20_000;

export function toJUnit(report: RunReport): string {
  const { summary } = report;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="promptgate" tests="${summary.total}" failures="${summary.failed}" errors="${summary.errored}" skipped="0" time="${seconds(summary.durationMs)}" timestamp="${xmlAttr(report.startedAt)}">`,
  ];
  for (const [file, results] of groupByFile(report.results)) lines.push(...testsuite(file, results, report.startedAt));
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

function testsuite(file: string, results: TestResult[], timestamp: string): string[] {
  const count = (status: TestResult['status']): number => results.filter((result) => result.status === status).length;
  const time = results.reduce((sum, result) => sum + result.latencyMs, 0);
  return [
    `  <testsuite name="${xmlAttr(file)}" tests="${results.length}" failures="${count('failed')}" errors="${count('errored')}" skipped="0" time="${seconds(time)}" timestamp="${xmlAttr(timestamp)}">`,
    ...results.flatMap(testcase),
    '  </testsuite>',
  ];
}

function testcase(result: TestResult): string[] {
  const open = `    <testcase classname="${xmlAttr(result.file)}" name="${xmlAttr(result.test)}" file="${xmlAttr(result.file)}" line="${result.line}" time="${seconds(result.latencyMs)}"`;
  const flaky = result.flaky ? describeFlaky(result) : undefined;
  if (result.status === 'failed') {
    const reasons = failingAssertions(result).map((assertion) => `${assertionLabel(assertion)}: ${assertion.reason}`);
    const message = [flaky, ...reasons].filter((part) => part !== undefined).join('; ') || 'test failed';
    const body = [...reasons, ...details(result)].join('\n');
    return [open + '>', `      <failure message="${xmlAttr(truncate(message, MESSAGE_MAX_CHARS))}" type="assertion">${xmlText(body)}</failure>`, '    </testcase>'];
  }
  if (result.status === 'errored') {
    const message = result.error ?? 'the test could not be evaluated';
    const body = [message, ...details(result)].join('\n');
    return [open + '>', `      <error message="${xmlAttr(truncate(message, MESSAGE_MAX_CHARS))}" type="provider">${xmlText(body)}</error>`, '    </testcase>'];
  }
  if (flaky !== undefined) return [open + '>', `      <system-out>${xmlText(flaky)}</system-out>`, '    </testcase>'];
  return [open + ' />'];
}

function details(result: TestResult): string[] {
  const lines: string[] = [];
  if (result.flaky) lines.push(describeFlaky(result));
  if (Object.keys(result.vars).length > 0) lines.push(`vars: ${compactVars(result.vars)}`);
  if (result.output !== '') lines.push('', 'output:', truncate(result.output, OUTPUT_MAX_CHARS));
  return lines.length > 0 ? ['', ...lines] : [];
}

function groupByFile(results: TestResult[]): Map<string, TestResult[]> {
  const groups = new Map<string, TestResult[]>();
  for (const result of results) {
    const group = groups.get(result.file);
    if (group) group.push(result);
    else groups.set(result.file, [result]);
  }
  return groups;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
