// The report a person reads in a terminal or a CI log after a run: what failed and why, usage per
// file when there are several, then the summary line (and one more for grading and prices when
// they need saying). A run compared with an earlier version adds what changed, each side's evidence
// with it. Passing tests are only counted; everything a model wrote is made terminal-safe.
import type { ComparisonChange, ComparisonSummary, RunReport, Status, Summary, TestResult } from '../types.js';
import { evidenceText, formatBaseUsage, formatChangeCounts, formatComparisonTerms, listedInOrder } from './comparison.js';
import { digestReport, type ReportDigest } from './digest.js';
import { groupProblems, namesByFile } from './error-groups.js';
import { showControlChars } from './control-chars.js';
import { truncate } from './markdown-safe.js';
import { formatCount, formatDuration, formatUsd, plural } from './numbers.js';
import { assertionLabel, compactVars, describeFlaky, failingAssertions, passRateText, testLocation } from './result-facts.js';
import { modelFigureCells, rowsToShow, type ModelsSideBySide } from './models.js';
import { createPaint, type Paint, type StyleName } from './style.js';
import type { FileUsage } from './usage-by-file.js';

// Enough output to see what the model did; the JSON report has all of it.
const OUTPUT_MAX_LINES = 20;
const OUTPUT_MAX_CHARS = 2000;
// A provider error can carry a whole HTML error page.
const ERROR_MAX_CHARS = 1000;
const INDENT = '  ';
// A log is scrolled, not searched: past this many files the JSON report is the place to look.
const USAGE_MAX_FILES = 20;
const USAGE_FILE_MAX_CHARS = 60;
// Regressions come first, so a long tail of undecided tests is what gets cut.
const CHANGES_MAX_LISTED = 50;
const CHANGE_STYLE: Partial<Record<ComparisonChange, 'red' | 'green' | 'yellow'>> = { regression: 'red', improvement: 'green', inconclusive: 'yellow' };
// Several models: the tests they disagree on are listed first; a log is no place for thousands of rows.
const MODEL_ROWS_MAX = 30;
const MODEL_NAME_MAX_CHARS = 40;
const VERDICT_CELLS: Record<Status, [StyleName, string]> = { passed: ['green', 'pass'], failed: ['red', 'FAIL'], errored: ['yellow', 'ERROR'] };

export interface ConsoleReportOptions {
  color: boolean;
  /** Leaves out the usage-by-file table (--quiet). */
  quiet?: boolean;
  /** What a compared run was compared with, e.g. `main (1a2b3c4)`. */
  comparedWith?: string;
  /** A compared run's base side, whose calls the head's totals leave out. */
  baseSummary?: Summary;
  /** Tests the base had and the run does not: listed with the comparison. */
  removed?: readonly { file: string; test: string }[];
  /** Blocks shown just before the summary line (the gates), already terminal-safe. */
  sections?: string[];
}

export function formatConsoleReport(report: RunReport, options: ConsoleReportOptions): string {
  return formatConsoleDigest(digestReport(report), options);
}

/** The same from a digest, for a run whose passing results were not kept. */
export function formatConsoleDigest(digest: ReportDigest, options: ConsoleReportOptions): string {
  const paint = createPaint(options.color);
  // With several models, a test fails once per model: the heading says which.
  const showModel = digest.models !== undefined;
  const blocks: string[] = [];
  for (const entry of groupProblems(digest.notable)) {
    if (entry.kind === 'same-error') blocks.push(sameErrorBlock(entry.error, entry.results, paint));
    else if (entry.result.status !== 'passed') blocks.push(problemBlock(entry.result, paint, showModel));
    else if (entry.result.flaky) blocks.push(flakyPassLine(entry.result, paint, showModel));
  }
  const { files } = digest;
  if (!options.quiet && files.length > 1 && files.some(hasUsage)) blocks.push(usageTable(files, paint));
  if (digest.models) blocks.push(modelsBlock(digest.models, paint));
  if (digest.summary.comparison) blocks.push(comparisonBlock(digest.summary.comparison, digest.changed, options, paint));
  blocks.push(...(options.sections ?? []));
  const usageNote = usageLine(digest.summary);
  blocks.push(summaryLine(digest.summary, paint) + (usageNote ? `\n${usageNote}` : ''));
  return blocks.join('\n\n');
}

