// GitHub-flavoured Markdown for job summaries and PR comments: totals, then what failed. Every
// string that a model or a server produced goes through markdown-safe, and the whole document
// stays under a size GitHub accepts.
import type { ComparisonSummary, RunReport, Summary, TestResult } from '../types.js';
import { formatBaseUsage, formatChangeCounts, formatComparisonTerms, listedInOrder, sideText } from './comparison.js';
import { digestReport, problemsOf, type ReportDigest } from './digest.js';
import { endpointsDownParagraphs } from './endpoint-down.js';
import { groupProblems, namesByFile, type ProblemEntry } from './error-groups.js';
import { escapeTableCell, fenceCode, inlineCode, neutralizeMarkdown, truncate } from './markdown-safe.js';
import { formatCount, formatDuration, formatPercent, formatUsd, plural } from './numbers.js';
import { assertionLabel, compactVars, describeFlaky, failingAssertions, passRateText, testLocation } from './result-facts.js';
import { modelFigureCells, rowsToShow, type ModelsSideBySide } from './models.js';
import type { FileUsage } from './usage-by-file.js';

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
  /**
   * Shows a compared run's `summary.comparison` in a section of its own, after the totals. Asked
   * for, not automatic: the pull request's job summary places the review's own section instead.
   */
  comparison?: ComparisonFacts;
}

