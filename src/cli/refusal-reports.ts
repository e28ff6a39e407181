// The report files of a `promptgate run` refused before any call (exit code 2): each file asked for
// (--output, --junit, --markdown) is written with the problems, so a CI test reporter says why
// nothing ran. Never over a file the run reads: a report written in place of a prompt file would
// lose it, and the run that wrote it has just said that something is wrong.
import { resolve } from 'node:path';
import { describeIoError, OutputPathError, OutputTarget } from '../fs/output-target.js';
import type { Redactor } from '../redact.js';
import { toJson } from '../report/json.js';
import { refusedRunJUnit, refusedRunMarkdown, refusedRunReport } from '../report/refused-run.js';
import type { Problem } from '../types.js';
import type { RunSettings } from './settings.js';
import { UsageError } from './usage-error.js';

/** A UsageError about a report path itself: that report is not written, and its message says why. */
export class ReportPathError extends UsageError {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Refusal {
  problems: Problem[];
  outputs: RunSettings['outputs'];
  /** Files the run reads (prompt files, the baseline), as given or found: never written over. */
  inputs: string[];
  /** A report path the refusal is about (it cannot be written, or is a prompt file): left alone. */
  skip?: string;
}

export interface RefusalContext {
  cwd: string;
  version: string;
  stderr: NodeJS.WritableStream;
  /** Hides the run's keys: a problem can quote what a file or a flag holds. */
  redact: Redactor;
}

/** The problem a usage error is to a report: about the call itself, so at no file and line. */
export function usageProblem(error: UsageError): Problem {
  return { file: '', line: 0, column: 0, severity: 'error', message: error.message };
}

export function writeRefusalReports(refusal: Refusal, context: RefusalContext): void {
  const { outputs } = refusal;
  if (outputs.json === undefined && outputs.junit === undefined && outputs.markdown === undefined) return;
  const problems = refusal.problems.map((problem) => ({ ...problem, file: context.redact(problem.file), message: context.redact(problem.message) }));
  const startedAt = new Date().toISOString();
  const reports: [flag: string, path: string | undefined, content: () => string][] = [
    ['--output', outputs.json, () => toJson(refusedRunReport(problems, { startedAt, version: context.version }))],
    ['--junit', outputs.junit, () => refusedRunJUnit(problems, startedAt)],
    ['--markdown', outputs.markdown, () => refusedRunMarkdown(problems)],
  ];
  const inputs = new Set(refusal.inputs.map((file) => resolve(context.cwd, file)));
  for (const [flag, path, content] of reports) {
    if (path === undefined || flag === refusal.skip) continue;
    const target = resolve(context.cwd, path);
    const refused = inputs.has(target) ? 'the run reads that file' : readLikeInput(path);
    if (refused) {
      context.stderr.write(`promptgate: ${flag} ${path} was not written: ${refused}; choose another path.\n`);
      continue;
    }
    try {
      OutputTarget.check(target).write((append) => append(content()));
    } catch (error) {
      const why = error instanceof OutputPathError ? error.message : describeIoError(error);
      context.stderr.write(`promptgate: ${flag} ${path} was not written: ${why}.\n`);
    }
  }
}

/**
 * Without the run's file list (a bad config, a flag refused before the files are read), any YAML
 * file may be a prompt file or the config, and reports are JSON, XML and Markdown, never YAML. A
 * YAML path is refused even when nothing is there yet: a new `*.prompt.yaml` would be read by the
 * next run as a prompt file.
 */
function readLikeInput(path: string): string | undefined {
  return /\.ya?ml$/i.test(path) ? 'it is named like a prompt file or the config file (YAML)' : undefined;
}
