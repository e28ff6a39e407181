// What the console and Markdown reports show of a run: the totals, usage per file and the tests a
// reader has to look at. Passing tests are only counted there, so a run that writes its results
// away as they come (the CLI) keeps just this; a whole RunReport reduces to the same thing.
import type { RunReport, Summary, TestResult } from '../types.js';
import { isListedChange } from './comparison.js';
import { ModelTally, type ModelsSideBySide } from './models.js';
import { FileUsageTally, type FileUsage } from './usage-by-file.js';

export interface ReportDigest {
  summary: Summary;
  /** Tokens and cost per prompt file, in report order. */
  files: FileUsage[];
  /** Failed and errored tests, and flaky ones that passed, in report order. */
  notable: TestResult[];
  /** Compared tests that regressed, improved or stayed undecided, in report order (see LISTED_CHANGES). */
  changed: TestResult[];
  /** A run with several models: each model's figures, and which passed each test. */
  models?: ModelsSideBySide;
}

export function digestReport(report: RunReport): ReportDigest {
  const models = [...new Set(report.results.flatMap((result) => (result.model !== undefined ? [result.model] : [])))];
  const builder = new DigestBuilder({ models });
  for (const result of report.results) builder.add(result);
  return builder.finish(report.summary);
}

export class DigestBuilder {
  private readonly usage = new FileUsageTally();
  private readonly notable: TestResult[] = [];
  private readonly changed: TestResult[] = [];
  private readonly models: ModelTally | undefined;

  /** `models`: the run's models, in the order given; side by side when there are several. */
  constructor(options: { models?: readonly string[] | undefined } = {}) {
    if (options.models !== undefined && options.models.length > 1) this.models = new ModelTally(options.models);
  }

  /** Results in report order. */
  add(result: TestResult): void {
    this.usage.add(result);
    this.models?.add(result);
    if (result.status !== 'passed' || result.flaky) this.notable.push(result);
    if (isListedChange(result)) this.changed.push(result);
  }

  finish(summary: Summary): ReportDigest {
    return { summary, files: this.usage.files(), notable: this.notable, changed: this.changed, ...(this.models ? { models: this.models.finish() } : {}) };
  }
}

/** Results a reader has to act on: failed and errored tests, in report order. */
export function problemsOf(digest: ReportDigest): TestResult[] {
  return digest.notable.filter((result) => result.status !== 'passed');
}
