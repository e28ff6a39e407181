// The job summary's extra section on a pull request: how each test compares with the base commit,
// with the pass counts that decided it, placed by toMarkdown between the totals and the failures
// (which carry the outputs).
import { formatBaseUsage, sideText } from '../report/comparison.js';
import { escapeTableCell, inlineCode, neutralizeMarkdown, truncate } from '../report/markdown-safe.js';
import { formatCount } from '../report/numbers.js';
import { testLocation } from '../report/result-facts.js';
import type { ComparisonSummary, SideEvidenceReport, Summary } from '../types.js';
import type { Change, ComparedTest } from './classify.js';
import { changeLabel } from './describe.js';
import { decisionNote } from './evidence-text.js';

// Passing tests are counted, not listed: the table is for what needs a look.
const LISTED: Change[] = ['regression', 'new-failing', 'inconclusive', 'still-failing', 'errored', 'improved'];
const MAX_ROWS = 200;
const NAME_MAX_CHARS = 120;

/** `summary`: the comparison's counts and terms; `base`: the base side's summary, whose calls the totals above (the head's) leave out. */
export function comparisonSection(compared: ComparedTest[], baseSha: string, notes: string[], summary?: ComparisonSummary, base?: Summary): string {
  const counts = LISTED.concat('passing').map((change) => [change, compared.filter((entry) => entry.change === change).length] as const);
  const line = counts.filter(([, count]) => count > 0).map(([change, count]) => `${formatCount(count)} ${changeLabel(change).toLowerCase()}`);
  const parts = [`### Compared with the base commit ${inlineCode(baseSha.replace(/[^0-9a-f]/gi, '').slice(0, 7))}`];
  if (notes.length > 0) parts.push(notes.map((note) => `> ${neutralizeMarkdown(truncate(note.replace(/\s+/g, ' '), 500))}`).join('\n>\n'));
  parts.push(line.length > 0 ? line.join(' · ') : 'No tests ran.');
  if (summary) parts.push(decisionNote(summary) + (base ? ` The base side took ${formatBaseUsage(base)}, which the totals above leave out.` : ''));

  const rows = LISTED.flatMap((change) => compared.filter((entry) => entry.change === change));
  if (rows.length > 0) {
    const row = (cells: string[]): string => `| ${cells.map(escapeTableCell).join(' | ')} |`;
    const side = (evidence: SideEvidenceReport | undefined, fallback: string): string => (evidence ? sideText(evidence) : fallback);
    const table = [
      row(['Change', 'Test', 'Location', 'Base', 'Head']),
      row(['---', '---', '---', '---', '---']),
      ...rows.slice(0, MAX_ROWS).map((entry) =>
        row([
          changeLabel(entry.change),
          neutralizeMarkdown(truncate(entry.test.replace(/\s+/g, ' '), NAME_MAX_CHARS)),
          inlineCode(testLocation(entry.head)),
          side(entry.head.comparison?.base, entry.base?.status ?? 'new'),
          side(entry.head.comparison?.head, entry.head.status),
        ]),
      ),
    ];
    if (rows.length > MAX_ROWS) table.push('', `…and ${formatCount(rows.length - MAX_ROWS)} more`);
    parts.push(table.join('\n'));
  }
  return parts.join('\n\n');
}
