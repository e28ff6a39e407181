// GitHub-flavoured Markdown for job summaries and PR comments: totals, then what failed. Every
// string that a model or a server produced goes through markdown-safe, and the whole document
// stays under a size GitHub accepts.
import type { RunReport, Summary, TestResult } from '../types.js';
import { escapeTableCell, fenceCode, inlineCode, neutralizeMarkdown, truncate } from './markdown-safe.js';
import { formatCount, formatDuration, formatPercent, plural } from './numbers.js';
import { assertionLabel, compactVars, describeFlaky, failingAssertions, problemResults, testLocation } from './result-facts.js';

export interface MarkdownOptions {
  /**
   * Upper bound on the length of the result, in UTF-16 code units.
   * @default 60_000 — GitHub rejects comment and summary bodies over 65,536 characters; the rest is headroom for a caller's marker or footer.
   */
  maxChars?: number;
  /**
   * Markdown placed after the totals and before the failures, e.g. a regressions section. Must
   * already be safe (built with markdown-safe); it is kept whole and counted against `maxChars` first.
   */
  extraSections?: string[];
}

const DEFAULT_MAX_CHARS = 60_000;
// Output caps tried in turn until every failure fits in full; the last one is used for the
// failures shown in full when not all of them fit.
const SMALLEST_OUTPUT_CAP = 300;
const OUTPUT_CAPS = [8000, 3000, 1000, SMALLEST_OUTPUT_CAP];
// Outputs longer than this fold into <details> so a page of failures stays scannable.
const FOLD_OVER_CHARS = 800;
const FOLD_OVER_LINES = 12;
const NAME_MAX_CHARS = 200;
const REASON_MAX_CHARS = 500;
const ERROR_MAX_CHARS = 1000;
const VARS_MAX_CHARS = 300;
const ONE_LINE_REASON_MAX_CHARS = 150;
// Room kept for the heading of the one-line list and the closing "not shown" note.
const NOTE_RESERVE = 300;

export function toMarkdown(report: RunReport, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const head = [title(report.summary), totalsTable(report.summary), ...(options.extraSections ?? [])].join('\n\n');
  const problems = problemResults(report);
  if (problems.length === 0) return truncate(head, maxChars - 1) + '\n';

  const failuresHeading = `### Failures (${formatCount(problems.length)})`;
  for (const cap of OUTPUT_CAPS) {
    const document = [head, failuresHeading, ...problems.map((result) => fullEntry(result, cap))].join('\n\n');
    if (document.length + 1 <= maxChars) return document + '\n';
  }
  return withinBudget(head, failuresHeading, problems, maxChars);
}

/** Too many failures for all of them in full: some in full, the rest one line each, then a note. */
function withinBudget(head: string, failuresHeading: string, problems: TestResult[], maxChars: number): string {
  const full = problems.map((result) => fullEntry(result, SMALLEST_OUTPUT_CAP));
  const oneLiners = problems.map(oneLineEntry);
  let budget = maxChars - head.length - failuresHeading.length - NOTE_RESERVE;

  // oneLinersFrom[i]: what listing failures i.. one line each costs.
  const oneLinersFrom = new Array<number>(problems.length + 1).fill(0);
  for (let index = problems.length - 1; index >= 0; index--) oneLinersFrom[index] = oneLinersFrom[index + 1]! + oneLiners[index]!.length + 1;

  // A full entry is taken while it fits in half the budget (a few complete failures beat a longer
  // list), or beyond that while the one-liners for all the rest still fit after it.
  const halfBudget = Math.floor(budget / 2);
  let usedByFull = 0;
  let shownInFull = 0;
  while (shownInFull < problems.length) {
    const cost = full[shownInFull]!.length + 2;
    const fitsInHalf = usedByFull + cost <= halfBudget;
    const restStillFits = cost + oneLinersFrom[shownInFull + 1]! <= budget;
    if (!fitsInHalf && !restStillFits) break;
    usedByFull += cost;
    budget -= cost;
    shownInFull++;
  }
  let listed = shownInFull;
  while (listed < problems.length && oneLiners[listed]!.length + 1 <= budget) {
    budget -= oneLiners[listed]!.length + 1;
    listed++;
  }

  const parts = [head, failuresHeading, ...full.slice(0, shownInFull)];
  if (listed > shownInFull) parts.push('Not shown in full:\n\n' + oneLiners.slice(shownInFull, listed).join('\n'));
  const omitted = problems.length - listed;
  if (omitted > 0) parts.push(`_…and ${plural(omitted, 'more failing test')} not shown here, to stay within GitHub's size limit._`);
  // The arithmetic above keeps well inside the limit; this only guards a tiny maxChars.
  return truncate(parts.join('\n\n'), maxChars - 1) + '\n';
}