function problemBlock(result: TestResult, paint: Paint, showModel: boolean): string {
  const label = result.status === 'errored' ? paint('yellow', 'ERROR') : paint('red', 'FAIL ');
  const flaky = result.flaky ? `  ${paint('yellow', `(${describeFlaky(result)})`)}` : '';
  const lines = [`${label} ${heading(result, paint, showModel)}${flaky}`];

  if (Object.keys(result.vars).length > 0) lines.push(`${INDENT}${paint('gray', 'vars:')} ${oneLine(compactVars(result.vars))}`);
  for (const assertion of failingAssertions(result)) {
    const where = assertion.line !== undefined ? ` (line ${assertion.line})` : '';
    lines.push(indent(`${paint('red', '✗')} ${safe(assertionLabel(assertion))}${where}: ${safe(assertion.reason)}`, INDENT, INDENT + '  '));
  }
  if (result.error !== undefined) lines.push(indent(`${paint('yellow', 'error:')} ${safe(truncate(result.error, ERROR_MAX_CHARS))}`, INDENT, INDENT + '  '));
  // An errored test usually has no output; saying "(empty)" there would only add noise.
  if (result.status === 'failed' || result.output !== '') {
    lines.push(`${INDENT}${paint('gray', 'output:')}${result.output === '' ? ' (empty)' : ''}`);
    if (result.output !== '') lines.push(indent(shortenedOutput(result.output), INDENT + INDENT));
  }
  return lines.join('\n');
}

/** One error for many tests: told once, then the tests by file, a few names each. */
function sameErrorBlock(error: string, results: TestResult[], paint: Paint): string {
  const lines = [`${paint('yellow', 'ERROR')} ${paint('bold', `the same error for ${plural(results.length, 'test')}:`)}`];
  lines.push(indent(safe(truncate(error, ERROR_MAX_CHARS)), INDENT, INDENT + '  '));
  const { files, more } = namesByFile(results);
  for (const { file, names } of files) lines.push(`${INDENT}${paint('bold', oneLine(file))}: ${names.map(oneLine).join(', ')}`);
  if (more > 0) lines.push(`${INDENT}… and ${formatCount(more)} more (the JSON report has them all)`);
  return lines.join('\n');
}

function flakyPassLine(result: TestResult, paint: Paint, showModel: boolean): string {
  return `${paint('yellow', 'FLAKY')} ${heading(result, paint, showModel)}  ${paint('yellow', `(${describeFlaky(result)})`)}`;
}

function heading(result: TestResult, paint: Paint, showModel = false): string {
  const model = showModel && result.model !== undefined ? `  ${paint('cyan', `[${oneLine(result.model)}]`)}` : '';
  return `${paint('bold', oneLine(testLocation(result)))}  ${oneLine(result.suite)} › ${oneLine(result.test)}${model}`;
}

/**
 * Each model's figures in aligned columns, then a row per test with each model's verdict: all
 * of them when few, else those the models disagree on, and a count of the rest.
 */
