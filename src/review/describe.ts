// How a change and a failure read, shared by the inline comments, the review body and the summary.
import { inlineCode } from '../report/markdown-safe.js';
import { assertionLabel, failingAssertions, testLocation } from '../report/result-facts.js';
import type { TestResult } from '../types.js';
import type { Change, ComparedTest } from './classify.js';
import { quotedName, safeLine, samplesText } from './text.js';

const LABELS: Record<Change, string> = {
  regression: 'Regression',
  'new-failing': 'New failure',
  'still-failing': 'Still failing',
  errored: 'Errored',
  fixed: 'Fixed',
  passing: 'Passing',
};

export function changeLabel(change: Change): string {
  return LABELS[change];
}

/** `**Regression**: "refund window" fails now, passed on the base branch` */
export function changeHeading(compared: ComparedTest): string {
  const name = quotedName(compared.test);
  switch (compared.change) {
    case 'regression':
      return `**Regression**: ${name} fails now, passed on the base branch`;
    case 'still-failing':
      return `**Still failing**: ${name} fails, as it did on the base branch`;
    case 'new-failing':
      return compared.base
        ? `**Failing**: ${name} fails; on the base branch it could not be evaluated`
        : `**New failure**: ${name} fails, and there is no such test on the base branch`;
    case 'errored':
      return `**Errored**: ${name} could not be evaluated`;
    case 'fixed':
      return `**Fixed**: ${name} passes now, failed on the base branch`;
    case 'passing':
      return `**Passing**: ${name} passes`;
  }
}

/** `prompts/a.prompt.yaml:12` · Suite name · flaky: 3/5 samples passed, needs 80% */
export function locationLine(result: TestResult): string {
  const samples = samplesText(result);
  return [inlineCode(testLocation(result)), safeLine(result.suite, 200), ...(samples ? [samples] : [])].join(' · ');
}

/** The first failing assertion and its reason on one line, e.g. for a table cell. */
export function whatBroke(result: TestResult, maxChars: number): string {
  const failing = failingAssertions(result);
  const first = failing[0];
  if (!first) return safeLine(result.error ?? (result.flaky ? 'not enough samples passed' : result.status), maxChars);
  const more = failing.length > 1 ? ` (+${failing.length - 1} more)` : '';
  return `${inlineCode(assertionLabel(first))}: ${safeLine(first.reason, maxChars)}${more}`;
}