function title(summary: Summary): string {
  if (summary.total === 0) return '## promptgate: no tests ran';
  if (summary.failed === 0 && summary.errored === 0) return `## ✅ promptgate: all ${plural(summary.total, 'test')} passed`;
  const counts = [
    ...(summary.failed > 0 ? [`${formatCount(summary.failed)} failed`] : []),
    ...(summary.errored > 0 ? [`${formatCount(summary.errored)} errored`] : []),
  ];
  const icon = summary.failed > 0 ? '❌' : '⚠️';
  return `## ${icon} promptgate: ${counts.join(', ')} of ${plural(summary.total, 'test')}`;
}

function totalsTable(summary: Summary): string {
  const evaluated = summary.passed + summary.failed;
  const columns: [string, string][] = [
    ['Tests', formatCount(summary.total)],
    ['Passed', formatCount(summary.passed)],
    ['Failed', formatCount(summary.failed)],
    ['Errored', formatCount(summary.errored)],
    ['Flaky', formatCount(summary.flaky)],
    ['Pass rate', evaluated > 0 ? formatPercent(summary.passRate) : 'n/a'],
    ['Tokens', formatCount(summary.tokens.total)],
    ['Requests', formatCount(summary.requests)],
    ['Cache hits', formatCount(summary.cacheHits)],
    ['Duration', formatDuration(summary.durationMs)],
  ];
  const row = (cells: string[]): string => `| ${cells.map(escapeTableCell).join(' | ')} |`;
  return [row(columns.map(([name]) => name)), row(columns.map(() => '---:')), row(columns.map(([, value]) => value))].join('\n');
}

function fullEntry(result: TestResult, outputCap: number): string {
  const errored = result.status === 'errored';
  const status = [inlineCode(testLocation(result)), errored ? 'errored' : 'failed', ...(result.flaky ? [describeFlaky(result)] : [])];
  const lines = [`#### ${errored ? '⚠️' : '❌'} ${testName(result)}`, '', status.join(' · ')];

  if (Object.keys(result.vars).length > 0) lines.push('', `Vars: ${inlineCode(truncate(compactVars(result.vars), VARS_MAX_CHARS))}`);
  const reasons = failingAssertions(result).map(
    (assertion) => `- ${inlineCode(assertionLabel(assertion))}: ${safeLine(assertion.reason, REASON_MAX_CHARS)}`,
  );
  if (reasons.length > 0) lines.push('', ...reasons);
  if (result.error !== undefined) lines.push('', `**Error:** ${safeLine(result.error, ERROR_MAX_CHARS)}`);
  if (result.output !== '') lines.push('', outputBlock(result.output, outputCap));
  else if (!errored) lines.push('', '_The model returned no output._');
  return lines.join('\n');
}

function outputBlock(output: string, cap: number): string {
  const fenced = fenceCode(truncate(output, cap));
  const lineCount = output.split('\n').length;
  if (output.length <= FOLD_OVER_CHARS && lineCount <= FOLD_OVER_LINES) return `**Output**\n\n${fenced}`;
  // The blank lines around the fence are what make GitHub render Markdown inside the HTML block.
  const size = `${plural(lineCount, 'line')}, ${plural(output.length, 'character')}${output.length > cap ? ', truncated' : ''}`;
  return `<details>\n<summary>Output (${size})</summary>\n\n${fenced}\n\n</details>`;
}

function oneLineEntry(result: TestResult): string {
  const first = failingAssertions(result)[0];
  const why = first
    ? `${inlineCode(first.type)}: ${safeLine(first.reason, ONE_LINE_REASON_MAX_CHARS)}`
    : safeLine(result.error ?? result.status, ONE_LINE_REASON_MAX_CHARS);
  const icon = result.status === 'errored' ? '⚠️' : '❌';
  return `- ${icon} **${testName(result)}** · ${inlineCode(testLocation(result))} · ${why}`;
}

function testName(result: TestResult): string {
  return `${safeLine(result.suite, NAME_MAX_CHARS)} › ${safeLine(result.test, NAME_MAX_CHARS)}`;
}

/** Untrusted text for a heading, list item or paragraph: one line, capped, then neutralised. */
function safeLine(text: string, maxChars: number): string {
  return neutralizeMarkdown(truncate(text.replace(/\s*[\r\n]+\s*/g, ' '), maxChars));
}