function modelsBlock(sideBySide: ModelsSideBySide, paint: Paint): string {
  const { models } = sideBySide;
  const names = models.map((figures) => oneLine(truncate(figures.model, MODEL_NAME_MAX_CHARS)));
  const anyCost = models.some((figures) => figures.cost !== undefined);
  const header = ['model', 'tests', 'passed', 'failed', 'errored', 'pass rate', 'tokens', ...(anyCost ? ['cost'] : []), 'latency'];
  const rows = models.map((figures, index) => [names[index]!, ...modelFigureCells(figures, anyCost, (cost) => (cost !== undefined ? formatUsd(cost) : 'n/a'))]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const aligned = (row: string[]) => (INDENT + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).trimEnd();
  const lines = [paint('bold', 'Models side by side:'), paint('gray', aligned(header)), ...rows.map(aligned)];

  const { shown, agreeing, hidden } = rowsToShow(sideBySide.tests, MODEL_ROWS_MAX);
  const cellWidths = names.map((name) => Math.max(name.length, 'ERROR'.length));
  if (shown.length > 0) {
    lines.push('', INDENT + names.map((name, index) => name.padEnd(cellWidths[index]!)).join('  '));
    for (const row of shown) {
      const cells = row.statuses.map((status, index) => {
        const [style, text] = status ? VERDICT_CELLS[status] : (['gray', '–'] as const);
        return paint(style, text.padEnd(cellWidths[index]!));
      });
      lines.push(`${INDENT}${cells.join('  ')}  ${paint('bold', oneLine(`${row.file}:${row.line}`))}  ${oneLine(row.suite)} › ${oneLine(row.test)}`);
    }
  }
  const same = agreeing.passed + agreeing.failed + agreeing.errored;
  if (same > 0) {
    const verdicts = (['passed', 'failed', 'errored'] as const).filter((status) => agreeing[status] > 0).map((status) => `${formatCount(agreeing[status])} ${status}`);
    lines.push(`${INDENT}${shown.length > 0 ? '… and ' : ''}${plural(same, 'test')} with the same verdict from every model (${verdicts.join(', ')})`);
  }
  if (hidden > 0) lines.push(`${INDENT}… ${plural(hidden, 'more test')} the models disagree on (the JSON report has them all)`);
  return lines.join('\n');
}

/**
 * `Compared with main (1a2b3c4): 1 regression, …` and one line per regression, improvement and
 * undecided test: the change, each side's evidence, then the test.
 */
function comparisonBlock(summary: ComparisonSummary, changed: TestResult[], options: ConsoleReportOptions, paint: Paint): string {
  const removed = options.removed ?? [];
  const counts = formatChangeCounts(summary) + (removed.length > 0 ? `, ${formatCount(removed.length)} removed` : '');
  const lines = [`${paint('bold', `Compared with ${oneLine(options.comparedWith ?? 'the base')}:`)} ${counts} · ${formatComparisonTerms(summary)}`];
  const listed = listedInOrder(changed);
  const shown = listed.slice(0, CHANGES_MAX_LISTED);
  const changeWidth = Math.max(removed.length > 0 ? 'removed'.length : 0, ...shown.map((result) => result.comparison!.change.length));
  const evidenceWidth = Math.max(0, ...shown.map((result) => evidenceText(result.comparison!).length));
  for (const result of shown) {
    const { change } = result.comparison!;
    const label = paint(CHANGE_STYLE[change] ?? 'gray', change.padEnd(changeWidth));
    lines.push(`${INDENT}${label}  ${evidenceText(result.comparison!).padEnd(evidenceWidth)}  ${heading(result, paint)}`);
  }
  const hidden = listed.length - shown.length;
  if (hidden > 0) lines.push(`${INDENT}… ${plural(hidden, 'more test')} (the JSON report has them all)`);
  // Not run, so there is no evidence to show: only where the test was.
  const removedShown = removed.slice(0, Math.max(0, CHANGES_MAX_LISTED - shown.length));
  for (const test of removedShown) lines.push(`${INDENT}${paint('gray', 'removed'.padEnd(changeWidth))}  ${oneLine(test.file)} › ${oneLine(test.test)}`);
  if (removed.length > removedShown.length) lines.push(`${INDENT}… ${plural(removed.length - removedShown.length, 'more removed test')}`);
  if (summary.inconclusive > 0) {
    lines.push(
      paint('gray', `${INDENT}inconclusive: not decided by the samples taken (at most ${formatCount(summary.maxSamples)} a side, within the call budget); never counted as a regression`),
    );
  }
  if (options.baseSummary) lines.push(paint('gray', `${INDENT}the base side took ${formatBaseUsage(options.baseSummary)} (not in the totals below)`));
  return lines.join('\n');
}

function summaryLine(summary: Summary, paint: Paint): string {
  const counts = [
    paint(summary.passed > 0 ? 'green' : 'gray', `${formatCount(summary.passed)} passed`),
    paint(summary.failed > 0 ? 'red' : 'gray', `${formatCount(summary.failed)} failed`),
    paint(summary.errored > 0 ? 'yellow' : 'gray', `${formatCount(summary.errored)} errored`),
  ];
  const cut = summary.interrupted;
  // Stopped: the counts are of the tests that finished, and the line says so first.
  const tests = cut
    ? paint('yellow', `Interrupted${cut.signal ? ` by ${cut.signal}` : ''} after ${formatCount(summary.total)} of ${plural(cut.planned, 'test')}`)
    : paint('bold', plural(summary.total, 'test'));
  const parts = [
    `${tests}: ${counts.join(', ')}`,
    ...(cut && cut.notFinished > 0 ? [paint('yellow', `${formatCount(cut.notFinished)} not finished`)] : []),
    ...(summary.flaky > 0 ? [paint('yellow', `${formatCount(summary.flaky)} flaky`)] : []),
    `pass rate ${passRateText(summary)}`,
    `${formatCount(summary.tokens.total)} tokens`,
    ...(summary.cost !== undefined ? [formatUsd(summary.cost)] : []),
    plural(summary.requests, 'request'),
    plural(summary.cacheHits, 'cache hit'),
    formatDuration(summary.durationMs),
  ];
  return parts.join(' · ');
}

/** Grading and unpriced models, kept off the main line so that one stays short; undefined when neither applies. */
function usageLine(summary: Summary): string | undefined {
  const parts: string[] = [];
  const { judge } = summary;
  if (judge) {
    const cost = judge.cost !== undefined ? `, ${formatUsd(judge.cost)}` : '';
    parts.push(`judge: ${plural(judge.requests, 'request')}, ${plural(judge.cacheHits, 'cache hit')}, ${formatCount(judge.tokens.total)} tokens${cost}`);
  }
  const unpriced = summary.unpricedModels ?? [];
  if (unpriced.length > 0) {
    const them = unpriced.length === 1 ? 'it' : 'them';
    parts.push(`cost leaves out ${unpriced.map(oneLine).join(', ')}: no price; add ${them} under prices: in promptgate.config.yaml`);
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function hasUsage(file: FileUsage): boolean {
  return file.tokens.total > 0 || file.cost !== undefined || file.judge !== undefined;
}

/** Aligned columns: file, tests, tokens, then cost and judge figures where any file has them. */
function usageTable(files: FileUsage[], paint: Paint): string {
  const shown = files.slice(0, USAGE_MAX_FILES);
  const anyCost = shown.some((file) => file.cost !== undefined);
  const anyJudge = shown.some((file) => file.judge !== undefined);
  const anyJudgeCost = shown.some((file) => file.judge?.cost !== undefined);
  const rows = shown.map((file) => [
    oneLine(truncate(file.file, USAGE_FILE_MAX_CHARS)),
    plural(file.tests, 'test'),
    `${formatCount(file.tokens.total)} tokens`,
    ...(anyCost ? [file.cost !== undefined ? formatUsd(file.cost) : 'n/a'] : []),
    ...(anyJudge ? [file.judge ? `judge ${formatCount(file.judge.tokens.total)} tokens` : ''] : []),
    ...(anyJudgeCost ? [file.judge?.cost !== undefined ? formatUsd(file.judge.cost) : ''] : []),
  ]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  // The file name reads left-aligned; the figures line up on their right edge, as numbers do.
  const lines = rows.map((row) =>
    (INDENT + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).trimEnd(),
  );
  const hidden = files.length - shown.length;
  if (hidden > 0) lines.push(`${INDENT}… ${plural(hidden, 'more file')} (the JSON report has them all)`);
  return [paint('bold', 'Usage by file:'), ...lines].join('\n');
}

function shortenedOutput(output: string): string {
  const lines = safe(output).split('\n');
  const shown = truncate(lines.slice(0, OUTPUT_MAX_LINES).join('\n'), OUTPUT_MAX_CHARS);
  const hiddenLines = lines.length - OUTPUT_MAX_LINES;
  return hiddenLines > 0 ? `${shown}\n… ${plural(hiddenLines, 'more line')}` : shown;
}

/** Text from the model or a server, made unable to move the cursor or recolor the terminal. */
function safe(text: string): string {
  return showControlChars(text);
}

function oneLine(text: string): string {
  return safe(text).replace(/\n/g, ' ');
}

function indent(text: string, first: string, rest = first): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first : rest) + line)
    .join('\n');
}
