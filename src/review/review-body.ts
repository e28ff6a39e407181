// The body of the one review a run posts: counts, the findings that have no place in the diff
// (each as a compact block), and a one-line list of those beyond the inline-comment cap.
import { inlineCode, truncate } from '../report/markdown-safe.js';
import { formatCount, plural } from '../report/numbers.js';
import { testLocation } from '../report/result-facts.js';
import type { Change } from './classify.js';
import { COMPACT_DETAIL, MINIMAL_DETAIL, findingDetails } from './finding-comment.js';
import { DEFAULT_MAX_CHARS } from './limits.js';
import type { Finding } from './findings.js';
import type { JobIdentity } from './job.js';
import { reviewMarker } from './markers.js';
import { changeLabel, whatBroke } from './describe.js';
import { countsText } from './evidence-text.js';
import { FINDING_CHANGES } from './order.js';
import { footerLine, jobName, quotedName } from './text.js';

export interface ReviewBodyInput {
  /** Every finding of this run. */
  findings: Finding[];
  /** How many of them this review posts as inline (line or file) comments. */
  inline: number;
  /** Findings beyond the inline-comment cap: listed one line each. */
  overflow: Finding[];
  headSha: string;
  runUrl?: string;
  /** Whose review this is; without one, the marker names no job (as before jobs had identities). */
  job?: JobIdentity;
}

const CHANGE_COUNT_LABELS: Partial<Record<Change, [string, string]>> = {
  regression: ['regression', 'regressions'],
  'new-failing': ['new failure', 'new failures'],
};
const ONE_LINE_REASON_MAX_CHARS = 150;
// Room kept for the "…and N more" line.
const NOTE_RESERVE = 200;

export function renderReviewBody(input: ReviewBodyInput, options: { maxChars?: number } = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  // A finding both unanchored and over the cap is shown once, as a block (it has nowhere else to go).
  const unanchored = input.findings.filter((finding) => finding.anchor.kind === 'body');
  const unanchoredPrints = new Set(unanchored.map((finding) => finding.fingerprint));
  const listed = input.overflow.filter((finding) => !unanchoredPrints.has(finding.fingerprint));
  const head = overview(input, unanchored.length, listed.length);
  const footer = footerLine(input.headSha, input.runUrl);

  const listSection = (items: Finding[]): string[] => (items.length > 0 ? ['#### Not commented inline\n\n' + items.map(oneLiner).join('\n')] : []);
  for (const detail of [COMPACT_DETAIL, MINIMAL_DETAIL]) {
    const blocks = unanchored.map((finding) => findingDetails(finding, detail));
    // A rule between blocks: one finding's output must not read as the next one's.
    const separated = blocks.flatMap((block, index) => (index === 0 ? [block] : ['---', block]));
    const parts = [head, ...(blocks.length > 0 ? ['#### Outside this PR’s diff', ...separated] : []), ...listSection(listed), footer];
    const document = parts.join('\n\n');
    if (document.length <= maxChars) return document;
  }

  // Too many to show in full: everything one line each, as many as fit.
  const everything = [...unanchored, ...listed];
  const lines: string[] = [];
  let budget = maxChars - head.length - footer.length - NOTE_RESERVE;
  for (const finding of everything) {
    const line = oneLiner(finding);
    if (line.length + 1 > budget) break;
    lines.push(line);
    budget -= line.length + 1;
  }
  const omitted = everything.length - lines.length;
  const parts = [head, ...(lines.length > 0 ? ['#### Not commented inline\n\n' + lines.join('\n')] : [])];
  if (omitted > 0) parts.push(`_…and ${plural(omitted, 'more finding')} not shown here, to stay within GitHub's size limit._`);
  parts.push(footer);
  // The budget above keeps well inside the limit; this only guards a tiny maxChars.
  return truncate(parts.join('\n\n'), maxChars);
}

function overview(input: ReviewBodyInput, unanchored: number, listed: number): string {
  const total = input.findings.length;
  const marker = reviewMarker(input.job?.key);
  const name = jobName(input.job);
  if (total === 0) return `${marker}\n### ✅ ${name}: no failing tests`;
  const counts = FINDING_CHANGES.flatMap((change) => {
    const count = input.findings.filter((finding) => finding.compared.change === change).length;
    const [one, many] = CHANGE_COUNT_LABELS[change]!;
    return count > 0 ? [`${formatCount(count)} ${count === 1 ? one : many}`] : [];
  });
  const placement = [
    ...(input.inline > 0 ? [`${plural(input.inline, 'inline comment')} in this review`] : []),
    ...(unanchored > 0 ? [`${formatCount(unanchored)} outside the diff, shown below`] : []),
    ...(listed > 0 ? [`${formatCount(listed)} more over the inline-comment limit, listed below`] : []),
  ];
  return [
    marker,
    `### ❌ ${name}: ${plural(total, 'failing test')}`,
    '',
    counts.join(' · '),
    ...(placement.length > 0 ? ['', `${placement.join('; ')}.`] : []),
  ].join('\n');
}

function oneLiner(finding: Finding): string {
  const { head, change } = finding.compared;
  const counts = head.comparison ? [`${countsText(head.comparison)} samples passed`] : [];
  return [`- **${changeLabel(change)}**: ${quotedName(head.test)}`, inlineCode(testLocation(head)), ...counts, whatBroke(head, ONE_LINE_REASON_MAX_CHARS)].join(' · ');
}
