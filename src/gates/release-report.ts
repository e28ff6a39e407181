// The release report: Markdown to paste into release notes. Gates with their figures first (the
// verdict), then what regressed and improved with the evidence, what the samples could not settle,
// cost and latency, and the tests added and removed. Test names come from prompt files, which may
// come from anyone who can open a pull request, so every name is neutralised.
import { escapeTableCell, inlineCode, neutralizeMarkdown } from '../report/markdown-safe.js';
import { sideText } from '../report/comparison.js';
import { formatCount, formatPercent, formatUsd, plural } from '../report/numbers.js';
import type { ComparisonChange, RunReport, TestResult } from '../types.js';
import type { GateOutcome } from './gate.js';
import { costPerSample, latencyPercentile, signedChange } from './usage-figures.js';

/** Rows a list shows before "…and N more": a release note is read, not searched. */
const LISTED = 50;

export interface ReleaseReportInput {
  head: RunReport;
  /** The baseline (or the previous release's run); absent when there was none to compare with. */
  base?: RunReport;
  removed: { file: string; test: string }[];
  gates: GateOutcome[];
  /** How each side is named: a tag, a commit, a file (`v1.4.0`, `baseline.json`). */
  headLabel: string;
  baseLabel?: string;
  /** Plain sentences about the comparison (a base version that could not be run, a thin baseline), shown under the counts. */
  notes?: string[];
}

export function releaseReport(input: ReleaseReportInput): string {
  const { head, gates } = input;
  const versus = input.baseLabel ? ` against ${inlineCode(input.baseLabel)}` : '';
  const lines = [`## promptgate: ${inlineCode(input.headLabel)}${versus}`, ''];
  lines.push(...gatesMarkdown(gates));
  const comparison = head.summary.comparison;
  if (comparison) {
    lines.push(
      `${plural(comparison.regression, 'regression')}, ${plural(comparison.improvement, 'improvement')}, ${formatCount(comparison.unchanged)} unchanged, ` +
        `${formatCount(comparison.inconclusive)} inconclusive, ${formatCount(comparison.new)} new, ${formatCount(input.removed.length)} removed ` +
        `(false-alarm rate ${formatPercent(comparison.falseAlarmRate)}, ${plural(comparison.calls, 'call')}).`,
      '',
    );
  }
  const notes = input.notes ?? [];
  for (const note of notes.slice(0, LISTED)) lines.push(`> ⚠️ ${neutralizeMarkdown(sentence(note))}`, '');
  if (notes.length > LISTED) lines.push(`> …and ${plural(notes.length - LISTED, 'more note')}.`, '');
  lines.push(...changeSection('Regressions', 'regression', head.results));
  lines.push(...changeSection('Improvements', 'improvement', head.results));
  lines.push(...changeSection('Inconclusive', 'inconclusive', head.results));
  lines.push(...usageSection(head, input.base));
  const added = head.results.filter((result) => result.comparison?.change === 'new');
  lines.push(...listSection('Tests added', added.map((result) => testName(result.file, result.test))));
  lines.push(...listSection('Tests removed', input.removed.map((test) => testName(test.file, test.test))));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The verdict line, one row per gate with its figure and limit, and the tests a failed gate names; blank-line separated. */
export function gatesMarkdown(gates: readonly GateOutcome[]): string[] {
  const failed = gates.filter((gate) => gate.status === 'failed');
  const skipped = gates.filter((gate) => gate.status === 'skipped').length;
  let verdict: string;
  if (failed.length > 0) verdict = `**${plural(failed.length, 'gate')} failed** of ${gates.length}: ${failed.map((gate) => neutralizeMarkdown(gate.name)).join(', ')}.`;
  // A gate that measured nothing did not pass: "passed" would read as a clean bill when nothing was checked.
  else if (skipped > 0 && skipped === gates.length) verdict = `**No gate could be checked** (${plural(skipped, 'gate')} skipped).`;
  else verdict = skipped > 0 ? `**Gates passed** (${gates.length - skipped}; ${skipped} skipped).` : `**Gates passed** (${gates.length}).`;
  const lines = [verdict, ''];
  if (gates.length === 0) return lines;
  lines.push('| gate | measured | limit | |', '| --- | --- | --- | --- |');
  for (const gate of gates) {
    const mark = gate.status === 'passed' ? '✅ passed' : gate.status === 'failed' ? '❌ failed' : '➖ skipped';
    lines.push(`| ${cell(gate.name)} | ${cell(gate.measured)} | ${cell(gate.limit)} | ${mark} |`);
  }
  lines.push('');
  for (const gate of failed) {
    if (gate.blamed?.length) lines.push(`${neutralizeMarkdown(gate.name)}: ${gate.blamed.map((name) => inlineCode(name)).join(', ')}`, '');
  }
  return lines;
}

function changeSection(title: string, change: ComparisonChange, results: TestResult[]): string[] {
  const listed = results.filter((result) => result.comparison?.change === change);
  if (listed.length === 0) return [];
  const lines = [`### ${title} (${formatCount(listed.length)})`, '', '| test | before → now |', '| --- | --- |'];
  for (const result of listed.slice(0, LISTED)) {
    const comparison = result.comparison!;
    const evidence = `${comparison.base ? sideText(comparison.base) : '—'} → ${sideText(comparison.head)}`;
    lines.push(`| ${testName(result.file, result.test)} | ${cell(evidence)} |`);
  }
  if (listed.length > LISTED) lines.push('', `…and ${formatCount(listed.length - LISTED)} more (the results file has them all).`);
  return [...lines, ''];
}

function listSection(title: string, names: string[]): string[] {
  if (names.length === 0) return [];
  const more = names.length > LISTED ? [`- …and ${formatCount(names.length - LISTED)} more`] : [];
  return [`### ${title} (${formatCount(names.length)})`, '', ...names.slice(0, LISTED).map((name) => `- ${name}`), ...more, ''];
}

function usageSection(head: RunReport, base: RunReport | undefined): string[] {
  if (!base) return [];
  const rows: string[] = [];
  const costNow = costPerSample(head.results);
  const costWas = costPerSample(base.results);
  if (costNow !== undefined && costWas !== undefined) rows.push(`| cost per sample | ${formatUsd(costWas)} | ${formatUsd(costNow)} | ${change(costWas, costNow)} |`);
  for (const p of [50, 95] as const) {
    const now = latencyPercentile(head.results, p);
    const was = latencyPercentile(base.results, p);
    if (now !== undefined && was !== undefined) rows.push(`| p${p} latency | ${formatCount(was)} ms | ${formatCount(now)} ms | ${change(was, now)} |`);
  }
  if (rows.length === 0) return [];
  return ['### Cost and latency', '', '| | before | now | change |', '| --- | --- | --- | --- |', ...rows, ''];
}

function change(was: number, now: number): string {
  if (was === 0) return now === 0 ? '0%' : '—';
  return signedChange(now / was - 1, formatPercent);
}

function testName(file: string, test: string): string {
  // Table rows hold it too, where a pipe splits the cell even inside a code span.
  return `${escapeTableCell(inlineCode(file))} › ${escapeTableCell(neutralizeMarkdown(test))}`;
}

/** One line, capitalised: notes are written to follow `warning:` in a log. */
function sentence(note: string): string {
  const line = note.replace(/\s*[\r\n]+\s*/g, ' ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

function cell(text: string): string {
  return escapeTableCell(neutralizeMarkdown(text));
}
