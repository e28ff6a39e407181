// The inline comment for one finding: what changed, the inputs, each failing assertion, and the
// output (for a regression, base output next to head output), then the hidden fingerprint.
import { sideText } from '../report/comparison.js';
import { fenceCode, inlineCode, truncate } from '../report/markdown-safe.js';
import { plural } from '../report/numbers.js';
import { assertionLabel, compactVars, failingAssertions } from '../report/result-facts.js';
import type { TestComparison } from '../types.js';
import type { AnchorReason } from './anchor.js';
import { changeHeading, locationLine } from './describe.js';
import type { Finding } from './findings.js';
import type { JobIdentity } from './job.js';
import { DEFAULT_MAX_CHARS } from './limits.js';
import { findingMarker } from './markers.js';
import { jobName, safeLine } from './text.js';

/** How much of each part to show; tried from the most generous until the comment fits. */
interface Detail {
  outputCap: number;
  reasonCap: number;
  maxAssertions: number;
  varsCap: number;
}

// The first level is what a reader wants even when there is room for more: a comment that needs
// scrolling past pages of output is not read.
const DETAIL_LEVELS: Detail[] = [
  { outputCap: 4000, reasonCap: 500, maxAssertions: 20, varsCap: 300 },
  { outputCap: 2000, reasonCap: 500, maxAssertions: 20, varsCap: 300 },
  { outputCap: 1000, reasonCap: 300, maxAssertions: 10, varsCap: 300 },
  { outputCap: 400, reasonCap: 200, maxAssertions: 5, varsCap: 200 },
  { outputCap: 150, reasonCap: 150, maxAssertions: 3, varsCap: 100 },
  { outputCap: 0, reasonCap: 100, maxAssertions: 1, varsCap: 0 },
];

/** The detail used for a finding shown inside the review body, among others. */
export const COMPACT_DETAIL: Detail = { outputCap: 600, reasonCap: 200, maxAssertions: 3, varsCap: 200 };
export const MINIMAL_DETAIL: Detail = DETAIL_LEVELS.at(-1)!;

// Outputs longer than this fold into <details> so the comment stays scannable.
const FOLD_OVER_CHARS = 800;
const FOLD_OVER_LINES = 12;

/** `job`: whose finding this is; without one, the marker names no job (as before jobs had identities). */
export function renderFindingComment(finding: Finding, options: { maxChars?: number; job?: JobIdentity } = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const { job } = options;
  // Several jobs may comment on the same line (a matrix over models): the label tells them apart.
  const tail = (job?.label !== undefined ? `<sub>${jobName(job)}</sub>\n\n` : '') + findingMarker(finding.fingerprint, { ...(job ? { job: job.key } : {}) });
  for (const detail of DETAIL_LEVELS) {
    const body = `${findingDetails(finding, detail)}\n\n${tail}`;
    if (body.length <= maxChars) return body;
  }
  // Only a tiny maxChars gets here. Plain text is cut (never a fence, which would swallow the
  // marker into a visible code block); the marker is kept, since without it reruns repost.
  const heading = truncate(changeHeading(finding.compared), Math.max(0, maxChars - tail.length - 2));
  return `${heading}\n\n${tail}`;
}

/** The comment without its marker, at a given level of detail. */
export function findingDetails(finding: Finding, detail: Detail): string {
  const { head, base, change } = finding.compared;
  const parts = [changeHeading(finding.compared), locationLine(head)];
  if (head.comparison) parts.push(evidenceLine(head.comparison));

  if (detail.varsCap > 0 && Object.keys(head.vars).length > 0) {
    parts.push(`**Vars:** ${inlineCode(truncate(compactVars(head.vars), detail.varsCap))}`);
  }

  const failing = failingAssertions(head);
  if (failing.length > 0) {
    const shown = failing.slice(0, detail.maxAssertions).map((a) => `- ${inlineCode(assertionLabel(a))}: ${safeLine(a.reason, detail.reasonCap)}`);
    const hidden = failing.length - shown.length;
    if (hidden > 0) shown.push(`- …and ${plural(hidden, 'more failing assertion')}`);
    parts.push(`**Failing ${failing.length === 1 ? 'assertion' : 'assertions'}**\n${shown.join('\n')}`);
  }

  if (detail.outputCap > 0) {
    if (change === 'regression' && base) {
      // A sample that passed shows what the base got right, whatever its other samples did.
      const passed = base.samples.find((sample) => sample.status === 'passed');
      parts.push(outputBlock(`Output on the base branch (${passed ? 'passed' : base.status})`, passed?.output ?? base.output, detail.outputCap));
      parts.push(outputBlock('Output now', head.output, detail.outputCap));
    } else {
      parts.push(outputBlock('Output', head.output, detail.outputCap));
    }
  }

  const why = anchorNote(finding.anchorReason);
  if (why) parts.push(`<sub>${why}</sub>`);
  return parts.join('\n\n');
}

/** `**Samples passed:** 8/8 (68–100%) on the base branch → 0/8 (0–32%) now`, with what the brackets are. */
function evidenceLine(comparison: TestComparison): string {
  const { base, head } = comparison;
  if (!base) return `**Samples passed:** ${sideText(head)} <sub>(95% Wilson interval; no such test on the base branch)</sub>`;
  return `**Samples passed:** ${sideText(base)} on the base branch → ${sideText(head)} now <sub>(95% Wilson intervals)</sub>`;
}

function outputBlock(title: string, output: string, cap: number): string {
  if (output === '') return `**${title}:** _the model returned no output._`;
  // Truncated before fencing: the fence is sized to the longest backtick run in what is shown.
  const fenced = fenceCode(truncate(output, cap));
  const lineCount = output.split('\n').length;
  if (output.length <= FOLD_OVER_CHARS && lineCount <= FOLD_OVER_LINES) return `**${title}**\n\n${fenced}`;
  const size = `${plural(lineCount, 'line')}, ${plural(output.length, 'character')}${output.length > cap ? ', truncated' : ''}`;
  // The blank lines around the fence are what make GitHub render Markdown inside the HTML block.
  return `<details>\n<summary>${title} (${size})</summary>\n\n${fenced}\n\n</details>`;
}

/** Why the comment sits where it does, when that is not obvious from the line itself. */
function anchorNote(reason: AnchorReason | undefined): string | undefined {
  switch (reason) {
    case 'message-changed':
      return 'Placed on a line of the prompt messages this PR changed: the most likely cause.';
    case 'file-assertion-changed':
      return 'Placed on a file-level assertion this PR changed.';
    case 'file-setting-changed':
      return 'Placed on a file-level setting this PR changed (vars, model or parameters apply to every test).';
    case 'file-in-pr':
      return 'None of the lines this PR changed in this file belongs to this test or to the prompt.';
    case 'no-patch':
      return 'GitHub shows no diff for this file (too large or binary), so this comment is on the file.';
    case 'not-in-pr':
      return 'This PR does not change this file.';
    default:
      return undefined;
  }
}
