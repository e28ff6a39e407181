// JUnit XML, the format CI systems (GitHub test reporters, GitLab, Jenkins) read: one <testsuite>
// per prompt file, one <testcase> per test. Hand-written because it is small and the escaping is
// the part that matters.
import type { ReportHead, RunReport, TestResult } from '../types.js';
import { truncate } from './markdown-safe.js';
import { assertionLabel, compactVars, describeFlaky, failingAssertions } from './result-facts.js';
import { FileUsageTally, type FileUsage } from './usage-by-file.js';
import { xmlAttr, xmlText } from './xml.js';

// CI tools show the message on one line and the body on demand; neither needs a whole novel.
const MESSAGE_MAX_CHARS = 1000;
const OUTPUT_MAX_CHARS = 20_000;

export function toJUnit(report: RunReport): string {
  const lines = junitOpen(report);
  const showModel = new Set(report.results.map((result) => result.model)).size > 1;
  for (const [file, results] of groupByFile(report.results)) {
    const suite = new JUnitSuite(file);
    for (const result of results) suite.add(result);
    lines.push(...suite.open(report.startedAt), ...results.flatMap((result) => testcase(result, { showModel })), TESTSUITE_CLOSE);
  }
  lines.push(JUNIT_CLOSE);
  return lines.join('\n') + '\n';
}

// The document in parts, for a writer that sends each testcase to disk as it comes and writes the
// totals, which come first in the XML, at the end: junitOpen, then per file JUnitSuite.open, the
// file's testcases and TESTSUITE_CLOSE, then JUNIT_CLOSE; one line each, every line ending in \n.

/** The XML declaration and the opening <testsuites> with the run's totals. */
export function junitOpen(head: ReportHead): string[] {
  const { summary } = head;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="promptgate" tests="${summary.total}" failures="${summary.failed}" errors="${summary.errored}" skipped="0" time="${seconds(summary.durationMs)}" timestamp="${xmlAttr(head.startedAt)}">`,
  ];
}

export const TESTSUITE_CLOSE = '  </testsuite>';
export const JUNIT_CLOSE = '</testsuites>';

/** One prompt file's <testsuite>: what its opening tag and <properties> say, added up test by test. */
export class JUnitSuite {
  private tests = 0;
  private failures = 0;
  private errors = 0;
  private latencyMs = 0;
  private readonly usage = new FileUsageTally();

  constructor(readonly file: string) {}

  add(result: TestResult): void {
    this.tests++;
    if (result.status === 'failed') this.failures++;
    if (result.status === 'errored') this.errors++;
    this.latencyMs += result.latencyMs;
    this.usage.add(result);
  }

  /** Everything before the file's testcases. */
  open(timestamp: string): string[] {
    return [
      `  <testsuite name="${xmlAttr(this.file)}" tests="${this.tests}" failures="${this.failures}" errors="${this.errors}" skipped="0" time="${seconds(this.latencyMs)}" timestamp="${xmlAttr(timestamp)}">`,
      ...usageProperties(this.usage.files()[0]),
    ];
  }
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

/** A test's <testcase> element, one string per line. `showModel`: a run with several models, whose test names repeat, names each `test [model]`. */
export function testcase(result: TestResult, options: { showModel?: boolean } = {}): string[] {
  const name = options.showModel && result.model !== undefined ? `${result.test} [${result.model}]` : result.test;
  const open = `    <testcase classname="${xmlAttr(result.file)}" name="${xmlAttr(name)}" file="${xmlAttr(result.file)}" line="${result.line}" time="${seconds(result.latencyMs)}"`;
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
