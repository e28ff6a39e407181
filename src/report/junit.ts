// JUnit XML, the format CI systems (GitHub test reporters, GitLab, Jenkins) read: one <testsuite>
// per prompt file, one <testcase> per test. Hand-written because it is small and the escaping is
// the part that matters.
import type { RunReport, TestResult } from '../types.js';
import { truncate } from './markdown-safe.js';
import { assertionLabel, compactVars, describeFlaky, failingAssertions } from './result-facts.js';
import { usageByFile, type FileUsage } from './usage-by-file.js';
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
    ...usageProperties(usageByFile(results)[0]),
    ...results.flatMap(testcase),
    '  </testsuite>',
  ];
}

/**
 * The file's tokens and cost as <properties>, the JUnit place for facts about a suite (it must come
 * before the testcases). Plain numbers, USD without a currency sign, so tools can add them up.
 */
function usageProperties(usage: FileUsage | undefined): string[] {
  if (!usage) return [];
  const properties: [string, string][] = [['promptgate.tokens', String(usage.tokens.total)]];
  if (usage.cost !== undefined) properties.push(['promptgate.cost_usd', usd(usage.cost)]);
  if (usage.judge) {
    properties.push(['promptgate.judge.calls', String(usage.judge.calls)], ['promptgate.judge.tokens', String(usage.judge.tokens.total)]);
    if (usage.judge.cost !== undefined) properties.push(['promptgate.judge.cost_usd', usd(usage.judge.cost)]);
  }
  return [
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}" />`),
    '    </properties>',
  ];
}

// Sums of float prices carry noise like 0.00030000000000000003; a millionth of a dollar is plenty.
function usd(amount: number): string {
  return String(Number(amount.toFixed(6)));
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
