// The end of `promptgate run`, compared or not: the report files written, the console report, and
// the exit code (a stop by signal, a report not written, then the verdict of the gates and --fail-on).
import type { StopSignals } from '../engine/stop-signals.js';
import type { GateOutcome } from '../gates/gate.js';
import { formatGatesForConsole } from '../gates/gates-console.js';
import { gatesMarkdown } from '../gates/release-report.js';
import { formatConsoleDigest } from '../report/console.js';
import { showControlChars } from '../report/control-chars.js';
import { describeEndpointsDown } from '../report/endpoint-down.js';
import type { ReportDigest } from '../report/digest.js';
import type { ComparisonFacts } from '../report/markdown.js';
import { formatCount, plural } from '../report/numbers.js';
import type { ReportHead, Summary } from '../types.js';
import { gatedVerdict, type RunVerdict } from '../verdict.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { ReportFiles } from './report-files.js';
import type { RunSettings } from './settings.js';
import type { Terminal } from './terminal.js';

export interface RunEnd {
  /** What the end reads of the settings: `promptgate merge` ends the same way with these alone. */
  settings: Pick<RunSettings, 'color' | 'quiet' | 'failOn' | 'minPassRate'>;
  terminal: Terminal;
  reportFiles: ReportFiles;
  stopSignals: Pick<StopSignals, 'received'>;
}

/** What the run found besides its results. */
export interface RunFindings {
  /** The gates checked, with their figures; empty when none applies. */
  gates: GateOutcome[];
  /** What a compared run was compared with, for the console and the Markdown report. */
  comparison?: ComparisonFacts & { removed: { file: string; test: string }[] };
  /**
   * A compared run's release report: what --markdown writes, in place of the summary a run
   * compared with nothing gets (its failures are in the console, the JSON and the JUnit report).
   */
  releaseReport?: string;
}

export function finishRun(head: ReportHead, digest: ReportDigest, end: RunEnd, findings: RunFindings): ExitCodeValue {
  const { settings, terminal, reportFiles } = end;
  const stoppedBy = end.stopSignals.received;
  // The reports name the signal that cut the run short; the core only knows its signal aborted.
  if (stoppedBy && head.summary.interrupted) ({ head, digest } = withSignal(head, digest, stoppedBy));
  const { comparison, gates } = findings;
  const markdown = findings.releaseReport !== undefined
    ? { document: findings.releaseReport }
    : { ...(comparison ? { comparison } : {}), ...(gates.length > 0 ? { extraSections: [`### Gates\n\n${gatesMarkdown(gates).join('\n').trimEnd()}`] } : {}) };
  const failures = reportFiles.finish(head, digest, markdown);
  const shown = comparison
    ? { comparedWith: comparison.against, removed: comparison.removed, ...(comparison.base ? { baseSummary: comparison.base } : {}) }
    : {};
  const sections = gates.length > 0 ? [formatGatesForConsole(gates, { color: settings.color })] : [];
  terminal.stdout.write(formatConsoleDigest(digest, { color: settings.color, quiet: settings.quiet, ...shown, sections }) + '\n');
  for (const failure of failures) terminal.stderr.write(`promptgate: could not write ${failure.what}: ${failure.why}\n`);
  // Last, so it is what a user reads first: the run stopped calling an endpoint whose first calls all failed.
  const down = head.summary.endpointsDown ?? [];
  if (down.length > 0) terminal.stderr.write(showControlChars(describeEndpointsDown(down).replace(/^(?=\S)/gm, 'promptgate: ')) + '\n');

  if (stoppedBy) {
    terminal.stderr.write(`promptgate: ${describeStop(stoppedBy, head.summary)}\n`);
    return stoppedBy === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted;
  }
  if (failures.length > 0) {
    const others = reportFiles.count > failures.length ? ' The other reports were written.' : '';
    terminal.stderr.write(`promptgate: the run finished, but its results were not all saved.${others}\n`);
    return ExitCode.ReportNotWritten;
  }
  // Nothing was judged for that endpoint's tests: whatever the others did, the run needs fixing first.
  if (down.length > 0 && settings.failOn !== 'never') return ExitCode.ProviderErrors;
  const rule = { gates, ...(settings.failOn !== undefined ? { failOn: settings.failOn } : {}), ...(settings.minPassRate !== undefined ? { minPassRate: settings.minPassRate } : {}) };
  return exitCodeOf(gatedVerdict(head, rule));
}

function withSignal(head: ReportHead, digest: ReportDigest, signal: string): { head: ReportHead; digest: ReportDigest } {
  const summary: Summary = { ...head.summary, interrupted: { ...head.summary.interrupted!, signal } };
  return { head: { ...head, summary }, digest: { ...digest, summary } };
}

/** One line, whatever the run's size: the results already say what finished. */
function describeStop(signal: string, summary: Summary): string {
  const cut = summary.interrupted;
  // A compared run's rounds keep what they cut as errored samples: no evidence, but still listed.
  if (!cut) return `stopped by ${signal}; tests not finished are reported as errored (cancelled).`;
  if (cut.notFinished === 0) return `stopped by ${signal} after all ${plural(cut.planned, 'test')} had finished.`;
  return `stopped by ${signal} after ${formatCount(summary.total)} of ${plural(cut.planned, 'test')}; ${formatCount(cut.notFinished)} not finished, left out of the results and the reports.`;
}

/** The exit code for the run's verdict. */
export function exitCodeOf(verdict: RunVerdict): ExitCodeValue {
  if (verdict === 'failed') return ExitCode.Failed;
  if (verdict === 'errored') return ExitCode.ProviderErrors;
  return ExitCode.Ok;
}
