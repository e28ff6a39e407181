// The sticky summary comment: one per PR, found again by its first line and edited on every run.
// Totals for head and base and what the comparison's verdicts rest on, then every test that needs
// attention, grouped by what changed, with its pass counts on each side, then what the runs used:
// tokens, cost and judge calls, and per file for the head.
import { evidenceText } from '../report/comparison.js';
import { unpricedNote, usageByFileTable, usdCell } from '../report/markdown.js';
import { escapeTableCell, inlineCode, neutralizeMarkdown, truncate } from '../report/markdown-safe.js';
import { formatCount, formatDuration, plural } from '../report/numbers.js';
import { passRateText, testLocation } from '../report/result-facts.js';
import { usageByFile } from '../report/usage-by-file.js';
import type { RunReport, Summary } from '../types.js';
import type { Change, ComparedTest } from './classify.js';
import { countChanges } from './classify.js';
import { whatBroke } from './describe.js';
import { decisionNote } from './evidence-text.js';
import { DEFAULT_MAX_CHARS } from './limits.js';
import type { JobIdentity } from './job.js';
import { summaryMarker } from './markers.js';
import { byLocation } from './order.js';
import { footerLine, jobName, safeLine } from './text.js';

export interface SummaryInput {
  compared: ComparedTest[];
  head: RunReport;
  /** Absent when the base commit was not run (e.g. no model calls could be made). */
  base?: RunReport;
  runUrl?: string;
  headSha: string;
  /** Plain-text notes shown as a callout at the top, e.g. why no model calls were made. */
  notes?: string[];
  /** Whose summary this is; without one, the marker names no job (as before jobs had identities). */
  job?: JobIdentity;
}

interface Section {
  title: string;
  columns: string[];
  rows: string[][];
}

const NAME_MAX_CHARS = 120;
const REASON_MAX_CHARS = 150;
const ERROR_MAX_CHARS = 300;
const NOTE_MAX_CHARS = 1000;
const MAX_NOTES = 10;
// Rows per section, tried in turn until the comment fits.
const ROW_LIMITS = [Infinity, 200, 100, 50, 25, 10, 5, 2, 0];

export function renderSummaryComment(input: SummaryInput, options: { maxChars?: number } = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const counts = countChanges(input.compared);
  const comparison = input.head.summary.comparison;
  const top = [
    summaryMarker(input.job?.key) + '\n' + title(input.compared, counts, jobName(input.job)),
    ...notesCallout(input.notes ?? []),
    totalsTable(input, counts),
    ...(comparison ? [`<sub>${decisionNote(comparison)}</sub>`] : []),
  ];
  const usage = usageTable(input.head, input.base);
  const perFile = perFileUsage(input.head);
  const unpriced = unpricedModels(input.head, input.base);
  const bottom = (withPerFile: boolean) => [
    usage,
    ...(withPerFile ? perFile : []),
    ...(unpriced.length > 0 ? [unpricedNote(unpriced)] : []),
    footerLine(input.headSha, input.runUrl),
  ];
  const sections = listSections(input.compared);

  // The per-file table is the first thing to go: the tests that need attention matter more.
  const attempts = [{ limit: Infinity, withPerFile: true }, ...ROW_LIMITS.map((limit) => ({ limit, withPerFile: false }))];
  for (const { limit, withPerFile } of attempts) {
    const document = [...top, ...sections.map((section) => renderSection(section, limit)), ...bottom(withPerFile)].join('\n\n');
    if (document.length <= maxChars) return document;
  }
  // Only a tiny maxChars gets here; the marker comes first, so it survives the cut.
  return truncate([...top, ...bottom(false)].join('\n\n'), maxChars);
}

function title(compared: ComparedTest[], counts: Record<Change, number>, name: string): string {
  const total = compared.length;
  if (total === 0) return `## ${name}: no prompt tests ran`;
  // Failing is the head's own verdict (what fail-on: failure reads); a regression may still pass its bar.
  const failing = compared.filter((entry) => entry.head.status === 'failed');
  if (counts.regression > 0) {
    const others = failing.filter((entry) => entry.change !== 'regression').length;
    return `## ❌ ${name}: ${plural(counts.regression, 'regression')}${others > 0 ? `, ${formatCount(others)} other failing` : ''}`;
  }
  if (failing.length > 0) return `## ❌ ${name}: ${plural(failing.length, 'failing test')}`;
  if (counts.errored > 0) return `## ⚠️ ${name}: ${plural(counts.errored, 'test')} could not be evaluated`;
  const improved = counts.improved > 0 ? ` (${formatCount(counts.improved)} improved)` : '';
  return `## ✅ ${name}: all ${plural(total, 'test')} pass${improved}`;
}

function notesCallout(notes: string[]): string[] {
  if (notes.length === 0) return [];
  const shown = notes.slice(0, MAX_NOTES).map((note) => neutralizeMarkdown(truncate(note.trim(), NOTE_MAX_CHARS)));
  if (notes.length > MAX_NOTES) shown.push(`…and ${plural(notes.length - MAX_NOTES, 'more note')}`);
  // Every line of every note is quoted, or a line break inside a note would end the callout.
  return ['> [!NOTE]\n' + shown.map((note) => note.split(/\r\n?|\n/).map((line) => `> ${line}`.trimEnd()).join('\n')).join('\n>\n')];
}

function totalsTable(input: SummaryInput, counts: Record<Change, number>): string {
  const columns = ['', 'Tests', 'Passed', 'Failed', 'Errored', 'Flaky', 'Pass rate', 'Regressions', 'Improved', 'Inconclusive'];
  const rows = [['This PR', ...summaryCells(input.head.summary), ...[counts.regression, counts.improved, counts.inconclusive].map(formatCount)]];
  if (input.base) rows.push(['Base', ...summaryCells(input.base.summary), '–', '–', '–']);
  return table(columns, rows, ['---', ...columns.slice(1).map(() => '---:')]);
}