/** What the comparison section says besides the results. */
export interface ComparisonFacts {
  /** What the run was compared with, e.g. `main (1a2b3c4)`; plain text. */
  against: string;
  /** Plain sentences about the comparison (a base version that could not be run), shown under it. */
  notes?: string[];
  /** The base side's summary, whose calls the head's totals leave out. */
  base?: Summary;
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
// The usage table is read at a glance for a few files; beyond that it folds away, and a repository
// with hundreds of prompt files must not spend the size budget that the failures need.
const USAGE_FOLD_OVER_FILES = 5;
const USAGE_MAX_FILES = 30;
const USAGE_FILE_MAX_CHARS = 120;
const UNPRICED_MAX_SHOWN = 10;
const USAGE_MAX_SHARE = 0.25;
// Regressions are listed first, so what a long list loses is the tail of undecided tests.
const CHANGES_MAX_ROWS = 30;
const NOTES_MAX_SHOWN = 10;
const CHANGE_ICONS: Record<string, string> = { regression: '🔻', improvement: '🔺', inconclusive: '❔' };
// Several models: the tests they disagree on first, within what a summary can hold.
const MODEL_ROWS_MAX = 30;
const VERDICT_ICONS: Record<string, string> = { passed: '✅', failed: '❌', errored: '⚠️' };

export function toMarkdown(report: RunReport, options: MarkdownOptions = {}): string {
  return digestToMarkdown(digestReport(report), options);
}

/** The same from a digest, for a run whose passing results were not kept. */
export function digestToMarkdown(digest: ReportDigest, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  // Usage closes the document, after what needs acting on; its room is set aside first. It is
  // left out rather than cut when the budget is too small for it, so its <details> stays whole.
  const usage = usageSection(digest);
  const tail = usage !== undefined && usage.length + 2 <= maxChars * USAGE_MAX_SHARE ? `\n\n${usage}` : '';
  return body(digest, options, maxChars - tail.length) + tail + '\n';
}

/** Title, totals, extra sections and failures, at most `maxChars - 1` long (room for the final newline). */
function body(digest: ReportDigest, options: MarkdownOptions, maxChars: number): string {
  const comparison = digest.summary.comparison && options.comparison ? [comparisonSection(digest.summary.comparison, digest.changed, options.comparison)] : [];
  const down = endpointsDownParagraphs(digest.summary.endpointsDown ?? []).map(endpointDownNote);
  const models = digest.models ? [modelsSection(digest.models)] : [];
  const head = [title(digest.summary), ...interruptedNote(digest.summary), totalsTable(digest.summary), ...down, ...models, ...comparison, ...(options.extraSections ?? [])].join('\n\n');
  const problems = problemsOf(digest);
  if (problems.length === 0) return truncate(head, maxChars - 1);

  const failuresHeading = `### Failures (${formatCount(problems.length)})`;
  // Tests that errored the same way are one entry: the error once, then their names.
  const entries = groupProblems(problems);
  const showModel = digest.models !== undefined;
  for (const cap of OUTPUT_CAPS) {
    const document = [head, failuresHeading, ...entries.map((entry) => fullEntry(entry, cap, showModel))].join('\n\n');
    if (document.length + 1 <= maxChars) return document;
  }
  return withinBudget(head, failuresHeading, entries, maxChars, showModel);
}

/** Too many failures for all of them in full: some in full, the rest one line each, then a note. */
function withinBudget(head: string, failuresHeading: string, problems: ProblemEntry[], maxChars: number, showModel: boolean): string {
  const full = problems.map((entry) => fullEntry(entry, SMALLEST_OUTPUT_CAP, showModel));
  const oneLiners = problems.map((entry) => oneLineEntry(entry, showModel));
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
  const omitted = problems.slice(listed).reduce((tests, entry) => tests + (entry.kind === 'test' ? 1 : entry.results.length), 0);
  if (omitted > 0) parts.push(`_…and ${plural(omitted, 'more failing test')} not shown here, to stay within GitHub's size limit._`);
  // The arithmetic above keeps well inside the limit; this only guards a tiny maxChars.
  return truncate(parts.join('\n\n'), maxChars - 1);
}

function title(summary: Summary): string {
  const cut = summary.interrupted;
  if (cut) {
    const counts = summary.failed + summary.errored > 0 ? ` (${failedAndErrored(summary)})` : '';
    return `## ⏹️ promptgate: interrupted after ${formatCount(summary.total)} of ${plural(cut.planned, 'test')}${counts}`;
  }
  if (summary.total === 0) return '## promptgate: no tests ran';
  if (summary.failed === 0 && summary.errored === 0) return `## ✅ promptgate: all ${plural(summary.total, 'test')} passed`;
  const icon = summary.failed > 0 ? '❌' : '⚠️';
  return `## ${icon} promptgate: ${failedAndErrored(summary)} of ${plural(summary.total, 'test')}`;
}

function failedAndErrored(summary: Summary): string {
  const counts = [
    ...(summary.failed > 0 ? [`${formatCount(summary.failed)} failed`] : []),
    ...(summary.errored > 0 ? [`${formatCount(summary.errored)} errored`] : []),
  ];
  return counts.join(', ');
}

/** Said before the totals: they, and the failures below, are only the tests that finished. */
function interruptedNote(summary: Summary): string[] {
  const cut = summary.interrupted;
  if (!cut) return [];
  const by = cut.signal ? ` by ${inlineCode(cut.signal)}` : '';
  if (cut.notFinished === 0) return [`> ⏹️ The run was stopped${by} after all ${plural(cut.planned, 'test')} had finished.`];
  return [
    `> ⏹️ The run was stopped${by} after ${formatCount(summary.total)} of ${plural(cut.planned, 'test')}. ` +
      `The ${formatCount(cut.notFinished)} not finished are left out: the totals and failures below are those of the tests that finished.`,
  ];
}

function totalsTable(summary: Summary): string {
  const columns: [string, string][] = [
    ['Tests', formatCount(summary.total)],
    ['Passed', formatCount(summary.passed)],
    ['Failed', formatCount(summary.failed)],
    ['Errored', formatCount(summary.errored)],
    ['Flaky', formatCount(summary.flaky)],
    ['Pass rate', passRateText(summary)],
    ['Tokens', formatCount(summary.tokens.total)],
    ['Requests', formatCount(summary.requests)],
    ['Cache hits', formatCount(summary.cacheHits)],
    ['Duration', formatDuration(summary.durationMs)],
  ];
  return [tableRow(columns.map(([name]) => name)), tableRow(columns.map(() => '---:')), tableRow(columns.map(([, value]) => value))].join('\n');
}

/**
 * What changed since the version compared with: the counts and the guarantee they come with, one
 * row per regression, improvement and undecided test with each side's evidence, and notes.
 */
function comparisonSection(summary: ComparisonSummary, changed: TestResult[], facts: ComparisonFacts): string {
  const parts = [`### Compared with ${inlineCode(truncate(facts.against, NAME_MAX_CHARS))}`, `${formatChangeCounts(summary)} · ${formatComparisonTerms(summary)}`];
  const listed = listedInOrder(changed);
  if (listed.length > 0) {
    const header = ['Change', 'Test', 'Base', 'Head'];
    const rows = listed.slice(0, CHANGES_MAX_ROWS).map((result) => {
      const { change, base, head } = result.comparison!;
      return [`${CHANGE_ICONS[change] ?? ''} ${change}`, `${testName(result)} · ${inlineCode(testLocation(result))}`, base ? sideText(base) : '', sideText(head)];
    });
    const table = [tableRow(header), tableRow(['---', '---', '---:', '---:']), ...rows.map(tableRow)].join('\n');
    const hidden = listed.length - rows.length;
    parts.push(hidden > 0 ? `${table}\n\n_…and ${plural(hidden, 'more test')} (the JSON report has them all)._` : table);
  }
  parts.push(
    `Counts are passing samples of those evaluated, with 95% Wilson intervals. A regression or an improvement is called by ` +
      `Fisher's exact test, with at most ${formatPercent(summary.falseAlarmRate)} of the tests called changed expected to be false alarms; ` +
      `an inconclusive test was not decided by the samples taken (at most ${formatCount(summary.maxSamples)} a side, within the call budget) and is never counted as a regression.` +
      (facts.base ? ` The base side took ${formatBaseUsage(facts.base)}, which the totals above leave out.` : ''),
  );
  const notes = facts.notes ?? [];
  for (const note of notes.slice(0, NOTES_MAX_SHOWN)) parts.push(`> ⚠️ ${safeLine(note.charAt(0).toUpperCase() + note.slice(1), ERROR_MAX_CHARS)}`);
  if (notes.length > NOTES_MAX_SHOWN) parts.push(`> _…and ${plural(notes.length - NOTES_MAX_SHOWN, 'more note')}._`);
  return parts.join('\n\n');
}

/** Each model's figures, then each test's verdict per model (those the models disagree on first, when there are many). */
function modelsSection(sideBySide: ModelsSideBySide): string {
  const { models } = sideBySide;
  const anyCost = models.some((figures) => figures.cost !== undefined);
  const header = ['Model', 'Tests', 'Passed', 'Failed', 'Errored', 'Pass rate', 'Tokens', ...(anyCost ? ['Cost'] : []), 'Mean latency'];
  const rows = models.map((figures) => [inlineCode(truncate(figures.model, NAME_MAX_CHARS)), ...modelFigureCells(figures, anyCost, usdCell)]);
  const parts = ['### Models side by side', [tableRow(header), tableRow(header.map((_, index) => (index === 0 ? '---' : '---:'))), ...rows.map(tableRow)].join('\n')];
  const { shown, agreeing, hidden } = rowsToShow(sideBySide.tests, MODEL_ROWS_MAX);
  if (shown.length > 0) {
    const testHeader = ['Test', ...models.map((figures) => inlineCode(truncate(figures.model, NAME_MAX_CHARS)))];
    const testRows = shown.map((row) => [
      `${safeLine(row.suite, NAME_MAX_CHARS)} › ${safeLine(row.test, NAME_MAX_CHARS)} · ${inlineCode(`${row.file}:${row.line}`)}`,
      ...row.statuses.map((status) => (status ? VERDICT_ICONS[status]! : '–')),
    ]);
    parts.push([tableRow(testHeader), tableRow(testHeader.map((_, index) => (index === 0 ? '---' : ':---:'))), ...testRows.map(tableRow)].join('\n'));
  }
  const same = agreeing.passed + agreeing.failed + agreeing.errored;
  const notes: string[] = [];
  if (same > 0) {
    const verdicts = (['passed', 'failed', 'errored'] as const).filter((status) => agreeing[status] > 0).map((status) => `${formatCount(agreeing[status])} ${status}`);
    notes.push(`${shown.length > 0 ? 'Not listed: ' : ''}${plural(same, 'test')} with the same verdict from every model (${verdicts.join(', ')})`);
  }
  if (hidden > 0) notes.push(`${plural(hidden, 'more test')} the models disagree on (the JSON report has them all)`);
  if (notes.length > 0) parts.push(`_${notes.join('; ')}._`);
  return parts.join('\n\n');
}

/** The run stopped calling an endpoint: said before the failures, which only repeat its error. */
function endpointDownNote([what, error, check]: [string, string, string]): string {
  const line = (text: string) => safeLine(text.charAt(0).toUpperCase() + text.slice(1), ERROR_MAX_CHARS);
  return `> ⚠️ ${line(what)}\n>\n> ${line(error)}\n>\n> ${line(check)}`;
}

function tableRow(cells: string[]): string {
  return `| ${cells.map(escapeTableCell).join(' | ')} |`;
}

/** Tokens and cost per file and in total, model under test and judge apart; undefined when nothing was used. */
function usageSection(digest: ReportDigest): string | undefined {
  const { summary, files } = digest;
  const unpriced = summary.unpricedModels ?? [];
  if (summary.total === 0 || (summary.tokens.total === 0 && summary.cost === undefined && !summary.judge && unpriced.length === 0)) {
    return undefined;
  }
  // One file's row would only repeat the total.
  const table = usageByFileTable(summary, files.length > 1 ? files : []);
  const note = unpriced.length > 0 ? [unpricedNote(unpriced)] : [];
  return ['### Usage', table, ...note].join('\n\n');
}

/**
 * Tokens and cost per file, then the run's total, model under test and judge apart; folded into
 * <details> past a few files. Shared with the pull request's summary comment.
 */
export function usageByFileTable(summary: Summary, files: FileUsage[]): string {
  const table = usageTable(summary, files);
  if (files.length <= USAGE_FOLD_OVER_FILES) return table;
  // The blank lines around the table are what make GitHub render Markdown inside the HTML block.
  return `<details>\n<summary>By file (${plural(files.length, 'file')}): ${usageInBrief(summary)}</summary>\n\n${table}\n\n</details>`;
}

/**
 * Columns that would only ever say "n/a" are left out: a run without prices shows no Cost column,
 * and one without graded assertions no judge columns.
 */
function usageTable(summary: Summary, files: FileUsage[]): string {
  const showCost = summary.cost !== undefined;
  const judge = summary.judge;
  const showJudgeCost = judge?.cost !== undefined;
  const header = ['File', 'Tests', 'Tokens', ...(showCost ? ['Cost'] : []), ...(judge ? ['Judge tokens'] : []), ...(showJudgeCost ? ['Judge cost'] : [])];
  const cells = (name: string, tests: number, tokens: number, cost: number | undefined, judgeTokens: number, judgeCost: number | undefined): string[] => [
    name,
    formatCount(tests),
    formatCount(tokens),
    ...(showCost ? [usdCell(cost)] : []),
    ...(judge ? [formatCount(judgeTokens)] : []),
    ...(showJudgeCost ? [usdCell(judgeCost)] : []),
  ];
  const shown = files.slice(0, USAGE_MAX_FILES);
  // A file nothing in was graded cost nothing to grade: 0 and $0, not "n/a" (which means "no price").
  const rows = shown.map((file) =>
    cells(inlineCode(truncate(file.file, USAGE_FILE_MAX_CHARS)), file.tests, file.tokens.total, file.cost, file.judge?.tokens.total ?? 0, file.judge ? file.judge.cost : 0),
  );
  const hidden = files.length - shown.length;
  if (hidden > 0) rows.push([`_…and ${plural(hidden, 'more file')} (the JSON report has them all)_`, ...header.slice(1).map(() => '')]);
  rows.push(cells('**Total**', summary.total, summary.tokens.total, summary.cost, judge?.tokens.total ?? 0, judge?.cost));
  return [tableRow(header), tableRow(header.map((_, index) => (index === 0 ? '---' : '---:'))), ...rows.map(tableRow)].join('\n');
}

/** For the <summary> line, which is HTML: no Markdown escapes work there. */
function usageInBrief(summary: Summary): string {
  const parts = [`${formatCount(summary.tokens.total)} tokens`];
  if (summary.cost !== undefined) parts.push(htmlUsd(summary.cost));
  if (summary.judge) {
    const judgeCost = summary.judge.cost !== undefined ? `, ${htmlUsd(summary.judge.cost)}` : '';
    parts.push(`judge ${formatCount(summary.judge.tokens.total)} tokens${judgeCost}`);
  }
  return parts.join(' · ');
}

/** Says which models `cost` leaves out, and how to price them. */
export function unpricedNote(models: string[]): string {
  const shown = models.slice(0, UNPRICED_MAX_SHOWN).map((model) => inlineCode(truncate(model, NAME_MAX_CHARS)));
  const more = models.length - shown.length;
  const list = more > 0 ? `${shown.join(', ')} and ${plural(more, 'more model')}` : shown.join(', ');
  const them = models.length === 1 ? 'it' : 'them';
  return `Cost leaves out ${list}: no price; add ${them} under \`prices:\` in promptgate.config.yaml.`;
}

// Two dollar signs on one line are inline math to GitHub ("$0.01 and $0.02" renders as a formula),
// so every sign is escaped: with a backslash in Markdown, as an entity in HTML.
/** An amount for a Markdown table cell; "n/a" when there is no price. */
export function usdCell(amount: number | undefined): string {
  return amount === undefined ? 'n/a' : formatUsd(amount).replace('$', () => '\\$');
}

function htmlUsd(amount: number): string {
  return formatUsd(amount).replace('<', '&lt;').replace('$', '&#36;');
}

function fullEntry(entry: ProblemEntry, outputCap: number, showModel: boolean): string {
  return entry.kind === 'test' ? testEntry(entry.result, outputCap, showModel) : sameErrorEntry(entry.error, entry.results);
}

/** One error for many tests: told once, then the tests by file, a few names each. */
function sameErrorEntry(error: string, results: TestResult[]): string {
  const { files, more } = namesByFile(results);
  const names = files.map(({ file, names }) => `- ${inlineCode(truncate(file, NAME_MAX_CHARS))}: ${names.map((name) => safeLine(name, NAME_MAX_CHARS)).join(' · ')}`);
  if (more > 0) names.push(`- _…and ${formatCount(more)} more (the JSON report has them all)_`);
  return [`#### ⚠️ The same error for ${plural(results.length, 'test')}`, '', `**Error:** ${safeLine(error, ERROR_MAX_CHARS)}`, '', ...names].join('\n');
}

function testEntry(result: TestResult, outputCap: number, showModel: boolean): string {
  const errored = result.status === 'errored';
  const model = showModel && result.model !== undefined ? [`with ${inlineCode(truncate(result.model, NAME_MAX_CHARS))}`] : [];
  const status = [inlineCode(testLocation(result)), errored ? 'errored' : 'failed', ...model, ...(result.flaky ? [describeFlaky(result)] : [])];
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

function oneLineEntry(entry: ProblemEntry, showModel: boolean): string {
  if (entry.kind === 'same-error') return `- ⚠️ **The same error for ${plural(entry.results.length, 'test')}** · ${safeLine(entry.error, ONE_LINE_REASON_MAX_CHARS)}`;
  const result = entry.result;
  const first = failingAssertions(result)[0];
  const why = first
    ? `${inlineCode(first.type)}: ${safeLine(first.reason, ONE_LINE_REASON_MAX_CHARS)}`
    : safeLine(result.error ?? result.status, ONE_LINE_REASON_MAX_CHARS);
  const icon = result.status === 'errored' ? '⚠️' : '❌';
  const model = showModel && result.model !== undefined ? ` · ${inlineCode(truncate(result.model, NAME_MAX_CHARS))}` : '';
  return `- ${icon} **${testName(result)}** · ${inlineCode(testLocation(result))}${model} · ${why}`;
}

function testName(result: TestResult): string {
  return `${safeLine(result.suite, NAME_MAX_CHARS)} › ${safeLine(result.test, NAME_MAX_CHARS)}`;
}

/** Untrusted text for a heading, list item or paragraph: one line, capped, then neutralised. */
function safeLine(text: string, maxChars: number): string {
  return neutralizeMarkdown(truncate(text.replace(/\s*[\r\n]+\s*/g, ' '), maxChars));
}
