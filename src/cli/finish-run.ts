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
import type { ReportHead } from '../types.js';
import { gatedVerdict, type RunVerdict } from '../verdict.js';
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
  // Nothing was judged for that endpoint's tests: whatever the others did, the run needs fixing first.
  if (down.length > 0 && settings.failOn !== 'never') return ExitCode.ProviderErrors;
  const rule = { gates, ...(settings.failOn !== undefined ? { failOn: settings.failOn } : {}), ...(settings.minPassRate !== undefined ? { minPassRate: settings.minPassRate } : {}) };
  return exitCodeOf(gatedVerdict(head, rule));
}

/** The exit code for the run's verdict. */
export function exitCodeOf(verdict: RunVerdict): ExitCodeValue {
  if (verdict === 'failed') return ExitCode.Failed;
  if (verdict === 'errored') return ExitCode.ProviderErrors;
  return ExitCode.Ok;
}