function summaryCells(summary: Summary): string[] {
  return [summary.total, summary.passed, summary.failed, summary.errored, summary.flaky].map(formatCount).concat(passRateText(summary));
}

function listSections(compared: ComparedTest[]): Section[] {
  const of = (change: Change): ComparedTest[] => compared.filter((entry) => entry.change === change).sort(byLocation);
  const who = (entry: ComparedTest): string[] => [inlineCode(testLocation(entry.head)), safeLine(entry.test, NAME_MAX_CHARS)];
  const counted = (entry: ComparedTest): string[] => [...who(entry), entry.head.comparison ? evidenceText(entry.head.comparison) : 'n/a'];
  const broke = (entry: ComparedTest): string[] => [...counted(entry), whatBroke(entry.head, REASON_MAX_CHARS)];
  const passed = 'Samples passed';
  const bothSides = `${passed}: base → head`;
  return [
    { title: 'Regressions', columns: ['File', 'Test', bothSides, 'What broke'], rows: of('regression').map(broke) },
    { title: 'New failures', columns: ['File', 'Test', passed, 'What fails'], rows: of('new-failing').map(broke) },
    { title: 'Inconclusive', columns: ['File', 'Test', bothSides], rows: of('inconclusive').map(counted) },
    { title: 'Still failing', columns: ['File', 'Test', bothSides, 'What fails'], rows: of('still-failing').map(broke) },
    {
      title: 'Errored',
      columns: ['File', 'Test', 'Error'],
      rows: of('errored').map((entry) => [...who(entry), safeLine(entry.head.error ?? 'no error message', ERROR_MAX_CHARS)]),
    },
    { title: 'Improved', columns: ['File', 'Test', bothSides], rows: of('improved').map(counted) },
  ].filter((section) => section.rows.length > 0);
}

function renderSection(section: Section, limit: number): string {
  const heading = `### ${section.title} (${formatCount(section.rows.length)})`;
  const shown = section.rows.slice(0, limit);
  const hidden = section.rows.length - shown.length;
  const more = hidden > 0 ? [`…and ${formatCount(hidden)} more`] : [];
  if (shown.length === 0) return [heading, ...more].join('\n\n');
  return [heading, table(section.columns, shown), ...more].join('\n\n');
}

/**
 * Rows that would only ever say "n/a" are left out, as in the job summary: no Cost row when no
 * model had a price, no judge rows when nothing was graded, no Judge cost row when no judge had a price.
 */
function usageTable(head: RunReport, base: RunReport | undefined): string {
  const reports = base ? [head, base] : [head];
  const line = (label: string, value: (report: RunReport) => string): string[] => [label, ...reports.map(value)];
  const anyCost = reports.some((report) => report.summary.cost !== undefined);
  const judged = reports.some((report) => report.summary.judge !== undefined);
  const anyJudgeCost = reports.some((report) => report.summary.judge?.cost !== undefined);
  return '### Tokens and speed\n\n' + table(
    ['', 'This PR', ...(base ? ['Base'] : [])],
    [
      line('Prompt tokens', (r) => formatCount(r.summary.tokens.prompt)),
      line('Completion tokens', (r) => formatCount(r.summary.tokens.completion)),
      line('Total tokens', (r) => formatCount(r.summary.tokens.total)),
      ...(anyCost ? [line('Cost', (r) => usdCell(r.summary.cost))] : []),
      line('Mean latency', meanLatency),
      line('Requests', (r) => formatCount(r.summary.requests)),
      line('Cache hits', (r) => formatCount(r.summary.cacheHits)),
      // A run that graded nothing made no judge calls and spent nothing on them: 0 and $0, not "n/a".
      ...(judged
        ? [
            line('Judge calls', (r) => formatCount(r.summary.judge?.calls ?? 0)),
            line('Judge tokens', (r) => formatCount(r.summary.judge?.tokens.total ?? 0)),
            ...(anyJudgeCost ? [line('Judge cost', (r) => usdCell(r.summary.judge ? r.summary.judge.cost : 0))] : []),
          ]
        : []),
    ],
    ['---', '---:', ...(base ? ['---:'] : [])],
  );
}

/** The head's usage per file; nothing for a single file, whose row would repeat the table above, or when nothing was used. */
function perFileUsage(head: RunReport): string[] {
  const { summary } = head;
  if (summary.tokens.total === 0 && summary.cost === undefined && !summary.judge) return [];
  const files = usageByFile(head.results);
  if (files.length < 2) return [];
  return [`#### By file (this PR)\n\n${usageByFileTable(head.summary, files)}`];
}

function unpricedModels(head: RunReport, base: RunReport | undefined): string[] {
  return [...new Set([...(head.summary.unpricedModels ?? []), ...(base?.summary.unpricedModels ?? [])])].sort();
}

/** Mean over tests that got an answer; an errored test has no latency. */
function meanLatency(report: RunReport): string {
  const answered = report.results.filter((result) => result.status !== 'errored');
  if (answered.length === 0) return 'n/a';
  return formatDuration(answered.reduce((sum, result) => sum + result.latencyMs, 0) / answered.length);
}

/** Cells must already be safe Markdown; only the table structure is handled here. */
function table(columns: string[], rows: string[][], align: string[] = columns.map(() => '---')): string {
  const row = (cells: string[]): string => `| ${cells.map(escapeTableCell).join(' | ')} |`;
  return [row(columns), `| ${align.join(' | ')} |`, ...rows.map(row)].join('\n');
}
