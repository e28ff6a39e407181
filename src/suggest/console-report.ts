// The suggest outcome for a terminal: what was verified (with the pass counts), the verified diff,
// why, a before/after table of the file's tests, the assertion worth adding, and the spend; or a
// safe edit that nothing shows to answer the critique, called exactly that. Model text is made
// terminal-safe first.
import { showControlChars } from '../report/control-chars.js';
import { truncate } from '../report/markdown-safe.js';
import { formatCount, formatDuration, plural } from '../report/numbers.js';
import { createPaint, type Paint } from '../report/style.js';
import { DEFAULT_COMPARE_SETTINGS } from '../compare/design.js';
import type { RunReport, TestResult } from '../types.js';
import { unifiedDiff } from './line-diff.js';
import type { CandidateVerdict, Spent, SuggestOutcome, TestCheck } from './types.js';
import { count, describeChange, describeMethod, describeVerified } from './verification.js';

const RATIONALE_CHARS = 1500;
const REASON_CHARS = 400;

export function formatSuggestOutcome(outcome: SuggestOutcome, file: string, options: { color: boolean }): string {
  const paint = createPaint(options.color);
  if (outcome.kind === 'failed') return `${paint('red', '✗')} Could not suggest an edit to ${safe(file)}: ${safe(outcome.reason)}\n${spent(outcome.spent)}`;
  const original = outcome.originalText ?? '';
  const blocks: string[] = [];
  if (outcome.kind === 'verified') {
    const { chosen } = outcome;
    blocks.push(`${paint('green', '✓')} ${paint('bold', `Verified edit for ${safe(file)}`)} (candidate ${chosen.index + 1} of ${outcome.candidates.length})${verifiedClaim(chosen)}`);
    blocks.push(coloredDiff(unifiedDiff(file, original, chosen.newText ?? original), paint));
    blocks.push(`${paint('bold', 'Why:')} ${safe(truncate(chosen.rationale, RATIONALE_CHARS))}`);
    blocks.push(table(outcome.before, chosen, paint));
    if (chosen.assertion?.kept && chosen.assertion.notAddable === undefined) {
      const { before, after } = chosen.assertion;
      const evidence = before && after ? `it passes ${count(before)} samples before the edit and ${count(after)} after` : 'it fails on the old output and passes on the new';
      blocks.push(`${paint('bold', `Assertion to add under test "${safe(chosen.assertion.test ?? '')}"`)} (${evidence}):\n` + indent(safe(chosen.assertion.yaml)));
    }
    const rejected = outcome.candidates.filter((candidate) => !candidate.verified);
    if (rejected.length > 0) blocks.push(candidateLines(rejected, paint));
  } else if (outcome.best?.safe) {
    // An edit that breaks nothing, though nothing shows it answers the critique: shown, never called verified.
    const best = outcome.best;
    const checked = [...describeVerified(best.checks ?? []), best.critique?.reason ?? 'not shown to address the critique'];
    blocks.push(
      `${paint('yellow', '⚠')} ${paint('bold', `No edit for ${safe(file)} is shown to address the critique`)}; nothing was suggested. ` +
        `Candidate ${best.index + 1} of ${outcome.candidates.length} breaks no test, side by side with the file as it is:\n` +
        checked.map((line) => `  ${safe(line)}`).join('\n'),
    );
    blocks.push(`${paint('yellow', `Candidate ${best.index + 1} — NOT verified:`)}\n${coloredDiff(unifiedDiff(file, original, best.newText ?? original), paint)}`);
    blocks.push(`${paint('bold', 'Why:')} ${safe(truncate(best.rationale, RATIONALE_CHARS))}`);
    blocks.push(table(outcome.before, best, paint));
    blocks.push(candidateLines(outcome.candidates, paint));
    blocks.push(
      'To have an edit verified for this critique, add to a targeted test an assertion that fails on the current output for what the critique asks (or target a test that already fails for it), then run again.',
    );
  } else {
    blocks.push(`${paint('red', '✗')} ${paint('bold', `No candidate passed verification for ${safe(file)}`)}; nothing was suggested.`);
    blocks.push(candidateLines(outcome.candidates, paint));
    const best = outcome.best;
    if (best?.newText !== undefined) {
      blocks.push(`${paint('yellow', `Closest attempt, candidate ${best.index + 1} — NOT verified:`)}\n${coloredDiff(unifiedDiff(file, original, best.newText), paint)}`);
      blocks.push(table(outcome.before, best, paint));
    }
  }
  blocks.push(spent(outcome.spent));
  return blocks.join('\n\n');
}

