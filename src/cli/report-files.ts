// The report files of `promptgate run` (--output, --junit, --markdown): checked before the first
// model call, fed each test's result as it is final, and put together when the run ends. JSON and
// JUnit results go to temporary files as they come, so a run of any size holds only the tests a
// reader must see (failures) and the totals; the file that cannot be written does not stop the others.
import { resolve } from 'node:path';
import { SpoolDirectory, type Spool } from '../fs/spool.js';
import { describeIoError, OutputPathError, OutputTarget } from '../fs/output-target.js';
import { digestToMarkdown, type MarkdownOptions } from '../report/markdown.js';
import type { ReportDigest } from '../report/digest.js';
import { jsonHead, jsonResultEntry, jsonResultsClose, jsonResultsOpen } from '../report/json.js';
import { JUNIT_CLOSE, junitOpen, JUnitSuite, testcase, TESTSUITE_CLOSE } from '../report/junit.js';
import type { ReportHead, TestResult } from '../types.js';
import type { RunSettings } from './settings.js';
import { ReportPathError } from './refusal-reports.js';
import { UsageError } from './usage-error.js';

/** What the Markdown report holds: the summary (with what it adds), or a document made elsewhere (a release report). */
export type MarkdownContent = MarkdownOptions | { document: string };

export interface ReportFileFailure {
  /** `the JSON report (--output results.json)` */
  what: string;
  /** `no space left on the device (ENOSPC)` */
  why: string;
}

interface ReportWriter {
  /** `--output` */
  readonly flag: string;
  /** `the JSON report` */
  readonly name: string;
  readonly shownPath: string;
  readonly target: OutputTarget;
  add(result: TestResult): void;
  write(head: ReportHead, digest: ReportDigest, markdown: MarkdownContent): void;
}

export class ReportFiles {
  private constructor(
    private readonly writers: ReportWriter[],
    private readonly spools: SpoolDirectory | undefined,
  ) {}

  /**
   * Checks every path and sets up the temporary files. Throws a UsageError naming the path and why
   * it cannot be written: the run has not started, so nothing is lost.
   */
  static open(outputs: RunSettings['outputs'], cwd: string, options: { showModel?: boolean } = {}): ReportFiles {
    const targets = {
      json: outputs.json === undefined ? undefined : checked('--output', outputs.json, cwd),
      junit: outputs.junit === undefined ? undefined : checked('--junit', outputs.junit, cwd),
      markdown: outputs.markdown === undefined ? undefined : checked('--markdown', outputs.markdown, cwd),
    };
    let spools: SpoolDirectory | undefined;
    const spool = (name: string): Spool => {
      try {
        spools ??= SpoolDirectory.create();
        return spools.spool(name);
      } catch (error) {
        spools?.remove();
        throw new UsageError(
          `cannot create a temporary file for the reports: ${describeIoError(error)}; set TMPDIR to a writable directory. Nothing was sent to the model.`,
        );
      }
    };
    // JSON first: the later reporters must never cost the results.
    const writers: ReportWriter[] = [];
    if (targets.json) writers.push(new JsonWriter(outputs.json!, targets.json, spool('results.json')));
    if (targets.junit) writers.push(new JUnitWriter(outputs.junit!, targets.junit, spool('junit.xml'), options.showModel ?? false));
    if (targets.markdown) writers.push(new MarkdownWriter(outputs.markdown!, targets.markdown));
    return new ReportFiles(writers, spools);
  }

  /** How many report files the run writes. */
  get count(): number {
    return this.writers.length;
  }

  /** Results in report order, as the run hands them out. */
  add(result: TestResult): void {
    for (const writer of this.writers) writer.add(result);
  }

  /** Writes every file; returns those that could not be written, and why. `markdown`: what the Markdown report holds. */
  finish(head: ReportHead, digest: ReportDigest, markdown: MarkdownContent = {}): ReportFileFailure[] {
    const failures: ReportFileFailure[] = [];
    try {
      for (const writer of this.writers) {
        try {
          writer.write(head, digest, markdown);
        } catch (error) {
          failures.push({ what: `${writer.name} (${writer.flag} ${writer.shownPath})`, why: describeIoError(error) });
        }
      }
    } finally {
      this.discard();
    }
    return failures;
  }

  /** Removes the temporary files; the report files are left as they were. */
  discard(): void {
    this.spools?.remove();
  }
}

function checked(flag: string, path: string, cwd: string): OutputTarget {
  try {
    return OutputTarget.check(resolve(cwd, path));
  } catch (error) {
    if (!(error instanceof OutputPathError)) throw error;
    throw new ReportPathError(flag, `${flag} ${path} cannot be written: ${error.message}. Nothing was sent to the model; choose another path.`);
  }
}

class JsonWriter implements ReportWriter {
  readonly flag = '--output';
  readonly name = 'the JSON report';
  private count = 0;

  constructor(
    readonly shownPath: string,
    readonly target: OutputTarget,
    private readonly spool: Spool,
  ) {}

  add(result: TestResult): void {
    this.spool.append((this.count++ === 0 ? '' : ',\n') + jsonResultEntry(result));
  }

  write(head: ReportHead): void {
    try {
      this.target.write((append) => {
        append(jsonHead(head) + jsonResultsOpen(this.count));
        this.spool.copy(append);
        append(jsonResultsClose(this.count));
      });
    } finally {
      this.spool.close();
    }
  }
}

/**
 * One <testsuite> per prompt file, whose totals come before its testcases: the testcases are
 * spooled as they come, each file's stretch of the spool remembered, and the file put together
 * suite by suite at the end. Results come in report order, so a file's tests are contiguous.
 */
class JUnitWriter implements ReportWriter {
  readonly flag = '--junit';
  readonly name = 'the JUnit report';
  private readonly suites: { suite: JUnitSuite; start: number; end: number }[] = [];

  constructor(
    readonly shownPath: string,
    readonly target: OutputTarget,
    private readonly spool: Spool,
    private readonly showModel: boolean,
  ) {}

  add(result: TestResult): void {
    let current = this.suites.at(-1);
    if (current?.suite.file !== result.file) {
      current = { suite: new JUnitSuite(result.file), start: this.spool.size, end: this.spool.size };
      this.suites.push(current);
    }
    current.suite.add(result);
    this.spool.append(lines(testcase(result, { showModel: this.showModel })));
    current.end = this.spool.size;
  }

  write(head: ReportHead): void {
    try {
      this.target.write((append) => {
        append(lines(junitOpen(head)));
        for (const { suite, start, end } of this.suites) {
          append(lines(suite.open(head.startedAt)));
          this.spool.copy(append, start, end);
          append(lines([TESTSUITE_CLOSE]));
        }
        append(lines([JUNIT_CLOSE]));
      });
    } finally {
      this.spool.close();
    }
  }
}

/** Totals and failures only, at most 60,000 characters, built from the digest at the end; or a compared run's release report. */
class MarkdownWriter implements ReportWriter {
  readonly flag = '--markdown';
  readonly name = 'the Markdown report';

  constructor(
    readonly shownPath: string,
    readonly target: OutputTarget,
  ) {}

  add(): void {}

  write(_head: ReportHead, digest: ReportDigest, markdown: MarkdownContent): void {
    this.target.write((append) => append('document' in markdown ? markdown.document : digestToMarkdown(digest, markdown)));
  }
}

function lines(texts: string[]): string {
  return texts.map((text) => `${text}\n`).join('');
}
