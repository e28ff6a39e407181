// The reports of a run refused before any call (invalid prompt files, a bad config, an unknown
// --test, a missing key): what a CI test reporter reads must say why nothing ran, not stay empty
// or keep the last run's results. JSON: a results document with no results and the problems;
// JUnit: one failing testcase per error, at its file and line, warnings as the file's output;
// Markdown: the problems as the console lists them.
import type { Problem, RunReport } from '../types.js';
import { fenceCode, truncate } from './markdown-safe.js';
import { plural } from './numbers.js';
import { formatProblems } from './problems.js';
import { xmlAttr, xmlText } from './xml.js';

// Test names are shown in lists; the failure holds the whole message.
const NAME_MAX_CHARS = 200;
const MESSAGE_MAX_CHARS = 1000;
// As the run's own Markdown report: under GitHub's 65,536-character limit, with room for a footer.
const MARKDOWN_MAX_CHARS = 60_000;
// Room for the title, the sentence and the fence around the problem lines.
const MARKDOWN_FRAME_CHARS = 1_000;
// Problems with no file (an unknown --test, a usage error) are about the call itself.
const CALL_SUITE = 'promptgate';

/** A results document with no results: zero totals, and the problems that kept the run from starting. */
export function refusedRunReport(problems: Problem[], meta: { startedAt: string; version: string }): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: meta.version },
    startedAt: meta.startedAt,
    // As any run that evaluated nothing: a pass rate of 1 (nothing failed), which reports show as n/a.
    summary: { total: 0, passed: 0, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 0, completion: 0, total: 0 }, requests: 0, cacheHits: 0, durationMs: 0 },
    problems: problems.map(({ file, line, column, severity, message }) => ({ file, line, column, severity, message })),
    results: [],
  };
}

/** One <testsuite> per file with problems: a failing <testcase> per error, the warnings in <system-out>. */
export function refusedRunJUnit(problems: Problem[], startedAt: string): string {
  const byFile = new Map<string, Problem[]>();
  for (const problem of [...problems].sort(byPlace)) {
    const group = byFile.get(problem.file);
    if (group) group.push(problem);
    else byFile.set(problem.file, [problem]);
  }
  const errors = problems.filter(isError).length;
  const timestamp = xmlAttr(startedAt);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="promptgate" tests="${errors}" failures="${errors}" errors="0" skipped="0" time="0.000" timestamp="${timestamp}">`,
  ];
  for (const [file, found] of byFile) {
    const failing = found.filter(isError);
    const warnings = found.filter((problem) => !isError(problem));
    const suite = file === '' ? CALL_SUITE : file;
    lines.push(`  <testsuite name="${xmlAttr(suite)}" tests="${failing.length}" failures="${failing.length}" errors="0" skipped="0" time="0.000" timestamp="${timestamp}">`);
    for (const problem of failing) lines.push(...failingCase(suite, problem));
    if (warnings.length > 0) lines.push(`    <system-out>${xmlText(warnings.map(problemLine).join('\n'))}</system-out>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

/** The problems as the console lists them, in a fence: a file's own text cannot turn into Markdown. */
export function refusedRunMarkdown(problems: Problem[]): string {
  const errors = problems.filter(isError).length;
  const listed = formatProblems(problems, { color: false }).split('\n');
  const render = (shown: string[]): string =>
    [
      `## ❌ promptgate: nothing was run (${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')})`,
      'Nothing was sent to the model. Fix these, or run `npx promptgate validate` to check the prompt files alone:',
      fenceCode(shown.join('\n')),
      ...(shown.length < listed.length ? [`…and ${plural(listed.length - shown.length, 'more line')}: the console and the JSON report have them all.`] : []),
    ].join('\n\n') + '\n';
  const whole = render(listed);
  if (whole.length <= MARKDOWN_MAX_CHARS) return whole;
  // Whole lines from the top, as many as fit: a line cut in half could name the wrong place.
  const kept: string[] = [];
  let budget = MARKDOWN_MAX_CHARS - MARKDOWN_FRAME_CHARS;
  for (const line of listed) {
    if (line.length + 1 > budget) break;
    kept.push(line);
    budget -= line.length + 1;
  }
  return render(kept);
}

function failingCase(suite: string, problem: Problem): string[] {
  const where = problem.line > 0 ? `${problem.line}:${problem.column}: ` : '';
  const place = problem.file === '' ? '' : ` file="${xmlAttr(problem.file)}"${problem.line > 0 ? ` line="${problem.line}"` : ''}`;
  return [
    `    <testcase classname="${xmlAttr(suite)}" name="${xmlAttr(truncate(where + problem.message, NAME_MAX_CHARS))}"${place} time="0.000">`,
    `      <failure message="${xmlAttr(truncate(problem.message, MESSAGE_MAX_CHARS))}" type="invalid-input">${xmlText(problemLine(problem))}</failure>`,
    '    </testcase>',
  ];
}

/** `file:line:column: severity: message`, as the console says it. */
function problemLine(problem: Problem): string {
  return formatProblems([problem], { color: false }).split('\n')[0]!;
}

function isError(problem: Problem): boolean {
  return problem.severity === 'error';
}

function byPlace(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}
