// Small pieces of text every review comment uses, each safe to drop into Markdown as it is.
import { neutralizeMarkdown, truncate } from '../report/markdown-safe.js';
import type { TestResult } from '../types.js';
import { formatPercent } from '../report/numbers.js';
import type { JobIdentity } from './job.js';

/** Untrusted text for a heading, list item, paragraph or table cell: one line, capped, then neutralised. */
export function safeLine(text: string, maxChars: number): string {
  return neutralizeMarkdown(truncate(text.replace(/\s*[\r\n]+\s*/g, ' '), maxChars));
}

/** `promptgate`, or `promptgate (label)` for a job with a label: several jobs may publish on one pull request. */
export function jobName(job: JobIdentity | undefined): string {
  return job?.label !== undefined ? `promptgate (${safeLine(job.label, 100)})` : 'promptgate';
}

/** `"refund window"`, neutralised and capped: test names are user-written. */
export function quotedName(name: string, maxChars = 200): string {
  return `"${safeLine(name, maxChars)}"`;
}

/**
 * A commit as GitHub autolinks it. Only hex digits are kept: the sha comes from the event payload,
 * but a body must never carry text that was not checked.
 */
export function shortSha(sha: string): string {
  const hex = sha.replace(/[^0-9a-f]/gi, '').slice(0, 7).toLowerCase();
  return hex === '' ? 'unknown commit' : hex;
}

/** A Markdown link to the workflow run, or nothing when the URL is not a plain http(s) URL. */
export function runLink(runUrl: string | undefined, label = 'workflow run'): string | undefined {
  if (runUrl === undefined || !/^https?:\/\/[^\s<>()[\]"'`\\]+$/.test(runUrl)) return undefined;
  return `[${label}](${runUrl})`;
}

/** `<sub>promptgate on 9f8e7d6 · [workflow run](…)</sub>`: which commit a body describes. */
export function footerLine(headSha: string, runUrl: string | undefined): string {
  const link = runLink(runUrl);
  return `<sub>promptgate on ${shortSha(headSha)}${link ? ` · ${link}` : ''}</sub>`;
}

/** `flaky: 3/5 samples passed, needs 80%` or `0/3 samples passed, needs 100%`; undefined for a single sample. */
export function samplesText(result: TestResult): string | undefined {
  const passed = result.samples.filter((sample) => sample.status === 'passed').length;
  const evaluated = passed + result.samples.filter((sample) => sample.status === 'failed').length;
  if (result.samples.length <= 1 && !result.flaky) return undefined;
  const tally = evaluated > 0 ? `${passed}/${evaluated} samples passed` : `${formatPercent(result.passRate)} of samples passed`;
  return `${result.flaky ? 'flaky: ' : ''}${tally}, needs ${formatPercent(result.minPassRate)}`;
}
