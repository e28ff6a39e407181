// How a change and a failure read, shared by the inline comments, the review body and the summary.
import { inlineCode } from '../report/markdown-safe.js';
import { assertionLabel, failingAssertions, testLocation } from '../report/result-facts.js';
import type { TestResult } from '../types.js';
import type { Change, ComparedTest } from './classify.js';
import { countsText } from './evidence-text.js';
import { quotedName, safeLine, samplesText } from './text.js';

const LABELS: Record<Change, string> = {
  regression: 'Regression',
  'new-failing': 'New failure',
  inconclusive: 'Inconclusive',
  'still-failing': 'Still failing',
  errored: 'Errored',
  improved: 'Improved',
  passing: 'Passing',
};

export function changeLabel(change: Change): string {
  return LABELS[change];
}

/** `**Regression**: "refund window" passes less often than on the base branch (8/8 → 0/8)` */
export function changeHeading(compared: ComparedTest): string {
  const name = quotedName(compared.test);
  const comparison = compared.head.comparison;
  const counts = comparison ? ` (${countsText(comparison)})` : '';
  switch (compared.change) {
    case 'regression':
      return `**Regression**: ${name} passes less often than on the base branch${counts}`;
    case 'inconclusive':
      return `**Inconclusive**: ${name} may have changed, but the samples do not decide${counts}`;
    case 'still-failing':
      return `**Still failing**: ${name} fails, as it did on the base branch${counts}`;
    case 'new-failing':
      return compared.base
        ? `**Failing**: ${name} fails; on the base branch it could not be evaluated`
        : `**New failure**: ${name} fails, and there is no such test on the base branch`;
    case 'errored':
      return `**Errored**: ${name} could not be evaluated`;
    case 'improved':
      return `**Improved**: ${name} passes more often than on the base branch${counts}`;
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
