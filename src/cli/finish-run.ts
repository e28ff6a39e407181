// The end of `promptgate run`, compared or not: the report files written, the console report, and
// the exit code (a stop by signal, a report not written, then the verdict under --fail-on).
import type { StopSignals } from '../engine/stop-signals.js';
import { formatConsoleDigest } from '../report/console.js';
import type { ReportDigest } from '../report/digest.js';
import type { ComparisonFacts } from '../report/markdown.js';
import type { ReportHead } from '../types.js';
import { failOnVerdict, type RunVerdict } from '../verdict.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { ReportFiles } from './report-files.js';
import type { RunSettings } from './settings.js';
import type { Terminal } from './terminal.js';

export interface RunEnd {
  settings: RunSettings;
  terminal: Terminal;
  reportFiles: ReportFiles;
  stopSignals: StopSignals;
}

/** `comparison`: what a compared run was compared with, for the console and the Markdown report. */
export function finishRun(head: ReportHead, digest: ReportDigest, end: RunEnd, comparison?: ComparisonFacts): ExitCodeValue {
  const { settings, terminal, reportFiles } = end;
  const failures = reportFiles.finish(head, digest, comparison ? { comparison } : {});
  const shown = comparison ? { comparedWith: comparison.against, ...(comparison.base ? { baseSummary: comparison.base } : {}) } : {};
  terminal.stdout.write(formatConsoleDigest(digest, { color: settings.color, quiet: settings.quiet, ...shown }) + '\n');
  for (const failure of failures) terminal.stderr.write(`promptgate: could not write ${failure.what}: ${failure.why}\n`);

  const stoppedBy = end.stopSignals.received;
  if (stoppedBy) {
    terminal.stderr.write(`promptgate: stopped by ${stoppedBy}; tests not finished are reported as errored (cancelled).\n`);
    return stoppedBy === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted;
  }
  if (failures.length > 0) {
    const others = reportFiles.count > failures.length ? ' The other reports were written.' : '';
    terminal.stderr.write(`promptgate: the run finished, but its results were not all saved.${others}\n`);
    return ExitCode.ReportNotWritten;
  }
  return exitCodeOf(failOnVerdict(head, settings.failOn, settings.minPassRate));
}

/** The exit code for the run's verdict. */
export function exitCodeOf(verdict: RunVerdict): ExitCodeValue {
  if (verdict === 'failed') return ExitCode.Failed;
  if (verdict === 'errored') return ExitCode.ProviderErrors;
  return ExitCode.Ok;
}