function candidateLines(candidates: CandidateVerdict[], paint: Paint): string {
  if (candidates.length === 0) return 'The editor proposed no candidates.';
  return candidates
    .map((candidate) => {
      const label = `candidate ${candidate.index + 1}:`;
      if (candidate.verified) return `${paint('green', label)} verified`;
      return `${paint('red', label)} ${candidate.reasons.map((reason) => safe(truncate(reason, REASON_CHARS))).join('; ')}`;
    })
    .join('\n');
}

/** What the verification showed, with the counts, indented under the headline. */
function verifiedClaim(chosen: CandidateVerdict): string {
  if (!chosen.checks) return '.';
  const falseAlarmRate = chosen.after?.summary.comparison?.falseAlarmRate ?? DEFAULT_COMPARE_SETTINGS.falseAlarmRate;
  const lines = [...describeVerified(chosen.checks, chosen.critique), describeMethod(falseAlarmRate)];
  return `, side by side with the file as it is:\n${lines.map((line) => `  ${safe(line)}`).join('\n')}`;
}

function table(before: RunReport, candidate: CandidateVerdict, paint: Paint): string {
  const header = candidate.checks ? ['test', 'before', 'after', 'verdict'] : ['test', 'before', 'after'];
  const rows = candidate.checks ? candidate.checks.map(checkRow) : before.results.map((old) => {
    const now = candidate.after?.results.find((result) => result.test === old.test);
    return [safe(old.test), status(old), now ? status(now) : '—'];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  // Pad first, colour after: escape codes would throw the columns off. The last column needs no padding.
  const pad = (cell: string, column: number) => (column === header.length - 1 ? cell : cell.padEnd(widths[column]!));
  const colour = (cell: string) => (cell.startsWith('passed') ? paint('green', cell) : cell.startsWith('failed') ? paint('red', cell) : paint('yellow', cell));
  return [
    paint('bold', header.map(pad).join('  ')),
    ...rows.map((row) => row.map((cell, column) => (column === 0 || column === 3 ? pad(cell, column) : colour(pad(cell, column)))).join('  ')),
  ].join('\n');
}

/** `passed 8/8`: a test's own rule decides the word, the counts are the evaluated samples. */
function checkRow(check: TestCheck): string[] {
  const cell = (pass: TestCheck['before'], passes: boolean) => (pass.samples === 0 ? 'no answer' : `${passes ? 'passed' : 'failed'} ${count(pass)}`);
  return [`${safe(check.test)}${check.targeted ? ' (targeted)' : ''}`, cell(check.before, check.passedBefore), cell(check.after, check.passesAfter), describeChange(check)];
}

function status(result: TestResult): string {
  const samples = result.samples.length;
  const passed = result.samples.filter((sample) => sample.status === 'passed').length;
  return `${result.status}${samples > 1 ? ` (${passed}/${samples})` : ''}`;
}

function coloredDiff(diff: string, paint: Paint): string {
  return diff
    .trimEnd()
    .split('\n')
    .map((line) => {
      const shown = showControlChars(line);
      if (line.startsWith('+++') || line.startsWith('---')) return paint('bold', shown);
      if (line.startsWith('@@')) return paint('cyan', shown);
      if (line.startsWith('+')) return paint('green', shown);
      if (line.startsWith('-')) return paint('red', shown);
      return shown;
    })
    .join('\n');
}

function spent(spent: Spent): string {
  return `Spent ${plural(spent.modelCalls, 'model call')}, ${formatDuration(spent.ms)}, ${formatCount(spent.tokens)} tokens.`;
}

function safe(text: string): string {
  return showControlChars(text);
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
